import { CheckTester } from '../../testing/check-tester.js';
import { noAdmissionWebhookAccess } from './no-admission-webhook-access.js';

CheckTester.run(noAdmissionWebhookAccess, {
  valid: [
    { name: 'reading webhook configurations', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: webhook-viewer}
rules: [{apiGroups: [admissionregistration.k8s.io], resources: ["*"], verbs: [get, list, watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: webhook-viewer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhook-viewer}
subjects: [{kind: Group, name: auditors}]
` },
    { name: 'cluster-scoped: a RoleBinding grants nothing', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: webhooks}
rules: [{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [patch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: webhooks, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhooks}
subjects: [{kind: User, name: alice}]
` },
  ],
  invalid: [
    {
      name: 'an operator patching its own webhook by name still controls admission',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: operator}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [validatingwebhookconfigurations]
  resourceNames: [operator-webhook]
  verbs: [get, update, patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: operator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: operator}
subjects: [{kind: ServiceAccount, name: operator, namespace: operator-system}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 13 }],
    },
    {
      name: 'deleting admission policies, unbound',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: policy-remover}
rules: [{apiGroups: ["*"], resources: [validatingadmissionpolicies, validatingadmissionpolicybindings], verbs: [delete]}]
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 4 }],
    },
  ],
});
