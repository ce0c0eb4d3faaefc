import { defineCheck } from '../define-check.js';
import { describeContainer, effectiveSecurityContext, podContainers, podTemplate } from '../../kinds/workloads.js';

export const noPrivilegedContainer = defineCheck({
  meta: {
    id: 'no-privileged-container',
    category: 'workload',
    severity: 'critical',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must not run privileged.',
    rationale:
      'A privileged container runs with every Linux capability, no seccomp or AppArmor confinement and access to all host devices; escaping to the node is trivial. Pod Security Standards (baseline) forbid it.',
    remediation: 'Remove securityContext.privileged or set it to false; grant only the specific capabilities the process needs.',
    references: [{ pss: 'baseline' }, { cis: '5.2.2' }, { nsa: 'C-0057' }],
    messages: { privileged: 'The {{container}} runs privileged.' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const c of podContainers(t)) {
      const privileged = effectiveSecurityContext(t, c).own('privileged');
      if (privileged.value === true) ctx.report({ messageId: 'privileged', data: { container: describeContainer(c) }, path: privileged.pointer });
    }
  },
});
