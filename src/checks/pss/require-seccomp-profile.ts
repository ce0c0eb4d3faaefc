import { defineCheck } from '../define-check.js';
import { describeContainer, effectiveSecurityContext, isRecord, isWindowsPod, podContainers, podTemplate } from '../../kinds/workloads.js';
import { show } from './pss-helpers.js';

const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

/** The seccomp type as written; Unconfined is left to no-unconfined-seccomp so it is reported once. */
function verdict(profile: unknown): 'ok' | 'unconfined' | 'invalid' {
  const type = isRecord(profile) ? profile.type : undefined;
  if (type === 'Unconfined') return 'unconfined';
  return ALLOWED_TYPES.has(type as string) ? 'ok' : 'invalid';
}

function describeType(profile: unknown): string {
  const type = isRecord(profile) ? profile.type : undefined;
  return type === undefined || type === null ? '(unset)' : `"${show(type)}"`;
}

export const requireSeccompProfile = defineCheck({
  meta: {
    id: 'require-seccomp-profile',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must run with the RuntimeDefault or a Localhost seccomp profile.',
    rationale:
      'Without a seccompProfile the kubelet runs containers Unconfined by default (unless the node enables SeccompDefault), exposing every system call to the workload; many kernel privilege escalations go through calls the runtime default profile blocks (unshare, keyctl, bpf, userfaultfd…). Pod Security Standards (restricted) require every container to have RuntimeDefault or Localhost, set on it or inherited from the pod; Windows pods are exempt. An explicit Unconfined is reported by no-unconfined-seccomp.',
    remediation: 'Set spec.securityContext.seccompProfile.type to RuntimeDefault (or set it in each container\'s securityContext); use Localhost with localhostProfile only for a reviewed custom profile.',
    references: [{ pss: 'restricted' }],
    messages: {
      missing: 'The {{container}} has no seccomp profile: neither it nor the pod sets seccompProfile.type.',
      invalid: 'The {{where}} sets seccompProfile.type to {{type}}; only RuntimeDefault or Localhost are allowed.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t || isWindowsPod(t)) return;
    const podSc = t.spec.securityContext;
    const podProfile = isRecord(podSc) ? podSc.seccompProfile : undefined;
    // A bad pod-level value is forbidden even if every container overrides it; reported once, and
    // containers inheriting it are covered by that finding.
    if (podProfile !== undefined && podProfile !== null && verdict(podProfile) === 'invalid') {
      ctx.report({ messageId: 'invalid', data: { where: 'pod', type: describeType(podProfile) }, path: `${t.specPointer}/securityContext/seccompProfile/type` });
    }
    for (const c of podContainers(t)) {
      const profile = effectiveSecurityContext(t, c).get('seccompProfile');
      if (profile.from === 'pod' || verdict(profile.value) !== 'invalid') continue;
      if (profile.from === 'unset') ctx.report({ messageId: 'missing', data: { container: describeContainer(c) }, path: profile.pointer });
      else ctx.report({ messageId: 'invalid', data: { where: describeContainer(c), type: describeType(profile.value) }, path: `${profile.pointer}/type` });
    }
  },
});
