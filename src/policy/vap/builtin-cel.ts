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
import { analyzeRbac } from '../../analyzers/rbac/rbac-analyzer.js';
import { ALL_SERVICE_ACCOUNTS_GROUP, ANONYMOUS_USER, AUTHENTICATED_GROUP, RBAC_GROUP, SERVICE_ACCOUNT_USER_PREFIX, SERVICE_ACCOUNTS_GROUP_PREFIX, UNAUTHENTICATED_GROUP } from '../../analyzers/rbac/subjects.js';
import { AUTOUPDATE_ANNOTATION, fullAccessRuleIndex, isBuiltInClusterAdmin } from '../../checks/rbac/rbac-check-helpers.js';
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

/** A container's capabilities.add as a list (a non-list, which the API server rejects, adds nothing, as in capabilityList). */
const ADD_LIST = "[c.?securityContext.?capabilities.?add.orValue([])].map(l, type(l) == list ? l : [])[0]";

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

// ───────────────────────────── restricted / baseline extras ─────────────────────────────

/** no-added-capabilities: the baseline set minus NET_BIND_SERVICE (capabilities beyond it are no-unsafe-capabilities'). */
const ADDED_CAPABILITIES = BASELINE_CAPABILITIES.filter((c) => c !== 'NET_BIND_SERVICE');

/**
 * no-disallowed-volume-types: the volume sources of core/v1 VolumeSource the restricted profile forbids.
 * The TypeScript check reports every key but `name` outside its allow-list; the API server drops (or, with
 * strict field validation, rejects) keys that are not VolumeSource fields before admission, so at
 * admission these are the only keys left to report. `has()` on declared fields also type-checks against
 * the Pod schema, which a comprehension over a volume's keys would not.
 */
const DISALLOWED_VOLUME_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs',
  'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

/** no-unsafe-selinux-options ALLOWED_TYPES ('' leaves the runtime's default). */
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** The pod template's metadata (the Pod's own for a Pod), only when the object has a pod spec. */
const POD_METADATA =
  "object.kind == 'Pod' ? object.?metadata : object.kind == 'CronJob' ? object.?spec.?jobTemplate.?spec.?template.?metadata : object.?spec.?template.?metadata";

/**
 * A securityContext (`sc`, optional) whose appArmorProfile, when written, has type RuntimeDefault or
 * Localhost; an appArmorProfile without a type is refused like Unconfined.
 */
const appArmorOk = (sc: string): string => `!${sc}.?appArmorProfile.hasValue() || ${sc}.?appArmorProfile.?type.orValue('') in ['RuntimeDefault', 'Localhost']`;

/** A securityContext whose seLinuxOptions, when written, set no user or role and a confined container type. */
const seLinuxOk = (sc: string): string =>
  `${sc}.?seLinuxOptions.?type.orValue('') in ${celList(SELINUX_TYPES)} && ${sc}.?seLinuxOptions.?user.orValue('') == '' && ${sc}.?seLinuxOptions.?role.orValue('') == ''`;

/**
 * no-ssh-port reads Number(containerPort) === 22: an int or double 22, or a string the way JavaScript's
 * Number reads it (decimal with optional sign, point and exponent; 0x/0o/0b literals). The API server only
 * admits an int, so the string forms matter for manifests only. `dyn` keeps the comparison valid for the
 * int-typed field in Kubernetes' type checker.
 */
const SSH_PORT_PRED =
  "[dyn(p.?containerPort.orValue(0))].exists(x, type(x) == string ? " +
  "(x.trim().matches('^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') && double(x.trim()) == 22.0) || x.trim().matches('^0([xX]0*16|[oO]0*26|[bB]0*10110)$') : " +
  '(type(x) == int || type(x) == double) && x == 22)';
/** TCP unless another protocol is written (case-insensitive). */
const TCP_PRED = "[p.?protocol.orValue('')].all(pr, pr == '' || (type(pr) == string && pr.upperAscii() == 'TCP'))";

// ───────────────────────────── no-cluster-admin-binding ─────────────────────────────

/**
 * The binding judged alone, as the TypeScript check judges it over a one-object inventory: Kubernetes'
 * bootstrap RBAC policy is the only other RBAC data. The roles granting full access are then the bootstrap
 * ones (the cluster-admin ClusterRole); a binding named like a bootstrap binding (and not annotated
 * rbac.authorization.kubernetes.io/autoupdate: "false") has its roleRef reconciled to the bootstrap one.
 * Subjects that are Kubernetes' own components (system: users and groups, kube-system service accounts,
 * but not system:authenticated, system:anonymous and the like) are not reported, as in isSystemSubject;
 * subjects the API server would reject (bad kind or apiGroup, empty name, a ClusterRoleBinding service
 * account without a namespace) are ignored, as in normalizeSubject.
 */
function clusterAdminBindingRendition(): CelRendition {
  const facts = analyzeRbac([]);
  const triple = (kind: string, namespace: string | undefined, name: string): string => celList([kind, namespace ?? '', name]);
  const grantsAll = (kind: string, name: string, role: Parameters<typeof fullAccessRuleIndex>[0]): boolean => isBuiltInClusterAdmin(kind, name, role) || fullAccessRuleIndex(role) >= 0;
  const fullRoles = facts.roles.filter((r) => grantsAll(r.kind, r.name, r)).map((r) => triple(r.kind, r.namespace, r.name));
  const bootstrapBindings = facts.bindings.filter((b) => b.bootstrap);
  const key = (b: { kind: string; namespace?: string; name: string }): string => celString(`${b.kind}/${b.namespace ?? ''}/${b.name}`);
  const bootKeys = bootstrapBindings.map(key);
  const bootFull = bootstrapBindings.filter((b) => grantsAll(b.roleRef.kind, b.roleRef.name, b.role)).map(key);
  const apiGroupOk = `s.?apiGroup.orValue('') in ['', ${celString(RBAC_GROUP)}]`;
  const saUser = celString(SERVICE_ACCOUNT_USER_PREFIX);
  const saGroupPrefix = celString(SERVICE_ACCOUNTS_GROUP_PREFIX);
  const reported =
    "[s.?name.orValue('')].all(n, type(n) == string && n != '' && (" +
    `(s.?kind.orValue('') == 'User' && ${apiGroupOk} && (n == ${celString(ANONYMOUS_USER)} || (n.startsWith(${saUser}) && !n.startsWith(${celString(`${SERVICE_ACCOUNT_USER_PREFIX}kube-system:`)})) || !n.startsWith('system:'))) || ` +
    `(s.?kind.orValue('') == 'Group' && ${apiGroupOk} && (n in ${celList([AUTHENTICATED_GROUP, UNAUTHENTICATED_GROUP, ALL_SERVICE_ACCOUNTS_GROUP])} || ` +
    `(n.startsWith(${saGroupPrefix}) && size(n) > ${SERVICE_ACCOUNTS_GROUP_PREFIX.length} && n != ${celString(`${SERVICE_ACCOUNTS_GROUP_PREFIX}kube-system`)}) || !n.startsWith('system:'))) || ` +
    "(s.?kind.orValue('') == 'ServiceAccount' && s.?apiGroup.orValue('') == '' && [s.?namespace.orValue('')].all(ns, type(ns) == string && ns != '' ? ns != 'kube-system' : " +
    "object.kind == 'RoleBinding' && variables.bindingNamespace != 'kube-system'))))";
  const message = "Bindings must not grant cluster-admin to subjects other than Kubernetes' own components.";
  return {
    kinds: ['ClusterRoleBinding', 'RoleBinding'],
    variables: [
      {
        name: 'bindingNamespace',
        expression: "object.kind == 'RoleBinding' && type(object.?metadata.?namespace.orValue('')) == string ? object.?metadata.?namespace.orValue('') : ''",
      },
      { name: 'bindingName', expression: "type(object.?metadata.?name.orValue('')) == string ? object.?metadata.?name.orValue('') : ''" },
      { name: 'bindingKey', expression: "object.kind + '/' + variables.bindingNamespace + '/' + variables.bindingName" },
      {
        name: 'reconciled',
        expression: `variables.bindingKey in [${bootKeys.join(', ')}] && object.?metadata.?annotations[?${celString(AUTOUPDATE_ANNOTATION)}].orValue('') != 'false'`,
      },
      {
        name: 'grantsFullAccess',
        expression:
          `variables.bindingName != '' && (variables.reconciled ? variables.bindingKey in [${bootFull.join(', ')}] : ` +
          `object.?roleRef.?apiGroup.orValue('') in ['', ${celString(RBAC_GROUP)}] && [${fullRoles.join(', ')}].exists(r, ` +
          "object.?roleRef.?kind.orValue('') == r[0] && object.?roleRef.?name.orValue('') == r[2] && (r[0] != 'Role' || variables.bindingNamespace == r[1])))",
      },
      { name: 'reportedSubjects', expression: `variables.grantsFullAccess ? object.?subjects.orValue([]).filter(s, ${reported}) : []` },
    ],
    validations: [
      {
        expression: 'size(variables.reportedSubjects) == 0',
        message,
        messageExpression: `${celString(`${message.replace(/\.$/, '')}: `)} + variables.reportedSubjects.map(s, string(s.kind) + ' ' + string(s.name)).join(', ')`,
      },
    ],
  };
}

// ───────────────────────────── the renditions ─────────────────────────────

const notTrue = (field: string): string => `variables.podSpec.?${field}.orValue(false) != true`;

/** Built on first use: it reads the bootstrap RBAC policy. */
let clusterAdminBinding: CelRendition | undefined;

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
      `${ADD_LIST}.all(cap, type(cap) != string || cap.trim().upperAscii().matches(${celString(`^(CAP_)?(${BASELINE_CAPABILITIES.join('|')})$`)}))`,
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
  'no-added-capabilities': workload([
    perContainer(
      `!${ADD_LIST}.exists(cap, type(cap) == string && cap.trim().upperAscii().matches(${celString(`^(CAP_)?(${ADDED_CAPABILITIES.join('|')})$`)}))`,
      'Containers may add back only the NET_BIND_SERVICE capability.',
      { guard: 'variables.isWindows' },
    ),
  ]),
  'no-disallowed-volume-types': workload([
    {
      expression: `!variables.podSpec.?volumes.orValue([]).exists(v, ${DISALLOWED_VOLUME_SOURCES.map((f) => `has(v.${f})`).join(' || ')})`,
      message: 'Pods must use only the volume types the restricted profile allows.',
      messageExpression:
        "'Pods must use only the volume types the restricted profile allows: ' + variables.podSpec.?volumes.orValue([])" +
        `.filter(v, ${DISALLOWED_VOLUME_SOURCES.map((f) => `has(v.${f})`).join(' || ')}).map(v, string(v.?name.orValue('?'))).join(', ')`,
    },
  ]),
  'no-unsafe-apparmor-profile': workload(
    [
      { expression: appArmorOk('variables.podSecurityContext'), message: 'The pod securityContext must set appArmorProfile.type to RuntimeDefault or Localhost, or leave it unset.' },
      perContainer(appArmorOk('c.?securityContext'), 'Containers must set appArmorProfile.type to RuntimeDefault or Localhost, or leave it unset.'),
      {
        // Legacy annotations, still honoured by older kubelets: runtime/default or localhost/<profile> only.
        expression: `variables.podAnnotations.all(k, !k.startsWith(${celString(APPARMOR_ANNOTATION_PREFIX)}) || variables.podAnnotations[k] == 'runtime/default' || variables.podAnnotations[k].startsWith('localhost/'))`,
        message: 'AppArmor annotations must name runtime/default or localhost/<profile>.',
      },
    ],
    [{ name: 'podAnnotations', expression: `variables.podSpec.hasValue() ? (${POD_METADATA}).?annotations.orValue({}) : {}` }],
  ),
  'no-unsafe-selinux-options': workload([
    { expression: seLinuxOk('variables.podSecurityContext'), message: 'The pod securityContext must not set a custom SELinux type, user or role.' },
    perContainer(seLinuxOk('c.?securityContext'), 'Containers must not set a custom SELinux type, user or role.'),
  ]),
  'no-ssh-port': workload([
    // Ephemeral containers cannot declare ports.
    perContainer(`!c.?ports.orValue([]).exists(p, ${SSH_PORT_PRED} && ${TCP_PRED})`, 'Containers must not expose the SSH port (containerPort 22/TCP).', {
      list: '(variables.initContainers + variables.containers)',
    }),
  ]),
  'no-secret-key-ref-env': workload([
    perContainer(
      "!c.?env.orValue([]).exists(e, e.?valueFrom.?secretKeyRef.hasValue()) && !c.?envFrom.orValue([]).exists(e, e.?secretRef.hasValue())",
      'Secrets should be mounted as files rather than exposed as environment variables.',
    ),
  ]),
  get 'no-cluster-admin-binding'(): CelRendition {
    return (clusterAdminBinding ??= clusterAdminBindingRendition());
  },
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
  'require-image-digest': 'not expressed in CEL yet (image reference parsing and digest validation)',
  'require-trusted-registry': 'depends on the trustedRegistries option and image reference normalisation; not expressed in CEL yet',
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
