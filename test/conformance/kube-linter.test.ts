/**
 * Conformance with kube-linter (stackrox/kube-linter, Apache-2.0): its e2e tests (expected_findings.json) run
 * one check on a fixture that mixes flagged and clean objects and assert the number of reports and each
 * report's `Kind: Message`. The messages do not name the object, so EXPECTED_FLAGGED spells out which objects
 * kube-linter flags (and how many reports each gets), read from the fixtures; a self-check test holds that
 * table to the oracle (report count, kinds, container names in the messages, objects present in the fixture).
 *
 * A mapped test agrees when Bulwark's mapped check flags exactly the same objects, and, where both tools
 * report per occurrence alike (`countAlike`), the same number of times per object.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_CHECKS } from '../../src/checks/index.js';
import { podContainers, podTemplate } from '../../src/kinds/workloads.js';
import { readInputs } from '../../src/sources/read-inputs.js';
import {
  ALLOW_MISSING_ENV,
  checksById,
  formatTable,
  missingChecksAllowed,
  objectKey,
  ORACLES_DIR,
  percent,
  scanWithCheck,
} from './oracle-support.js';

const KUBE_LINTER_DIR = join(ORACLES_DIR, 'kube-linter');

/** Minimum share of implemented mapped tests on which Bulwark and kube-linter agree (deliberate differences count as agreeing). */
export const MIN_AGREEMENT = 0.95;

export interface KubeLinterMapping {
  bulwark: string;
  /** Both tools report once per the same occurrence (object, container, env var, ...): report counts must match too. */
  countAlike: boolean;
}

/**
 * kube-linter check → Bulwark check, for the security checks that have a counterpart. Semantics from
 * pkg/builtinchecks/yamls/<check>.yaml. kube-linter's DeploymentLike includes OpenShift DeploymentConfig,
 * which Bulwark also treats as a workload.
 */
export const KUBE_LINTER_TO_BULWARK: Readonly<Record<string, KubeLinterMapping>> = {
  // securityContext.privileged: true, one report per container.
  'privileged-container': { bulwark: 'no-privileged-container', countAlike: true },
  // hostIPC: true, one report per object.
  'host-ipc': { bulwark: 'no-host-ipc', countAlike: true },
  // hostNetwork: true, one report per object.
  'host-network': { bulwark: 'no-host-network', countAlike: true },
  // hostPID: true, one report per object.
  'host-pid': { bulwark: 'no-host-pid', countAlike: true },
  // allowPrivilegeEscalation: true per container (kube-linter also flags privileged / SYS_ADMIN, which no fixture
  // object does; Bulwark also flags an unset field, which no fixture object leaves unset).
  'privilege-escalation-container': { bulwark: 'no-privilege-escalation', countAlike: true },
  // Container neither runAsNonRoot nor runAsUser > 0, or runAsGroup 0; one report per container. Bulwark
  // (PSS restricted) requires runAsNonRoot: true, which flags the same fixture containers.
  'run-as-non-root': { bulwark: 'require-run-as-non-root', countAlike: true },
  // readOnlyRootFilesystem not true, per container.
  'no-read-only-root-fs': { bulwark: 'require-read-only-root-filesystem', countAlike: true },
  // hostPath ending in docker.sock mounted into a container, per volume mount. Bulwark reports once per container
  // and volume (repeat mounts folded) and also reports unmounted volumes, so only the flagged objects compare.
  'docker-sock': { bulwark: 'no-container-runtime-socket-mount', countAlike: false },
  // hostPath of /, /boot, /dev, /etc, /lib, /proc, /sys, /usr mounted into a container, per volume mount (same
  // counting difference as docker-sock).
  'sensitive-host-mounts': { bulwark: 'no-sensitive-host-path-mount', countAlike: false },
  // hostPath volume mounted without readOnly: true, per container mount.
  'writable-host-mount': { bulwark: 'no-writable-host-path-mount', countAlike: true },
  // containerPort 22 over TCP (protocol defaults to TCP), per container port.
  'ssh-port': { bulwark: 'no-ssh-port', countAlike: true },
  // Image tagged :latest (or untagged), per container.
  'latest-tag': { bulwark: 'no-latest-image-tag', countAlike: true },
  // Container CPU *request* 0 or unset, per container.
  'unset-cpu-requirements': { bulwark: 'require-cpu-requests', countAlike: true },
  // Container memory *limit* 0 or unset, per container.
  'unset-memory-requirements': { bulwark: 'require-memory-limits', countAlike: true },
  // Env var whose name contains "secret" with a literal value, per env var.
  'env-var-secret': { bulwark: 'no-secret-in-env', countAlike: true },
  // Env var filled from a secretKeyRef, per env var.
  'read-secret-from-env-var': { bulwark: 'no-secret-key-ref-env', countAlike: true },
  // serviceAccountName empty or "default", per object.
  'default-service-account': { bulwark: 'no-default-service-account', countAlike: true },
  // Object in the default namespace, per object.
  'use-namespace': { bulwark: 'no-default-namespace', countAlike: true },
  // Service of type NodePort or LoadBalancer, per Service.
  'exposed-services': { bulwark: 'no-exposed-service', countAlike: true },
  // procMount: Unmasked, per container.
  'unsafe-proc-mount': { bulwark: 'no-unmasked-proc-mount', countAlike: true },
  // Pod sysctl in kernel.msg*/kernel.sem/kernel.shm*/fs.mqueue.*/net.*; PSS baseline allows only a short safe
  // list, so every one kube-linter flags is also unsafe for Bulwark. Per sysctl.
  'unsafe-sysctls': { bulwark: 'no-unsafe-sysctls', countAlike: true },
  // When a container sets capabilities: reports adding NET_RAW (or ALL) and, separately, not dropping it (two
  // reports for the fixture's containers). Adding NET_RAW is outside the PSS baseline allow-list, so the flagged
  // objects are no-unsafe-capabilities'; the "must drop" half is what require-drop-all-capabilities does for ALL.
  'drop-net-raw-capability': { bulwark: 'no-unsafe-capabilities', countAlike: false },
  // Workload not selected by any NetworkPolicy, per object.
  'non-isolated-pod': { bulwark: 'require-network-policy', countAlike: true },
  // Service whose selector matches no pod template, per Service.
  'dangling-service': { bulwark: 'no-dangling-service', countAlike: true },
  // RBAC (CIS 5.1.x). kube-linter's access-to-resources template reports each RoleBinding/ClusterRoleBinding whose
  // role allows the listed verbs on the listed resources, once per binding; so does Bulwark's risky-permission
  // template (one finding per input binding, naming its non-system subjects; an input role no binding refers to is
  // reported on the role, which kube-linter never does: no fixture has such a role with the permission).
  // Secrets with get/list/watch/create/delete/*; Bulwark's no-secrets-access reads get/list/watch (the fixture's
  // role grants get).
  'access-to-secrets': { bulwark: 'no-secrets-access', countAlike: true },
  // create on pods, deployments, statefulsets, replicasets, jobs, daemonsets ("^cronjob$" in kube-linter's list
  // never matches the plural resource); Bulwark also counts replicationcontrollers and cronjobs, and update/patch
  // of workloads. The fixture's role grants create pods.
  'access-to-create-pods': { bulwark: 'no-pod-create-access', countAlike: true },
  // A ClusterRoleBinding to the ClusterRole named cluster-admin, one report per binding listing its subjects.
  // Bulwark reports once per non-system subject (and also RoleBindings, and roles with the same wildcard
  // powers), so only the flagged objects compare. The fixture's other binding refers to admin, which is not
  // cluster-admin for either tool.
  'cluster-admin-role-binding': { bulwark: 'no-cluster-admin-binding', countAlike: false },
  // Roles and ClusterRoles with "*" in a rule's verbs or resources ('wildcard "*" in verb specification').
  // Bulwark reports once per rule (verbs, resources or both in one finding), so only the flagged objects compare.
  'wildcard-in-rules': { bulwark: 'no-wildcard-rbac-rule', countAlike: false },
};

/**
 * Which objects of each mapped test's fixture kube-linter reports, and how many reports each gets
 * (`Kind/name`, or `Kind/namespace/name` when the fixture sets a namespace). Read from the fixtures.
 */
export const EXPECTED_FLAGGED: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  // app1/app2 set privileged: true; the dont-fire pair sets false.
  'privileged-container': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // The objects named app set hostIPC: true; dont-fire sets false.
  'host-ipc': { 'Deployment/app': 1, 'DeploymentConfig/app': 1 },
  'host-network': { 'Deployment/app': 1, 'DeploymentConfig/app': 1 },
  'host-pid': { 'Deployment/app': 1, 'DeploymentConfig/app': 1 },
  // app1/app2 set allowPrivilegeEscalation: true; dont-fire sets false.
  'privilege-escalation-container': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // app1/app2 have no securityContext (their runAsUser: 0 sits on the container, not a real field);
  // group-zero sets runAsUser 1001 with runAsGroup 0; dont-fire sets runAsNonRoot: true.
  'run-as-non-root': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1, 'Deployment/group-zero': 1, 'DeploymentConfig/group-zero': 1 },
  // app1/app2 set readOnlyRootFilesystem: false; dont-fire sets true.
  'no-read-only-root-fs': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // The objects named app mount hostPath /var/run/docker.sock; dont-fire mounts /var/run/thing.sock.
  'docker-sock': { 'Deployment/app': 1, 'DeploymentConfig/app': 1 },
  // Both objects mount hostPath /etc.
  'sensitive-host-mounts': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // Both objects mount hostPath /config without readOnly.
  'writable-host-mount': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // app1/app2 declare containerPort 22/TCP, app3 port 22 with the protocol left to its TCP default; dont-fire uses 2222.
  'ssh-port': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1, 'DeploymentConfig/app3': 1 },
  // The objects named app use app:latest; dont-fire uses app:v1.
  'latest-tag': { 'Deployment/app': 1, 'DeploymentConfig/app': 1 },
  // Neither container has resources (their `requests:` sits on the container, not a real field).
  'unset-cpu-requirements': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // Neither container has resources (their `limit:` is not a real field).
  'unset-memory-requirements': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // The objects named app set SECRET_BLAH to a literal; dont-fire's variable is named BLAH.
  'env-var-secret': { 'Deployment/app': 1, 'DeploymentConfig/app': 1 },
  // Both objects read TOKEN from a secretKeyRef.
  'read-secret-from-env-var': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // The objects named app use serviceAccountName: default; dont-fire uses app.
  'default-service-account': { 'Deployment/app': 1, 'DeploymentConfig/app': 1 },
  // app1 is in namespace default; dont-fire in namespace-dev.
  'use-namespace': { 'Deployment/default/app1': 1 },
  // Service app is a NodePort; dont-fire is ClusterIP by default.
  'exposed-services': { 'Service/app': 1 },
  // Both objects set procMount: Unmasked.
  'unsafe-proc-mount': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // Both objects set the pod sysctl kernel.sem.
  'unsafe-sysctls': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // The objects named app add NET_RAW and do not drop it (two reports each); dont-fire has capabilities: null,
  // which kube-linter skips.
  'drop-net-raw-capability': { 'Deployment/app': 2, 'DeploymentConfig/app': 2 },
  // NetworkPolicies select dont-fire1/dont-fire2 labels only; app1/app2 are selected by none.
  'non-isolated-pod': { 'Deployment/app1': 1, 'DeploymentConfig/app2': 1 },
  // Services app1/app2 select app.kubernetes.io/name=app, which no template carries; dont-fire matches its Deployment.
  'dangling-service': { 'Service/app1': 1, 'Service/app2': 1 },
  // role-binding1 binds ServiceAccount account1 to role1, which allows get on secrets; the Role dont-fire (get pods)
  // is bound by nothing and grants no secrets.
  'access-to-secrets': { 'RoleBinding/namespace-dev/role-binding1': 1 },
  // role-binding1 binds account1 to role1, which allows create on pods; dont-fire allows get only.
  'access-to-create-pods': { 'RoleBinding/namespace-dev/role-binding1': 1 },
  // role-binding1 binds account1 to cluster-admin; dont-fire binds it to admin. Both ClusterRoleBindings carry a
  // (meaningless) metadata.namespace, which is part of the object key.
  'cluster-admin-role-binding': { 'ClusterRoleBinding/namespace-dev/role-binding1': 1 },
  // The fixture defines Role namespace-dev/role1 twice (see DUPLICATE_OBJECTS): the first with verbs [get] on pods,
  // the second with verbs ["*"] on secrets, which is the one reported.
  'wildcard-in-rules': { 'Role/namespace-dev/role1': 1 },
};

/**
 * Objects a fixture defines more than once (same kind, namespace and name; `kubectl apply` would keep the last),
 * per e2e test, with the reason the duplicate is there. Any other repeated key fails the self-check, since
 * EXPECTED_FLAGGED could not say which object it means.
 */
export const DUPLICATE_OBJECTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'wildcard-in-rules': {
    'Role/namespace-dev/role1': 'the fixture reuses the name for its clean and its flagged Role; the flagged one comes last, so it is also the one a cluster would keep',
  },
};

/** kube-linter e2e tests (by check id, or test name when the test runs no single check) left unmapped, with the reason. */
export const KUBE_LINTER_EXCLUDED: Readonly<Record<string, string>> = {
  'scc-deny-privileged-container': 'OpenShift SecurityContextConstraints (cluster admission policy objects): Bulwark has no SCC check',
  'privileged-ports': 'containerPort < 1024 inside the container: no Bulwark check (no-host-port covers ports on the node)',
  'template-cel': 'user-configured CEL template, not a built-in check',
  'template-kubeconform': 'schema validation with a user config, not a security check',
  'schema-validation': 'schema validation with a user config, not a security check',
  'template-forbidden-annotation': 'user-configured annotation template, not a built-in check',
  'statefulset-volumeclaimtemplate-annotation': 'user-configured annotation template, not a built-in check',
  'template-check-installed-bash-version': 'tests the e2e harness, not a check',
  'flag-ignore-paths': 'CLI flag behaviour, not a check',
  'flag-read-from-stdin': 'CLI flag behaviour, not a check',
  'flag-kustomize-support': 'CLI flag behaviour, not a check',
  'flag-multi-format-output': 'CLI output formats, not a check',
  'dangling-horizontalpodautoscaler': 'reference integrity, not security: no Bulwark check',
  'dangling-ingress': 'reference integrity, not security: no Bulwark check',
  'dangling-networkpolicy': 'NetworkPolicy selecting no pod: no Bulwark check (not in the planned check ids)',
  'dangling-networkpolicypeer-podselector': 'NetworkPolicy peer selecting no pod: no Bulwark check (not in the planned check ids)',
  'dangling-servicemonitor': 'Prometheus operator reference integrity: no Bulwark check',
  'deprecated-service-account-field': 'deprecated field hygiene, not security: no Bulwark check',
  'dnsconfig-options': 'DNS tuning, not security: no Bulwark check',
  'duplicate-env-var': 'correctness, not security: no Bulwark check',
  'env-value-from': 'reference integrity (missing Secret/ConfigMap keys): no Bulwark check',
  'hpa-minimum-three-replicas': 'reliability, not security: no Bulwark check',
  'invalid-target-ports': 'correctness, not security: no Bulwark check',
  'job-ttl-seconds-after-finished': 'housekeeping, not security: no Bulwark check',
  'liveness-port': 'probe correctness, not security: no Bulwark check',
  'readiness-port': 'probe correctness, not security: no Bulwark check',
  'startup-port': 'probe correctness, not security: no Bulwark check',
  'minimum-three-replicas': 'reliability, not security: no Bulwark check',
  'mismatching-selector': 'correctness, not security: no Bulwark check',
  'no-anti-affinity': 'reliability, not security: no Bulwark check',
  'no-extensions-v1beta': 'deprecated API versions: no Bulwark check',
  'no-liveness-probe': 'reliability, not security: no Bulwark check',
  'no-readiness-probe': 'reliability, not security: no Bulwark check',
  'no-node-affinity': 'scheduling, not security: no Bulwark check',
  'no-rolling-update-strategy': 'reliability, not security: no Bulwark check',
  'non-existent-service-account': 'reference integrity, not security: no Bulwark check',
  'pdb-max-unavailable': 'reliability, not security: no Bulwark check',
  'pdb-min-available': 'reliability, not security: no Bulwark check',
  'pdb-unhealthy-pod-eviction-policy': 'reliability, not security: no Bulwark check',
  'priority-class-name': 'scheduling, not security: no Bulwark check',
  'required-annotation-email': 'organisational metadata, not security: no Bulwark check',
  'required-label-owner': 'organisational metadata, not security: no Bulwark check',
  'restart-policy': 'reliability, not security: no Bulwark check',
  'sorted-keys': 'manifest style, not security: no Bulwark check',
};

/** Mapped kube-linter checks where Bulwark's result differs on purpose: counted as agreeing, printed with the reason. */
export const DELIBERATE_DIFFERENCES: Readonly<Record<string, string>> = {};

interface ExpectedMessage {
  index: number;
  op: string;
  text: string;
  format: string;
}

interface KubeLinterTest {
  test: string;
  fixture: string | null;
  include_checks: string[];
  config: string | null;
  expected_report_count: number | null;
  expected_messages: ExpectedMessage[];
}

interface TestResult {
  check: string;
  bulwarkId: string;
  implemented: boolean;
  expected: Record<string, number>;
  got: Record<string, number>;
  agree: boolean;
  deliberate?: string;
  errors: string[];
}

const ORACLE_FILE = join(KUBE_LINTER_DIR, 'expected_findings.json');
/** Without the oracle data (a checkout without ../shared/oracles) the comparisons skip, saying why. */
const NO_DATA = existsSync(ORACLE_FILE) ? false : `oracle data not found: ${ORACLE_FILE}`;
const oracle = NO_DATA ? [] : (JSON.parse(readFileSync(ORACLE_FILE, 'utf8')) as KubeLinterTest[]);
const registry = checksById(BUILTIN_CHECKS);
const results: TestResult[] = [];

/** The id a kube-linter e2e test is filed under: its single included check, else the test's name. */
function idOf(t: KubeLinterTest): string {
  return t.include_checks.length === 1 ? t.include_checks[0] : t.test;
}

function testFor(check: string): KubeLinterTest {
  const found = oracle.filter((t) => t.include_checks.length === 1 && t.include_checks[0] === check && t.fixture);
  assert.equal(found.length, 1, `expected exactly one e2e test running only ${check}`);
  return found[0];
}

function fixturePath(t: KubeLinterTest): string {
  return join(KUBE_LINTER_DIR, t.fixture as string);
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function sameKeys(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  return sameKeys(a, b) && Object.keys(a).every((k) => a[k] === b[k]);
}

function show(counts: Record<string, number>): string {
  const keys = Object.keys(counts).sort();
  return keys.length ? keys.map((k) => (counts[k] === 1 ? k : `${k}×${counts[k]}`)).join(', ') : '(none)';
}

test('kube-linter: every e2e test is mapped or excluded with a reason', { skip: NO_DATA }, () => {
  const ids = [...new Set(oracle.map(idOf))].sort();
  const unaccounted = ids.filter((id) => !(id in KUBE_LINTER_TO_BULWARK) && !(id in KUBE_LINTER_EXCLUDED));
  assert.deepEqual(unaccounted, [], 'add these kube-linter tests to KUBE_LINTER_TO_BULWARK or KUBE_LINTER_EXCLUDED');
  const both = Object.keys(KUBE_LINTER_TO_BULWARK).filter((id) => id in KUBE_LINTER_EXCLUDED);
  assert.deepEqual(both, [], 'a kube-linter check is either mapped or excluded');
  const stale = [...Object.keys(KUBE_LINTER_TO_BULWARK), ...Object.keys(KUBE_LINTER_EXCLUDED)].filter((id) => !ids.includes(id));
  assert.deepEqual(stale, [], 'these table rows name no kube-linter e2e test');
  assert.deepEqual(Object.keys(EXPECTED_FLAGGED).sort(), Object.keys(KUBE_LINTER_TO_BULWARK).sort(), 'EXPECTED_FLAGGED needs one row per mapped check');
  for (const id of Object.keys(DELIBERATE_DIFFERENCES)) assert.ok(id in KUBE_LINTER_TO_BULWARK, `deliberate difference for unmapped ${id}`);
});

test('kube-linter: EXPECTED_FLAGGED agrees with the oracle', { skip: NO_DATA }, async (t) => {
  for (const [check, expected] of Object.entries(EXPECTED_FLAGGED)) {
    await t.test(check, async () => {
      const kt = testFor(check);
      assert.ok(existsSync(fixturePath(kt)), `${kt.fixture} is missing`);
      const total = Object.values(expected).reduce((a, b) => a + b, 0);
      assert.equal(total, kt.expected_report_count, 'reports in EXPECTED_FLAGGED vs the oracle count');

      const inputs = await readInputs([fixturePath(kt)]);
      assert.deepEqual(inputs.problems.filter((p) => p.level === 'error'), [], 'fixture reads cleanly');
      const objects = new Map<string, (typeof inputs.objects)[number]>();
      const allowedTwice = DUPLICATE_OBJECTS[check] ?? {};
      const repeated = new Set<string>();
      for (const o of inputs.objects) {
        const key = objectKey({ kind: o.object.kind, name: String(o.object.metadata.name ?? ''), namespace: o.object.metadata.namespace });
        if (objects.has(key)) {
          assert.ok(key in allowedTwice, `${key} appears twice in ${kt.fixture} (list it in DUPLICATE_OBJECTS if the fixture means it)`);
          repeated.add(key);
        }
        objects.set(key, o);
      }
      for (const key of Object.keys(allowedTwice)) assert.ok(repeated.has(key), `DUPLICATE_OBJECTS: ${key} appears only once in ${kt.fixture}`);
      for (const key of Object.keys(expected)) assert.ok(objects.has(key), `${key} is not an object of ${kt.fixture}`);

      // Kinds: every listed message's kind must be covered by the expected objects' reports (exactly, when all are listed).
      const kindOf = (key: string): string => key.slice(0, key.indexOf('/'));
      const expectedKinds: Record<string, number> = {};
      for (const [key, n] of Object.entries(expected)) expectedKinds[kindOf(key)] = (expectedKinds[kindOf(key)] ?? 0) + n;
      const messageKinds = countBy(kt.expected_messages, (m) => m.text.slice(0, m.text.indexOf(':')));
      for (const [kind, n] of Object.entries(messageKinds)) {
        assert.ok((expectedKinds[kind] ?? 0) >= n, `${n} ${kind} message(s) in the oracle, ${expectedKinds[kind] ?? 0} in EXPECTED_FLAGGED`);
      }
      if (kt.expected_messages.length === kt.expected_report_count) assert.deepEqual(expectedKinds, messageKinds, 'kinds of all reports');

      // Container names in the messages must belong to an expected object of that kind.
      for (const m of kt.expected_messages) {
        const container = /container "?([\w.-]+)"?/.exec(m.text)?.[1];
        if (!container) continue;
        const kind = m.text.slice(0, m.text.indexOf(':'));
        const owners = Object.keys(expected).filter((key) => {
          if (kindOf(key) !== kind) return false;
          const template = podTemplate((objects.get(key) as (typeof inputs.objects)[number]).object);
          return template !== undefined && podContainers(template).some((c) => c.name === container);
        });
        assert.ok(owners.length > 0, `no expected ${kind} has the container "${container}" named in: ${m.text}`);
      }
    });
  }
});

for (const [check, mapping] of Object.entries(KUBE_LINTER_TO_BULWARK)) {
  const bulwarkCheck = registry.get(mapping.bulwark);
  const skip = NO_DATA || (bulwarkCheck ? false : `not implemented: ${mapping.bulwark} is not registered in BUILTIN_CHECKS`);
  const expected = { ...EXPECTED_FLAGGED[check] };
  test(`kube-linter ${check} → ${mapping.bulwark}`, { skip }, async (t) => {
    assert.ok(bulwarkCheck);
    const kt = testFor(check);
    const { findings, errors } = await scanWithCheck(fixturePath(kt), bulwarkCheck);
    const got = countBy(findings, (f) => objectKey(f.resource));
    const same = mapping.countAlike ? sameCounts(expected, got) : sameKeys(expected, got);
    const deliberate = same ? undefined : DELIBERATE_DIFFERENCES[check];
    const agree = errors.length === 0 && (same || deliberate !== undefined);
    results.push({ check, bulwarkId: mapping.bulwark, implemented: true, expected, got, agree, deliberate, errors });
    if (!agree) {
      t.diagnostic(`DISAGREE ${kt.fixture}: kube-linter flags ${show(expected)}; Bulwark ${show(got)}`);
      for (const f of findings) t.diagnostic(`  ${objectKey(f.resource)} ${f.path}: ${f.message}`);
      for (const e of errors) t.diagnostic(`  error ${e}`);
    }
  });
  if (!bulwarkCheck && !NO_DATA) results.push({ check, bulwarkId: mapping.bulwark, implemented: false, expected, got: {}, agree: false, errors: [] });
}

test(`kube-linter: agreement on implemented mapped tests is at least ${MIN_AGREEMENT * 100}%`, { skip: NO_DATA }, () => {
  const order = Object.keys(KUBE_LINTER_TO_BULWARK);
  results.sort((a, b) => order.indexOf(a.check) - order.indexOf(b.check));
  const implemented = results.filter((r) => r.implemented);
  const agreeing = implemented.filter((r) => r.agree);
  const rows = results.map((r) => [
    r.check,
    r.bulwarkId,
    KUBE_LINTER_TO_BULWARK[r.check].countAlike ? 'objects+count' : 'objects',
    show(r.expected),
    r.implemented ? show(r.got) : '-',
    !r.implemented ? 'not implemented' : r.deliberate ? 'deliberate' : r.agree ? 'agree' : 'DISAGREE',
  ]);
  const notImplemented = results.filter((r) => !r.implemented);
  const lines = [
    'kube-linter conformance (flagged objects per e2e test)',
    formatTable(['kube-linter check', 'bulwark id', 'compare', 'kube-linter flags', 'bulwark flags', 'verdict'], rows),
    '',
    `implemented mapped tests: ${implemented.length}, agreeing: ${agreeing.length} (${percent(agreeing.length, implemented.length)})`,
    `not implemented: ${notImplemented.length} tests skipped` + (notImplemented.length ? ` (${notImplemented.map((r) => r.bulwarkId).join(', ')})` : ''),
  ];
  const deliberate = implemented.filter((r) => r.deliberate);
  if (deliberate.length) {
    lines.push('', 'deliberate differences (counted as agreeing):');
    for (const r of deliberate) lines.push(`  ${r.check}: ${r.deliberate}`);
  }
  const disagreeing = implemented.filter((r) => !r.agree);
  if (disagreeing.length) {
    lines.push('', 'disagreements:');
    for (const r of disagreeing) {
      lines.push(`  ${r.check} → ${r.bulwarkId}: kube-linter ${show(r.expected)}; Bulwark ${show(r.got)}${r.errors.length ? `; errors: ${r.errors.join('; ')}` : ''}`);
    }
  }
  console.log(lines.join('\n'));
  if (implemented.length > 0) {
    assert.ok(
      agreeing.length / implemented.length >= MIN_AGREEMENT,
      `agreement ${percent(agreeing.length, implemented.length)} is below ${MIN_AGREEMENT * 100}%: ${disagreeing.map((r) => r.check).join(', ')}`,
    );
  }
});

test('kube-linter: every deliberate difference still differs', { skip: NO_DATA }, () => {
  const stale = results
    .filter((r) => r.implemented && r.check in DELIBERATE_DIFFERENCES)
    .filter((r) => (KUBE_LINTER_TO_BULWARK[r.check].countAlike ? sameCounts(r.expected, r.got) : sameKeys(r.expected, r.got)))
    .map((r) => r.check);
  assert.deepEqual(stale, [], 'Bulwark now agrees with kube-linter on these: remove them from DELIBERATE_DIFFERENCES');
});

test(
  'kube-linter: every mapped Bulwark check is registered',
  { skip: missingChecksAllowed() ? `${ALLOW_MISSING_ENV}=1` : false },
  () => {
    const missing = [...new Set(Object.values(KUBE_LINTER_TO_BULWARK).map((m) => m.bulwark))].filter((id) => !registry.has(id)).sort();
    assert.deepEqual(missing, [], `mapped Bulwark checks missing from BUILTIN_CHECKS (set ${ALLOW_MISSING_ENV}=1 to skip while they are being added)`);
  },
);
