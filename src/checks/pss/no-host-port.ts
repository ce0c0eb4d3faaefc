import { defineCheck } from '../define-check.js';
import { asArray, describeContainer, isRecord, podContainers, podTemplate } from '../../kinds/workloads.js';
import { show } from './pss-helpers.js';

export const noHostPort = defineCheck({
  meta: {
    id: 'no-host-port',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must not bind ports on the node (hostPort).',
    rationale:
      'A hostPort opens the port on the node\'s own address, outside Services and often outside NetworkPolicy control: it exposes the container to anyone who can reach the node, pins the pod to nodes where the port is free, and lets a workload squat on ports other node services expect. Pod Security Standards (baseline) forbid host ports.',
    remediation: 'Remove ports[].hostPort (or set it to 0) and expose the container through a Service.',
    references: [{ pss: 'baseline' }, { cis: '5.2.12' }],
    messages: { hostPort: 'The {{container}} binds host port {{hostPort}} on the node.' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const c of podContainers(t)) {
      asArray<unknown>(c.container.ports).forEach((p, i) => {
        if (!isRecord(p)) return;
        const hostPort = p.hostPort;
        if (hostPort === undefined || hostPort === null || Number(hostPort) === 0) return;
        ctx.report({
          messageId: 'hostPort',
          data: { container: describeContainer(c), hostPort: show(hostPort) },
          path: `${c.pointer}/ports/${i}/hostPort`,
        });
      });
    }
  },
});
