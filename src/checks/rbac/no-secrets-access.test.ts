import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noSecretsAccess } from './no-secrets-access.js';

const READER = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [get]}
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
`;

CheckTester.run(noSecretsAccess, {
  valid: [
    { name: 'configmaps only', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: cm, namespace: shop}
rules: [{apiGroups: [""], resources: [configmaps], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: cm, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cm}
subjects: [{kind: User, name: alice}]
` },
    { name: 'writing secrets without reading them', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: writer, namespace: shop}
rules: [{apiGroups: [""], resources: [secrets], verbs: [create, update, delete]}]
` },
    { name: 'secrets of another API group are not Secrets', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: vault-reader}
rules: [{apiGroups: [secrets-store.csi.x-k8s.io], resources: [secrets], verbs: [get]}]
` },
    { name: 'the bootstrap view role does not read secrets', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewers, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: devs}]
` },
    { name: 'bound only to Kubernetes components', yaml: `${READER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: components}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects:
- {kind: Group, name: system:nodes}
- {kind: ServiceAccount, name: coredns, namespace: kube-system}
` },
    { name: 'unbound roles with reserved names (a cluster dump)', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:foo"}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
` },
    { name: 'a binding to a missing role grants nothing (no-binding-to-missing-role reports it)', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ghost, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ghost}
subjects: [{kind: User, name: alice}]
` },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding: every namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: readers}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: secret-reader
subjects: [{kind: User, name: alice}, {kind: Group, name: system:nodes}]
---
${READER}`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 7 }],
    },
    {
      name: 'RoleBinding of a ClusterRole: its namespace only; every binding reported',
      yaml: `${READER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: readers, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects: [{kind: ServiceAccount, name: api}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: readers, namespace: billing}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects: [{kind: Group, name: "system:serviceaccounts:billing"}]
`,
      findings: [
        { messageId: 'namespaced', path: '/roleRef/name', line: 11 },
        { messageId: 'namespaced', path: '/roleRef/name', line: 17 },
      ],
    },
    {
      name: 'the bootstrap edit role reads secrets',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: editors, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: User, name: bob}]
`,
      findings: [{ messageId: 'namespaced', path: '/roleRef/name', line: 4 }],
    },
    {
      name: 'wildcards and resourceNames still read secrets',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: named, namespace: shop}
rules: [{apiGroups: ["*"], resources: [secrets], resourceNames: [db-password], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: named, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: named}
subjects: [{kind: User, name: carol}]
`,
      findings: [{ messageId: 'namespaced', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'a role bound by nobody in the input',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: latent, namespace: shop}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get]
- apiGroups: [""]
  resources: ["*"]
  verbs: [watch]
`,
      findings: [{ messageId: 'unbound', path: '/rules/1', line: 8 }],
    },
  ],
});

it('no-secrets-access messages name subjects, scope, role, rules and specific secrets', () => {
  const messages = (yaml: string): string[] => runCheck(noSecretsAccess, yaml).findings.map((f) => f.message);
  assert.deepEqual(
    messages(`${READER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: readers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects: [{kind: Group, name: system:authenticated}]
`),
    [
      'Group system:authenticated (every authenticated user and service account) can get, list secrets in every namespace: ClusterRoleBinding "readers" grants ClusterRole "secret-reader" (rules[1] {apiGroups: [""], resources: [secrets], verbs: [get, list]}).',
    ],
  );
  assert.deepEqual(
    messages(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: named, namespace: shop}
rules: [{apiGroups: [""], resources: [secrets], resourceNames: [db-password, api-key], verbs: [get, list]}]
`),
    [
      // A list or watch with fieldSelector metadata.name=<x> carries the name, so resourceNames allow it too.
      'Role "named" grants get, list the specific secrets "db-password" and "api-key" (rules[0] {apiGroups: [""], resources: [secrets], resourceNames: [db-password, api-key], verbs: [get, list]}); no binding in the input refers to it, but every subject bound to it will have this access.',
    ],
  );
});
