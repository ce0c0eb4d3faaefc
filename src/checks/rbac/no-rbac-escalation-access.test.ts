import { CheckTester } from '../../testing/check-tester.js';
import { noRbacEscalationAccess } from './no-rbac-escalation-access.js';

CheckTester.run(noRbacEscalationAccess, {
  valid: [
    { name: 'managing roles and bindings without escalate or bind (the bootstrap admin role)', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: admins, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: binder}
rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings, clusterrolebindings], verbs: [create, update]}]
` },
    { name: 'escalate on clusterroles through a RoleBinding: writing a ClusterRole is never namespaced', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cr-escalate}
rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: cr-escalate, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr-escalate}
subjects: [{kind: User, name: alice}]
` },
    { name: 'a Role cannot grant escalate on clusterroles', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: useless, namespace: shop}
rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}]
` },
    { name: 'the verbs on another API group', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: other}
rules: [{apiGroups: [example.com], resources: [roles], verbs: [bind, escalate]}]
` },
  ],
  invalid: [
    {
      name: 'bind on clusterroles cluster-wide: bind cluster-admin to oneself',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: binder}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: binder}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: binder}
subjects: [{kind: ServiceAccount, name: operator, namespace: ops}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 11 }],
    },
    {
      name: 'bind on named clusterroles in a namespace, and "*" verbs on roles',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: delegate}
rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], resourceNames: [view], verbs: [bind]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: delegate, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: delegate}
subjects: [{kind: Group, name: team-leads}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: role-admin, namespace: shop}
rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: ["*"]}]
`,
      findings: [
        { messageId: 'namespaced', path: '/roleRef/name', line: 9 },
        { messageId: 'unbound', path: '/rules/0', line: 15 },
      ],
    },
    {
      name: 'escalate on clusterroles, unbound',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cr-escalate}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: [escalate]}]
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 4 }],
    },
  ],
});
