import type { CheckMeta } from '../../model/types.js';
import { effectiveResource } from '../../kinds/quantity.js';
import { describeContainer, podContainers, podTemplate } from '../../kinds/workloads.js';
import { defineCheck, type Check } from '../define-check.js';

/**
 * Template for the four requests/limits checks: each instance owns its metadata (id, severity,
 * rationale, the `missing` and `zero` messages); the Kubernetes semantics live here once.
 */
export function resourceRequirementCheck(meta: CheckMeta, kind: 'requests' | 'limits', resource: 'cpu' | 'memory'): Check {
  return defineCheck({
    meta,
    check(obj, ctx) {
      const t = podTemplate(obj);
      if (!t) return;
      // Pod-level resources cover every container of the pod.
      if (effectiveResource(t.spec, t.specPointer, kind, resource).state === 'set') return;
      for (const c of podContainers(t)) {
        // The API forbids resources on ephemeral containers: they run inside the pod's existing allocation.
        if (c.type === 'ephemeralContainer') continue;
        const r = effectiveResource(c.container, c.pointer, kind, resource);
        if (r.state === 'set') continue;
        const container = describeContainer(c);
        if (r.state === 'missing') {
          ctx.report({ messageId: 'missing', data: { container }, path: `${c.pointer}/resources/${kind}` });
        } else if (r.state === 'zero') {
          const value = r.defaultedFromLimit ? `${r.value}, defaulted from its limit` : r.value;
          ctx.report({ messageId: 'zero', data: { container, value: value ?? '' }, path: r.pointer ?? `${c.pointer}/resources/${kind}/${resource}` });
        }
      }
    },
  });
}
