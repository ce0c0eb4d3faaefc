import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noImpersonationAccess } from './no-impersonation-access.js';

const GROUPS_ONLY = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: group-impersonator}
rules: [{apiGroups: [""], resources: [groups], verbs: [impersonate]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: group-impersonator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: group-impersonator}
subjects: [{kind: User, name: alice}]
`;

CheckTester.run(noImpersonationAccess, {
  valid: [
    { name: 'groups alone: the Impersonate-Group header needs an impersonated user', yaml: GROUPS_ONLY },
    { name: 'uids and extras alone', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: extras}
rules: [{apiGroups: [authentication.k8s.io], resources: [uids, userextras/scopes], verbs: [impersonate]}]
` },
    { name: 'impersonating users through a RoleBinding: user impersonation is cluster-wide', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: user-impersonator}
rules: [{apiGroups: [""], resources: [users], verbs: [impersonate]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: user-impersonator, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: user-impersonator}
subjects: [{kind: User, name: alice}]
` },
    { name: 'impersonate in another API group', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: other}
rules: [{apiGroups: [example.com], resources: [users], verbs: [impersonate]}]
` },
  ],
  invalid: [
    {
      name: 'impersonating any user',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: impersonator}
rules: [{apiGroups: [""], resources: [users, groups, serviceaccounts], verbs: [impersonate]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: impersonator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonator}
subjects: [{kind: Group, name: support}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'the bootstrap edit role impersonates the namespace\'s ServiceAccounts',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: editors, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: User, name: bob}]
`,
      findings: [{ messageId: 'namespaced', path: '/roleRef/name', line: 4 }],
    },
    {
      name: 'groups here, a ServiceAccount to impersonate through another binding: both bindings matter',
      yaml: `${GROUPS_ONLY}---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: sa-impersonator, namespace: shop}
rules: [{apiGroups: [""], resources: [serviceaccounts], resourceNames: [deployer], verbs: [impersonate]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: sa-impersonator, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: sa-impersonator}
subjects: [{kind: User, name: alice}]
`,
      findings: [
        { messageId: 'clusterWide', path: '/roleRef/name', line: 9 },
        { messageId: 'namespaced', path: '/roleRef/name', line: 20 },
      ],
    },
    {
      name: 'unbound ClusterRole impersonating users by name',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: as-admin}
rules: [{apiGroups: [""], resources: [users], resourceNames: [admin@example.com], verbs: [impersonate]}]
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 4 }],
    },
  ],
});

it('no-impersonation-access names the binding that completes a combination', () => {
  const messages = runCheck(
    noImpersonationAccess,
    `${GROUPS_ONLY}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: user-impersonator}
rules: [{apiGroups: [""], resources: [users], verbs: [impersonate]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: user-impersonator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: user-impersonator}
subjects: [{kind: User, name: alice}, {kind: User, name: bob}]
`,
  ).findings.map((f) => `${f.resource.name}: ${f.message}`);
  assert.deepEqual(messages, [
    'group-impersonator: User alice can impersonate groups; impersonate users (through ClusterRoleBinding "user-impersonator"), and so act with the permissions of those identities: ClusterRoleBinding "group-impersonator" grants ClusterRole "group-impersonator" (rules[0] {apiGroups: [""], resources: [groups], verbs: [impersonate]}).',
    'user-impersonator: User alice and User bob can impersonate users, and so act with the permissions of those identities: ClusterRoleBinding "user-impersonator" grants ClusterRole "user-impersonator" (rules[0] {apiGroups: [""], resources: [users], verbs: [impersonate]}).',
  ]);
});
