import { CheckTester } from '../../testing/check-tester.js';
import { noNetworkPolicyAccess } from './no-network-policy-access.js';

CheckTester.run(noNetworkPolicyAccess, {
  valid: [
    { name: 'reading policies (the bootstrap view role)', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewers, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: alice}]
` },
    { name: 'another group\'s networkpolicies (e.g. Calico\'s)', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: calico}
rules: [{apiGroups: [crd.projectcalico.org], resources: [networkpolicies], verbs: [create]}]
` },
  ],
  invalid: [
    {
      name: 'the bootstrap edit role writes NetworkPolicies in its namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: editors, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: developers}]
`,
      findings: [{ messageId: 'namespaced', path: '/roleRef/name', line: 4 }],
    },
    {
      name: 'deleting them everywhere',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: netpol-deleter}
rules: [{apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [delete]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: netpol-deleter}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: netpol-deleter}
subjects: [{kind: User, name: bob}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'unbound Role patching one policy',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: netpol, namespace: shop}
rules: [{apiGroups: [networking.k8s.io], resources: [networkpolicies], resourceNames: [default-deny], verbs: [patch]}]
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 4 }],
    },
  ],
});
