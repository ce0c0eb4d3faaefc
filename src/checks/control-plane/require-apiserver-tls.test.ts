import { CheckTester } from '../../testing/check-tester.js';
import { psLine, staticPod } from '../../testing/control-plane.js';
import { requireApiserverTls } from './require-apiserver-tls.js';

const PKI = '/etc/kubernetes/pki';
const ALL = [
  `--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`,
  `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`,
  `--kubelet-certificate-authority=${PKI}/ca.crt`,
  `--etcd-certfile=${PKI}/apiserver-etcd-client.crt`,
  `--etcd-keyfile=${PKI}/apiserver-etcd-client.key`,
  `--tls-cert-file=${PKI}/apiserver.crt`,
  `--tls-private-key-file=${PKI}/apiserver.key`,
  `--client-ca-file=${PKI}/ca.crt`,
  `--etcd-cafile=${PKI}/etcd/ca.crt`,
];

CheckTester.run(requireApiserverTls, {
  valid: [staticPod('kube-apiserver', ALL), psLine(['kube-apiserver', ...ALL])],
  invalid: [
    {
      name: 'kubeadm default: no kubelet CA',
      yaml: staticPod('kube-apiserver', ALL.filter((f) => !f.startsWith('--kubelet-certificate-authority'))),
      findings: [{ messageId: 'cisFailed', path: '/spec/containers/0/command', line: 16, message: /^CIS 1\.2\.5:/ }],
    },
    {
      name: 'etcd key missing, no client CA',
      yaml: staticPod('kube-apiserver', ALL.filter((f) => !f.startsWith('--etcd-keyfile') && !f.startsWith('--client-ca-file'))),
      findings: [
        { messageId: 'cisFailed', path: '/spec/containers/0/command/4', message: /^CIS 1\.2\.23:/ },
        { messageId: 'cisFailed', path: '/spec/containers/0/command', message: /^CIS 1\.2\.25:/ },
      ],
    },
    {
      name: 'nothing set at all',
      yaml: psLine(['/usr/bin/kube-apiserver']),
      findings: ['1.2.4', '1.2.5', '1.2.23', '1.2.24', '1.2.25', '1.2.26'].map((id) => ({ messageId: 'cisFailed', path: '/spec/argv', message: new RegExp(`^CIS ${id.replace(/\./g, '\\.')}:`) })),
    },
  ],
});
