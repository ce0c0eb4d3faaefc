import { defineCheck } from '../define-check.js';
import { describeContainer, effectiveSecurityContext, isRecord, podContainers, podTemplate } from '../../kinds/workloads.js';
import { show, usesUserNamespace } from './pss-helpers.js';

export const requireRunAsNonRoot = defineCheck({
  meta: {
    id: 'require-run-as-non-root',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must set runAsNonRoot to true, at container or pod level.',
    rationale:
      'Many images run as root by default. With runAsNonRoot: true the kubelet refuses to start a container whose user is root, so a root process never gets the chance to use root-owned host mounts, writable root paths or a kernel bug from UID 0. Pod Security Standards (restricted) require runAsNonRoot: true for every container, set on it or inherited from the pod, and forbid false anywhere; pods in their own user namespace (hostUsers: false) are exempt.',
    remediation: 'Set spec.securityContext.runAsNonRoot to true (or securityContext.runAsNonRoot: true in each container), remove any runAsNonRoot: false, and give the image a non-root USER or set runAsUser.',
    references: [{ pss: 'restricted' }, { cis: '5.2.7' }],
    messages: {
      pod: 'The pod sets runAsNonRoot to {{value}}, so containers that do not override it may run as root.',
      container: 'The {{container}} sets runAsNonRoot to {{value}}; it must be true.',
      unset: 'The {{container}} may run as root: neither it nor the pod sets runAsNonRoot: true.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t || usesUserNamespace(t)) return;
    const podSc = t.spec.securityContext;
    const podValue = isRecord(podSc) ? podSc.runAsNonRoot : undefined;
    // A pod-level value other than true is itself forbidden; reported once, not per inheriting container.
    if (podValue !== undefined && podValue !== null && podValue !== true) {
      ctx.report({ messageId: 'pod', data: { value: show(podValue) }, path: `${t.specPointer}/securityContext/runAsNonRoot` });
    }
    for (const c of podContainers(t)) {
      const nonRoot = effectiveSecurityContext(t, c).get('runAsNonRoot');
      if (nonRoot.value === true || nonRoot.from === 'pod') continue;
      const container = describeContainer(c);
      if (nonRoot.from === 'container') ctx.report({ messageId: 'container', data: { container, value: show(nonRoot.value) }, path: nonRoot.pointer });
      else ctx.report({ messageId: 'unset', data: { container }, path: nonRoot.pointer });
    }
  },
});
