import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noBindingToMissingRole } from './no-binding-to-missing-role.js';

const rb = (ns: string, kind: string, name: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: b
  namespace: ${ns}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${kind}
  name: ${name}
subjects: [{kind: ServiceAccount, name: app}]
`;
const crb = (kind: string, name: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${kind}
  name: ${name}
subjects: [{kind: ServiceAccount, name: app, namespace: shop}]
`;
const role = (ns: string, name: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ${name}, namespace: ${ns}}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
`;
const clusterRole = (name: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
`;

CheckTester.run(noBindingToMissingRole, {
  valid: [
    { name: 'Role defined in the same namespace', yaml: `${role('shop', 'reader')}---\n${rb('shop', 'Role', 'reader')}` },
    { name: 'ClusterRole defined in the input', yaml: `${clusterRole('reader')}---\n${crb('ClusterRole', 'reader')}` },
    { name: 'bootstrap ClusterRole (view)', yaml: rb('shop', 'ClusterRole', 'view') },
    { name: 'bootstrap ClusterRole (system:auth-delegator)', yaml: crb('ClusterRole', 'system:auth-delegator') },
    { name: 'bootstrap Role in kube-system', yaml: rb('kube-system', 'Role', 'extension-apiserver-authentication-reader') },
    { name: 'roleRef in a foreign API group is rejected for another reason', yaml: crb('ClusterRole', 'x').replace('apiGroup: rbac.authorization.k8s.io', 'apiGroup: example.com') },
  ],
  invalid: [
    {
      name: 'Role defined in another namespace',
      yaml: `${role('blog', 'reader')}---\n${rb('shop', 'Role', 'reader')}`,
      findings: [{ messageId: 'missingRole', path: '/roleRef/name', line: 14 }],
    },
    {
      name: 'a ClusterRole does not satisfy a Role roleRef',
      yaml: `${clusterRole('reader')}---\n${rb('shop', 'Role', 'reader')}`,
      findings: [{ messageId: 'missingRole', path: '/roleRef/name' }],
    },
    {
      name: 'ClusterRole that does not exist (typo of a bootstrap role)',
      yaml: rb('shop', 'ClusterRole', 'veiw'),
      findings: [{ messageId: 'missingClusterRole', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'ClusterRoleBinding to a Role is invalid',
      yaml: `${role('shop', 'reader')}---\n${crb('Role', 'reader')}`,
      findings: [{ messageId: 'invalidKind', path: '/roleRef/kind', line: 11 }],
    },
    {
      name: 'unknown roleRef kind',
      yaml: rb('shop', 'clusterrole', 'view'),
      findings: [{ messageId: 'invalidKind', path: '/roleRef/kind' }],
    },
  ],
});

it('no-binding-to-missing-role messages', () => {
  const messages = runCheck(noBindingToMissingRole, `${rb('shop', 'Role', 'gone')}---\n${crb('ClusterRole', 'gone')}---\n${crb('Role', 'gone')}`).findings.map((f) => f.message);
  assert.deepEqual(messages, [
    'roleRef names Role "gone", which neither the input nor Kubernetes defines in namespace "shop".',
    'roleRef names ClusterRole "gone", which neither the input nor Kubernetes\' default policy defines.',
    'roleRef.kind "Role" is invalid in a ClusterRoleBinding, which can only reference a ClusterRole: the API server rejects the binding.',
  ]);
});
