import { defineCheck } from '../define-check.js';
import { effectiveResource } from '../../kinds/quantity.js';
import { describeContainer, podContainers, podTemplate } from '../../kinds/workloads.js';

export const requireMemoryLimits = defineCheck({
  meta: {
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
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    // A pod-level limit bounds the pod cgroup, and with it every container of the pod.
    if (effectiveResource(t.spec, t.specPointer, 'limits', 'memory').state === 'set') return;
    for (const c of podContainers(t)) {
      // The API forbids resources on ephemeral containers: they run inside the pod's existing allocation.
      if (c.type === 'ephemeralContainer') continue;
      const r = effectiveResource(c.container, c.pointer, 'limits', 'memory');
      const container = describeContainer(c);
      if (r.state === 'missing') ctx.report({ messageId: 'missing', data: { container }, path: `${c.pointer}/resources/limits` });
      else if (r.state === 'zero') ctx.report({ messageId: 'zero', data: { container, value: r.value ?? '' }, path: r.pointer ?? `${c.pointer}/resources/limits/memory` });
    }
  },
});
