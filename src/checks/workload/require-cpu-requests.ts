import { defineCheck } from '../define-check.js';
import { effectiveResource } from '../../kinds/quantity.js';
import { describeContainer, podContainers, podTemplate } from '../../kinds/workloads.js';

export const requireCpuRequests = defineCheck({
  meta: {
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
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    // Pod-level resources cover every container of the pod.
    if (effectiveResource(t.spec, t.specPointer, 'requests', 'cpu').state === 'set') return;
    for (const c of podContainers(t)) {
      // The API forbids resources on ephemeral containers: they run inside the pod's existing allocation.
      if (c.type === 'ephemeralContainer') continue;
      const r = effectiveResource(c.container, c.pointer, 'requests', 'cpu');
      const container = describeContainer(c);
      if (r.state === 'missing') {
        ctx.report({ messageId: 'missing', data: { container }, path: `${c.pointer}/resources/requests` });
      } else if (r.state === 'zero') {
        const value = r.defaultedFromLimit ? `${r.value}, defaulted from its limit` : r.value;
        ctx.report({ messageId: 'zero', data: { container, value: value ?? '' }, path: r.pointer ?? `${c.pointer}/resources/requests/cpu` });
      }
    }
  },
});
