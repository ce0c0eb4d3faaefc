import { defineCheck } from '../define-check.js';
import { describeContainer, podTemplate } from '../../kinds/workloads.js';
import { hostPathExposures, isContainerRuntimeSocketPath, isPathWithin } from '../../kinds/host-paths.js';

interface SensitivePath {
  path: string;
  /** Also everything under the path (otherwise only the directory itself). */
  subtree: boolean;
  reason: string;
}

const BINARIES = 'host binaries and libraries the node executes as root';

/**
 * Sensitive host directories. Subtrees are flagged only where anything inside is sensitive; for the
 * others (/dev, /var/log, /var/lib/docker, /home…) common agents legitimately mount a subdirectory
 * (/dev/fuse, /var/log/pods, /var/lib/docker/containers), so only the directory itself is flagged.
 */
export const SENSITIVE_HOST_PATHS: SensitivePath[] = [
  { path: '/', subtree: false, reason: "the node's whole root filesystem" },
  { path: '/etc', subtree: true, reason: 'host configuration and credentials (passwd, shadow, sudoers, cron)' },
  { path: '/etc/kubernetes', subtree: true, reason: 'cluster credentials, kubelet configuration and static pod manifests' },
  { path: '/proc', subtree: true, reason: "host processes' memory, environment and kernel settings" },
  { path: '/sys', subtree: true, reason: 'kernel, cgroup and device settings of the node' },
  { path: '/dev', subtree: false, reason: 'every device of the node, including its disks' },
  { path: '/boot', subtree: true, reason: 'the kernel and bootloader of the node' },
  { path: '/root', subtree: true, reason: "root's home directory with its SSH keys and credentials" },
  { path: '/home', subtree: false, reason: "users' home directories with their SSH keys and credentials" },
  { path: '/var/lib/kubelet', subtree: true, reason: "kubelet state, including every pod's secrets and service account tokens" },
  { path: '/var/lib/etcd', subtree: true, reason: 'the etcd database holding every object and secret of the cluster' },
  { path: '/var/lib/docker', subtree: false, reason: 'images, filesystems and state of every container on the node' },
  { path: '/var/lib/containerd', subtree: false, reason: 'images, filesystems and state of every container on the node' },
  { path: '/var/log', subtree: false, reason: 'host logs, which a pod can tamper with or use for symlink attacks on the kubelet' },
  { path: '/usr', subtree: false, reason: BINARIES },
  { path: '/lib', subtree: false, reason: BINARIES },
  { path: '/lib64', subtree: false, reason: BINARIES },
  { path: '/bin', subtree: false, reason: BINARIES },
  { path: '/sbin', subtree: false, reason: BINARIES },
];

/**
 * Why a normalised host path is sensitive, or undefined: the most specific entry it is or lies under,
 * else an entry it contains (/var and /var/lib hold /var/lib/kubelet). Runtime sockets are left to
 * no-container-runtime-socket-mount so a mount is reported once.
 */
export function sensitiveHostPathReason(path: string): string | undefined {
  if (isContainerRuntimeSocketPath(path)) return undefined;
  let best: SensitivePath | undefined;
  for (const s of SENSITIVE_HOST_PATHS) {
    if ((path === s.path || (s.subtree && isPathWithin(path, s.path))) && (!best || s.path.length > best.path.length)) best = s;
  }
  if (best) return best.reason;
  const contained = SENSITIVE_HOST_PATHS.find((s) => s.path !== path && isPathWithin(s.path, path));
  return contained ? `it contains ${contained.path}, which holds ${contained.reason}` : undefined;
}

export const noSensitiveHostPathMount = defineCheck({
  meta: {
    id: 'no-sensitive-host-path-mount',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must not mount sensitive host directories.',
    rationale:
      "A hostPath volume of a sensitive directory gives the pod the node's secrets or control of the node: /etc and /root hold credentials and cron, /var/lib/kubelet every pod's service account tokens and secrets, /proc and /sys the kernel and other processes, /etc/kubernetes the cluster credentials and static pod manifests. Writing to any of them is a node takeover; reading them leaks credentials.",
    remediation:
      'Remove the hostPath volume; use a ConfigMap, Secret, projected or emptyDir volume instead, or, if a node agent truly needs host data, mount the narrowest subdirectory read-only.',
    references: [{ nsa: 'C-0048' }, { url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' }],
    messages: {
      mounted: 'The {{container}} mounts sensitive host path "{{hostPath}}" from volume "{{volume}}" ({{reason}}).',
      volume: 'Volume "{{volume}}" exposes sensitive host path "{{hostPath}}" ({{reason}}) although no container mounts it yet.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const e of hostPathExposures(t, sensitiveHostPathReason)) {
      if (e.container) ctx.report({ messageId: 'mounted', data: { container: describeContainer(e.container), hostPath: e.hostPath, volume: e.volume, reason: e.match }, path: e.pointer });
      else ctx.report({ messageId: 'volume', data: { hostPath: e.hostPath, volume: e.volume, reason: e.match }, path: e.pointer });
    }
  },
});
