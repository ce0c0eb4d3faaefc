import { CheckTester } from '../../testing/check-tester.js';
import { kubeletConfig, kubeletConfigMap, psLine } from '../../testing/control-plane.js';
import { noKubeletAnonymousAccess } from './no-kubelet-anonymous-access.js';

const KUBEADM = {
  authentication: { anonymous: { enabled: false }, webhook: { enabled: true, cacheTTL: '0s' }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } },
  authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '0s', cacheUnauthorizedTTL: '0s' } },
  rotateCertificates: true,
};
const KUBELET = ['/usr/bin/kubelet', '--config=/var/lib/kubelet/config.yaml', '--kubeconfig=/etc/kubernetes/kubelet.conf'];

CheckTester.run(noKubeletAnonymousAccess, {
  valid: [
    { name: 'kubeadm config alone', yaml: kubeletConfig(KUBEADM) },
    { name: 'process paired with the kubeadm config', yaml: `${psLine(KUBELET)}---\n${kubeletConfig(KUBEADM)}` },
    { name: 'flags only', yaml: psLine(['/usr/bin/kubelet', '--anonymous-auth=false', '--authorization-mode=Webhook', '--client-ca-file=/ca.crt']) },
    { name: 'kubeadm ConfigMap', yaml: kubeletConfigMap(KUBEADM) },
  ],
  invalid: [
    {
      name: 'anonymous enabled in the config',
      yaml: kubeletConfig({ ...KUBEADM, authentication: { ...KUBEADM.authentication, anonymous: { enabled: true } } }),
      findings: [{ messageId: 'cisFailed', path: '/authentication/anonymous/enabled', line: 5, message: /^CIS 4\.2\.1: kubelet authentication\.anonymous\.enabled: true/ }],
    },
    {
      name: 'a flag overrides the file',
      yaml: `${psLine([...KUBELET, '--authorization-mode=AlwaysAllow'])}---\n${kubeletConfig(KUBEADM)}`,
      findings: [{ messageId: 'cisFailed', path: '/spec/argv/3', line: 13, message: /^CIS 4\.2\.2: kubelet --authorization-mode=AlwaysAllow/ }],
    },
    {
      name: 'empty config: nothing explicit (no defaults in verdicts)',
      yaml: kubeletConfig({}),
      findings: [
        { messageId: 'cisFailed', path: '/authentication/anonymous/enabled', message: /^CIS 4\.2\.1:/ },
        { messageId: 'cisFailed', path: '/authorization/mode', message: /^CIS 4\.2\.2:/ },
        { messageId: 'cisFailed', path: '/authentication/x509/clientCAFile', message: /^CIS 4\.2\.3:/ },
      ],
    },
    {
      name: 'ConfigMap with anonymous access',
      yaml: kubeletConfigMap({ ...KUBEADM, authentication: { ...KUBEADM.authentication, anonymous: { enabled: true } } }),
      findings: [{ messageId: 'cisFailed', path: '/data/kubelet/authentication/anonymous/enabled' }],
    },
  ],
});
