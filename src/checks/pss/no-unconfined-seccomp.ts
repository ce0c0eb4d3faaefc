import { defineCheck } from '../define-check.js';
import { podTemplate } from '../../kinds/workloads.js';
import { securityContextSites, subObject } from './pss-helpers.js';

export const noUnconfinedSeccomp = defineCheck({
  meta: {
    id: 'no-unconfined-seccomp',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must not turn seccomp off (seccompProfile type Unconfined).',
    rationale:
      'Seccomp filters the system calls a container may make; the runtime default profile blocks dozens that are rarely needed and often exploited (keyctl, unshare, mount, bpf, userfaultfd…). An Unconfined profile exposes the whole kernel system call surface to the workload, so any kernel bug becomes an escape path. Pod Security Standards (baseline) forbid Unconfined at pod and container level.',
    remediation: 'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a reviewed profile) instead of Unconfined.',
    references: [{ pss: 'baseline' }],
    messages: { unconfined: 'The {{where}} sets seccompProfile.type to Unconfined, disabling seccomp.' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    // Reported where written: a pod-level Unconfined is one finding, even if containers override it.
    for (const site of securityContextSites(t)) {
      if (subObject(site.securityContext, 'seccompProfile')?.type === 'Unconfined') {
        ctx.report({ messageId: 'unconfined', data: { where: site.where }, path: `${site.pointer}/seccompProfile/type` });
      }
    }
  },
});
