import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noPodExecAccess } from './no-pod-exec-access.js';

CheckTester.run(noPodExecAccess, {
  valid: [
    { name: 'pods themselves, and list on pods/exec (Polaris exec_wrong_verb)', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: test}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get, create]}
- {apiGroups: [""], resources: [pods/exec, pods/attach], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: test}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: test}
subjects: [{kind: User, name: testuser}]
` },
    { name: 'logs are not exec', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: logs, namespace: shop}
rules: [{apiGroups: [""], resources: [pods/log], verbs: [get]}]
` },
    { name: 'the bootstrap view role', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: viewers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: devs}]
` },
    { name: 'an input copy of a bootstrap role, unbound (Polaris defaultclusterrole_admin)', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
rules: [{apiGroups: [""], resources: [pods/attach], verbs: [create]}]
` },
  ],
  invalid: [
    {
      name: 'Polaris rolebindingRolePodExecAttach exec_explicit',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: test
  namespace: test
rules:
  - apiGroups: [ "" ]
    resources: [ "pods/exec" ]
    verbs: [ create ]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: test
  namespace: test
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: test
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: testuser
`,
      findings: [{ messageId: 'namespaced', path: '/roleRef/name', line: 19 }],
    },
    {
      name: 'get on any resource of the core group opens exec over a WebSocket',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: getter}
rules: [{apiGroups: [""], resources: ["*"], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: getter}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: getter}
subjects: [{kind: ServiceAccount, name: dashboard, namespace: monitoring}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'ephemeral containers, and port-forward to one named pod',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: debug, namespace: shop}
rules:
- {apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [patch]}
- {apiGroups: [""], resources: [pods/portforward], resourceNames: [db-0], verbs: [create]}
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 5 }],
    },
    {
      name: 'the bootstrap edit role, bound in a namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: editors, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: User, name: bob}, {kind: User, name: "system:kube-controller-manager"}]
`,
      findings: [{ messageId: 'namespaced', path: '/roleRef/name', line: 4 }],
    },
  ],
});

it('no-pod-exec-access message for name-limited and ephemeral-container access', () => {
  const [f] = runCheck(
    noPodExecAccess,
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: debug, namespace: shop}
rules:
- {apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [patch]}
- {apiGroups: [""], resources: [pods/portforward], resourceNames: [db-0], verbs: [create]}
`,
  ).findings;
  assert.equal(
    f.message,
    'Role "debug" grants create pods/portforward on the specific pods "db-0"; patch pods/ephemeralcontainers (rules[0] {apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [patch]}; rules[1] {apiGroups: [""], resources: [pods/portforward], resourceNames: [db-0], verbs: [create]}); no binding in the input refers to it, but every subject bound to it will be able to run commands in its pods.',
  );
});
