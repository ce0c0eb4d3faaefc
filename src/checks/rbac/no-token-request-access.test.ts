import { CheckTester } from '../../testing/check-tester.js';
import { noTokenRequestAccess } from './no-token-request-access.js';

CheckTester.run(noTokenRequestAccess, {
  valid: [
    { name: 'reading ServiceAccounts', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: sa-reader, namespace: shop}
rules: [{apiGroups: [""], resources: [serviceaccounts, serviceaccounts/token], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: sa-reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: sa-reader}
subjects: [{kind: User, name: alice}]
` },
    { name: 'bound to the kubelet\'s group', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: tokens}
rules: [{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: tokens}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: tokens}
subjects: [{kind: Group, name: system:nodes}]
` },
  ],
  invalid: [
    {
      name: 'tokens for every ServiceAccount',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: tokens}
rules: [{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: tokens}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: tokens}
subjects: [{kind: ServiceAccount, name: ci, namespace: ci}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'a token for one named ServiceAccount of the namespace is still a token',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer-token, namespace: shop}
rules: [{apiGroups: [""], resources: [serviceaccounts/token], resourceNames: [deployer], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer-token, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer-token}
subjects: [{kind: User, name: "system:serviceaccount:ci:pipeline"}]
`,
      findings: [{ messageId: 'namespaced', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'unbound',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: tokens, namespace: shop}
rules: [{apiGroups: [""], resources: ["*"], verbs: [create]}]
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 4 }],
    },
  ],
});
