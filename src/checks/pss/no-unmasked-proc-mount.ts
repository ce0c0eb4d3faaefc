import { defineCheck } from '../define-check.js';
import { describeContainer, effectiveSecurityContext, podContainers, podTemplate } from '../../kinds/workloads.js';
import { show } from './pss-helpers.js';

export const noUnmaskedProcMount = defineCheck({
  meta: {
    id: 'no-unmasked-proc-mount',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must keep the default masked /proc mount.',
    rationale:
      'The runtime masks and makes read-only sensitive parts of /proc (kcore, sysrq-trigger, keys, timer lists…) so a container cannot read kernel memory or poke kernel knobs. procMount: Unmasked removes those masks. Pod Security Standards forbid anything but Default (baseline since 1.35 tolerates it in pods with hostUsers: false; restricted never does).',
    remediation: 'Remove securityContext.procMount or set it to Default.',
    references: [{ pss: 'baseline' }],
    messages: { procMount: 'The {{container}} sets procMount to "{{procMount}}", unmasking /proc.' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const c of podContainers(t)) {
      const procMount = effectiveSecurityContext(t, c).own('procMount');
      if (procMount.value === undefined || procMount.value === 'Default') continue;
      ctx.report({ messageId: 'procMount', data: { container: describeContainer(c), procMount: show(procMount.value) }, path: procMount.pointer });
    }
  },
});
