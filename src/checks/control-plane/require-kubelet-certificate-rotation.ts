import { defineCisSettingsCheck } from './cis-settings-check.js';

export const requireKubeletCertificateRotation = defineCisSettingsCheck({
  id: 'require-kubelet-certificate-rotation',
  severity: 'medium',
  cis: ['1.3.6', '4.2.10'],
  kinds: ['Workload', 'ComponentProcess', 'KubeletConfiguration', 'ConfigMap'],
  summary: 'Kubelet client and serving certificates must be rotated automatically.',
  rationale:
    'A kubelet whose client certificate expires drops out of the cluster, and one that cannot rotate keeps using the same long-lived key material, so a key stolen from a node stays valid until the certificate expires. Disabling the RotateKubeletServerCertificate feature gate or setting rotateCertificates to false turns rotation off.',
  remediation:
    'Remove RotateKubeletServerCertificate=false from --feature-gates of kube-controller-manager, and set rotateCertificates: true in the KubeletConfiguration (or --rotate-certificates=true).',
  references: [{ url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation' }],
});
