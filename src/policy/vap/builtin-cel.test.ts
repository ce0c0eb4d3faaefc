/**
 * DIFFERENTIAL test: every built-in check with a CEL rendition is run both ways on the same objects —
 * the TypeScript check through the engine (a one-object Inventory, as admission judges an object) and
 * the exported CEL validations through the CEL runtime (compileCel, toCelValue, lazyVariables) — and the
 * verdicts (violated or not) must agree. Objects: Polaris' check fixtures, the real-world corpus, the
 * examples, and edge cases written here. Disagreements are allowed only when listed in KNOWN with a reason.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import yaml from 'js-yaml';
import { ResourceScopes } from '../../analyzers/resource-scope.js';
import type { Check } from '../../checks/define-check.js';
import { BUILTIN_CHECKS } from '../../checks/index.js';
import { runEngine } from '../../engine/run.js';
import { Inventory } from '../../inventory/inventory.js';
import { apiGroupOf, effectiveKind, expandKinds } from '../../kinds/kind-groups.js';
import { asArray, isRecord, podTemplate } from '../../kinds/workloads.js';
import type { K8sObject } from '../../model/types.js';
import type { ParsedObject } from '../../sources/parsed-object.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { readInputs } from '../../sources/read-inputs.js';
import { EMPTY_CONFIG, type BulwarkConfig } from '../config.js';
import { compileCel, CostTracker, lazyVariables, toCelValue, type CelActivation, type CelProgram } from '../cel/index.js';
import { BUILTIN_CEL, builtinRendition, notExportableReason, OPTION_CEL, sensitiveOverlapsSockets, type CelRendition } from './builtin-cel.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const ORACLES = resolve(ROOT, '../shared/oracles');

// ───────────────────────────── CEL side ─────────────────────────────

interface Compiled {
  matchConditions: CelProgram[];
  variables: { name: string; program: CelProgram }[];
  validations: { program: CelProgram; message?: CelProgram }[];
}

function compileRendition(r: CelRendition): Compiled {
  const declaredVariables = r.variables.map((v) => v.name);
  return {
    matchConditions: (r.matchConditions ?? []).map((m) => compileCel(m.expression, { declaredVariables, resultType: 'bool' })),
    variables: r.variables.map((v) => ({ name: v.name, program: compileCel(v.expression, { declaredVariables }) })),
    validations: r.validations.map((v) => ({
      program: compileCel(v.expression, { declaredVariables, resultType: 'bool' }),
      message: v.messageExpression ? compileCel(v.messageExpression, { declaredVariables, resultType: 'string' }) : undefined,
    })),
  };
}

/** The API server drops null fields of typed objects (null is "unset"); the TypeScript checks read null as unset too. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out;
  }
  return value;
}

type Verdict = 'violated' | 'ok' | 'error';

/**
 * The admission request that would carry `obj` when a user applies it: the namespace is the object's, or
 * for a namespaced object without one kubectl's when its context names none ("default"); cluster-scoped
 * objects have none, except a Namespace, which the API server names as the namespace of requests about it
 * (an UPDATE of /api/v1/namespaces/<name>). The scope is what a scan knows (custom resources without their
 * CRD: as written).
 */
function admissionRequest(obj: K8sObject, username = 'jane@example.com'): Record<string, unknown> {
  const scope = new ResourceScopes().scopeOf(obj);
  const written = typeof obj.metadata?.namespace === 'string' ? obj.metadata.namespace : '';
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const namespaceItself = obj.kind === 'Namespace' && apiVersion === 'v1' && typeof obj.metadata?.name === 'string' ? obj.metadata.name : undefined;
  const namespace = namespaceItself ?? (scope === 'Cluster' ? '' : written !== '' ? written : scope === 'Namespaced' ? 'default' : '');
  return {
    operation: 'CREATE',
    namespace,
    name: obj.metadata?.name ?? '',
    kind: { group: apiGroupOf(apiVersion), version: apiVersion.slice(apiVersion.indexOf('/') + 1), kind: obj.kind },
    userInfo: { username },
  };
}

/**
 * An evaluation error counts as a violation (the exported policies have failurePolicy Fail); a request
 * the matchConditions exclude is not judged ('ok').
 */
function celVerdict(c: Compiled, object: unknown, messages: string[], request: Record<string, unknown>): { verdict: Verdict; error?: string } {
  const cost = new CostTracker();
  const activation: CelActivation = { object, oldObject: null, request: toCelValue(request), params: null, namespaceObject: null };
  const act: CelActivation = { ...activation, variables: lazyVariables(c.variables, activation, cost) };
  try {
    for (const m of c.matchConditions) if (m.run(act, cost) !== true) return { verdict: 'ok' };
    for (const v of c.validations) {
      if (v.program.run(act, cost) === true) continue;
      if (v.message) {
        try {
          messages.push(String(v.message.run(act, cost)));
        } catch {
          // Kubernetes falls back to the static message.
        }
      }
      return { verdict: 'violated' };
    }
    return { verdict: 'ok' };
  } catch (err) {
    return { verdict: 'error', error: (err as Error).message };
  }
}

// ───────────────────────────── objects ─────────────────────────────

function manifestFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) manifestFiles(path, out);
    else if (/\.(ya?ml|json)$/i.test(name)) out.push(path);
  }
  return out;
}

interface Sample {
  origin: string;
  object: ParsedObject;
  virtualFiles: Map<string, string>;
}

async function filesSamples(origin: string, dir: string): Promise<Sample[]> {
  const files = manifestFiles(dir);
  const out: Sample[] = [];
  // One file at a time: a directory with a kustomization would be rendered by kubectl instead.
  for (const file of files) {
    const inputs = await readInputs([file]);
    for (const object of inputs.objects) out.push({ origin: `${origin}:${relative(dir, file)}`, object, virtualFiles: inputs.virtualFiles });
  }
  return out;
}

const HEX64 = '0123456789abcdef'.repeat(4);

/**
 * Image references as parseImageReference reads them: Docker Hub short names and library/, explicit
 * docker.io and index.docker.io, registry ports, localhost, upper-case first components (a registry), path
 * prefixes at and beside a component boundary, empty repositories and tags, '@' before '/', tags with
 * digests, and digests of the wrong case, length or algorithm.
 */
const IMAGE_EDGE_CASES = [
  'nginx', 'nginx:1.27', 'library/nginx', 'docker.io/nginx', 'docker.io/library/nginx:1', 'index.docker.io/nginx', 'Docker.IO/nginx',
  'bitnami/redis:7', 'docker.io/bitnami/redis', 'index.docker.io/Bitnami/redis', 'ghcr.io/acme/app:1', 'ghcr.io/acme-evil/app', 'GHCR.io/Acme/App',
  'ghcr.io/acme', 'ghcr.io', 'ghcr.io/', 'ghcr.io:443/acme/app', 'registry.example.com:5000/x', 'Registry.Example.com/team/x', 'localhost:5000/app',
  'localhost/app', 'LOCALHOST/app', 'localhost', 'localhost:5000', 'myreg/app', 'MyReg/app', 'MYREG/app', 'gcr.io/project/img', 'gcr.io/PROJECT/img',
  'gcr.io/projectx/img', 'quay.io/org/app', 'Quay.io/org/app', ':tag', ':', '::x', 'docker.io/', 'docker.io/:1', 'docker.io/a:b:c', 'a@b/c',
  '/x', 'user@host/x', 'library', 'library/', 'LIBRARY/nginx', 'nginx:1@sha256:x/y',
  `nginx@sha256:${HEX64}`, `nginx:1.27@sha256:${HEX64}`, ` nginx@sha256:${HEX64} `, `reg:5000/nginx@sha256:${HEX64}`, `ghcr.io/acme/app@sha256:${HEX64}`,
  `nginx@sha256:${HEX64.toUpperCase()}`, `nginx@sha256:${HEX64.slice(1)}`, `nginx@sha256:${HEX64}0`, `nginx@sha512:${HEX64}${HEX64}`, `nginx@sha512:${HEX64}`,
  `nginx@sha256:${HEX64}@x`, `nginx@@sha256:${HEX64}`, 'nginx@md5:abc', 'nginx@', `nginx@SHA256:${HEX64}`, `nginx@sha256${HEX64}`,
];

/**
 * Host paths (and subPaths) for no-sensitive-host-path-mount: table paths, their parents and children
 * (subtrees or not), look-alikes, '//', '/./', trailing '/' and '/.', '..' in the path or the subPath,
 * runtime sockets (no-container-runtime-socket-mount's), named pipes and relative paths.
 */
const SENSITIVE_PATH_EDGE_CASES: [path: string, subPath?: string][] = [
  ['/'], ['/', 'data'], ['//'], ['/.'], ['/./'], ['/etc'], ['/etc/'], ['/etc/.'], ['/etc/ssl/certs'], ['/etcx'], ['/etc', 'ssl'], ['/ETC'],
  ['//etc//kubernetes/'], ['/etc/kubernetes/manifests'], ['/var'], ['/var/'], ['/var/./lib/'], ['/var/lib'], ['/var/lib/kubelet/pods'], ['/var/lib/kubeletx'],
  ['/var/lib/docker'], ['/var/lib/docker/containers'], ['/var/lib/containerd/'], ['/var/log'], ['/var/log/pods'], ['/var/log/', '.'], ['/dev'], ['/dev/fuse'],
  ['/home'], ['/home/user'], ['/usr'], ['/usr/local'], ['/lib64'], ['/sbin/'], ['/bin/sh'], ['/boot/efi'], ['/root/.ssh'], ['/proc/1/root'], ['/sys', 'fs/cgroup'],
  ['/var/lib/etcd/member'], ['/data'], ['/srv/data'], ['/var', 'lib/kubelet'], ['/var', 'log'], ['/var', 'tmp'], ['/var/lib/kubelet', 'x'], ['/data', '/etc'],
  ['/etc', '../tmp'], ['/tmp/../etc'], ['/data/..'], ['/var/lib/kubelet/../x'], ['/var/run/docker.sock'], ['/var/run'], ['/run'], ['/run/containerd'],
  ['\\\\.\\pipe\\docker_engine'], ['//./pipe/etc'], ['etc'], ['C:\\Windows'],
];

/** Edge cases: each pod spec variant as a Pod, a Deployment and a CronJob. */
function edgeCaseSamples(): Sample[] {
  const c = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'app', image: 'nginx:1.27', ...extra });
  const sc = (securityContext: Record<string, unknown>): Record<string, unknown> => c({ securityContext });
  const specs: Record<string, unknown>[] = [
    { containers: [c()] },
    { containers: [] },
    { securityContext: { runAsNonRoot: true }, containers: [c()] },
    { securityContext: { runAsNonRoot: true }, containers: [sc({ runAsNonRoot: false })] },
    { securityContext: { runAsNonRoot: false }, containers: [sc({ runAsNonRoot: true })] },
    { containers: [sc({ runAsNonRoot: true })], initContainers: [c({ name: 'init' })] },
    { containers: [sc({ runAsNonRoot: true })], ephemeralContainers: [c({ name: 'debug' })] },
    { hostUsers: false, securityContext: { runAsUser: 0 }, containers: [sc({ runAsUser: 0 })] },
    { securityContext: { runAsUser: 0 }, containers: [sc({ runAsUser: 1000 })] },
    { securityContext: { runAsUser: 1000 }, containers: [sc({ runAsUser: 0 })] },
    { containers: [c()], initContainers: [sc({ privileged: true })] },
    { containers: [c()], ephemeralContainers: [sc({ privileged: true })] },
    { containers: [sc({ privileged: false, allowPrivilegeEscalation: false })] },
    { containers: [sc({ privileged: true, allowPrivilegeEscalation: false })] },
    { os: { name: 'windows' }, containers: [sc({ allowPrivilegeEscalation: true })] },
    { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [sc({ seccompProfile: { type: 'Unconfined' } })] },
    { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [sc({ seccompProfile: { type: 'RuntimeDefault' } })] },
    { securityContext: { seccompProfile: {} }, containers: [sc({ seccompProfile: { type: 'RuntimeDefault' } })] },
    { securityContext: { seccompProfile: { type: 'Bogus' } }, containers: [c()] },
    { containers: [sc({ seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } })] },
    { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [c()], initContainers: [sc({ seccompProfile: { type: 'Weird' } })] },
    { securityContext: { windowsOptions: { hostProcess: true } }, containers: [sc({ windowsOptions: { hostProcess: false } })] },
    { containers: [c()], initContainers: [sc({ windowsOptions: { hostProcess: true } })] },
    { containers: [sc({ capabilities: { add: ['cap_sys_admin'], drop: ['all '] } })] },
    { containers: [sc({ capabilities: { add: [' chown ', 'CAP_KILL', 'NET_BIND_SERVICE'], drop: ['ALL'] } })] },
    { containers: [sc({ capabilities: { add: ['ALL'], drop: ['NET_RAW'] } })] },
    { containers: [sc({ capabilities: { add: ['CAP_CAP_CHOWN'], drop: [] } })] },
    { containers: [sc({ capabilities: { add: [7], drop: [7, 'all'] } })] },
    ...['nginx', 'nginx:latest', 'reg:5000/nginx', 'reg:5000/nginx:1.0', 'nginx@sha256:abc', 'nginx:latest@sha256:abc', 'nginx@', '  ', '', 'nginx:', 'nginx:LATEST', ' nginx:1 ', 'a/b:latest', 'a:1/b', 'localhost:5000/x@', 'x@@y'].map(
      (image) => ({ containers: [c({ image })] }),
    ),
    { containers: [{ name: 'noimage' }] },
    { containers: [c({ image: 42 })] },
    { hostNetwork: true, hostPID: false, containers: [c()] },
    { hostPID: true, hostIPC: true, containers: [c()] },
    { containers: [c({ ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 81 }] })] },
    { containers: [c()], initContainers: [c({ name: 'i', ports: [{ containerPort: 80, hostPort: 8080 }] })] },
    { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { value: 'x' }] }, containers: [c()] },
    { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] }, containers: [c()] },
    { containers: [sc({ procMount: 'Default' })], initContainers: [sc({ procMount: 'Unmasked' })] },
    { containers: [sc({ readOnlyRootFilesystem: true })], ephemeralContainers: [sc({ readOnlyRootFilesystem: false })] },
    { os: { name: 'windows' }, containers: [c()] },
    // resources
    { containers: [c({ resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } } })] },
    { containers: [c({ resources: { requests: { cpu: '0', memory: '0Mi' }, limits: { cpu: '0m', memory: '0.0Gi' } } })] },
    { containers: [c({ resources: { limits: { cpu: '1', memory: '1Gi' } } })] },
    { containers: [c({ resources: { limits: { cpu: ' 0 ', memory: 0 } } })] },
    { containers: [c({ resources: { requests: { cpu: 1, memory: 0.5 }, limits: { cpu: '', memory: '1e3' } } })] },
    { containers: [c({ resources: { requests: { cpu: '', memory: 'lots' }, limits: { cpu: '0e3', memory: '.0' } } })] },
    { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } }, containers: [c()] },
    { resources: { limits: { cpu: '0' } }, containers: [c({ resources: { requests: { cpu: '1' }, limits: { cpu: '1', memory: '1Gi' } } })] },
    {
      containers: [c({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } })],
      initContainers: [c({ name: 'init' })],
    },
    {
      containers: [c({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } })],
      ephemeralContainers: [c({ name: 'debug' })],
    },
    // no-added-capabilities
    { containers: [sc({ capabilities: { add: ['CHOWN'] } })] },
    { containers: [sc({ capabilities: { add: ['NET_BIND_SERVICE', 'cap_net_bind_service', 'SYS_ADMIN'] } })] },
    { os: { name: 'windows' }, containers: [sc({ capabilities: { add: ['SETUID'] } })] },
    { containers: [c()], initContainers: [sc({ capabilities: { add: [' setuid'] } })] },
    { containers: [c()], ephemeralContainers: [sc({ capabilities: { add: ['cap_kill'] } })] },
    { containers: [sc({ capabilities: { add: 'CHOWN' } })] },
    // no-disallowed-volume-types
    { volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }], containers: [c()] },
    { volumes: [{ name: 'g', gitRepo: { repository: 'https://x' } }, { name: 'e', emptyDir: {} }], containers: [c()] },
    {
      volumes: [
        { name: 'a', configMap: { name: 'x' } },
        { name: 'b', csi: { driver: 'd' } },
        { name: 'c', image: { reference: 'r' } },
        { name: 'd', projected: { sources: [] } },
        { name: 'e', ephemeral: {} },
        { name: 'f', persistentVolumeClaim: { claimName: 'c' } },
        { name: 'g', secret: { secretName: 's' } },
        { name: 'h', downwardAPI: {} },
        'not-a-volume',
      ],
      containers: [c()],
    },
    { volumes: [{ name: 'x', notAVolumeSource: {} }], containers: [c()] },
    // no-unsafe-apparmor-profile
    { securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [sc({ appArmorProfile: { type: 'RuntimeDefault' } })] },
    { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [sc({ appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } })] },
    { containers: [sc({ appArmorProfile: {} })] },
    { containers: [c()], ephemeralContainers: [sc({ appArmorProfile: { type: 'Unconfined' } })] },
    { containers: [c()], initContainers: [sc({ appArmorProfile: { type: 'runtimedefault' } })] },
    // no-unsafe-selinux-options
    { securityContext: { seLinuxOptions: { type: 'spc_t' } }, containers: [sc({ seLinuxOptions: { type: 'container_t' } })] },
    { securityContext: { seLinuxOptions: { type: 'container_init_t', level: 's0:c1,c2' } }, containers: [sc({ seLinuxOptions: { type: '' } })] },
    { containers: [sc({ seLinuxOptions: { user: 'root' } })] },
    { containers: [c()], initContainers: [sc({ seLinuxOptions: { role: 'sysadm_r' } })] },
    { containers: [c()], ephemeralContainers: [sc({ seLinuxOptions: { type: 'unconfined_t' } })] },
    { containers: [sc({ seLinuxOptions: { user: '', role: '' } })] },
    // no-ssh-port
    { containers: [c({ ports: [{ containerPort: 22 }] })] },
    { containers: [c({ ports: [{ containerPort: 22, protocol: 'UDP' }, { containerPort: 2222 }] })] },
    { containers: [c({ ports: [{ name: 'ssh', containerPort: 22, protocol: 'tcp' }] })] },
    { containers: [c({ ports: [{ containerPort: '22' }] })] },
    { containers: [c({ ports: [{ containerPort: ' 2.2e1 ' }, { containerPort: '0x16' }] })] },
    { containers: [c({ ports: [{ containerPort: '222' }, { containerPort: '' }, { containerPort: 22.5 }] })] },
    { containers: [c()], initContainers: [c({ name: 'i', ports: [{ containerPort: 22, protocol: 'TCP' }] })] },
    { containers: [c()], ephemeralContainers: [c({ name: 'd', ports: [{ containerPort: 22 }] })] },
    // no-secret-key-ref-env
    { containers: [c({ env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] })] },
    { containers: [c({ env: [{ name: 'A', value: 'x' }, { name: 'B', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }], envFrom: [{ configMapRef: { name: 'c' } }] })] },
    { containers: [c({ envFrom: [{ secretRef: { name: 's' } }] })] },
    { containers: [c()], initContainers: [c({ name: 'i', envFrom: [{ prefix: 'X_', secretRef: { name: 's' } }] })] },
    { containers: [c()], ephemeralContainers: [c({ name: 'd', env: [{ name: 'T', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] })] },
    // hostPath volumes and the runtime socket
    ...(
      [
        ['/var/run/docker.sock', undefined],
        ['/var/run', undefined],
        ['/var/run/', undefined],
        ['/var//run/./docker.sock', undefined],
        ['/var', 'run/docker.sock'],
        ['/var/run', 'foo'],
        ['/var/run', ''],
        ['/run/containerd/x', undefined],
        ['/run/containerd', undefined],
        ['/var/run/dockerx.sock', undefined],
        ['/runx', undefined],
        ['/var/run/.', undefined],
        ['/var/snap/microk8s/common/run/containerd.sock', undefined],
        ['\\\\.\\pipe\\docker_engine', undefined],
        ['//./PIPE/Docker_Engine', 'sub'],
        ['\\\\.\\pipe\\other', undefined],
        ['var/run/docker.sock', undefined],
        ['/data', undefined],
        ['/var/lib/../run/docker.sock', undefined],
        ['/var/run/../lib', undefined],
        ['/var/lib', '../run/docker.sock'],
      ] as [string, string | undefined][]
    ).flatMap(([path, subPath]) => [
      { volumes: [{ name: 'v', hostPath: { path } }], containers: [c(subPath === undefined ? {} : { volumeMounts: [{ name: 'v', mountPath: '/m', subPath }] })] },
      { volumes: [{ name: 'v', hostPath: { path } }], containers: [c({ volumeMounts: [{ name: 'v', mountPath: '/m' }] })] },
    ]),
    { volumes: [{ name: 'v', hostPath: { path: '/var/run/docker.sock' } }], containers: [c()], initContainers: [c({ name: 'i', volumeMounts: [{ name: 'v', mountPath: '/s' }] })] },
    { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', hostPath: { path: '/etc' } }], containers: [c({ volumeMounts: [{ name: 'a', mountPath: '/a' }] })] },
    { volumes: [{ name: 'b', hostPath: { path: '/srv', type: 'Directory' } }], containers: [c()] },
    // image references: require-image-digest and require-trusted-registry (under each TRUSTED_REGISTRY_OPTIONS)
    ...IMAGE_EDGE_CASES.map((image) => ({ containers: [c({ image })] })),
    { containers: [c({ image: `ghcr.io/acme/app@sha256:${HEX64}` })], initContainers: [c({ name: 'init', image: 'busybox' })] },
    { containers: [c({ image: `ghcr.io/acme/app@sha256:${HEX64}` })], ephemeralContainers: [c({ name: 'debug', image: 'quay.io/x/y:1' })] },
    // sensitive host paths: each unmounted, mounted read-only (with a subPath when given) and mounted writable by an init container
    ...SENSITIVE_PATH_EDGE_CASES.flatMap(([path, subPath]) => [
      { volumes: [{ name: 'h', hostPath: { path } }], containers: [c()] },
      { volumes: [{ name: 'h', hostPath: { path } }], containers: [c({ volumeMounts: [{ name: 'h', mountPath: '/m', readOnly: true, ...(subPath === undefined ? {} : { subPath }) }] })] },
      { volumes: [{ name: 'h', hostPath: { path } }], containers: [c()], initContainers: [c({ name: 'init', volumeMounts: [{ name: 'h', mountPath: '/m' }] })] },
    ]),
    // a volume is judged by its mounts once mounted: a narrowing subPath in one container, the whole volume in another
    { volumes: [{ name: 'h', hostPath: { path: '/' } }], containers: [c({ volumeMounts: [{ name: 'h', mountPath: '/m', subPath: 'srv/data' }] })] },
    { volumes: [{ name: 'h', hostPath: { path: '/' } }], containers: [c({ volumeMounts: [{ name: 'h', mountPath: '/m', subPath: 'srv' }] }), c({ name: 'b', volumeMounts: [{ name: 'h', mountPath: '/r' }] })] },
    { volumes: [{ name: 'h', hostPath: { path: '/var' } }], containers: [c({ volumeMounts: [{ name: 'h', mountPath: '/m', subPathExpr: '$(POD)' }] })] },
    { volumes: [{ name: 'h', hostPath: { path: '/var' } }, { name: 'e', emptyDir: {} }], containers: [c({ volumeMounts: [{ name: 'e', mountPath: '/m' }] })], ephemeralContainers: [c({ name: 'debug', volumeMounts: [{ name: 'h', mountPath: '/h', subPath: 'tmp' }] })] },
    // writable hostPath mounts
    { volumes: [{ name: 'h', hostPath: { path: 'relative/dir' } }], containers: [c({ volumeMounts: [{ name: 'h', mountPath: '/m' }] })] },
    { volumes: [{ name: 'h', hostPath: { path: '/srv' } }], containers: [c({ volumeMounts: [{ name: 'h', mountPath: '/m', readOnly: 'true' }] })] },
    { volumes: [{ name: 'h', hostPath: { path: '/srv' } }], containers: [c({ volumeMounts: [{ name: 'h', mountPath: '/m', readOnly: false }, { name: 'h', mountPath: '/n', readOnly: true }] })] },
    { volumes: [{ name: 'h', hostPath: { path: '/srv' } }, { name: 'e', emptyDir: {} }], containers: [c({ volumeMounts: [{ name: 'e', mountPath: '/m' }, { mountPath: '/x' }] })] },
    { volumes: [{ name: 'h', hostPath: {} }], containers: [c({ volumeMounts: [{ name: 'h', mountPath: '/m', readOnly: true }] })] },
    { volumes: [{ name: 'h', hostPath: {} }], containers: [c({ volumeMounts: [{ name: 'h', mountPath: '/m' }] })] },
    { volumes: [{ name: 'h', hostPath: { path: '\\\\.\\pipe\\docker_engine' } }], containers: [c({ volumeMounts: [{ name: 'h', mountPath: '/m', readOnly: true }] })] },
  ];
  const wrap = (kind: string, spec: Record<string, unknown>, i: number): K8sObject => {
    const metadata = { name: `edge-${i}`, namespace: 'default' };
    const template = { metadata: { labels: { app: 'x' } }, spec };
    if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata, spec };
    if (kind === 'CronJob') return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } };
    return { apiVersion: 'apps/v1', kind, metadata, spec: { selector: { matchLabels: { app: 'x' } }, template } };
  };
  const objects: K8sObject[] = [];
  specs.forEach((spec, i) => {
    for (const kind of ['Pod', 'Deployment', 'CronJob']) objects.push(wrap(kind, spec, i));
  });
  objects.push(
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's1' }, spec: { externalIPs: ['1.2.3.4'] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's2' }, spec: { externalIPs: [] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's3' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's4' }, spec: { externalIPs: ' ' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's5' } },
  );
  // no-exposed-service: types, source ranges (field, then the legacy annotation) and internal load balancer annotations
  const svc = (name: string, spec: Record<string, unknown> | undefined, annotations?: Record<string, unknown>): K8sObject =>
    ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop', ...(annotations ? { annotations } : {}) }, ...(spec ? { spec } : {}) }) as K8sObject;
  const lb = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'LoadBalancer', ports: [{ port: 443 }], ...extra });
  const ranges = 'service.beta.kubernetes.io/load-balancer-source-ranges';
  objects.push(
    svc('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    svc('np-lower', { type: 'nodeport' }),
    svc('np-internal', { type: 'NodePort' }, { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }),
    svc('cip', { type: 'ClusterIP' }),
    svc('ext', { type: 'ExternalName', externalName: 'db.example.com' }),
    svc('headless', { clusterIP: 'None' }),
    svc('lb', lb()),
    svc('lb-ranges', lb({ loadBalancerSourceRanges: ['10.0.0.0/8'] })),
    svc('lb-open', lb({ loadBalancerSourceRanges: ['0.0.0.0/0'] })),
    svc('lb-open6', lb({ loadBalancerSourceRanges: ['10.0.0.0/8', ' ::/0 '] })),
    svc('lb-open-any-address', lb({ loadBalancerSourceRanges: ['1.2.3.4/0', '::0/0', '203.0.113.7/32', '10.0.0.0/08'] })),
    svc('lb-open-annotation-any-address', lb(), { [ranges]: '192.168.0.1/0, 10.0.0.0/8' }),
    svc('lb-open-like', lb({ loadBalancerSourceRanges: ['0.0.0.0/1', '::/1', '0.0.0.0/00'] })),
    svc('lb-non-string', lb({ loadBalancerSourceRanges: [42] })),
    svc('lb-string-field', lb({ loadBalancerSourceRanges: '0.0.0.0/0' })),
    svc('lb-empty-field', lb({ loadBalancerSourceRanges: [] }), { [ranges]: '0.0.0.0/0' }),
    svc('lb-field-wins', lb({ loadBalancerSourceRanges: ['10.0.0.0/8'] }), { [ranges]: '0.0.0.0/0' }),
    svc('lb-annotation', lb(), { [ranges]: '10.0.0.0/8, 192.168.0.0/16' }),
    svc('lb-annotation-open', lb(), { [ranges]: '10.0.0.0/8, 0.0.0.0/0 ' }),
    svc('lb-annotation-commas', lb(), { [ranges]: ' , ' }),
    svc('lb-annotation-blank', lb(), { [ranges]: '  ' }),
    svc('lb-aws-internal', lb(), { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }),
    svc('lb-aws-internal-cidr', lb(), { 'service.beta.kubernetes.io/aws-load-balancer-internal': '0.0.0.0/0' }),
    svc('lb-aws-internal-false', lb(), { 'service.beta.kubernetes.io/aws-load-balancer-internal': ' FALSE ' }),
    svc('lb-aws-internal-empty', lb(), { 'service.beta.kubernetes.io/aws-load-balancer-internal': '' }),
    svc('lb-aws-scheme', lb(), { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'Internal' }),
    svc('lb-aws-scheme-public', lb(), { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' }),
    svc('lb-gke', lb({ loadBalancerSourceRanges: ['0.0.0.0/0'] }), { 'networking.gke.io/load-balancer-type': 'INTERNAL' }),
    svc('lb-gcp-legacy', lb(), { 'cloud.google.com/load-balancer-type': 'Internal' }),
    svc('lb-azure', lb(), { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'True' }),
    svc('lb-azure-yes', lb(), { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'yes' }),
    svc('lb-openstack', lb(), { 'service.beta.kubernetes.io/openstack-internal-load-balancer': 'true' }),
    svc('lb-oci', lb(), { 'service.beta.kubernetes.io/oci-load-balancer-internal': 'true' }),
    svc('lb-bool-annotation', lb(), { 'service.beta.kubernetes.io/azure-load-balancer-internal': true }),
    svc('no-spec', undefined),
  );
  // require-namespace-pod-security-enforce
  const ns = (name: string, labels?: Record<string, unknown>): K8sObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(labels ? { labels } : {}) } }) as K8sObject;
  const enforce = 'pod-security.kubernetes.io/enforce';
  objects.push(
    ns('ns-restricted', { [enforce]: 'restricted' }),
    ns('ns-baseline', { [enforce]: 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' }),
    ns('ns-privileged', { [enforce]: 'privileged' }),
    ns('ns-invalid', { [enforce]: 'Restricted' }),
    ns('ns-empty', { [enforce]: '' }),
    ns('ns-warn-only', { 'pod-security.kubernetes.io/warn': 'restricted' }),
    ns('ns-unlabelled'),
  );
  // no-default-namespace: namespaced and cluster-scoped objects, with and without a namespace; a custom
  // resource (its scope unknown without its CRD); Events, which follow the object they are about
  objects.push(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-default', namespace: 'default' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-team', namespace: 'team-a' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-unset' } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cr-stray-namespace', namespace: 'default' }, rules: [] },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w-default', namespace: 'default' } },
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w-unset' } },
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'node-1.17f', namespace: 'default' }, involvedObject: { kind: 'Node', name: 'node-1' } },
    { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'x.17f', namespace: 'default' }, regarding: { kind: 'Node', name: 'node-1' } },
  );
  // Legacy AppArmor annotations on the pod template (the Pod's own metadata for a Pod).
  const annotated = (annotations: Record<string, string>, i: number): K8sObject[] =>
    ['Pod', 'Deployment', 'CronJob'].map((kind) => {
      const o = wrap(kind, { containers: [c()] }, 1000 + i);
      const metadata = kind === 'Pod' ? o.metadata : kind === 'CronJob' ? (o.spec as any).jobTemplate.spec.template.metadata : (o.spec as any).template.metadata;
      metadata.annotations = annotations;
      return o;
    });
  const prefix = 'container.apparmor.security.beta.kubernetes.io/';
  objects.push(
    ...annotated({ [`${prefix}app`]: 'unconfined' }, 0),
    ...annotated({ [`${prefix}app`]: 'runtime/default', [`${prefix}side`]: 'localhost/my-profile', other: 'unconfined' }, 1),
    ...annotated({ [`${prefix}app`]: 'localhost' }, 2),
  );
  // RBAC bindings (judged alone: the bootstrap policy is the only other RBAC data).
  const ref = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name, ...extra });
  const user = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name, ...extra });
  const group = (name: string): Record<string, unknown> => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name });
  const sa = (name: string, namespace?: string): Record<string, unknown> => ({ kind: 'ServiceAccount', name, ...(namespace === undefined ? {} : { namespace }) });
  const bindings: [kind: string, name: string, namespace: string | undefined, roleRef: unknown, subjects: unknown, annotations?: Record<string, string>][] = [
    ['ClusterRoleBinding', 'crb-alice', undefined, ref('cluster-admin'), [user('alice')]],
    ['ClusterRoleBinding', 'crb-system', undefined, ref('cluster-admin'), [group('system:masters'), sa('ctrl', 'kube-system'), sa('nons'), user('system:serviceaccount:kube-system:x')]],
    ['ClusterRoleBinding', 'crb-view', undefined, ref('view'), [user('alice')]],
    ['ClusterRoleBinding', 'crb-authenticated', undefined, ref('cluster-admin'), [group('system:authenticated')]],
    ['ClusterRoleBinding', 'crb-sa-group', undefined, ref('cluster-admin'), [group('system:serviceaccounts:kube-system'), group('system:serviceaccounts:')]],
    ['ClusterRoleBinding', 'crb-sa-group-ns', undefined, ref('cluster-admin'), [group('system:serviceaccounts:shop')]],
    ['ClusterRoleBinding', 'crb-sa-user', undefined, ref('cluster-admin'), [user('system:serviceaccount:default:x')]],
    ['ClusterRoleBinding', 'crb-anonymous', undefined, ref('cluster-admin'), [user('system:anonymous')]],
    ['ClusterRoleBinding', 'crb-sa', undefined, ref('cluster-admin'), [sa('deployer', 'ci')]],
    ['ClusterRoleBinding', 'crb-bad-subjects', undefined, ref('cluster-admin'), [user('alice', { apiGroup: 'example.com' }), { kind: 'Robot', name: 'r' }, user(''), { kind: 'ServiceAccount', name: 'x', namespace: 'a', apiGroup: 'v1' }]],
    ['ClusterRoleBinding', 'crb-bad-ref', undefined, ref('cluster-admin', { apiGroup: 'example.com' }), [user('alice')]],
    ['ClusterRoleBinding', 'crb-role-ref', undefined, ref('cluster-admin', { kind: 'Role' }), [user('alice')]],
    ['ClusterRoleBinding', 'cluster-admin', undefined, ref('view'), [user('alice')]],
    ['ClusterRoleBinding', 'cluster-admin', undefined, ref('view'), [user('alice')], { 'rbac.authorization.kubernetes.io/autoupdate': 'false' }],
    ['ClusterRoleBinding', 'system:basic-user', undefined, ref('cluster-admin'), [user('alice')]],
    ['ClusterRoleBinding', 'system:basic-user', undefined, ref('cluster-admin'), [user('alice')], { 'rbac.authorization.kubernetes.io/autoupdate': 'false' }],
    ['RoleBinding', 'rb-sa', 'default', ref('cluster-admin'), [sa('app')]],
    ['RoleBinding', 'rb-sa-kube-system', 'kube-system', ref('cluster-admin'), [sa('app')]],
    ['RoleBinding', 'rb-sa-other-ns', 'kube-system', ref('cluster-admin'), [sa('app', 'shop')]],
    ['RoleBinding', 'rb-no-ns', undefined, ref('cluster-admin'), [sa('app')]],
    ['RoleBinding', 'rb-edit', 'default', ref('edit'), [user('bob')]],
    ['RoleBinding', 'rb-group', 'default', ref('cluster-admin'), [group('devs')]],
    ['RoleBinding', 'rb-no-subjects', 'default', ref('cluster-admin'), undefined],
  ];
  bindings.forEach(([kind, name, namespace, roleRef, subjects, annotations]) =>
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind,
      metadata: { name, ...(namespace === undefined ? {} : { namespace }), ...(annotations ? { annotations } : {}) },
      roleRef,
      ...(subjects === undefined ? {} : { subjects }),
    } as K8sObject),
  );
  const file = 'edge-cases.yaml';
  const text = objects.map((o) => yaml.dump(o)).join('---\n');
  const parsed = parseManifests(text, file);
  const virtualFiles = new Map([[file, text]]);
  return parsed.objects.map((object, i) => ({ origin: `edge:${i}:${object.object.kind}/${object.object.metadata.name}`, object, virtualFiles }));
}

// ───────────────────────────── known deviations ─────────────────────────────

/** The fields of core/v1 VolumeSource. */
const VOLUME_SOURCES = new Set([
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
]);

/** A hostPath volume's path or a volumeMount's subPath has a '..' segment (the API server rejects both). */
function hasDotDotPath(s: Sample): boolean {
  const dotDot = (p: unknown): boolean => typeof p === 'string' && p.split('/').includes('..');
  const t = podTemplate(s.object.object);
  const spec = t?.spec as Record<string, unknown> | undefined;
  if (!spec) return false;
  const volumes = asArray<unknown>(spec.volumes).some((v) => isRecord(v) && isRecord(v.hostPath) && dotDot(v.hostPath.path));
  const mounts = ['initContainers', 'containers', 'ephemeralContainers'].some((f) =>
    asArray<unknown>(spec[f]).some((c) => isRecord(c) && asArray<unknown>(c.volumeMounts).some((m) => isRecord(m) && dotDot(m.subPath))),
  );
  return volumes || mounts;
}

/** Disagreements that are understood: (check id, sample) → reason. */
const KNOWN: { check: string; reason: string; applies: (s: Sample) => boolean }[] = [
  {
    check: 'no-container-runtime-socket-mount',
    reason: "a host path with a '..' segment cannot be resolved in CEL and is refused (stricter than the TypeScript check)",
    applies: hasDotDotPath,
  },
  {
    check: 'no-sensitive-host-path-mount',
    reason: "a host path or subPath with a '..' segment cannot be resolved in CEL and is refused (stricter than the TypeScript check; the API server rejects '..' in both)",
    applies: hasDotDotPath,
  },
  {
    check: 'no-default-namespace',
    reason: 'a custom resource whose CRD is not in the input: a scan cannot know its scope and skips it; at admission the request names its namespace',
    applies: (s) => new ResourceScopes().scopeOf(s.object.object) === undefined,
  },
  {
    check: 'no-default-namespace',
    reason: 'an Event lives in the namespace of the object it is about ("default" for cluster-scoped ones), whoever records it: the policy does not match Events',
    applies: (s) => s.object.object.kind === 'Event',
  },
  {
    check: 'no-disallowed-volume-types',
    reason:
      'a volume key that is not a VolumeSource field: the TypeScript check reports it, the API server drops or rejects it before admission, and the rendition tests the disallowed sources by name',
    applies: (s) => {
      const t = podTemplate(s.object.object);
      return asArray<unknown>(t?.spec.volumes).some((v) => isRecord(v) && Object.keys(v).some((k) => k !== 'name' && !VOLUME_SOURCES.has(k)));
    },
  },
];

// ───────────────────────────── the test ─────────────────────────────

/**
 * trustedRegistries settings the option-dependent rendition is exported with: hosts, host/path prefixes,
 * Docker Hub (whole, official images, one namespace), a scheme and upper case, a host that only an
 * upper-case first component names, entries no image can match, and a list of unusable entries.
 */
const TRUSTED_REGISTRY_OPTIONS: string[][] = [
  ['ghcr.io/acme', 'registry.example.com', 'localhost:5000'],
  ['docker.io'],
  ['docker.io/library', 'quay.io/'],
  ['index.docker.io/bitnami/', 'https://GCR.io/Project', 'myreg'],
  ['docker.io/bitnami', 'localhost'],
  ['user@host/x', 'ghcr.io/a@b', 'ghcr.io/acme'],
  ['', '  '],
];

/** One rendition under one config: the built-ins' under the empty config, the option-dependent ones under each setting. */
interface Case {
  label: string;
  check: Check;
  rendition: CelRendition;
  config: BulwarkConfig;
}

function cases(): Case[] {
  const check = (id: string): Check => {
    const c = BUILTIN_CHECKS.find((x) => x.meta.id === id);
    assert.ok(c, `${id} is a registered built-in check`);
    return c;
  };
  const out: Case[] = Object.entries(BUILTIN_CEL).map(([id, rendition]) => ({ label: id, check: check(id), rendition, config: EMPTY_CONFIG }));
  for (const trustedRegistries of TRUSTED_REGISTRY_OPTIONS) {
    const config: BulwarkConfig = { ...EMPTY_CONFIG, options: { trustedRegistries } };
    const rendition = builtinRendition('require-trusted-registry', config.options);
    assert.ok(rendition, `require-trusted-registry is exported with ${JSON.stringify(trustedRegistries)}`);
    out.push({ label: `require-trusted-registry ${JSON.stringify(trustedRegistries)}`, check: check('require-trusted-registry'), rendition, config });
  }
  return out;
}

const appliesTo = (kinds: ReadonlySet<string>, kind: string): boolean => kinds.has('*') || kinds.has(kind);

describe('built-in checks in CEL (differential: TypeScript check vs exported CEL)', async () => {
  const samples: Sample[] = [
    ...(await filesSamples('polaris', join(ORACLES, 'polaris/test/checks'))),
    ...(await filesSamples('corpus', join(ORACLES, 'corpus'))),
    ...(await filesSamples('insecure', join(ROOT, 'examples/insecure'))),
    ...(await filesSamples('secure', join(ROOT, 'examples/secure'))),
    ...edgeCaseSamples(),
  ];
  const all = cases();
  const compiled = new Map(all.map((c) => [c.label, compileRendition(c.rendition)]));
  const kindsOf = new Map(all.map((c) => [c.label, new Set(expandKinds(c.rendition.kinds))]));
  // One engine run per sample and config: the cases grouped by config.
  const byConfig = new Map<BulwarkConfig, Case[]>();
  for (const c of all) byConfig.set(c.config, [...(byConfig.get(c.config) ?? []), c]);

  it('every rendition matches the kinds of its check', () => {
    for (const c of all) assert.deepEqual(c.rendition.kinds, c.check.meta.kinds, c.label);
  });

  it('agrees with the TypeScript checks on every object (listing known deviations)', () => {
    const stats = new Map<string, { objects: number; tsViolated: number; celViolated: number; agree: number; known: number; errors: number }>();
    const unexplained: string[] = [];
    const knownSeen: string[] = [];
    let messages = 0;
    const judged = new Map<string, number>();
    for (const sample of samples) {
      const obj = sample.object.object;
      const kind = effectiveKind(obj);
      if (kind === undefined) continue;
      const request = admissionRequest(obj);
      const celObject = toCelValue(withoutNulls(obj));
      let counted = false;
      for (const [config, group] of byConfig) {
        const relevant = group.filter((c) => appliesTo(kindsOf.get(c.label)!, kind));
        if (relevant.length === 0) continue;
        if (!counted) {
          const origin = sample.origin.slice(0, sample.origin.indexOf(':'));
          judged.set(origin, (judged.get(origin) ?? 0) + 1);
          counted = true;
        }
        const inventory = new Inventory([sample.object], [], sample.virtualFiles);
        const result = runEngine(inventory, relevant.map((c) => c.check), { config, annotationSuppressions: false, now: new Date('2025-01-01') });
        const violated = new Set(result.findings.map((f) => f.checkId));
        for (const c of relevant) {
          const s = stats.get(c.label) ?? { objects: 0, tsViolated: 0, celViolated: 0, agree: 0, known: 0, errors: 0 };
          stats.set(c.label, s);
          const msgs: string[] = [];
          const cel = celVerdict(compiled.get(c.label)!, celObject, msgs, request);
          messages += msgs.length;
          const ts = violated.has(c.check.meta.id);
          const celViolated = cel.verdict !== 'ok';
          s.objects++;
          if (ts) s.tsViolated++;
          if (celViolated) s.celViolated++;
          if (cel.verdict === 'error') s.errors++;
          if (ts === celViolated) {
            s.agree++;
            continue;
          }
          const line = `${c.label} on ${sample.origin} (${obj.kind}/${obj.metadata.name}): TypeScript ${ts ? 'violated' : 'ok'}, CEL ${cel.verdict}${cel.error ? ` (${cel.error})` : ''}`;
          const known = KNOWN.find((k) => k.check === c.check.meta.id && k.applies(sample));
          if (known) {
            s.known++;
            knownSeen.push(`${line} — ${known.reason}`);
          } else unexplained.push(line);
        }
      }
    }
    const width = Math.max(...[...stats.keys()].map((k) => k.length)) + 1;
    const rows = [...stats].map(([id, s]) => `  ${id.padEnd(width)} ${String(s.agree).padStart(5)}/${String(s.objects).padEnd(5)} agree  (TS violated ${s.tsViolated}, CEL violated ${s.celViolated}, CEL errors ${s.errors}, known deviations ${s.known})`);
    const sources = [...judged].map(([o, n]) => `${o} ${n}`).join(', ');
    console.log(`CEL renditions vs TypeScript checks over ${samples.length} objects (judged: ${sources}):\n${rows.join('\n')}`);
    if (knownSeen.length > 0) console.log(`known deviations:\n  ${knownSeen.join('\n  ')}`);
    assert.ok(messages > 0, 'messageExpressions were evaluated');
    for (const c of all) {
      const s = stats.get(c.label);
      assert.ok(s && s.tsViolated > 0 && s.objects - s.tsViolated > 0, `${c.label}: the samples include violating and passing objects`);
    }
    assert.deepEqual(unexplained, [], 'unexplained disagreements');
  });

  it('can fail: a rendition that ignores init containers disagrees on the edge cases', () => {
    const id = 'no-privileged-container';
    const r = BUILTIN_CEL[id];
    const broken = compileRendition({ ...r, validations: r.validations.map((v) => ({ ...v, expression: v.expression.replace('variables.allContainers', 'variables.containers') })) });
    const check = all.find((c) => c.label === id)!.check;
    let disagreements = 0;
    for (const sample of edgeCaseSamples()) {
      if (!kindsOf.get(id)?.has(sample.object.object.kind)) continue;
      const result = runEngine(new Inventory([sample.object], [], sample.virtualFiles), [check], { config: EMPTY_CONFIG });
      const cel = celVerdict(broken, toCelValue(withoutNulls(sample.object.object)), [], admissionRequest(sample.object.object));
      if ((result.findings.length > 0) !== (cel.verdict !== 'ok')) disagreements++;
    }
    assert.ok(disagreements > 0);
  });

  it('can fail: a trusted-registry rendition built from other options disagrees on the edge cases', () => {
    const [a, b] = all.filter((c) => c.check.meta.id === 'require-trusted-registry');
    const swapped = compileRendition(b.rendition);
    let disagreements = 0;
    for (const sample of edgeCaseSamples()) {
      if (!kindsOf.get(a.label)?.has(sample.object.object.kind)) continue;
      const result = runEngine(new Inventory([sample.object], [], sample.virtualFiles), [a.check], { config: a.config });
      const cel = celVerdict(swapped, toCelValue(withoutNulls(sample.object.object)), [], admissionRequest(sample.object.object));
      if ((result.findings.length > 0) !== (cel.verdict !== 'ok')) disagreements++;
    }
    assert.ok(disagreements > 0);
  });

  it('every other built-in check has a reason', () => {
    for (const check of BUILTIN_CHECKS) {
      if (BUILTIN_CEL[check.meta.id]) continue;
      const reason = notExportableReason(check.meta);
      assert.ok(reason.length > 10 && !reason.includes('\n'), check.meta.id);
    }
    assert.match(notExportableReason(all.find((c) => c.check.meta.id === 'require-trusted-registry')!.check.meta), /trustedRegistries is not set/);
    assert.equal(builtinRendition('require-trusted-registry', {}), undefined, 'no trustedRegistries: the check is off, nothing to export');
    assert.equal(builtinRendition('require-trusted-registry', { trustedRegistries: [] }), undefined);
    assert.deepEqual(Object.keys(OPTION_CEL), ['require-trusted-registry']);
  });

  it('no-sensitive-host-path-mount: the sensitive table and the runtime sockets do not overlap (no socket exclusion needed)', () => {
    assert.equal(sensitiveOverlapsSockets(), false);
  });

  it('no-default-namespace: a deliberate difference — at admission the namespace an unset one lands in is known', () => {
    // The scan reports a manifest without metadata.namespace whatever the kubectl context ("usually
    // default"); applied under a context whose namespace is team-a, the request names team-a and passes.
    const c = all.find((x) => x.label === 'no-default-namespace')!;
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: {}\n';
    const parsed = parseManifests(text, 'cm.yaml').objects[0];
    const result = runEngine(new Inventory([parsed], [], new Map([['cm.yaml', text]])), [c.check], { config: EMPTY_CONFIG });
    assert.deepEqual(result.findings.map((f) => f.checkId), ['no-default-namespace']);
    const compiledCase = compiled.get(c.label)!;
    const object = toCelValue(parsed.object);
    const onTeamA = { ...admissionRequest(parsed.object), namespace: 'team-a' };
    assert.equal(celVerdict(compiledCase, object, [], onTeamA).verdict, 'ok');
    assert.equal(celVerdict(compiledCase, object, [], admissionRequest(parsed.object)).verdict, 'violated', 'kubectl without a context namespace: default');
    // Kubernetes' own components writing to "default" (the apiserver, kubelets, kube-system controllers) are not matched.
    for (const username of ['system:apiserver', 'system:node:worker-1', 'system:serviceaccount:kube-system:root-ca-cert-publisher']) {
      assert.equal(celVerdict(compiledCase, object, [], admissionRequest(parsed.object, username)).verdict, 'ok', username);
    }
    assert.equal(celVerdict(compiledCase, object, [], admissionRequest(parsed.object, 'system:serviceaccount:ci:deployer')).verdict, 'violated');
  });
});
