import { defineCheck } from '../define-check.js';
import { podTemplate } from '../../kinds/workloads.js';

export const noHostPid = defineCheck({
  meta: {
    id: 'no-host-pid',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must not share the node\'s process ID namespace.',
    rationale:
      'With hostPID the containers see every process on the node: they can read other processes\' environment variables and command lines (often holding secrets), signal them, and with ptrace or nsenter step into the node\'s namespaces. Pod Security Standards (baseline) forbid it.',
    remediation: 'Remove spec.hostPID or set it to false.',
    references: [{ pss: 'baseline' }, { cis: '5.2.3' }],
    messages: { hostPID: 'The pod shares the host process ID namespace (hostPID: true).' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (t && t.spec.hostPID === true) ctx.report({ messageId: 'hostPID', path: `${t.specPointer}/hostPID` });
  },
});
