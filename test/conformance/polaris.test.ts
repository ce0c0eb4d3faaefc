/**
 * Conformance with Polaris (FairwindsOps/polaris, Apache-2.0): its pass/fail fixtures, scanned by the Bulwark
 * check(s) that have the same intent. A fixture named `failure*` must get at least one unsuppressed finding of the
 * mapped check(s), anywhere in the file, a `success*` fixture none. Only the data files are used (see
 * oracles/README.md).
 *
 * Checks that the lead has not registered yet are reported as "not implemented" and skipped;
 * the "every mapped check is registered" test fails on them unless BULWARK_CONFORMANCE_ALLOW_MISSING=1.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_CHECKS } from '../../src/checks/index.js';
import type { Finding } from '../../src/model/types.js';
import {
  ALLOW_MISSING_ENV,
  checksById,
  formatTable,
  missingChecksAllowed,
  ORACLES_DIR,
  percent,
  scanWithCheck,
} from './oracle-support.js';

const POLARIS_DIR = join(ORACLES_DIR, 'polaris');

/** Minimum share of implemented mapped cases on which Bulwark and Polaris agree (deliberate differences count as agreeing). */
export const MIN_AGREEMENT = 0.95;

/**
 * Polaris check id → the Bulwark check with the same verdict on a fixture, or several when Polaris bundles
 * what Bulwark reports with separate checks (the fixture then fails when any of them reports). Semantics
 * from pkg/config/checks/<id>.yaml (for the RBAC checks also its additionalSchemaStrings, which look up the
 * referenced role among the fixture's objects).
 *
 * RBAC: Polaris judges one object kind per check (a Role, a ClusterRole, or a binding of one kind to one
 * role kind) and exempts objects by name. Bulwark judges what each subject is granted (bindings) and, for an
 * input role that no binding refers to, what it would grant (the role itself, Kubernetes-reserved names
 * excepted). Verdicts are compared per file: any unsuppressed finding of the mapped check(s) in the fixture,
 * whichever object it sits on, makes the file "fail".
 */
export const POLARIS_TO_BULWARK: Readonly<Record<string, string | readonly string[]>> = {
  // Pod automountServiceAccountToken, else its ServiceAccount's: flagged unless one of them (pod first) says false.
  automountServiceAccountToken: 'no-automounted-service-account-token',
  // Regular containers without resources.limits.cpu (Polaris skips init containers; no fixture has one).
  cpuLimitsMissing: 'require-cpu-limits',
  // Regular containers without resources.requests.cpu.
  cpuRequestsMissing: 'require-cpu-requests',
  // Regular containers without resources.limits.memory.
  memoryLimitsMissing: 'require-memory-limits',
  // Regular containers without resources.requests.memory.
  memoryRequestsMissing: 'require-memory-requests',
  // capabilities.add contains ALL, SYS_ADMIN or NET_ADMIN (any case); PSS baseline forbids every add outside its
  // short allow-list, which contains none of these, so the failure fixtures must be flagged.
  dangerousCapabilities: 'no-unsafe-capabilities',
  // capabilities.drop must hold ALL, or all 15 capabilities of the usual runtime default set. Bulwark follows PSS
  // restricted (drop ALL, nothing else will do); the enumerated-list fixtures are DELIBERATE_DIFFERENCES.
  insecureCapabilities: 'require-drop-all-capabilities',
  // PodSpec hostIPC: true.
  hostIPCSet: 'no-host-ipc',
  // PodSpec hostNetwork: true.
  hostNetworkSet: 'no-host-network',
  // PodSpec hostPID: true.
  hostPIDSet: 'no-host-pid',
  // Any volume with a hostPath source.
  hostPathSet: 'no-host-path-volume',
  // Any container port with a non-zero hostPort.
  hostPortSet: 'no-host-port',
  // windowsOptions.hostProcess: true at pod or container level.
  hostProcess: 'no-host-process',
  // Polaris: some NetworkPolicy must select the pod template's labels via matchLabels, list both policyTypes and
  // have non-empty ingress and egress rules. Bulwark: some NetworkPolicy of the namespace selects the pods.
  missingNetworkPolicy: 'require-network-policy',
  // Every container must end up with readOnlyRootFilesystem: true.
  notReadOnlyRootFilesystem: 'require-read-only-root-filesystem',
  // Every container must end up with allowPrivilegeEscalation: false (unset counts as allowed).
  privilegeEscalationAllowed: 'no-privilege-escalation',
  // securityContext.procMount other than Default (PSS baseline "/proc Mount Type").
  procMount: 'no-unmasked-proc-mount',
  // securityContext.privileged: true on a container.
  runAsPrivileged: 'no-privileged-container',
  // Every container must end up with runAsNonRoot: true (Polaris also accepts runAsUser >= 1; no fixture relies on it).
  runAsRootAllowed: 'require-run-as-non-root',
  // ConfigMap keys named like credentials (password, token, secret, AWS/Azure/GCP/OCI keys) or values holding a
  // private key. Bulwark judges key and value together (placeholders are not secrets).
  sensitiveConfigmapContent: 'no-secret-in-configmap',
  // Literal env values (not valueFrom) whose names look like credentials, or that hold a private key. Not
  // no-secret-key-ref-env: Polaris passes a secretKeyRef (success.sensitive_key_uses_valueFrom.yaml).
  sensitiveContainerEnvVar: 'no-secret-in-env',
  // Image without a tag, or tagged :latest.
  tagNotSpecified: 'no-latest-image-tag',

  // ── RBAC ──
  // A ClusterRole with a rule whose apiGroups contain "" or "*", resources "*", "pods/exec" or "pods/attach",
  // and verbs "*", "get" (exec over a WebSocket) or "create"; the names admin, cluster-admin, edit, system:* and
  // gce:podsecuritypolicy:calico-sa are exempt. The fixtures hold the ClusterRole alone: Bulwark reports an input
  // role that grants pods/exec, pods/attach (create or get), pods/portforward or ephemeral containers and that no
  // binding refers to, on the role itself, except Kubernetes-reserved names (system:*, cluster-admin, admin,
  // edit, view).
  clusterrolePodExecAttach: 'no-pod-exec-access',
  // The same for a Role (only system:* and gce:podsecuritypolicy:calico-sa exempt); fixtures hold the Role alone.
  rolePodExecAttach: 'no-pod-exec-access',
  // A ClusterRoleBinding (names cluster-admin, system:*, gce:podsecuritypolicy:calico-sa exempt) whose ClusterRole
  // allows exec/attach as above — "or that does not exist" (failureMessage). Bulwark reports the grant on the
  // binding (no-pod-exec-access, per binding, naming its non-system subjects) and the dangling roleRef with
  // no-binding-to-missing-role.
  clusterrolebindingPodExecAttach: ['no-pod-exec-access', 'no-binding-to-missing-role'],
  // A RoleBinding to a ClusterRole (system:* and gce:podsecuritypolicy:calico-sa binding names exempt), as above;
  // RoleBindings to Roles pass (rolebindingRolePodExecAttach covers them).
  rolebindingClusterRolePodExecAttach: ['no-pod-exec-access', 'no-binding-to-missing-role'],
  // A RoleBinding to a Role, as above; RoleBindings to ClusterRoles pass (rolebindingClusterRolePodExecAttach
  // covers them; Bulwark has one check for both, see DELIBERATE_DIFFERENCES).
  rolebindingRolePodExecAttach: ['no-pod-exec-access', 'no-binding-to-missing-role'],
  // A ClusterRoleBinding (names cluster-admin, system:*, gce:podsecuritypolicy:calico-sa exempt) to the ClusterRole
  // named cluster-admin, or to one with a rule of apiGroups "*", resources "*" and verbs "*" or all seven of
  // get/list/watch/create/update/patch/delete. Bulwark: the same roles (cluster-admin by name whatever the input
  // object says, since the API server reconciles the bootstrap role back to its defaults unless
  // autoupdate is "false"), one finding per subject outside Kubernetes' own components.
  clusterrolebindingClusterAdmin: 'no-cluster-admin-binding',
  // A RoleBinding (system:*, gce:podsecuritypolicy:calico-sa names exempt) to such a ClusterRole; RoleBindings to
  // Roles pass. Bulwark: the same, as namespace-wide full control.
  rolebindingClusterAdminClusterRole: 'no-cluster-admin-binding',
  // A RoleBinding (same name exemptions) to a Role with such a rule; RoleBindings to ClusterRoles pass.
  rolebindingClusterAdminRole: 'no-cluster-admin-binding',
};

/** The Bulwark check ids a Polaris check maps to. */
export function bulwarkIdsFor(polarisId: string): string[] {
  const ids = POLARIS_TO_BULWARK[polarisId];
  return ids === undefined ? [] : typeof ids === 'string' ? [ids] : [...ids];
}

/** Polaris checks in cases.json deliberately left unmapped, with the reason. */
export const POLARIS_EXCLUDED: Readonly<Record<string, string>> = {
  linuxHardening:
    'passes a container when ANY of four mechanisms is configured (AppArmor annotation, non-Unconfined seccomp, SELinux options, a non-empty capability drop); Bulwark checks each mechanism separately (require-seccomp-profile, require-drop-all-capabilities, ...), so no single Bulwark check has this verdict',
  tlsSettingsMissing: 'Ingress without TLS: no Bulwark check (not in the planned check ids)',
  deploymentMissingReplicas: 'reliability, not security: no Bulwark check',
  hpaMaxAvailability: 'reliability, not security: no Bulwark check',
  hpaMinAvailability: 'reliability, not security: no Bulwark check',
  livenessProbeMissing: 'reliability, not security: no Bulwark check',
  readinessProbeMissing: 'reliability, not security: no Bulwark check',
  metadataAndInstanceMismatched: 'labelling hygiene, not security: no Bulwark check',
  missingPodDisruptionBudget: 'reliability, not security: no Bulwark check',
  pdbDisruptionsIsZero: 'reliability, not security: no Bulwark check',
  pdbMinAvailableGreaterThanHPAMinReplicas: 'reliability, not security: no Bulwark check',
  priorityClassNotSet: 'scheduling, not security: no Bulwark check',
  pullPolicyNotAlways: 'image pull policy, reliability: no Bulwark check (require-image-digest covers image pinning)',
  topologySpreadConstraint: 'reliability, not security: no Bulwark check',
  nakedPod: "example of a user-defined custom check (its own check.yaml), not a Polaris built-in",
  oneController: "example of a user-defined custom check (its own check.yaml), not a Polaris built-in",
  resourceRange: "example of a user-defined custom check (its own check.yaml), not a Polaris built-in",
};

/**
 * Fixtures (path as in cases.json) where Bulwark's verdict differs from Polaris' on purpose. They count as
 * agreeing and are printed with the reason; the test fails when one of them stops differing (remove it then).
 */
export const DELIBERATE_DIFFERENCES: Readonly<Record<string, string>> = {
  'test/checks/missingNetworkPolicy/failure.netpol_missing_egress_in_policytypes.yaml':
    'policyTypes [Ingress] isolates the pod for ingress, which is what the basic coverage check of the foundation issue asks; egress isolation is analysed by the NetworkPolicy analyzer (default-deny egress per namespace, a lower-severity check), not by require-network-policy',
  'test/checks/runAsRootAllowed/failure.yaml':
    'the fixture is `apiVersion: v1, kind: Deployment`, which does not exist (Deployments live in apps/v1) and the API server rejects; Bulwark treats a core kind name in a foreign group as a custom resource, not a workload, so it runs no workload check on it',
  'test/checks/insecureCapabilities/success.yaml':
    'drops 15 named capabilities instead of ALL: Polaris accepts the enumeration, Bulwark follows PSS restricted, which admits only drop: [ALL] (any capability outside the list, e.g. one a runtime adds to its default set, is kept)',
  'test/checks/insecureCapabilities/success.case.yaml':
    'drops 15 named capabilities (mixed case) instead of ALL: accepted by Polaris, rejected by PSS restricted, which Bulwark follows',
  'test/checks/missingNetworkPolicy/failure.netpol_missing_egress_rules.yaml':
    'policyTypes [Egress, Ingress] with no egress rules denies all egress: the pod is isolated in both directions, more tightly than with rules. Polaris wants non-empty rules; Bulwark does not flag a deny-all policy',
  'test/checks/missingNetworkPolicy/failure.netpol_missing_ingress_rules.yaml':
    'policyTypes [Egress, Ingress] with no ingress rules denies all ingress: the pod is isolated in both directions, more tightly than with rules. Polaris wants non-empty rules; Bulwark does not flag a deny-all policy',
  'test/checks/sensitiveConfigmapContent/failure.key_aws_secret_access_key.yaml':
    'the value of AWS_SECRET_ACCESS_KEY is the placeholder "xxxxx": Polaris judges the key name alone, Bulwark judges name and value together and does not report placeholders (a real-looking value under the same key is reported)',
  'test/checks/sensitiveConfigmapContent/failure.key_azure_batch_key.yaml':
    'the value of AZURE_BATCH_KEY is the placeholder "xxxxx": Polaris judges the key name alone, Bulwark judges name and value together and does not report placeholders (a real-looking value under the same key is reported)',
  'test/checks/sensitiveConfigmapContent/failure.key_oci_cli_key_content.yaml':
    'the value of OCI_CLI_KEY_CONTENT is the placeholder "xxxxx": Polaris judges the key name alone, Bulwark judges name and value together and does not report placeholders (a real-looking value under the same key is reported)',
  'test/checks/insecureCapabilities/success.pod.yaml':
    'the container drops 15 named capabilities instead of ALL (the pod-level capabilities field does not exist in Kubernetes): accepted by Polaris, rejected by PSS restricted, which Bulwark follows',
  // ── RBAC ──
  'test/checks/clusterrolebindingClusterAdmin/success.system_prefix_binding.yaml':
    'Polaris exempts the ClusterRoleBinding because of its name (system: prefix); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants the powers of cluster-admin (ClusterRole "test" allows every verb on every resource) cluster-wide to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/clusterrolebindingClusterAdmin/success.gce_calico_binding.yaml':
    'Polaris exempts the ClusterRoleBinding because of its name (gce:podsecuritypolicy:calico-sa, a GKE add-on); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants the powers of cluster-admin (ClusterRole "test" allows every verb on every resource) cluster-wide to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/rolebindingClusterAdminClusterRole/success.system_prefix_binding.yaml':
    'Polaris exempts the RoleBinding because of its name (system: prefix); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants full control of namespace "test" (a role with every verb on every resource) to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/rolebindingClusterAdminClusterRole/success.gce_calico_binding.yaml':
    'Polaris exempts the RoleBinding because of its name (gce:podsecuritypolicy:calico-sa, a GKE add-on); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants full control of namespace "test" (a role with every verb on every resource) to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/rolebindingClusterAdminRole/success.system_prefix_binding.yaml':
    'Polaris exempts the RoleBinding because of its name (system: prefix); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants full control of namespace "test" (a role with every verb on every resource) to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/rolebindingClusterAdminRole/success.gce_calico_binding.yaml':
    'Polaris exempts the RoleBinding because of its name (gce:podsecuritypolicy:calico-sa, a GKE add-on); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants full control of namespace "test" (a role with every verb on every resource) to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/clusterrolebindingPodExecAttach/success.system_prefix_binding.yaml':
    'Polaris exempts the ClusterRoleBinding because of its name (system: prefix); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants exec/attach into every pod of the cluster (ClusterRole "test": every verb on every resource) to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/clusterrolebindingPodExecAttach/success.gce_calico_binding.yaml':
    'Polaris exempts the ClusterRoleBinding because of its name (gce:podsecuritypolicy:calico-sa, a GKE add-on); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants exec/attach into every pod of the cluster (ClusterRole "test": every verb on every resource) to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/rolebindingClusterRolePodExecAttach/success.system_prefix_binding.yaml':
    'Polaris exempts the RoleBinding because of its name (system: prefix); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants exec/attach into every pod of namespace "test" (a role with every verb on every resource) to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/rolebindingClusterRolePodExecAttach/success.gce_calico_binding.yaml':
    'Polaris exempts the RoleBinding because of its name (gce:podsecuritypolicy:calico-sa, a GKE add-on); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants exec/attach into every pod of namespace "test" (a role with every verb on every resource) to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/rolebindingRolePodExecAttach/success.system_prefix_binding.yaml':
    'Polaris exempts the RoleBinding because of its name (system: prefix); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants exec/attach into every pod of namespace "test" (a role with every verb on every resource) to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/rolebindingRolePodExecAttach/success.gce_calico_binding.yaml':
    'Polaris exempts the RoleBinding because of its name (gce:podsecuritypolicy:calico-sa, a GKE add-on); a binding\'s name is chosen by whoever writes it and grants nothing by itself. This one grants exec/attach into every pod of namespace "test" (a role with every verb on every resource) to User "testuser", an ordinary user. Bulwark exempts by subject (Kubernetes\' own components: system: users and groups, kube-system service accounts), never by binding name',
  'test/checks/clusterrolebindingPodExecAttach/success.defaultclusterrolebinding_clusteradmin.yaml':
    'Polaris exempts a ClusterRoleBinding named cluster-admin as the default one. The default binds only the group system:masters; this one binds User "testuser" (the API server\'s reconciliation adds missing default subjects and never removes extra ones), and its ClusterRole grants create on pods/exec: testuser can exec into every pod. Bulwark judges the subjects, not the binding name',
  'test/checks/clusterrolebindingPodExecAttach/success.defaultclusterrolebinding_system-controller-generic-garbage-collector.yaml':
    'Polaris exempts a ClusterRoleBinding named system:controller:generic-garbage-collector as a default one. The default binds only the ServiceAccount kube-system/generic-garbage-collector; this one binds User "testuser" to a role granting create on pods/attach in every namespace. Bulwark judges the subjects, not the binding name',
  'test/checks/clusterrolePodExecAttach/success.gce_calico_clusterrole.yaml':
    'Polaris exempts a ClusterRole named gce:podsecuritypolicy:calico-sa (a GKE add-on). Kubernetes does not reserve that name (anyone can create it); the role allows every verb on every resource, so every subject bound to it later can exec into pods. Bulwark exempts only names Kubernetes reserves (system:*, cluster-admin, admin, edit, view) and reports this unbound role',
  'test/checks/rolePodExecAttach/success.gce_calico_binding.yaml':
    'Polaris exempts a Role named gce:podsecuritypolicy:calico-sa (a GKE add-on). Kubernetes does not reserve that name; the Role allows every verb on every resource of kube-system, so any subject bound to it later can exec into kube-system pods. Bulwark exempts only names Kubernetes reserves (system:*, cluster-admin, admin, edit, view) and reports this unbound role',
  'test/checks/rolebindingRolePodExecAttach/success.role_binding_cluster_role_binding.yaml':
    'a RoleBinding to a ClusterRole allowing every verb on every resource: this Polaris check looks only at RoleBindings to Roles and passes it, while its sibling rolebindingClusterRolePodExecAttach would fail the same file. User "example-user" can exec into every pod of my-namespace; Bulwark has one check for every binding and role kind and reports it',
};

interface PolarisCase {
  check: string;
  kind: 'validation' | 'mutation';
  file: string;
  expect?: 'pass' | 'fail';
}

interface CaseResult {
  file: string;
  expect: 'pass' | 'fail';
  got: 'pass' | 'fail';
  /** Verdicts equal, or a deliberate difference. */
  agree: boolean;
  deliberate?: string;
  detail: string[];
}

interface CheckReport {
  polarisId: string;
  bulwarkId: string;
  implemented: boolean;
  cases: CaseResult[];
  /** Validation cases of this Polaris check (also counted when not implemented). */
  caseCount: number;
}

const CASES_FILE = join(POLARIS_DIR, 'cases.json');
/** Without the oracle data (a checkout without ../shared/oracles) the comparisons skip, saying why. */
const NO_DATA = existsSync(CASES_FILE) ? false : `oracle data not found: ${CASES_FILE}`;
const allCases = NO_DATA ? [] : (JSON.parse(readFileSync(CASES_FILE, 'utf8')) as PolarisCase[]);
const validation = allCases.filter((c) => c.kind === 'validation');
const registry = checksById(BUILTIN_CHECKS);
const reports: CheckReport[] = [];

test('polaris: every check in cases.json is mapped or excluded with a reason', { skip: NO_DATA }, () => {
  const seen = [...new Set(validation.map((c) => c.check))].sort();
  const unaccounted = seen.filter((id) => !(id in POLARIS_TO_BULWARK) && !(id in POLARIS_EXCLUDED));
  assert.deepEqual(unaccounted, [], 'add these Polaris checks to POLARIS_TO_BULWARK or POLARIS_EXCLUDED');
  const both = Object.keys(POLARIS_TO_BULWARK).filter((id) => id in POLARIS_EXCLUDED);
  assert.deepEqual(both, [], 'a Polaris check is either mapped or excluded');
  const stale = [...Object.keys(POLARIS_TO_BULWARK), ...Object.keys(POLARIS_EXCLUDED)].filter((id) => !seen.includes(id));
  assert.deepEqual(stale, [], 'these table rows name no Polaris check in cases.json');
  for (const c of validation) {
    assert.ok(c.expect === 'pass' || c.expect === 'fail', `${c.file}: expect is ${String(c.expect)}`);
    assert.ok(existsSync(join(POLARIS_DIR, c.file)), `${c.file} is missing`);
  }
});

test('polaris: deliberate differences name mapped fixtures', { skip: NO_DATA }, () => {
  for (const file of Object.keys(DELIBERATE_DIFFERENCES)) {
    const c = validation.find((v) => v.file === file);
    assert.ok(c, `${file} is not a validation case in cases.json`);
    assert.ok(c.check in POLARIS_TO_BULWARK, `${file}: Polaris check ${c.check} is not mapped`);
  }
});

for (const polarisId of Object.keys(POLARIS_TO_BULWARK)) {
  const bulwarkIds = bulwarkIdsFor(polarisId);
  const bulwarkId = bulwarkIds.join(' + ');
  const cases = validation.filter((c) => c.check === polarisId);
  const checks = bulwarkIds.map((id) => registry.get(id));
  const missing = bulwarkIds.filter((id, i) => !checks[i]);
  const implemented = missing.length === 0;
  const skip = NO_DATA || (implemented ? false : `not implemented: ${missing.join(', ')} not registered in BUILTIN_CHECKS (${cases.length} cases skipped)`);
  test(`polaris ${polarisId} → ${bulwarkId}`, { skip }, async (t) => {
    const report: CheckReport = { polarisId, bulwarkId, implemented: true, cases: [], caseCount: cases.length };
    reports.push(report);
    for (const c of cases) {
      // One scan per mapped check (each through the CLI's entry point); the file fails when any reports.
      const findings: Finding[] = [];
      const errors: string[] = [];
      for (const check of checks) {
        assert.ok(check);
        const one = await scanWithCheck(join(POLARIS_DIR, c.file), check);
        findings.push(...one.findings);
        errors.push(...one.errors);
      }
      const got = findings.length > 0 ? 'fail' : 'pass';
      const expect = c.expect as 'pass' | 'fail';
      const deliberate = got !== expect ? DELIBERATE_DIFFERENCES[c.file] : undefined;
      const detail = [...errors.map((e) => `error ${e}`), ...findings.map((f) => `${f.checkId} ${f.resource.kind}/${f.resource.name}${f.path}: ${f.message}`)];
      const agree = errors.length === 0 && (got === expect || deliberate !== undefined);
      report.cases.push({ file: c.file, expect, got, agree, deliberate, detail });
      if (!agree) t.diagnostic(`DISAGREE ${c.file}: Polaris expects ${expect}, Bulwark ${got}${detail.length ? ` (${detail.join('; ')})` : ''}`);
    }
  });
  if (!implemented && !NO_DATA) reports.push({ polarisId, bulwarkId, implemented: false, cases: [], caseCount: cases.length });
}

test(`polaris: agreement on implemented mapped cases is at least ${MIN_AGREEMENT * 100}%`, { skip: NO_DATA }, () => {
  const order = Object.keys(POLARIS_TO_BULWARK);
  reports.sort((a, b) => order.indexOf(a.polarisId) - order.indexOf(b.polarisId));
  const rows = reports.map((r) => {
    const agree = r.cases.filter((c) => c.agree).length;
    const deliberate = r.cases.filter((c) => c.deliberate).length;
    const disagree = r.cases.filter((c) => !c.agree).map((c) => `${c.file.replace(/^test\/checks\/[^/]+\//, '')} (expected ${c.expect})`);
    return [
      r.polarisId,
      r.bulwarkId,
      String(r.caseCount),
      !r.implemented ? 'not implemented' : deliberate ? `${agree} (${deliberate} deliberate)` : String(agree),
      disagree.join(', '),
    ];
  });
  const implemented = reports.flatMap((r) => r.cases);
  const agreeing = implemented.filter((c) => c.agree).length;
  const notImplemented = reports.filter((r) => !r.implemented);
  const lines = [
    'Polaris conformance (pass/fail per fixture)',
    formatTable(['polaris id', 'bulwark id', 'cases', 'agree', 'disagree'], rows),
    '',
    `implemented mapped cases: ${implemented.length}, agreeing: ${agreeing} (${percent(agreeing, implemented.length)})`,
    `not implemented: ${notImplemented.length} checks, ${notImplemented.reduce((n, r) => n + r.caseCount, 0)} cases skipped` +
      (notImplemented.length ? ` (${[...new Set(notImplemented.flatMap((r) => bulwarkIdsFor(r.polarisId)))].filter((id) => !registry.has(id)).join(', ')} not registered)` : ''),
  ];
  const deliberate = implemented.filter((c) => c.deliberate);
  if (deliberate.length) {
    lines.push('', 'deliberate differences (counted as agreeing):');
    for (const c of deliberate) lines.push(`  ${c.file} (Polaris ${c.expect}, Bulwark ${c.got}): ${c.deliberate}`);
  }
  const disagreeing = implemented.filter((c) => !c.agree);
  if (disagreeing.length) {
    lines.push('', 'disagreements:');
    for (const c of disagreeing) lines.push(`  ${c.file}: Polaris ${c.expect}, Bulwark ${c.got}${c.detail.length ? ` — ${c.detail.join('; ')}` : ''}`);
  }
  console.log(lines.join('\n'));
  if (implemented.length > 0) {
    assert.ok(
      agreeing / implemented.length >= MIN_AGREEMENT,
      `agreement ${percent(agreeing, implemented.length)} is below ${MIN_AGREEMENT * 100}%: ${disagreeing.map((c) => c.file).join(', ')}`,
    );
  }
});

test('polaris: every deliberate difference still differs', { skip: NO_DATA }, () => {
  const byFile = new Map(reports.flatMap((r) => r.cases).map((c) => [c.file, c]));
  const stale = Object.keys(DELIBERATE_DIFFERENCES).filter((file) => {
    const c = byFile.get(file);
    return c !== undefined && c.got === c.expect;
  });
  assert.deepEqual(stale, [], 'Bulwark now agrees with Polaris on these fixtures: remove them from DELIBERATE_DIFFERENCES');
});

test(
  'polaris: every mapped Bulwark check is registered',
  { skip: missingChecksAllowed() ? `${ALLOW_MISSING_ENV}=1` : false },
  () => {
    const missing = [...new Set(Object.keys(POLARIS_TO_BULWARK).flatMap(bulwarkIdsFor))].filter((id) => !registry.has(id)).sort();
    assert.deepEqual(missing, [], `mapped Bulwark checks missing from BUILTIN_CHECKS (set ${ALLOW_MISSING_ENV}=1 to skip while they are being added)`);
  },
);
