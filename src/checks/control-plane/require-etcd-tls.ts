import { defineCisSettingsCheck } from './cis-settings-check.js';

export const requireEtcdTls = defineCisSettingsCheck({
  id: 'require-etcd-tls',
  severity: 'high',
  cis: ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6'],
  kinds: ['Workload', 'ComponentProcess'],
  summary: 'etcd must serve clients and peers over TLS with certificates it verifies, never self-signed auto-TLS.',
  rationale:
    'etcd holds every object of the cluster, Secrets included. Without TLS and client certificate authentication anyone who can reach port 2379 reads and rewrites the cluster state, and without peer TLS a rogue member can join the cluster; --auto-tls and --peer-auto-tls use self-signed certificates nobody verifies.',
  remediation:
    'Set --cert-file, --key-file, --client-cert-auth=true, --peer-cert-file, --peer-key-file and --peer-client-cert-auth=true on etcd, and remove --auto-tls=true and --peer-auto-tls=true (or the ETCD_* variables).',
  references: [{ url: 'https://etcd.io/docs/v3.5/op-guide/security/' }],
});
