import { defineCheck } from '../define-check.js';
import { hostPathExposures, isContainerRuntimeSocketPath } from '../../kinds/host-paths.js';
import { describeContainer, podTemplate } from '../../kinds/workloads.js';

export const noContainerRuntimeSocketMount = defineCheck({
  meta: {
    id: 'no-container-runtime-socket-mount',
    category: 'workload',
    severity: 'critical',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must not mount the container runtime socket.',
    rationale:
      'Whoever can talk to the Docker, containerd or CRI-O socket controls the node: they can start a privileged container with the host filesystem mounted, exec into any other pod on the node and read its secrets. Mounting the socket (or a directory that holds it, such as /var/run) hands that power to every process in the pod.',
    remediation:
      'Remove the hostPath volume that exposes the runtime socket; for image builds use a daemonless builder (BuildKit rootless, Kaniko) and for node inspection use the Kubernetes API or a dedicated, tightly restricted agent.',
    references: [{ nsa: 'C-0074' }, { url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' }],
    messages: {
      mounted: 'The {{container}} mounts the container runtime socket path "{{hostPath}}" from volume "{{volume}}".',
      volume: 'Volume "{{volume}}" exposes the container runtime socket path "{{hostPath}}" (no container mounts it yet).',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const e of hostPathExposures(t, (p) => (isContainerRuntimeSocketPath(p) ? true : undefined))) {
      if (e.container) ctx.report({ messageId: 'mounted', data: { container: describeContainer(e.container), hostPath: e.hostPath, volume: e.volume }, path: e.pointer });
      else ctx.report({ messageId: 'volume', data: { hostPath: e.hostPath, volume: e.volume }, path: e.pointer });
    }
  },
});
