/**
 * CEL renditions of the built-in checks whose verdict depends only on the object itself (and, for
 * no-default-namespace, on the namespace the request names), for the ValidatingAdmissionPolicy export. Each rendition reproduces the TypeScript check's verdict (violated or
 * not) with Kubernetes semantics: pod-level securityContext fields inherited by containers that leave them
 * unset, init and ephemeral containers, and the pod template of every workload kind (a Pod's own spec,
 * `spec.template.spec`, a CronJob's `spec.jobTemplate.spec.template.spec`). The differential test
 * (builtin-cel.test.ts) runs these expressions and the TypeScript checks on the same objects.
 *
 * Expressions use only what Kubernetes' CEL environment offers (optional `.?` / `orValue`, `has()`,
 * the strings extension's `trim`, `upperAscii`, `lowerAscii`, `split`, `join`, regex `matches`).
 *
 * Renditions that depend on check options (require-trusted-registry's trustedRegistries) are built from the
 * config's options at export time: see OPTION_CEL and builtinRendition.
 */
import { analyzeRbac } from '../../analyzers/rbac/rbac-analyzer.js';
import { ALL_SERVICE_ACCOUNTS_GROUP, ANONYMOUS_USER, AUTHENTICATED_GROUP, RBAC_GROUP, SERVICE_ACCOUNT_USER_PREFIX, SERVICE_ACCOUNTS_GROUP_PREFIX, UNAUTHENTICATED_GROUP } from '../../analyzers/rbac/subjects.js';
import { AUTOUPDATE_ANNOTATION, fullAccessRuleIndex, isBuiltInClusterAdmin } from '../../checks/rbac/rbac-check-helpers.js';
import type { CheckOptions } from '../../checks/define-check.js';
import { SENSITIVE_HOST_PATHS } from '../../checks/workload/no-sensitive-host-path-mount.js';
import { isContainerRuntimeSocketPath, isPathWithin, RUNTIME_PIPES, RUNTIME_SOCKET_PARENTS, RUNTIME_SOCKET_PATHS } from '../../kinds/host-paths.js';
import { DEFAULT_REGISTRY, trustedPatterns, type RegistryPattern } from '../../kinds/images.js';

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
  /** Requests the rendition does not judge at all (VAP matchConditions), when its kinds alone say too much. */
  matchConditions?: { name: string; expression: string }[];
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
 * Absolute host paths are matched as written, the way kinds/host-paths.ts normalizeHostPath reads them:
 * `//` and `/./` between segments and a trailing `/` or `/.` are tolerated, as the normalisation collapses
 * them. PATH_SEP is one separator (a '/', then any '/' or './'); pathBody is a normalised path's segments.
 */
const PATH_SEP = '/(\\.?/)*';
const pathBody = (path: string): string => path.split('/').filter((s) => s !== '').map(re2Literal).join(PATH_SEP);

/**
 * Host paths that expose a container runtime socket (kinds/host-paths.ts isContainerRuntimeSocketPath),
 * matched against the path as written (PATH_SEP).
 */
function runtimeSocketRegex(): string {
  // /var/run and /run hold the same sockets: one alternation under `(var/)?run` when the tables agree.
  const under = (parent: string): string[] => RUNTIME_SOCKET_PATHS.filter((p) => p.startsWith(`${parent}/`)).map((p) => p.slice(parent.length + 1));
  const varRun = under('/var/run');
  const run = under('/run');
  const sameParents = varRun.length === run.length && varRun.every((p, i) => p === run[i]) && [...RUNTIME_SOCKET_PARENTS].sort().join() === '/run,/var/run';
  const alternatives: string[] = [];
  let rest: readonly string[] = RUNTIME_SOCKET_PATHS;
  if (sameParents) {
    // The parent itself exactly (a trailing '/' or '/.' allowed), or anything within one of its sockets.
    alternatives.push(`${PATH_SEP}(var${PATH_SEP})?run((${PATH_SEP}\\.?)?|${PATH_SEP}(${run.map(pathBody).join('|')})(/.*)?)`);
    rest = RUNTIME_SOCKET_PATHS.filter((p) => !p.startsWith('/var/run/') && !p.startsWith('/run/'));
  } else {
    alternatives.push(...RUNTIME_SOCKET_PARENTS.map((p) => `${PATH_SEP}${pathBody(p)}(${PATH_SEP}\\.?)?`));
  }
  alternatives.push(...rest.map((p) => `${PATH_SEP}${pathBody(p)}(/.*)?`));
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

/**
 * hostPath volumes with a name and an absolute (or named-pipe) path: the ones the kubelet can mount, and
 * the ones kinds/host-paths.ts hostPathExposures registers; and the volume names each container mounts.
 */
const HOST_PATH_VARIABLES: { name: string; expression: string }[] = [
  {
    name: 'hostPathVolumes',
    expression:
      "variables.podSpec.?volumes.orValue([]).filter(v, has(v.name) && type(v.name) == string && has(v.hostPath) && " +
      `has(v.hostPath.path) && type(v.hostPath.path) == string && (v.hostPath.path.startsWith('/') || v.hostPath.path.matches(${ANY_PIPE})))`,
  },
  { name: 'mountedVolumeNames', expression: "variables.allContainers.map(c, c.?volumeMounts.orValue([]).map(m, m.?name.orValue('')))" },
];

/** The host path that mount `m` of volume `v` shows the container: the volume's path joined with a non-empty subPath. */
const MOUNT_HOST_PATH = "(m.?subPath.orValue('') != '' && type(m.subPath) == string ? v.hostPath.path + '/' + m.subPath : v.hostPath.path)";

/** Volume `v` is mounted by some container (whatever its subPath). */
const VOLUME_MOUNTED = 'variables.mountedVolumeNames.exists(names, v.name in names)';

/** The normalised parent of a normalised absolute path; undefined for '/'. */
function parentPath(path: string): string | undefined {
  if (path === '/') return undefined;
  const slash = path.lastIndexOf('/');
  return slash === 0 ? '/' : path.slice(0, slash);
}

/**
 * no-sensitive-host-path-mount's table as normalised paths: those sensitive themselves (a table path, or a
 * directory that contains one: its parents, up to '/'), and the roots of sensitive subtrees.
 */
function sensitivePathSets(): { exact: string[]; subtrees: string[] } {
  const roots = SENSITIVE_HOST_PATHS.filter((s) => s.subtree).map((s) => s.path);
  const underOther = (p: string): boolean => roots.some((r) => r !== p && isPathWithin(p, r));
  const exact = new Set<string>();
  for (const s of SENSITIVE_HOST_PATHS) for (let p: string | undefined = s.path; p !== undefined; p = parentPath(p)) exact.add(p);
  return { exact: [...exact].filter((p) => !underOther(p) && !roots.includes(p)), subtrees: roots.filter((r) => !underOther(r)) };
}

/**
 * sensitiveHostPathReason as a pattern over the path as written (PATH_SEP); plus, stricter than the
 * TypeScript check, any path with a '..' segment, which CEL cannot resolve (the API server rejects '..' in
 * hostPath.path and subPath, so no admitted pod has one).
 */
function sensitiveHostPathRegex(): string {
  const { exact, subtrees } = sensitivePathSets();
  const alternatives = [
    ...exact.map((p) => (p === '/' ? '/(\\.?/)*\\.?' : `${PATH_SEP}${pathBody(p)}(${PATH_SEP}\\.?)?`)),
    ...subtrees.map((r) => (r === '/' ? '/.*' : `${PATH_SEP}${pathBody(r)}(/.*)?`)),
  ];
  return `(?s)^(${alternatives.join('|')})$|^/(.*/)?\\.\\.(/|$)`;
}

/**
 * sensitiveHostPathReason leaves runtime sockets to no-container-runtime-socket-mount. The tables do not
 * overlap today, so the rendition needs no exclusion; should they, it excludes socket paths explicitly.
 */
export function sensitiveOverlapsSockets(): boolean {
  const { exact, subtrees } = sensitivePathSets();
  return (
    [...exact, ...subtrees].some(isContainerRuntimeSocketPath) ||
    [...RUNTIME_SOCKET_PATHS, ...RUNTIME_SOCKET_PARENTS].some((p) => subtrees.some((r) => isPathWithin(p, r)))
  );
}

/** `path` (a CEL string expression) is a sensitive host path. */
function sensitivePath(path: string): string {
  const sensitive = `${path}.matches(${celString(sensitiveHostPathRegex())})`;
  return sensitiveOverlapsSockets() ? `${sensitive} && !${path}.matches(${celString(runtimeSocketRegex())})` : sensitive;
}

/**
 * hostPath volume `v` exposes a sensitive path: through a mount (its path joined with the mount's subPath),
 * or by itself when no container mounts it. Named pipes are never sensitive (sensitiveHostPathReason
 * finds no pipe in the table).
 */
function exposesSensitivePath(): string {
  return (
    `!v.hostPath.path.matches(${ANY_PIPE}) && (` +
    `variables.allContainers.exists(c, c.?volumeMounts.orValue([]).exists(m, m.?name.orValue('') == v.name && ${sensitivePath(MOUNT_HOST_PATH)})) || ` +
    `(!${VOLUME_MOUNTED} && ${sensitivePath('v.hostPath.path')}))`
  );
}

// ───────────────────────────── images ─────────────────────────────

/**
 * kinds/images.ts hasPinnedDigest: what follows the first '@' is sha256 with 64, or sha512 with 128,
 * lower-case hex digits.
 */
const PINNED_DIGEST = '^[^@]*@(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$';

/**
 * `pred` over `s`, a container's image as parseImageReference reads it (trimmed); a missing, non-string or
 * blank image passes, as the TypeScript checks leave it to no-latest-image-tag.
 */
function imagePred(pred: string): string {
  return `[c.?image.orValue('')].all(i, type(i) != string || i.trim() == '' || [i.trim()].all(s, ${pred}))`;
}

/** Docker Hub's hosts as a reference may name them (images.ts rewrites the legacy one to docker.io). */
const DOCKER_HUB = '^(docker\\.io|index\\.docker\\.io)/';

/**
 * A Docker Hub name without '/' (an official image, `library/` implied) whose repository is not empty once
 * the tag after its last ':' is cut: it starts with a character other than ':', or has a second ':'.
 */
const OFFICIAL_NAME = '([^/@:][^/@]*|:[^/@]*:[^/@]*)(@|$)';

/**
 * The image `s` comes from the trusted-registry entry `p`, as registryPatternMatches(p,
 * parseImageReference(s)) decides: the first path component is the registry when it has '.', ':', is
 * localhost or has an upper-case letter (compared lower-cased with the host); otherwise the image is on
 * Docker Hub, official images under `library/`. The path prefix is compared lower-cased with the
 * repository. Letters are folded with lowerAscii: JavaScript's toLowerCase also folds non-ASCII upper-case
 * letters, which no valid image reference contains.
 */
function trustedBy(p: RegistryPattern): string {
  const { host, pathPrefix: prefix } = p;
  // Everything after the first '@' is the digest: a host or prefix with '@' in it matches no image.
  if (host.includes('@') || prefix.includes('@')) return 'false';
  if (host !== DEFAULT_REGISTRY) {
    const named = `s.lowerAscii().startsWith(${celString(`${host}/${prefix}`)})`;
    if (host.includes('.') || host.includes(':') || host === 'localhost') return named;
    // A first component without '.' or ':' names a registry only when it has an upper-case letter.
    return /[a-z]/.test(host) ? `(${named} && !s.startsWith(${celString(`${host}/`)}))` : 'false';
  }
  // Docker Hub: named explicitly, a name without '/', or a first component that cannot be a registry.
  const implicitWithSlash = "(s.matches('^[^/@.:A-Z]*/') && !s.startsWith('localhost/'))";
  if (prefix === '') return `(s.lowerAscii().matches(${celString(DOCKER_HUB)}) || s.matches('^[^/@]*(@|$)') || ${implicitWithSlash})`;
  const parts = [
    `s.lowerAscii().startsWith(${celString(`docker.io/${prefix}`)})`,
    `s.lowerAscii().startsWith(${celString(`index.docker.io/${prefix}`)})`,
    `(${implicitWithSlash} && s.lowerAscii().startsWith(${celString(prefix)}))`,
  ];
  // Official images are library/<name>: only the prefix library/ covers them.
  if (prefix === 'library/') parts.push(`s.lowerAscii().matches(${celString(DOCKER_HUB + OFFICIAL_NAME)})`, `s.matches(${celString(`^${OFFICIAL_NAME}`)})`);
  return `(${parts.join(' || ')})`;
}

function trustedRegistryRendition(patterns: readonly RegistryPattern[]): CelRendition {
  const distinct = [...new Map(patterns.map((p) => [`${p.host}/${p.pathPrefix}`, p])).values()];
  // A configured list whose entries are all unusable trusts nothing, as in the TypeScript check.
  const trusted = distinct.length === 0 ? 'false' : distinct.map(trustedBy).join(' || ');
  return workload([perContainer(imagePred(trusted), 'Container images must come from a configured trusted registry.')]);
}

// ───────────────────────────── Services and Namespaces ─────────────────────────────

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
/** no-exposed-service's OPEN_RANGE: a prefix length of 0, whatever the address. */
const OPEN_RANGE = celString('^[0-9A-Fa-f.:]+/0$');

/**
 * no-exposed-service's internal load balancer annotations: a string value, trimmed, read by `pred` over
 * `v`. Case is folded with lowerAscii: no non-ASCII letter lower-cases to a letter of "internal", "true"
 * or "false", so that is exactly toLowerCase's verdict.
 */
const INTERNAL_LB_ANNOTATIONS: [string, string][] = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', "v != '' && v.lowerAscii() != 'false'"],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', "v.lowerAscii() == 'internal'"],
  ['networking.gke.io/load-balancer-type', "v.lowerAscii() == 'internal'"],
  ['cloud.google.com/load-balancer-type', "v.lowerAscii() == 'internal'"],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', "v.lowerAscii() == 'true'"],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', "v.lowerAscii() == 'true'"],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', "v.lowerAscii() == 'true'"],
];

function exposedServiceRendition(): CelRendition {
  // Only a LoadBalancer that is not internal has source ranges to judge.
  const judged = "variables.serviceType != 'LoadBalancer' || variables.internalLoadBalancer";
  return {
    kinds: ['Service'],
    variables: [
      { name: 'serviceType', expression: "object.?spec.?type.orValue('')" },
      { name: 'serviceAnnotations', expression: 'object.?metadata.?annotations.orValue({})' },
      {
        name: 'internalLoadBalancer',
        expression: INTERNAL_LB_ANNOTATIONS.map(
          ([key, pred]) => `[variables.serviceAnnotations[?${celString(key)}].orValue('')].exists(a, type(a) == string && [a.trim()].exists(v, ${pred}))`,
        ).join(' || '),
      },
      // spec.loadBalancerSourceRanges when it lists any (a non-list counts as none), else the legacy annotation.
      { name: 'sourceRangeField', expression: "[object.?spec.?loadBalancerSourceRanges.orValue([])].map(l, type(l) == list ? l : [])[0]" },
      {
        name: 'sourceRangeAnnotation',
        expression: `[variables.serviceAnnotations[?${celString(SOURCE_RANGES_ANNOTATION)}].orValue('')].map(a, type(a) == string ? a : '')[0]`,
      },
      {
        name: 'openSourceRanges',
        expression:
          `size(variables.sourceRangeField) > 0 ? variables.sourceRangeField.filter(r, type(r) == string && r.trim().matches(${OPEN_RANGE})).map(r, r.trim()) : ` +
          `variables.sourceRangeAnnotation.split(',').map(r, r.trim()).filter(r, r.matches(${OPEN_RANGE}))`,
      },
    ],
    validations: [
      { expression: "variables.serviceType != 'NodePort'", message: "Service type NodePort exposes the service on a port of every node's address." },
      {
        expression: `${judged} || size(variables.sourceRangeField) > 0 || variables.sourceRangeAnnotation.trim() != ''`,
        message: 'Service type LoadBalancer exposes the service outside the cluster and spec.loadBalancerSourceRanges is not set, so every address can reach it.',
      },
      {
        expression: `${judged} || size(variables.openSourceRanges) == 0`,
        message: 'A load balancer source range admits every address.',
        messageExpression: "'Load balancer source ranges that admit every address: ' + variables.openSourceRanges.join(', ')",
      },
    ],
  };
}

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

function podSecurityEnforceRendition(): CelRendition {
  const label = `object.?metadata.?labels[?${celString(ENFORCE_LABEL)}]`;
  return {
    kinds: ['Namespace'],
    variables: [],
    validations: [
      {
        expression: `${label}.orValue('') in ['baseline', 'restricted']`,
        message: 'Namespaces must enforce a Pod Security Standard level of baseline or restricted.',
        messageExpression:
          `!${label}.hasValue() ? 'The Namespace has no ${ENFORCE_LABEL} label, so Pod Security admission rejects no pod in it.' : ` +
          `${label}.value() == 'privileged' ? 'The Namespace enforces the "privileged" Pod Security level, which allows every pod, including privileged and host-namespace ones.' : ` +
          `'${ENFORCE_LABEL} is "' + string(${label}.value()) + '", not one of privileged, baseline or restricted.'`,
      },
    ],
  };
}

/**
 * no-default-namespace at admission: the request always names the namespace the object lands in (kubectl
 * fills it in when the manifest has none), so the rule is that namespace is not "default"; cluster-scoped
 * objects have none. A scan of a manifest without metadata.namespace reports it whatever the kubectl context;
 * at admission the namespace it lands in is known and is what counts.
 *
 * Kubernetes' own components write to "default" themselves (the apiserver's `kubernetes` Service and its
 * endpoints, the default ServiceAccount and kube-root-ca.crt ConfigMap of every namespace, Events about
 * cluster-scoped objects), and Events follow the object they are about wherever it is: neither is placed by
 * anyone's manifest, and refusing them breaks the cluster, so the policy does not match them.
 */
function defaultNamespaceRendition(): CelRendition {
  const user = 'request.userInfo.username';
  return {
    kinds: ['*'],
    matchConditions: [
      {
        name: 'bulwark-not-kubernetes-components',
        expression:
          `!${user}.startsWith('system:') || (${user}.startsWith(${celString(SERVICE_ACCOUNT_USER_PREFIX)}) && ` +
          `!${user}.startsWith(${celString(`${SERVICE_ACCOUNT_USER_PREFIX}kube-system:`)}))`,
      },
      { name: 'bulwark-not-events', expression: "!(request.kind.kind == 'Event' && request.kind.group in ['', 'events.k8s.io'])" },
    ],
    variables: [],
    validations: [
      {
        // A request about a Namespace itself names it as its namespace (PUT /api/v1/namespaces/default):
        // Namespaces are cluster-scoped, as in the scan.
        expression: "request.namespace != 'default' || (request.kind.group == '' && request.kind.kind == 'Namespace')",
        message: 'Namespaced objects must be placed in a dedicated namespace, not in "default".',
        messageExpression: "'The ' + request.kind.kind + ' is placed in the \"default\" namespace.'",
      },
    ],
  };
}

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
          `m.?name.orValue('') == v.name && ${MOUNT_HOST_PATH}.matches(${SOCKET})))) && ` +
          `!variables.hostPathVolumes.exists(v, !${VOLUME_MOUNTED} && v.hostPath.path.matches(${SOCKET}))`,
        message: 'Pods must not mount the container runtime socket.',
        messageExpression:
          "'Pods must not mount the container runtime socket (hostPath volumes: ' + variables.hostPathVolumes.map(v, v.name + ' ' + v.hostPath.path).join(', ') + ').'",
      },
    ],
    HOST_PATH_VARIABLES,
  ),
  'no-sensitive-host-path-mount': workload(
    [
      {
        expression: `!variables.hostPathVolumes.exists(v, ${exposesSensitivePath()})`,
        message: 'Pods must not mount sensitive host directories.',
        messageExpression:
          `'Pods must not mount sensitive host directories (hostPath volumes: ' + variables.hostPathVolumes.filter(v, ${exposesSensitivePath()})` +
          ".map(v, v.name + ' ' + v.hostPath.path).join(', ') + ').'",
      },
    ],
    HOST_PATH_VARIABLES,
  ),
  'no-writable-host-path-mount': workload(
    [
      perContainer(
        "!c.?volumeMounts.orValue([]).exists(m, has(m.name) && m.name in variables.hostPathVolumeNames && m.?readOnly.orValue(false) != true)",
        'Containers must mount hostPath volumes read-only.',
      ),
    ],
    // Whatever the path: every hostPath volume with a name (the first of a name, as the API server allows one).
    [{ name: 'hostPathVolumeNames', expression: 'variables.podSpec.?volumes.orValue([]).filter(v, has(v.name) && type(v.name) == string && has(v.hostPath)).map(v, v.name)' }],
  ),
  'require-image-digest': workload([perContainer(imagePred(`s.matches(${celString(PINNED_DIGEST)})`), 'Container images must be pinned by digest.')]),
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
  'no-exposed-service': exposedServiceRendition(),
  'require-namespace-pod-security-enforce': podSecurityEnforceRendition(),
  'no-default-namespace': defaultNamespaceRendition(),
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

// ───────────────────────────── renditions built from check options ─────────────────────────────

/**
 * Renditions that read the config's check options, as their TypeScript checks do: the rendition, or why
 * there is none with these options.
 */
export const OPTION_CEL: Readonly<Record<string, (options: CheckOptions) => CelRendition | string>> = {
  'require-trusted-registry': (options) => {
    const patterns = trustedPatterns(options);
    return patterns ? trustedRegistryRendition(patterns) : 'inactive: options.trustedRegistries is not set, so the check reports nothing (set it in the config to export the check)';
  },
};

/** The CEL rendition of a built-in check under the config's options, if it has one. */
export function builtinRendition(id: string, options: CheckOptions): CelRendition | undefined {
  const fixed = BUILTIN_CEL[id];
  if (fixed) return fixed;
  const built = OPTION_CEL[id]?.(options);
  return typeof built === 'object' ? built : undefined;
}

// ───────────────────────────── built-ins without a rendition ─────────────────────────────

/** Why a built-in check has no CEL rendition, for those whose reason is not their category's. */
const NOT_EXPORTABLE: Readonly<Record<string, string>> = {
  'no-default-service-account': 'needs other objects (ServiceAccounts, RBAC bindings): reads inventory-wide facts',
  'no-automounted-service-account-token': 'needs other objects (the ServiceAccount\'s automount setting): reads inventory-wide facts',
  'require-network-policy': 'needs other objects (NetworkPolicies selecting the workload): reads inventory-wide facts',
  'no-dangling-service': 'needs other objects (the workloads a Service selects): reads inventory-wide facts',
  'no-inline-secret-data': 'secret detection (entropy, key names, known token formats) is not expressible in CEL',
  'no-secret-in-env': 'secret detection (entropy, key names, known token formats) is not expressible in CEL',
  'no-secret-in-configmap': 'secret detection (entropy, key names, known token formats) is not expressible in CEL',
};

/** The one-line reason a built-in check (by id, category and stage) is not exported. */
export function notExportableReason(meta: { id: string; category: string; stage: string; kinds: string[] }, options: CheckOptions = {}): string {
  const explicit = NOT_EXPORTABLE[meta.id];
  if (explicit) return explicit;
  const built = OPTION_CEL[meta.id]?.(options);
  if (typeof built === 'string') return built;
  if (meta.stage === 'build' || meta.category === 'dockerfile' || meta.kinds.includes('Dockerfile')) return 'Dockerfile check (build stage): Dockerfiles are not admitted';
  if (meta.category === 'control-plane') return 'control-plane configuration: not admitted through the Kubernetes API';
  if (meta.category === 'config') return 'about Bulwark\'s own configuration and suppressions, not about an admitted object';
  if (meta.category === 'rbac') return 'needs other objects (the RBAC graph: bindings, roles, aggregation, subjects): reads inventory-wide facts';
  if (meta.category === 'network') return 'needs other objects (reads the network analyzer\'s facts: NetworkPolicies, Namespaces, workloads)';
  return 'not expressed in CEL yet';
}
