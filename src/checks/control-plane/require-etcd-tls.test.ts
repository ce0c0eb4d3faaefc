import { CheckTester } from '../../testing/check-tester.js';
import { psLine, staticPod } from '../../testing/control-plane.js';
import { requireEtcdTls } from './require-etcd-tls.js';

const PKI = '/etc/kubernetes/pki/etcd';
const GOOD = [`--cert-file=${PKI}/server.crt`, `--key-file=${PKI}/server.key`, '--client-cert-auth=true', `--peer-cert-file=${PKI}/peer.crt`, `--peer-key-file=${PKI}/peer.key`, '--peer-client-cert-auth=true'];

CheckTester.run(requireEtcdTls, {
  valid: [
    staticPod('etcd', GOOD),
    { name: 'settings from the environment', yaml: psLine(['/usr/bin/etcd', '--name=m1'], { env: { ETCD_CERT_FILE: 'a', ETCD_KEY_FILE: 'b', ETCD_CLIENT_CERT_AUTH: 'true', ETCD_PEER_CERT_FILE: 'c', ETCD_PEER_KEY_FILE: 'd', ETCD_PEER_CLIENT_CERT_AUTH: 'true' } }) },
  ],
  invalid: [
    {
      name: 'auto TLS and no client certificate auth',
      yaml: staticPod('etcd', [...GOOD.filter((f) => !f.startsWith('--client-cert-auth')), '--auto-tls=true', '--peer-auto-tls=true']),
      findings: [
        { messageId: 'cisFailed', path: '/spec/containers/0/command', line: 16, message: /^CIS 2\.2:/ },
        { messageId: 'cisFailed', path: '/spec/containers/0/command/6', line: 23, message: /^CIS 2\.3:/ },
        { messageId: 'cisFailed', path: '/spec/containers/0/command/7', line: 24, message: /^CIS 2\.6:/ },
      ],
    },
    {
      name: 'bare etcd process',
      yaml: psLine(['etcd', '--data-dir=/var/lib/etcd']),
      findings: ['2.1', '2.2', '2.4', '2.5'].map((id) => ({ messageId: 'cisFailed', path: '/spec/argv', message: new RegExp(`^CIS ${id.replace('.', '\\.')}:`) })),
    },
  ],
});
