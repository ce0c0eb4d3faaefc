import { CheckTester } from '../../testing/check-tester.js';
import { noStatusPatchAccess } from './no-status-patch-access.js';

CheckTester.run(noStatusPatchAccess, {
  valid: [
    { name: 'reading status (the bootstrap view role has pods/status get)', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: viewers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: alice}]
` },
    { name: 'nodes/status through a RoleBinding: nodes are cluster-scoped', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-status}
rules: [{apiGroups: [""], resources: [nodes/status], verbs: [patch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: node-status, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-status}
subjects: [{kind: User, name: alice}]
` },
    { name: 'status of other resources', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deploy-status, namespace: shop}
rules: [{apiGroups: [apps], resources: [deployments/status], verbs: [update]}]
` },
    { name: 'the kubelets write node status', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-status}
rules: [{apiGroups: [""], resources: [nodes/status, pods/status], verbs: [patch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: node-status}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-status}
subjects: [{kind: Group, name: system:nodes}]
` },
  ],
  invalid: [
    {
      name: 'node status everywhere',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-status}
rules: [{apiGroups: [""], resources: ["*/status"], verbs: [patch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: node-status}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-status}
subjects: [{kind: ServiceAccount, name: node-problem-detector, namespace: monitoring}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'pod status in a namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: status-writer}
rules: [{apiGroups: [""], resources: [nodes/status, pods/status], verbs: [update]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: status-writer, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: status-writer}
subjects: [{kind: User, name: bob}]
`,
      findings: [{ messageId: 'namespaced', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'unbound Role writing pod status',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-status, namespace: shop}
rules: [{apiGroups: [""], resources: [pods/status], verbs: ["*"]}]
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 4 }],
    },
  ],
});
