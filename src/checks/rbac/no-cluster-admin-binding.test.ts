import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noClusterAdminBinding } from './no-cluster-admin-binding.js';

const wildcardRole = (name: string, verbs = '["*"]', groups = '["*"]', resources = '["*"]') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}}
rules:
- {apiGroups: ${groups}, resources: ${resources}, verbs: ${verbs}}
`;

const crb = (role: string, subjects: string, name = 'b') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${name}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects:
${subjects}`;

const user = (name: string) => `- {apiGroup: rbac.authorization.k8s.io, kind: User, name: "${name}"}\n`;
const group = (name: string) => `- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "${name}"}\n`;
const sa = (ns: string, name: string) => `- {kind: ServiceAccount, name: ${name}, namespace: ${ns}}\n`;

CheckTester.run(noClusterAdminBinding, {
  valid: [
    { name: 'built-in admin ClusterRole is aggregated, not a wildcard', yaml: crb('admin', sa('dev', 'account1')) },
    { name: 'system:masters holds cluster-admin by design', yaml: crb('cluster-admin', group('system:masters')) },
    { name: 'kube-system service account', yaml: crb('cluster-admin', sa('kube-system', 'tiller')) },
    { name: 'wildcards only in the core group', yaml: `${wildcardRole('r', '["*"]', '[""]')}---\n${crb('r', user('alice'))}` },
    { name: 'wildcards only on pods', yaml: `${wildcardRole('r', '["*"]', '["*"]', '["pods"]')}---\n${crb('r', user('alice'))}` },
    { name: 'read-only on everything', yaml: `${wildcardRole('r', '[get, list]')}---\n${crb('r', user('alice'))}` },
    {
      name: 'wildcard rule limited to resourceNames',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"], resourceNames: [one]}
---
${crb('r', user('alice'))}`,
    },
    {
      name: 'only non-resource URLs',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
- {nonResourceURLs: ["*"], verbs: ["*"]}
---
${crb('r', user('alice'))}`,
    },
    {
      name: 'input cluster-admin opted out of reconciliation and is harmless',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cluster-admin
  annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [get]}
---
${crb('cluster-admin', user('alice'))}`,
    },
    {
      name: 'RoleBinding to a Role with wildcards only on pods',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: test}
rules:
- {apiGroups: ["*"], resources: [pods], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: test}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects:
${user('alice')}`,
    },
    { name: 'binding to a missing role', yaml: crb('nothing-here', user('alice')) },
  ],
  invalid: [
    {
      name: 'kube-linter fixture: cluster-admin to a service account',
      yaml: crb('cluster-admin', sa('namespace-dev', 'account1')),
      findings: [{ messageId: 'clusterWide', path: '/subjects/0', line: 6 }],
    },
    {
      name: 'equivalent role with every verb, one finding per non-system subject',
      yaml: `${wildcardRole('system:test')}---\n${crb('system:test', `${user('alice')}${group('system:masters')}${group('devs')}`)}`,
      findings: [
        { messageId: 'clusterWide', path: '/subjects/0', line: 12 },
        { messageId: 'clusterWide', path: '/subjects/2', line: 14 },
      ],
    },
    {
      name: 'every read and write verb on everything (Polaris all_verbs)',
      yaml: `${wildcardRole('test', '[get, list, delete, update, create, patch, watch]')}---\n${crb('test', user('testuser'))}`,
      findings: [{ messageId: 'clusterWide', path: '/subjects/0' }],
    },
    {
      name: 'input redefines cluster-admin: the API server reconciles it back',
      yaml: `${crb('cluster-admin', user('testuser'))}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cluster-admin}
rules:
- {apiGroups: [""], resources: [deployments], verbs: [get]}
`,
      findings: [{ messageId: 'clusterWide', path: '/subjects/0' }],
    },
    {
      name: 'broad system groups and service-account users are not trusted components',
      yaml: crb(
        'cluster-admin',
        `${group('system:authenticated')}${group('system:serviceaccounts:shop')}${user('system:serviceaccount:shop:api')}${user('system:anonymous')}${group('system:serviceaccounts:kube-system')}${user('system:kube-scheduler')}`,
      ),
      findings: [
        { messageId: 'clusterWide', path: '/subjects/0' },
        { messageId: 'clusterWide', path: '/subjects/1' },
        { messageId: 'clusterWide', path: '/subjects/2' },
        { messageId: 'clusterWide', path: '/subjects/3' },
      ],
    },
    {
      name: 'RoleBinding to cluster-admin: namespace-wide, service account namespace defaulted',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: test}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: ci}
- {kind: ServiceAccount, name: bogus, apiGroup: rbac.authorization.k8s.io}
`,
      findings: [{ messageId: 'namespaceWide', path: '/subjects/0', line: 6 }],
    },
    {
      name: 'RoleBinding to a wildcard Role',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: all, namespace: test}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: test}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: all}
subjects:
${user('testuser')}`,
      findings: [{ messageId: 'namespaceWide', path: '/subjects/0' }],
    },
    {
      name: 'aggregated ClusterRole that collects a wildcard rule',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: super}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/aggregate-to-super: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: piece
  labels: {example.com/aggregate-to-super: "true"}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
---
${crb('super', user('alice'), 'super-binding')}`,
      findings: [{ messageId: 'clusterWide', path: '/subjects/0' }],
    },
    {
      name: 'bindings inside a v1 List',
      yaml: `apiVersion: v1
kind: List
items:
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata: {name: b}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
  subjects:
  - {kind: User, name: alice}
`,
      findings: [{ messageId: 'clusterWide', path: '/items/0/subjects/0', line: 9 }],
    },
  ],
});

it('no-cluster-admin-binding messages name the subject, the role and the scope', () => {
  const messages = runCheck(
    noClusterAdminBinding,
    `${wildcardRole('everything')}---
${crb('everything', group('system:authenticated'))}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: ci}
`,
  ).findings.map((f) => f.message);
  assert.deepEqual(messages, [
    'Group "system:authenticated" (every authenticated user and service account) is granted ClusterRole "everything", whose rule 0 allows every verb on every resource of every API group (equivalent to cluster-admin) cluster-wide: full control of every resource in every namespace.',
    'ServiceAccount "shop/ci" is granted the cluster-admin ClusterRole in namespace "shop": full control of the namespace, including its Secrets, workloads and RoleBindings.',
  ]);
});
