import { defineCheck } from '../define-check.js';
import { asArray, describeContainer, isRecord, podContainers, podTemplate } from '../../kinds/workloads.js';

export const noWritableHostPathMount = defineCheck({
  meta: {
    id: 'no-writable-host-path-mount',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must mount hostPath volumes read-only.',
    rationale:
      'A writable hostPath mount lets the pod change files on the node itself: plant binaries, cron jobs or systemd units that run outside any container, poison data other pods or node agents read, or fill the node\'s disk. The change survives the pod and is invisible to Kubernetes.',
    remediation:
      'Set readOnly: true on every volumeMount that mounts a hostPath volume, or replace the hostPath volume with an emptyDir or persistent volume.',
    references: [{ nsa: 'C-0045' }, { url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' }],
    messages: {
      writable: 'The {{container}} mounts hostPath volume "{{volume}}" ("{{hostPath}}") writable at "{{mountPath}}".',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    // Created for the first hostPath volume: most pods have none, and need no map.
    let hostPaths: Map<string, string> | undefined;
    for (const v of asArray<unknown>(t.spec.volumes)) {
      if (isRecord(v) && typeof v.name === 'string' && isRecord(v.hostPath) && !hostPaths?.has(v.name)) (hostPaths ??= new Map()).set(v.name, String(v.hostPath.path ?? ''));
    }
    if (!hostPaths) return;
    for (const c of podContainers(t)) {
      asArray<unknown>(c.container.volumeMounts).forEach((m, j) => {
        if (!isRecord(m) || typeof m.name !== 'string' || m.readOnly === true) return;
        const hostPath = hostPaths.get(m.name);
        if (hostPath === undefined) return;
        ctx.report({
          messageId: 'writable',
          data: { container: describeContainer(c), volume: m.name, hostPath, mountPath: String(m.mountPath ?? '') },
          path: `${c.pointer}/volumeMounts/${j}/readOnly`,
        });
      });
    }
  },
});
