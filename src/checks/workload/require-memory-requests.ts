import { defineCheck } from '../define-check.js';
import { effectiveResource } from '../../kinds/quantity.js';
import { describeContainer, podContainers, podTemplate } from '../../kinds/workloads.js';

export const requireMemoryRequests = defineCheck({
  meta: {
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
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    // Pod-level resources cover every container of the pod.
    if (effectiveResource(t.spec, t.specPointer, 'requests', 'memory').state === 'set') return;
    for (const c of podContainers(t)) {
      // The API forbids resources on ephemeral containers: they run inside the pod's existing allocation.
      if (c.type === 'ephemeralContainer') continue;
      const r = effectiveResource(c.container, c.pointer, 'requests', 'memory');
      const container = describeContainer(c);
      if (r.state === 'missing') {
        ctx.report({ messageId: 'missing', data: { container }, path: `${c.pointer}/resources/requests` });
      } else if (r.state === 'zero') {
        const value = r.defaultedFromLimit ? `${r.value}, defaulted from its limit` : r.value;
        ctx.report({ messageId: 'zero', data: { container, value: value ?? '' }, path: r.pointer ?? `${c.pointer}/resources/requests/memory` });
      }
    }
  },
});
