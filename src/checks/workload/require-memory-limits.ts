import { resourceRequirementCheck } from './resource-requirement.js';

export const requireMemoryLimits = resourceRequirementCheck(
  {
    id: 'require-memory-limits',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must have a memory limit.',
    rationale:
      'Memory cannot be throttled, only reclaimed by killing: a container without a memory limit (a leak, a decompression bomb, an attacker in a compromised pod) can exhaust its node, making the kernel OOM-kill other pods and system daemons and the kubelet evict workloads: a denial of service for everything on the node.',
    remediation:
      'Set resources.limits.memory to a non-zero quantity (for example "256Mi") on every container and init container, or set spec.resources.limits.memory for the whole pod.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' }],
    messages: {
      missing: 'The {{container}} has no memory limit (resources.limits.memory).',
      zero: 'The {{container}} sets its memory limit to {{value}}, which means no limit.',
    },
  },
  'limits',
  'memory',
);
