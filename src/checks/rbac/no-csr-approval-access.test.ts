import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noCsrApprovalAccess } from './no-csr-approval-access.js';

const APPROVAL_ONLY = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: csr-approval}
rules: [{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: csr-approval}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: csr-approval}
subjects: [{kind: User, name: alice}]
`;

const SIGNER_APPROVER = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: signer-approver}
rules:
- apiGroups: [certificates.k8s.io]
  resources: [signers]
  resourceNames: [kubernetes.io/kube-apiserver-client]
  verbs: [approve]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: signer-approver}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: signer-approver}
subjects: [{kind: User, name: alice}, {kind: User, name: bob}]
`;

CheckTester.run(noCsrApprovalAccess, {
  valid: [
    { name: 'the approval subresource without approve on any signer', yaml: APPROVAL_ONLY },
    { name: 'approve on a signer without the approval subresource', yaml: SIGNER_APPROVER },
    { name: 'requesting certificates', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: csr-requester}
rules: [{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create, get, list, watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: csr-requester}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: csr-requester}
subjects: [{kind: Group, name: developers}]
` },
    { name: 'CSRs are cluster-scoped: a RoleBinding grants neither half', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: approver}
rules: [{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval, signers], verbs: [update, approve]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: approver, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: approver}
subjects: [{kind: User, name: alice}]
` },
  ],
  invalid: [
    {
      name: 'both halves in one role',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: approver}
rules:
- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}
- {apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [kubernetes.io/kube-apiserver-client], verbs: [approve]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: approver}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: approver}
subjects: [{kind: ServiceAccount, name: approver, namespace: certs}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 11 }],
    },
    {
      name: 'the halves through two bindings: both are reported, for the subject that holds both',
      yaml: `${APPROVAL_ONLY}---
${SIGNER_APPROVER}`,
      findings: [
        { messageId: 'clusterWide', path: '/roleRef/name', line: 9 },
        { messageId: 'clusterWide', path: '/roleRef/name', line: 24 },
      ],
    },
    {
      name: 'signing: status plus sign, through "*"',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: signer}
rules: [{apiGroups: [certificates.k8s.io], resources: ["*"], verbs: ["*"]}]
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 4 }],
    },
  ],
});

it('no-csr-approval-access: the message names the signer and where the other half comes from', () => {
  const messages = runCheck(noCsrApprovalAccess, `${APPROVAL_ONLY}---\n${SIGNER_APPROVER}`).findings.map((f) => f.message);
  assert.deepEqual(messages, [
    'User alice can update certificatesigningrequests/approval; approve signers (through ClusterRoleBinding "signer-approver"), and so issue client certificates for any identity: ClusterRoleBinding "csr-approval" grants ClusterRole "csr-approval" (rules[0] {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}).',
    'User alice can update/patch certificatesigningrequests/approval (through ClusterRoleBinding "csr-approval"); approve the specific signers "kubernetes.io/kube-apiserver-client", and so issue client certificates for any identity: ClusterRoleBinding "signer-approver" grants ClusterRole "signer-approver" (rules[0] {apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [kubernetes.io/kube-apiserver-client], verbs: [approve]}).',
  ]);
});
