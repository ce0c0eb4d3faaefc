import { resourceRequirementCheck } from './resource-requirement.js';

export const requireMemoryRequests = resourceRequirementCheck(
  {
    id: 'require-memory-requests',
    category: 'workload',
    severity: 'low',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must request memory.',
    rationale:
      'The scheduler places pods by their requests: containers without memory requests let nodes be overcommitted, and when memory runs short the kubelet evicts pods whose usage exceeds their requests first, so these workloads (and their neighbours) are killed unpredictably. A pod with no requests at all is BestEffort and the first to be evicted.',
    remediation:
      'Set resources.requests.memory to a non-zero quantity (for example "128Mi") on every container and init container, or set spec.resources.requests.memory for the whole pod.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/' }],
    messages: {
      missing: 'The {{container}} has no memory request (resources.requests.memory).',
      zero: 'The {{container}} requests zero memory ({{value}}).',
    },
  },
  'requests',
  'memory',
);
