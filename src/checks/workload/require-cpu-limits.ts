import { defineCheck } from '../define-check.js';
import { effectiveResource } from '../../kinds/quantity.js';
import { describeContainer, podContainers, podTemplate } from '../../kinds/workloads.js';

export const requireCpuLimits = defineCheck({
  meta: {
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
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    // A pod-level limit bounds the pod cgroup, and with it every container of the pod.
    if (effectiveResource(t.spec, t.specPointer, 'limits', 'cpu').state === 'set') return;
    for (const c of podContainers(t)) {
      // The API forbids resources on ephemeral containers: they run inside the pod's existing allocation.
      if (c.type === 'ephemeralContainer') continue;
      const r = effectiveResource(c.container, c.pointer, 'limits', 'cpu');
      const container = describeContainer(c);
      if (r.state === 'missing') ctx.report({ messageId: 'missing', data: { container }, path: `${c.pointer}/resources/limits` });
      else if (r.state === 'zero') ctx.report({ messageId: 'zero', data: { container, value: r.value ?? '' }, path: r.pointer ?? `${c.pointer}/resources/limits/cpu` });
    }
  },
});
