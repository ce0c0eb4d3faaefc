import { defineCheck } from '../define-check.js';
import { describeContainer, effectiveSecurityContext, isWindowsPod, podContainers, podTemplate } from '../../kinds/workloads.js';
import { show } from './pss-helpers.js';

export const noPrivilegeEscalation = defineCheck({
  meta: {
    id: 'no-privilege-escalation',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must set allowPrivilegeEscalation to false.',
    rationale:
      'Unless allowPrivilegeEscalation is false, the container process may gain more privileges than it started with, through set-user-ID or set-group-ID binaries or file capabilities: a process running as an unprivileged user can become root inside the container (sudo, su, a planted setuid shell). Kubernetes defaults the field to true, and a privileged container always allows escalation. Pod Security Standards (restricted) require it to be false; Windows pods are exempt.',
    remediation: 'Set securityContext.allowPrivilegeEscalation to false in every container (and do not run it privileged).',
    references: [{ pss: 'restricted' }, { cis: '5.2.6' }],
    messages: {
      unset: 'The {{container}} does not set allowPrivilegeEscalation, which defaults to true.',
      allowed: 'The {{container}} sets allowPrivilegeEscalation to {{value}}.',
      privileged: 'The {{container}} is privileged, which always allows privilege escalation.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t || isWindowsPod(t)) return;
    for (const c of podContainers(t)) {
      const sc = effectiveSecurityContext(t, c);
      const escalation = sc.own('allowPrivilegeEscalation');
      if (escalation.value === false) {
        // Kubernetes rejects privileged: true with allowPrivilegeEscalation: false; the flag would be a lie.
        const privileged = sc.own('privileged');
        if (privileged.value === true) ctx.report({ messageId: 'privileged', data: { container: describeContainer(c) }, path: privileged.pointer });
      } else if (escalation.from === 'unset') {
        ctx.report({ messageId: 'unset', data: { container: describeContainer(c) }, path: escalation.pointer });
      } else {
        ctx.report({ messageId: 'allowed', data: { container: describeContainer(c), value: show(escalation.value) }, path: escalation.pointer });
      }
    }
  },
});
