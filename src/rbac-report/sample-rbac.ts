import { assertGoldenFile } from '../testing/golden.js';
import assert from 'node:assert/strict';
import { analyzeRbac } from '../analyzers/rbac/rbac-analyzer.js';
import type { RbacFacts } from '../analyzers/rbac/rbac-types.js';
import { parseManifests } from '../sources/manifest-parser.js';

/**
 * A small RBAC setup for the report tests: a namespaced team with a user, a group and a ServiceAccount,
 * an input ClusterRole aggregated from another input ClusterRole, resourceNames, a non-resource URL,
 * a ClusterRoleBinding to the bootstrap `view` role and a RoleBinding to a role that does not exist.
 */
export const SAMPLE_RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: shop}
rules:
  - apiGroups: [apps]
    resources: [deployments, deployments/scale]
    verbs: [get, list, update, patch]
  - apiGroups: [""]
    resources: [secrets]
    resourceNames: [db-password]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployers, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
subjects:
  - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
  - {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}
  - {kind: ServiceAccount, name: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {example.com/aggregate-to-monitoring: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-pods
  labels: {example.com/aggregate-to-monitoring: "true"}
rules:
  - apiGroups: [""]
    resources: [pods, pods/log]
    verbs: [get, list, watch]
  - nonResourceURLs: [/metrics]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: prometheus}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects:
  - {kind: ServiceAccount, name: prometheus, namespace: monitoring}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: auditors-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
  - {kind: Group, name: auditors, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: legacy, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: removed-role}
subjects:
  - {kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}
`;

/** The sample's RBAC fact; without the bootstrap policy unless asked, so goldens stay small. */
export function sampleFacts(options: { bootstrap?: boolean } = {}): RbacFacts {
  const parsed = parseManifests(SAMPLE_RBAC, 'deploy/rbac.yaml');
  assert.deepEqual(parsed.problems, []);
  return analyzeRbac(parsed.objects, { bootstrap: options.bootstrap ?? false });
}

/** Compares with test/fixtures/rbac-report/<name>; see assertGoldenFile. */
export function assertRbacGolden(name: string, actual: string): void {
  assertGoldenFile('rbac-report', name, actual);
}
