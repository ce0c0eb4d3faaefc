import { CheckTester } from '../../testing/check-tester.js';
import { noNodeProxyAccess } from './no-node-proxy-access.js';

CheckTester.run(noNodeProxyAccess, {
  valid: [
    { name: 'metrics and stats, not proxy', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: metrics}
rules: [{apiGroups: [""], resources: [nodes, nodes/metrics, nodes/stats], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics}
subjects: [{kind: ServiceAccount, name: prometheus, namespace: monitoring}]
` },
    { name: 'nodes are cluster-scoped: a RoleBinding grants no nodes/proxy', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: proxy}
rules: [{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: proxy, namespace: monitoring}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: proxy}
subjects: [{kind: ServiceAccount, name: prometheus}]
` },
    { name: 'a Role naming nodes/proxy grants nothing', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: proxy, namespace: monitoring}
rules: [{apiGroups: [""], resources: [nodes/proxy], verbs: ["*"]}]
` },
    { name: 'list on nodes/proxy', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: proxy}
rules: [{apiGroups: [""], resources: [nodes/proxy], verbs: [list, watch]}]
` },
  ],
  invalid: [
    {
      name: 'get on nodes/proxy (WebSocket exec through the kubelet)',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: proxy}
rules: [{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: proxy}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: proxy}
subjects: [{kind: ServiceAccount, name: prometheus, namespace: monitoring}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'unbound ClusterRole with */proxy',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: proxies}
rules: [{apiGroups: [""], resources: ["*/proxy"], resourceNames: [node-1], verbs: [create]}]
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 4 }],
    },
  ],
});
