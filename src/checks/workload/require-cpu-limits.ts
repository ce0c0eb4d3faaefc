import { resourceRequirementCheck } from './resource-requirement.js';

export const requireCpuLimits = resourceRequirementCheck(
  {
    id: 'require-cpu-limits',
    category: 'workload',
    severity: 'low',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must have a CPU limit.',
    rationale:
      'A container without a CPU limit may use every idle CPU of its node; a runaway loop, a crypto-miner dropped into a compromised container or a request flood then degrades every other workload on the node, and capacity planning based on limits is meaningless.',
    remediation:
      'Set resources.limits.cpu to a non-zero quantity (for example "500m") on every container and init container, or set spec.resources.limits.cpu for the whole pod.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' }],
    messages: {
      missing: 'The {{container}} has no CPU limit (resources.limits.cpu).',
      zero: 'The {{container}} sets its CPU limit to {{value}}, which means no limit.',
    },
  },
  'limits',
  'cpu',
);
