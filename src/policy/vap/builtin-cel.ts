/**
 * CEL renditions of the built-in checks whose verdict depends only on the object itself, for the
 * ValidatingAdmissionPolicy export. Each rendition reproduces the TypeScript check's verdict (violated or
 * not) with Kubernetes semantics: pod-level securityContext fields inherited by containers that leave them
 * unset, init and ephemeral containers, and the pod template of every workload kind (a Pod's own spec,
 * `spec.template.spec`, a CronJob's `spec.jobTemplate.spec.template.spec`). The differential test
 * (builtin-cel.test.ts) runs these expressions and the TypeScript checks on the same objects.
 *
 * Expressions use only what Kubernetes' CEL environment offers (optional `.?` / `orValue`, `has()`,
 * the strings extension's `trim`, `upperAscii`, `join`, regex `matches`).
 */
import { RUNTIME_PIPES, RUNTIME_SOCKET_PARENTS, RUNTIME_SOCKET_PATHS } from '../../kinds/host-paths.js';

export interface CelValidation {
  expression: string;
  /** Static message (the check's summary unless more specific). */
  message: string;
  /** Names what is wrong (containers, volumes…); Kubernetes falls back to `message` if it fails. */
  messageExpression?: string;
}

export interface CelRendition {
  /** Bulwark kinds or kind groups the rendition applies to (the check's meta.kinds). */
  kinds: string[];
  /** VAP variables in evaluation order: the shared pod variables first, then the check's own. */
  variables: { name: string; expression: string }[];
  validations: CelValidation[];
}

// ───────────────────────────── shared pod variables ─────────────────────────────

/**
 * One variable set for every workload rendition. `podSpec` is optional (none when the object has no pod
 * template); container lists default to empty lists. Every container rendition reads `allContainers`
 * (init, regular and ephemeral containers, the order the kubelet knows them in).
 */
const POD_VARIABLES: { name: string; expression: string }[] = [
  {
    name: 'podSpec',
    expression:
      "object.kind == 'Pod' ? object.?spec : object.kind == 'CronJob' ? object.?spec.?jobTemplate.?spec.?template.?spec : object.?spec.?template.?spec",
  },
  { name: 'podSecurityContext', expression: 'variables.podSpec.?securityContext' },
  { name: 'initContainers', expression: 'variables.podSpec.?initContainers.orValue([])' },
  { name: 'containers', expression: 'variables.podSpec.?containers.orValue([])' },
  { name: 'ephemeralContainers', expression: 'variables.podSpec.?ephemeralContainers.orValue([])' },
  { name: 'allContainers', expression: 'variables.initContainers + variables.containers + variables.ephemeralContainers' },
  { name: 'isWindows', expression: "variables.podSpec.?os.?name.orValue('') == 'windows'" },
  /** Pods in their own user namespace (hostUsers: false), which the restricted profile relaxes some controls for. */
  { name: 'userNamespace', expression: 'variables.podSpec.?hostUsers.orValue(true) == false' },
];

/** A CEL string literal (JSON's escapes are CEL's). */
export function celString(s: string): string {
  return JSON.stringify(s);
}

function celList(items: readonly string[]): string {
  return `[${items.map(celString).join(', ')}]`;
}

/** Escapes a literal for an RE2 pattern. */
function re2Literal(s: string): string {
  return s.replace(/[.+*?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A check that every container in `list` satisfies `pred` (over `c`), and a message naming those that
 * do not.
 */
function perContainer(pred: string, message: string, opts: { list?: string; guard?: string } = {}): CelValidation {
  const list = opts.list ?? 'variables.allContainers';
  const all = `${list}.all(c, ${pred})`;
  return {
    expression: opts.guard ? `${opts.guard} || ${all}` : all,
    message,
    messageExpression: `${celString(`${message.replace(/\.$/, '')}: `)} + ${list}.filter(c, !(${pred})).map(c, string(c.?name.orValue('?'))).join(', ')`,
  };
}

function workload(validations: CelValidation[], extraVariables: { name: string; expression: string }[] = []): CelRendition {
  return { kinds: ['Workload'], variables: [...POD_VARIABLES, ...extraVariables], validations };
}

// ───────────────────────────── constants the TypeScript checks use ─────────────────────────────

/** pss-helpers BASELINE_ALLOWED_CAPABILITIES: compared after trim, upper-casing and dropping CAP_. */
const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

/** no-unsafe-sysctls SAFE_SYSCTLS. */
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
];

/** kinds/quantity.ts isZeroQuantity: a well-formed quantity whose mantissa is all zeros, whatever its suffix. */
const ZERO_QUANTITY = '^[+-]?(0+(\\.0*)?|\\.0+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$';

/**
 * Host paths that expose a container runtime socket (kinds/host-paths.ts isContainerRuntimeSocketPath),
 * matched against the path as written: `//` and `/./` between segments and a trailing `/` or `/.` are
 * tolerated, as the TypeScript normalisation collapses them.
 */
function runtimeSocketRegex(): string {
  const sep = '/(\\.?/)*';
  const body = (path: string): string => path.split('/').filter((s) => s !== '').map(re2Literal).join(sep);
  // /var/run and /run hold the same sockets: one alternation under `(var/)?run` when the tables agree.
  const under = (parent: string): string[] => RUNTIME_SOCKET_PATHS.filter((p) => p.startsWith(`${parent}/`)).map((p) => p.slice(parent.length + 1));
  const varRun = under('/var/run');
  const run = under('/run');
  const sameParents = varRun.length === run.length && varRun.every((p, i) => p === run[i]) && [...RUNTIME_SOCKET_PARENTS].sort().join() === '/run,/var/run';
  const alternatives: string[] = [];
  let rest: readonly string[] = RUNTIME_SOCKET_PATHS;
  if (sameParents) {
    // The parent itself exactly (a trailing '/' or '/.' allowed), or anything within one of its sockets.
    alternatives.push(`${sep}(var${sep})?run((${sep}\\.?)?|${sep}(${run.map(body).join('|')})(/.*)?)`);
    rest = RUNTIME_SOCKET_PATHS.filter((p) => !p.startsWith('/var/run/') && !p.startsWith('/run/'));
  } else {
    alternatives.push(...RUNTIME_SOCKET_PARENTS.map((p) => `${sep}${body(p)}(${sep}\\.?)?`));
  }
  alternatives.push(...rest.map((p) => `${sep}${body(p)}(/.*)?`));
  return `^(${alternatives.join('|')})$`;
}

/** The Windows named pipes of the runtimes, as `\\.\pipe\name` or with forward slashes, case-insensitive. */
function runtimePipeRegex(): string {
  const names = RUNTIME_PIPES.map((p) => re2Literal(p.slice(p.lastIndexOf('\\') + 1)));
  return `(?i)^[\\\\/]{2}\\.[\\\\/]pipe[\\\\/](${names.join('|')})$`;
}

/** A runtime socket path, or (stricter than the TypeScript check) any absolute path with a '..' segment. */
const SOCKET = celString(`${runtimeSocketRegex()}|^/(.*/)?\\.\\.(/|$)`);
const PIPE = celString(runtimePipeRegex());
/** Any Windows named pipe path. */
const ANY_PIPE = celString('(?i)^[\\\\/]{2}\\.[\\\\/]pipe[\\\\/][^\\\\/]+$');

// ───────────────────────────── resources ─────────────────────────────

/**
 * The value Kubernetes uses for resources.<section>.<resource> of `owner` (a container or the pod spec),
 * set and non-zero: a request left unset defaults to the limit. `[x].all(v, …)` binds x to v.
 */
function resourceSet(owner: string, section: 'requests' | 'limits', resource: 'cpu' | 'memory'): string {
  const own = `${owner}.?resources.?${section}.?${resource}`;
  const value =
    section === 'requests' ? `(${own}.orValue('') != '' ? ${own}.orValue('') : ${owner}.?resources.?limits.?${resource}.orValue(''))` : `${own}.orValue('')`;
  const zero = `(type(v) == string ? v.trim().matches(${celString(ZERO_QUANTITY)}) : (type(v) == int ? v == 0 : (type(v) == double ? v == 0.0 : false)))`;
  return `[${value}].all(v, v != '' && !${zero})`;
}

function resourceRendition(section: 'requests' | 'limits', resource: 'cpu' | 'memory', message: string): CelRendition {
  // Pod-level resources cover every container; ephemeral containers cannot have resources.
  return workload([
    perContainer(resourceSet('c', section, resource), message, {
      list: '(variables.initContainers + variables.containers)',
      guard: resourceSet('variables.podSpec', section, resource),
    }),
  ]);
}

// ───────────────────────────── the renditions ─────────────────────────────

const notTrue = (field: string): string => `variables.podSpec.?${field}.orValue(false) != true`;

export const BUILTIN_CEL: Readonly<Record<string, CelRendition>> = {
  'no-privileged-container': workload([perContainer('c.?securityContext.?privileged.orValue(false) != true', 'Containers must not run privileged.')]),
  'no-host-network': workload([{ expression: notTrue('hostNetwork'), message: 'The pod must not share the host network namespace (hostNetwork: true).' }]),
  'no-host-pid': workload([{ expression: notTrue('hostPID'), message: 'The pod must not share the host process ID namespace (hostPID: true).' }]),
  'no-host-ipc': workload([{ expression: notTrue('hostIPC'), message: 'The pod must not share the host IPC namespace (hostIPC: true).' }]),
  'no-host-process': workload([
    {
      expression: 'variables.podSecurityContext.?windowsOptions.?hostProcess.orValue(false) != true',
      message: 'The pod securityContext must not set windowsOptions.hostProcess: true.',
    },
    perContainer('c.?securityContext.?windowsOptions.?hostProcess.orValue(false) != true', 'Containers must not run as Windows host processes.'),
  ]),
  'no-unsafe-capabilities': workload([
    perContainer(
      `c.?securityContext.?capabilities.?add.orValue([]).all(cap, type(cap) != string || cap.trim().upperAscii().matches(${celString(`^(CAP_)?(${BASELINE_CAPABILITIES.join('|')})$`)}))`,
      'Containers must not add capabilities beyond the baseline set.',
    ),
  ]),
  'no-privilege-escalation': workload([
    perContainer(
      'c.?securityContext.?allowPrivilegeEscalation.orValue(true) == false && c.?securityContext.?privileged.orValue(false) != true',
      'Containers must set allowPrivilegeEscalation to false and not run privileged.',
      { guard: 'variables.isWindows' },
    ),
  ]),
  'require-run-as-non-root': workload([
    {
      expression: 'variables.userNamespace || variables.podSecurityContext.?runAsNonRoot.orValue(true) == true',
      message: 'The pod securityContext must not set runAsNonRoot to anything but true.',
    },
    // With the pod-level value true or unset (above), a container is fine when its own value, else the pod's, is true.
    perContainer('c.?securityContext.?runAsNonRoot.orValue(variables.podSecurityContext.?runAsNonRoot.orValue(false)) == true', 'Containers must run with runAsNonRoot: true (set on them or on the pod).', {
      guard: 'variables.userNamespace',
    }),
  ]),
  'no-run-as-root-user': workload([
    { expression: 'variables.userNamespace || variables.podSecurityContext.?runAsUser.orValue(1) != 0', message: 'The pod securityContext must not set runAsUser: 0.' },
    perContainer('c.?securityContext.?runAsUser.orValue(1) != 0', 'Containers must not set runAsUser: 0.', { guard: 'variables.userNamespace' }),
  ]),
  'no-latest-image-tag': workload([
    // A digest after the first '@' pins the image; otherwise the tag (after the last ':' following the last '/') must be present and not "latest".
    perContainer(
      "has(c.image) && type(c.image) == string && c.image.trim() != '' && (c.image.trim().matches('@[\\\\s\\\\S]') || (c.image.trim().matches(':[^:/@]+@?$') && !c.image.trim().matches(':latest@?$')))",
      'Container images must name a version tag other than latest, or a digest.',
    ),
  ]),
  'no-host-path-volume': workload([
    {
      expression: '!variables.podSpec.?volumes.orValue([]).exists(v, has(v.hostPath))',
      message: 'The pod must not use hostPath volumes.',
      messageExpression: "'The pod must not use hostPath volumes: ' + variables.podSpec.?volumes.orValue([]).filter(v, has(v.hostPath)).map(v, string(v.?name.orValue('?'))).join(', ')",
    },
  ]),
  'no-host-port': workload([perContainer('c.?ports.orValue([]).all(p, p.?hostPort.orValue(0) == 0)', 'Containers must not bind host ports.')]),
  'require-drop-all-capabilities': workload([
    perContainer("c.?securityContext.?capabilities.?drop.orValue([]).exists(d, type(d) == string && d.trim().upperAscii() == 'ALL')", 'Containers must drop ALL capabilities.', {
      guard: 'variables.isWindows',
    }),
  ]),
  'require-seccomp-profile': workload([
    {
      expression:
        "variables.isWindows || !variables.podSecurityContext.?seccompProfile.hasValue() || variables.podSecurityContext.?seccompProfile.?type.orValue('') in ['RuntimeDefault', 'Localhost', 'Unconfined']",
      message: 'The pod securityContext must set seccompProfile.type to RuntimeDefault or Localhost.',
    },
    // A container's own profile decides; an explicit Unconfined is left to no-unconfined-seccomp.
    perContainer(
      "c.?securityContext.?seccompProfile.hasValue() ? c.?securityContext.?seccompProfile.?type.orValue('') in ['RuntimeDefault', 'Localhost', 'Unconfined'] : variables.podSecurityContext.?seccompProfile.hasValue()",
      'Containers must have seccompProfile.type RuntimeDefault or Localhost (set on them or on the pod).',
      { guard: 'variables.isWindows' },
    ),
  ]),
  'no-unconfined-seccomp': workload([
    { expression: "variables.podSecurityContext.?seccompProfile.?type.orValue('') != 'Unconfined'", message: 'The pod securityContext must not set seccompProfile.type to Unconfined.' },
    perContainer("c.?securityContext.?seccompProfile.?type.orValue('') != 'Unconfined'", 'Containers must not set seccompProfile.type to Unconfined.'),
  ]),
  'no-unmasked-proc-mount': workload([perContainer("c.?securityContext.?procMount.orValue('Default') == 'Default'", 'Containers must not set procMount to anything but Default.')]),
  'no-unsafe-sysctls': workload([
    {
      expression: `variables.podSecurityContext.?sysctls.orValue([]).all(s, !has(s.name) || s.name in ${celList(SAFE_SYSCTLS)})`,
      message: 'The pod must set only sysctls of the safe set.',
      messageExpression: `'The pod must set only sysctls of the safe set: ' + variables.podSecurityContext.?sysctls.orValue([]).filter(s, has(s.name) && !(s.name in ${celList(SAFE_SYSCTLS)})).map(s, string(s.name)).join(', ')`,
    },
  ]),
  'require-read-only-root-filesystem': workload([
    perContainer('c.?securityContext.?readOnlyRootFilesystem.orValue(false) == true', 'Containers must set securityContext.readOnlyRootFilesystem to true.', { guard: 'variables.isWindows' }),
  ]),
  'require-cpu-requests': resourceRendition('requests', 'cpu', 'Containers must request CPU (resources.requests.cpu).'),
  'require-memory-requests': resourceRendition('requests', 'memory', 'Containers must request memory (resources.requests.memory).'),
  'require-cpu-limits': resourceRendition('limits', 'cpu', 'Containers must set a CPU limit (resources.limits.cpu).'),
  'require-memory-limits': resourceRendition('limits', 'memory', 'Containers must set a memory limit (resources.limits.memory).'),
  'no-container-runtime-socket-mount': workload(
    [
      {
        // A runtime pipe is reported whatever the subPath; an absolute path with a '..' segment cannot be
        // resolved in CEL and is refused (stricter than the TypeScript check, which resolves it).
        expression:
          `!variables.hostPathVolumes.exists(v, v.hostPath.path.matches(${PIPE})) && ` +
          `!variables.allContainers.exists(c, c.?volumeMounts.orValue([]).exists(m, variables.hostPathVolumes.exists(v, ` +
          `m.?name.orValue('') == v.name && (m.?subPath.orValue('') != '' && type(m.subPath) == string ? v.hostPath.path + '/' + m.subPath : v.hostPath.path)` +
          `.matches(${SOCKET})))) && ` +
          `!variables.hostPathVolumes.exists(v, !variables.mountedVolumeNames.exists(names, v.name in names) && ` +
          `v.hostPath.path.matches(${SOCKET}))`,
        message: 'Pods must not mount the container runtime socket.',
        messageExpression:
          "'Pods must not mount the container runtime socket (hostPath volumes: ' + variables.hostPathVolumes.map(v, v.name + ' ' + v.hostPath.path).join(', ') + ').'",
      },
    ],
    [
      // hostPath volumes with a name and an absolute (or named-pipe) path: the ones the kubelet can mount.
      {
        name: 'hostPathVolumes',
        expression:
          "variables.podSpec.?volumes.orValue([]).filter(v, has(v.name) && type(v.name) == string && has(v.hostPath) && " +
          `has(v.hostPath.path) && type(v.hostPath.path) == string && (v.hostPath.path.startsWith('/') || v.hostPath.path.matches(${ANY_PIPE})))`,
      },
      { name: 'mountedVolumeNames', expression: "variables.allContainers.map(c, c.?volumeMounts.orValue([]).map(m, m.?name.orValue('')))" },
    ],
  ),
  'no-service-external-ips': {
    kinds: ['Service'],
    variables: [{ name: 'externalIPs', expression: 'object.?spec.?externalIPs.orValue([])' }],
    validations: [
      {
        expression: "type(variables.externalIPs) == list ? size(variables.externalIPs) == 0 : (type(variables.externalIPs) == string ? variables.externalIPs.trim() == '' : true)",
        message: 'Services must not set spec.externalIPs (CVE-2020-8554).',
      },
    ],
  },
};

// ───────────────────────────── built-ins without a rendition ─────────────────────────────

/** Why a built-in check has no CEL rendition, for those whose reason is not their category's. */
const NOT_EXPORTABLE: Readonly<Record<string, string>> = {
  'no-sensitive-host-path-mount': 'not expressed in CEL yet (host-path normalisation and the sensitive-path table)',
  'no-writable-host-path-mount': 'not expressed in CEL yet (host-path normalisation per mount)',
  'no-unsafe-apparmor-profile': 'not expressed in CEL yet',
  'no-unsafe-selinux-options': 'not expressed in CEL yet',
  'no-disallowed-volume-types': 'not expressed in CEL yet',
  'no-added-capabilities': 'not expressed in CEL yet',
  'require-image-digest': 'not expressed in CEL yet (image reference parsing and digest validation)',
  'require-trusted-registry': 'depends on the trustedRegistries option and image reference normalisation; not expressed in CEL yet',
  'no-ssh-port': 'not expressed in CEL yet',
  'no-default-namespace': 'a manifest without a namespace lands in kubectl\'s current namespace; at admission the request always names one (not expressed in CEL yet)',
  'no-default-service-account': 'needs other objects (ServiceAccounts, RBAC bindings): reads inventory-wide facts',
  'no-automounted-service-account-token': 'needs other objects (the ServiceAccount\'s automount setting): reads inventory-wide facts',
  'no-exposed-service': 'not expressed in CEL yet',
  'require-network-policy': 'needs other objects (NetworkPolicies selecting the workload): reads inventory-wide facts',
  'no-dangling-service': 'needs other objects (the workloads a Service selects): reads inventory-wide facts',
  'require-namespace-pod-security-enforce': 'not expressed in CEL yet',
  'no-inline-secret-data': 'secret detection (entropy, key names, known token formats) is not expressible in CEL',
  'no-secret-in-env': 'secret detection (entropy, key names, known token formats) is not expressible in CEL',
  'no-secret-in-configmap': 'secret detection (entropy, key names, known token formats) is not expressible in CEL',
  'no-secret-key-ref-env': 'not expressed in CEL yet',
  'no-cluster-admin-binding': 'reads the RBAC graph (roles, aggregation); its object-alone verdict (a binding to cluster-admin) is not expressed in CEL yet',
};

/** The one-line reason a built-in check (by id, category and stage) is not exported. */
export function notExportableReason(meta: { id: string; category: string; stage: string; kinds: string[] }): string {
  const explicit = NOT_EXPORTABLE[meta.id];
  if (explicit) return explicit;
  if (meta.stage === 'build' || meta.category === 'dockerfile' || meta.kinds.includes('Dockerfile')) return 'Dockerfile check (build stage): Dockerfiles are not admitted';
  if (meta.category === 'control-plane') return 'control-plane configuration: not admitted through the Kubernetes API';
  if (meta.category === 'config') return 'about Bulwark\'s own configuration and suppressions, not about an admitted object';
  if (meta.category === 'rbac') return 'needs other objects (the RBAC graph: bindings, roles, aggregation, subjects): reads inventory-wide facts';
  if (meta.category === 'network') return 'needs other objects (reads the network analyzer\'s facts: NetworkPolicies, Namespaces, workloads)';
  return 'not expressed in CEL yet';
}
