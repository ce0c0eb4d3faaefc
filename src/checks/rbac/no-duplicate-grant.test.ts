import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noDuplicateGrant } from './no-duplicate-grant.js';

const rb = (name: string, ns: string, kind: string, role: string, subjects: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${kind}, name: ${role}}
subjects:
${subjects}
`;

const crb = (name: string, role: string, subjects: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${name}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects:
${subjects}
`;

const alice = '- {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}';
const bob = '- {apiGroup: rbac.authorization.k8s.io, kind: User, name: bob}';

const readerRole = (kind: string, name: string, ns: string | undefined, rules: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}
rules:
${rules}
`;

CheckTester.run(noDuplicateGrant, {
  valid: [
    { name: 'different subjects', yaml: `${rb('a', 'shop', 'ClusterRole', 'view', alice)}---\n${rb('b', 'shop', 'ClusterRole', 'view', bob)}` },
    { name: 'different namespaces', yaml: `${rb('a', 'shop', 'ClusterRole', 'view', alice)}---\n${rb('a', 'blog', 'ClusterRole', 'view', alice)}` },
    { name: 'different roles', yaml: `${rb('a', 'shop', 'ClusterRole', 'view', alice)}---\n${rb('b', 'shop', 'ClusterRole', 'edit', alice)}` },
    { name: 'cluster-wide and namespaced scopes differ', yaml: `${crb('a', 'view', alice)}---\n${rb('b', 'shop', 'ClusterRole', 'view', alice)}` },
    { name: 'the same subject twice in one binding', yaml: rb('a', 'shop', 'ClusterRole', 'view', `${alice}\n${alice}`) },
    {
      name: 'roles whose rules differ only by a resource name',
      yaml: `${readerRole('Role', 'r1', 'shop', '- {apiGroups: [""], resources: [configmaps], verbs: [get], resourceNames: [one]}')}---
${readerRole('Role', 'r2', 'shop', '- {apiGroups: [""], resources: [configmaps], verbs: [get], resourceNames: [two]}')}---
${rb('a', 'shop', 'Role', 'r1', alice)}---
${rb('b', 'shop', 'Role', 'r2', alice)}`,
    },
    {
      name: 'a bootstrap binding does not count (system:basic-user is bound to system:authenticated)',
      yaml: crb('mine', 'system:basic-user', '- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}'),
    },
    {
      name: 'two empty roles grant nothing',
      yaml: `${readerRole('Role', 'e1', 'shop', '  []')}---\n${readerRole('Role', 'e2', 'shop', '  []')}---\n${rb('a', 'shop', 'Role', 'e1', alice)}---\n${rb('b', 'shop', 'Role', 'e2', alice)}`,
    },
  ],
  invalid: [
    {
      name: 'same ClusterRole twice cluster-wide: reported on the later binding in name order',
      yaml: `${crb('zeta', 'view', `${bob}\n${alice}`)}---\n${crb('alpha', 'view', alice)}`,
      findings: [{ messageId: 'sameRole', path: '/subjects/1', line: 7 }],
    },
    {
      name: 'three RoleBindings of the same Role: every extra one reported',
      yaml: `${readerRole('Role', 'r', 'shop', '- {apiGroups: [""], resources: [pods], verbs: [get]}')}---
${rb('a', 'shop', 'Role', 'r', alice)}---
${rb('b', 'shop', 'Role', 'r', alice)}---
${rb('c', 'shop', 'Role', 'r', `${bob}\n${alice}`)}`,
      findings: [
        { messageId: 'sameRole', path: '/subjects/0', line: 19 },
        { messageId: 'sameRole', path: '/subjects/1', line: 27 },
      ],
    },
    {
      name: 'a Role and a ClusterRole with the same rules written differently',
      yaml: `${readerRole('Role', 'reader', 'shop', '- {apiGroups: [""], resources: [pods, configmaps], verbs: [get, list]}')}---
${readerRole('ClusterRole', 'reader2', undefined, `- {apiGroups: [""], resources: [configmaps], verbs: [list, get]}
- {apiGroups: [""], resources: [pods], verbs: [list]}
- {apiGroups: [""], resources: [pods], verbs: [get]}`)}---
${rb('one', 'shop', 'Role', 'reader', alice)}---
${rb('two', 'shop', 'ClusterRole', 'reader2', alice)}`,
      findings: [{ messageId: 'equivalentRole', path: '/subjects/0' }],
    },
    {
      name: 'a service account written as a user and as a ServiceAccount',
      yaml: `${rb('a', 'shop', 'ClusterRole', 'edit', '- {kind: ServiceAccount, name: api}')}---
${rb('b', 'shop', 'ClusterRole', 'edit', '- {apiGroup: rbac.authorization.k8s.io, kind: User, name: "system:serviceaccount:shop:api"}')}`,
      findings: [{ messageId: 'sameRole', path: '/subjects/0' }],
    },
    {
      name: 'two bindings of the same missing role',
      yaml: `${rb('a', 'shop', 'Role', 'ghost', alice)}---\n${rb('b', 'shop', 'Role', 'ghost', alice)}`,
      findings: [{ messageId: 'sameRole', path: '/subjects/0' }],
    },
  ],
});

it('no-duplicate-grant messages name every binding involved', () => {
  const messages = runCheck(
    noDuplicateGrant,
    `${rb('b', 'shop', 'ClusterRole', 'view', alice)}---\n${rb('a', 'shop', 'ClusterRole', 'view', alice)}---\n${crb('x', 'edit', alice)}---\n${crb('y', 'edit', alice)}`,
  ).findings.map((f) => f.message);
  assert.deepEqual(messages, [
    'User "alice" already receives ClusterRole "view" in namespace "shop" through RoleBinding "shop/a"; it is granted 2 times, by RoleBinding "shop/a" and RoleBinding "shop/b".',
    'User "alice" already receives ClusterRole "edit" in the cluster through ClusterRoleBinding "x"; it is granted 2 times, by ClusterRoleBinding "x" and ClusterRoleBinding "y".',
  ]);
  const equivalent = runCheck(
    noDuplicateGrant,
    `${readerRole('Role', 'r', 'shop', '- {apiGroups: [""], resources: [pods], verbs: [get]}')}---
${readerRole('ClusterRole', 'c', undefined, '- {apiGroups: [""], resources: [pods], verbs: [get]}')}---
${rb('one', 'shop', 'Role', 'r', alice)}---
${rb('two', 'shop', 'ClusterRole', 'c', alice)}`,
  ).findings.map((f) => f.message);
  assert.deepEqual(equivalent, [
    'User "alice" already receives the same permissions in namespace "shop" through RoleBinding "shop/one": the roles have identical rules. It is granted 2 times, by RoleBinding "shop/one" → Role "shop/r" and RoleBinding "shop/two" → ClusterRole "c".',
  ]);
});
