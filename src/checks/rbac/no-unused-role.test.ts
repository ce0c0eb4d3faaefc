import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noUnusedRole } from './no-unused-role.js';

const role = (ns: string, name = 'reader') => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${name}
  namespace: ${ns}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get]}
`;

const clusterRole = (name: string, labels = '') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${name}
${labels ? `  labels: {${labels}}\n` : ''}rules:
- {apiGroups: [""], resources: [pods], verbs: [get]}
`;

const rb = (ns: string, kind: string, name: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${kind}, name: ${name}}
subjects:
- {kind: ServiceAccount, name: app}
`;

CheckTester.run(noUnusedRole, {
  valid: [
    { name: 'Role bound in its namespace', yaml: `${role('shop')}---\n${rb('shop', 'Role', 'reader')}` },
    { name: 'ClusterRole bound by a RoleBinding', yaml: `${clusterRole('pod-reader')}---\n${rb('shop', 'ClusterRole', 'pod-reader')}` },
    {
      name: 'ClusterRole bound by a ClusterRoleBinding',
      yaml: `${clusterRole('pod-reader')}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]
`,
    },
    { name: 'aggregated into the built-in view role', yaml: clusterRole('widgets-view', 'rbac.authorization.k8s.io/aggregate-to-view: "true"') },
    {
      name: 'an aggregating ClusterRole and the role it collects (the aggregator itself unbound)',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/aggregate-to-monitoring: "true"}
---
${clusterRole('metrics', 'example.com/aggregate-to-monitoring: "true"')}`,
    },
    { name: 'input copy of a bootstrap role bound by the bootstrap policy', yaml: clusterRole('system:basic-user') },
    { name: 'role labelled as part of Kubernetes\' defaults (a live cluster dump)', yaml: clusterRole('system:heapster', 'kubernetes.io/bootstrapping: rbac-defaults') },
  ],
  invalid: [
    {
      name: 'Role bound only in another namespace',
      yaml: `${role('shop')}---\n${rb('blog', 'Role', 'reader')}`,
      findings: [{ messageId: 'unusedRole', path: '/metadata/name', line: 4 }],
    },
    {
      name: 'a RoleBinding to a ClusterRole of the same name does not use the Role',
      yaml: `${role('shop')}---\n${rb('shop', 'ClusterRole', 'reader')}`,
      findings: [{ messageId: 'unusedRole', path: '/metadata/name' }],
    },
    {
      name: 'ClusterRole bound by nobody',
      yaml: clusterRole('orphan'),
      findings: [{ messageId: 'unusedClusterRole', path: '/metadata/name', line: 4 }],
    },
    {
      name: 'a ClusterRoleBinding whose roleRef is a Role binds nothing',
      yaml: `${role('shop', 'r')}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]
`,
      findings: [{ messageId: 'unusedRole', path: '/metadata/name' }],
    },
    {
      name: 'aggregation label that no ClusterRole selects (typo)',
      yaml: clusterRole('widgets', 'rbac.authorization.k8s.io/aggregate-to-veiw: "true"'),
      findings: [{ messageId: 'unmatchedAggregation', path: '/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-veiw', line: 5 }],
    },
  ],
});

it('no-unused-role messages distinguish Roles and ClusterRoles', () => {
  const messages = runCheck(noUnusedRole, `${role('shop')}---\n${clusterRole('orphan')}---\n${clusterRole('w', 'rbac.authorization.k8s.io/aggregate-to-nothing: "true"')}`).findings.map(
    (f) => f.message,
  );
  assert.deepEqual(messages, [
    'Role "reader" is referenced by no RoleBinding in namespace "shop".',
    'ClusterRole "orphan" is referenced by no RoleBinding or ClusterRoleBinding and is aggregated into no other ClusterRole.',
    'ClusterRole "w" is labelled to aggregate into "nothing", but no ClusterRole selects it, and no binding references it.',
  ]);
});
