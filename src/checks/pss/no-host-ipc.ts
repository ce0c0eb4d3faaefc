import { defineCheck } from '../define-check.js';
import { podTemplate } from '../../kinds/workloads.js';

export const noHostIpc = defineCheck({
  meta: {
    id: 'no-host-ipc',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must not share the node\'s IPC namespace.',
    rationale:
      'With hostIPC the containers can read and write the shared memory segments and message queues of every process on the node, leaking or corrupting data of other workloads and of node daemons. Pod Security Standards (baseline) forbid it.',
    remediation: 'Remove spec.hostIPC or set it to false.',
    references: [{ pss: 'baseline' }, { cis: '5.2.4' }],
    messages: { hostIPC: 'The pod shares the host IPC namespace (hostIPC: true).' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (t && t.spec.hostIPC === true) ctx.report({ messageId: 'hostIPC', path: `${t.specPointer}/hostIPC` });
  },
});
