import { defineCheck } from '../define-check.js';
import { asArray, describeContainer, isRecord, podContainers, podTemplate } from '../../kinds/workloads.js';

const SSH_PORT = 22;

export const noSshPort = defineCheck({
  meta: {
    id: 'no-ssh-port',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must not expose the SSH port.',
    rationale:
      'An SSH server in a container is an extra, long-lived way in: it is a target for password guessing and stolen keys, bypasses the audited kubectl exec path and RBAC, and usually means credentials are baked into the image.',
    remediation:
      'Remove the SSH server and the containerPort 22 declaration; use kubectl exec or kubectl debug (ephemeral containers) for interactive access.',
    references: [{ url: 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/' }],
    messages: {
      ssh: 'The {{container}} exposes SSH on containerPort 22/TCP{{portName}}.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const c of podContainers(t)) {
      // The API forbids ports on ephemeral containers.
      if (c.type === 'ephemeralContainer') continue;
      asArray<unknown>(c.container.ports).forEach((p, i) => {
        if (!isRecord(p) || Number(p.containerPort) !== SSH_PORT) return;
        // TCP is the default protocol; UDP and SCTP on port 22 are not SSH.
        const protocol = p.protocol === undefined || p.protocol === null || p.protocol === '' ? 'TCP' : String(p.protocol).toUpperCase();
        if (protocol !== 'TCP') return;
        const portName = typeof p.name === 'string' && p.name !== '' ? ` (port "${p.name}")` : '';
        ctx.report({ messageId: 'ssh', data: { container: describeContainer(c), portName }, path: `${c.pointer}/ports/${i}/containerPort` });
      });
    }
  },
});
