import { resourceRequirementCheck } from './resource-requirement.js';

export const requireCpuRequests = resourceRequirementCheck(
  {
    id: 'require-cpu-requests',
    category: 'workload',
    severity: 'low',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must request CPU.',
    rationale:
      'The scheduler places pods by their requests: a container without a CPU request is scheduled as if it needed no CPU, so nodes get overcommitted and, under contention, the container gets only the minimal CPU share and is starved by its neighbours. A pod with no requests at all is BestEffort and the first to be evicted under node pressure.',
    remediation:
      'Set resources.requests.cpu to a non-zero quantity (for example "100m") on every container and init container, or set spec.resources.requests.cpu for the whole pod.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' }],
    messages: {
      missing: 'The {{container}} has no CPU request (resources.requests.cpu).',
      zero: 'The {{container}} requests zero CPU ({{value}}).',
    },
  },
  'requests',
  'cpu',
);
