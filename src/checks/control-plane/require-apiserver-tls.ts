import { defineCisSettingsCheck } from './cis-settings-check.js';

export const requireApiserverTls = defineCisSettingsCheck({
  id: 'require-apiserver-tls',
  severity: 'high',
  cis: ['1.2.4', '1.2.5', '1.2.23', '1.2.24', '1.2.25', '1.2.26'],
  kinds: ['Workload', 'ComponentProcess'],
  summary: 'The API server must use TLS with verified certificates for its clients, kubelets and etcd.',
  rationale:
    'Without a serving certificate the API server generates a self-signed one clients cannot verify; without --client-ca-file client certificates are not accepted; without kubelet client certificates and a kubelet CA the API server cannot prove itself to kubelets nor verify them, so exec, logs and port-forward traffic can be intercepted; without etcd client certificates and CA, the connection to the database holding every Secret is neither authenticated nor verified.',
  remediation:
    'Set --tls-cert-file, --tls-private-key-file, --client-ca-file, --kubelet-client-certificate, --kubelet-client-key, --kubelet-certificate-authority, --etcd-certfile, --etcd-keyfile and --etcd-cafile on kube-apiserver (kubeadm sets all but --kubelet-certificate-authority).',
  references: [{ url: 'https://kubernetes.io/docs/setup/best-practices/certificates/' }],
});
