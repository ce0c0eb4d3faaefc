/**
 * What the flag parser must know about each component's command line: which flags are booleans (they only
 * take a value with `=`, so `--profiling false` leaves profiling on and `false` is a stray argument), which
 * flags accumulate over repeats, and how binaries and images name the components.
 */
import { COMPONENTS, isComponent, type Component } from './types.js';

/** Logging/help flags every Kubernetes component (component-base, klog) registers as booleans. */
const COMMON_BOOLEANS = [
  'add-dir-header', 'alsologtostderr', 'logtostderr', 'one-output', 'skip-headers', 'skip-log-headers',
  'log-json-split-stream', 'log-text-split-stream', 'help', 'version',
];

const BOOLEANS: Record<Component, string[]> = {
  'kube-apiserver': [
    'allow-privileged', 'anonymous-auth', 'audit-log-compress', 'audit-log-batch-throttle-enable',
    'audit-log-truncate-enabled', 'audit-webhook-batch-throttle-enable', 'audit-webhook-truncate-enabled',
    'contention-profiling', 'debug-socket-path-enabled', 'enable-aggregator-routing', 'enable-bootstrap-token-auth',
    'enable-garbage-collector', 'enable-logs-handler', 'enable-priority-and-fairness', 'enable-swagger-ui',
    'kubelet-https', 'oidc-skip-issuer-check', 'permit-address-sharing', 'permit-port-sharing', 'profiling',
    'service-account-extend-token-expiration', 'service-account-lookup',
    'watch-cache', 'insecure-allow-any-token', 'repair-malformed-updates',
    'disable-http2-serving', 'authentication-skip-lookup', 'authentication-tolerate-lookup-failure',
  ],
  'kube-controller-manager': [
    'allocate-node-cidrs', 'authentication-skip-lookup', 'authentication-tolerate-lookup-failure',
    'configure-cloud-routes', 'contention-profiling', 'disable-attach-detach-reconcile-sync',
    'enable-dynamic-provisioning', 'enable-garbage-collector', 'enable-hostpath-provisioner', 'enable-leader-migration',
    'enable-taint-manager', 'leader-elect', 'permit-address-sharing', 'permit-port-sharing', 'profiling',
    'use-service-account-credentials', 'disable-http2-serving',
  ],
  'kube-scheduler': [
    'authentication-skip-lookup', 'authentication-tolerate-lookup-failure', 'contention-profiling', 'leader-elect',
    'permit-address-sharing', 'permit-port-sharing', 'profiling', 'disable-http2-serving',
  ],
  etcd: [
    'auto-tls', 'client-cert-auth', 'debug', 'enable-grpc-gateway', 'enable-log-rotation', 'enable-pprof', 'enable-v2',
    'experimental-compact-hash-check-enabled', 'experimental-enable-distributed-tracing',
    'experimental-enable-lease-checkpoint', 'experimental-enable-lease-checkpoint-persist',
    'experimental-enable-v2v3', 'experimental-initial-corrupt-check', 'experimental-memory-mlock',
    'experimental-peer-skip-client-san-verification', 'experimental-stop-grpc-service-on-defrag',
    'experimental-txn-mode-write-with-shared-buffer', 'force-new-cluster', 'initial-corrupt-check',
    'peer-auto-tls', 'peer-client-cert-auth', 'peer-skip-client-san-verification', 'pre-vote',
    'socket-reuse-address', 'socket-reuse-port', 'strict-reconfig-check', 'unsafe-no-fsync',
  ],
  kubelet: [
    'allow-privileged', 'anonymous-auth', 'cgroups-per-qos', 'containerized', 'cpu-cfs-quota',
    'enable-cadvisor-json-endpoints', 'enable-controller-attach-detach', 'enable-debugging-handlers',
    'enable-load-reader', 'enable-server', 'exit-on-lock-contention', 'experimental-allocatable-ignore-eviction',
    'experimental-check-node-capabilities-before-mount', 'experimental-kernel-memcg-notification', 'fail-cgroupv1',
    'fail-swap-on', 'kernel-memcg-notification', 'keep-terminated-pod-volumes', 'local-storage-capacity-isolation',
    'localstorage-capacity-isolation', 'make-iptables-util-chains', 'protect-kernel-defaults',
    'redirect-container-streaming', 'register-node', 'register-schedulable', 'rotate-certificates',
    'rotate-server-certificates', 'runonce', 'seccomp-default', 'serialize-image-pulls',
  ],
  'kube-proxy': [
    'bind-address-hard-fail', 'cleanup', 'cleanup-ipvs', 'init-only', 'iptables-localhost-nodeports',
    'ipvs-strict-arp', 'masquerade-all', 'profiling',
  ],
};

const BOOLEAN_SETS = new Map<Component, Set<string>>(
  COMPONENTS.map((c) => [c, new Set([...COMMON_BOOLEANS, ...BOOLEANS[c]])]),
);

/** Whether `--name` (without dashes) is a boolean flag of the component: it never consumes the next argument. */
export function isBooleanFlag(component: Component, name: string): boolean {
  return BOOLEAN_SETS.get(component)?.has(name) ?? false;
}

/** Slice flags: every occurrence appends (pflag StringSlice), so repeats are concatenated with ','. */
const LIST_FLAGS = new Set([
  'enable-admission-plugins', 'disable-admission-plugins', 'admission-control', 'authorization-mode',
  'tls-cipher-suites', 'controllers', 'authorization-always-allow-paths', 'api-audiences',
]);
/** Map flags: occurrences merge key by key, a later key wins. */
const MAP_FLAGS = new Set(['feature-gates', 'runtime-config']);

export type FlagKind = 'scalar' | 'list' | 'map';

export function flagKind(name: string): FlagKind {
  if (MAP_FLAGS.has(name)) return 'map';
  if (LIST_FLAGS.has(name)) return 'list';
  return 'scalar';
}

/** etcd uses Go's `flag` package: single-dash flags are long flags and `_` is not a separator. */
export function usesGoFlags(component: Component): boolean {
  return component === 'etcd';
}

/** hyperkube (and older all-in-one binaries) subcommands → component. */
const SUBCOMMANDS: Record<string, Component> = {
  apiserver: 'kube-apiserver',
  'kube-apiserver': 'kube-apiserver',
  'controller-manager': 'kube-controller-manager',
  'kube-controller-manager': 'kube-controller-manager',
  scheduler: 'kube-scheduler',
  'kube-scheduler': 'kube-scheduler',
  kubelet: 'kubelet',
  proxy: 'kube-proxy',
  'kube-proxy': 'kube-proxy',
};

export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(cut + 1);
}

/** Component a binary path names: '/usr/local/bin/kube-apiserver' → kube-apiserver; 'kubelet.exe' → kubelet. */
export function componentOfBinary(path: string): Component | undefined {
  const name = baseName(path).replace(/\.exe$/i, '');
  return isComponent(name) ? name : undefined;
}

export function isHyperkube(path: string): boolean {
  return /^hyperkube(\.exe)?$/i.test(baseName(path));
}

export function componentOfSubcommand(word: string): Component | undefined {
  return Object.prototype.hasOwnProperty.call(SUBCOMMANDS, word) ? SUBCOMMANDS[word] : undefined;
}

/** Repository part of an image reference, without registry, tag or digest: 'registry.k8s.io/kube-apiserver:v1.30.2' → 'kube-apiserver'. */
function imageName(image: string): string {
  let ref = image.trim();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  return ref.slice(slash + 1);
}

/** Component an image runs by default: kube-apiserver, kube-apiserver-amd64, etcd, hyperkube (undefined: needs a subcommand). */
export function componentOfImage(image: string): Component | undefined {
  const name = imageName(image).replace(/-(amd64|arm64|arm|ppc64le|s390x|386)$/, '');
  return isComponent(name) ? name : undefined;
}

export function isHyperkubeImage(image: string): boolean {
  return imageName(image).replace(/-(amd64|arm64|arm|ppc64le|s390x|386)$/, '') === 'hyperkube';
}

/** Wrappers that exec the real binary after their own arguments (go-runner separates them with `--`). */
const WRAPPERS = new Set(['go-runner', 'tini', 'dumb-init', 'env', 'nice', 'ionice', 'exec', 'sudo', 'setpriv', 'chroot']);

function isWrapper(path: string): boolean {
  return WRAPPERS.has(baseName(path));
}

const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export interface ComponentCommand {
  component: Component;
  /** argv index of the binary (or of hyperkube). */
  binaryIndex: number;
  /** argv index of the first argument after the binary (and its subcommand). */
  argsStart: number;
}

/**
 * Where a component starts in a command line: `kube-apiserver …`, `/usr/local/bin/etcd …`, `hyperkube
 * apiserver …`, `go-runner --log-file=x -- /usr/local/bin/kube-scheduler …`, `env A=b kubelet …`.
 */
export function findComponentCommand(argv: readonly string[]): ComponentCommand | undefined {
  let wrapped = false;
  for (let i = 0; i < argv.length && i < 16; i++) {
    const tok = argv[i];
    const direct = componentOfBinary(tok);
    if (direct) return { component: direct, binaryIndex: i, argsStart: i + 1 };
    if (isHyperkube(tok)) {
      const sub = i + 1 < argv.length ? componentOfSubcommand(argv[i + 1]) : undefined;
      return sub ? { component: sub, binaryIndex: i, argsStart: i + 2 } : undefined;
    }
    if (isWrapper(tok) || ENV_ASSIGNMENT.test(tok)) {
      wrapped = true;
      continue;
    }
    if (wrapped && (tok.startsWith('-') || !tok.includes('/'))) continue;
    return undefined;
  }
  return undefined;
}
