import { riskyPermissionCheck } from './risky-permission.js';

const CERTIFICATES = 'certificates.k8s.io';

export const noCsrApprovalAccess = riskyPermissionCheck(
  {
    id: 'no-csr-approval-access',
    severity: 'high',
    summary: 'Subjects other than Kubernetes components must not be able to approve or sign certificate signing requests.',
    rationale:
      'Approving a CertificateSigningRequest takes update on certificatesigningrequests/approval plus approve on the signer (signers, named by resourceNames); signing one takes update on certificatesigningrequests/status plus sign on the signer. With the kubernetes.io/kube-apiserver-client signer, a subject that can do either issues itself a client certificate for any user and group, system:masters included, which is unrestricted and cannot be revoked before it expires. The two halves may come from different bindings.',
    remediation:
      'Remove update on certificatesigningrequests/approval and certificatesigningrequests/status and the approve and sign verbs on signers from the role; leave approval to the controller manager or a dedicated approver that checks each request.',
    references: [{ cis: '5.1.11' }, { url: 'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}}, and so issue client certificates for any identity: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it by a ClusterRoleBinding will be able to issue certificates.',
    },
  },
  {
    probes: [
      {
        verbs: ['update', 'patch'],
        group: CERTIFICATES,
        resources: ['certificatesigningrequests/approval'],
        clusterScoped: true,
        with: [{ verbs: ['approve'], group: CERTIFICATES, resources: ['signers'], clusterScoped: true }],
      },
      {
        verbs: ['update', 'patch'],
        group: CERTIFICATES,
        resources: ['certificatesigningrequests/status'],
        clusterScoped: true,
        with: [{ verbs: ['sign'], group: CERTIFICATES, resources: ['signers'], clusterScoped: true }],
      },
    ],
  },
);
