import { CheckTester } from '../../testing/check-tester.js';
import { psLine, staticPod } from '../../testing/control-plane.js';
import { requireServiceAccountHardening } from './require-service-account-hardening.js';

const API = ['--service-account-key-file=/etc/kubernetes/pki/sa.pub', '--service-account-extend-token-expiration=false'];
const CM = ['--use-service-account-credentials=true', '--service-account-private-key-file=/etc/kubernetes/pki/sa.key', '--root-ca-file=/etc/kubernetes/pki/ca.crt'];

CheckTester.run(requireServiceAccountHardening, {
  valid: [staticPod('kube-apiserver', API), staticPod('kube-controller-manager', CM), psLine(['kube-apiserver', '--service-account-lookup=true', ...API])],
  invalid: [
    {
      name: 'API server: lookup off, token expiry extended (default), key file set',
      yaml: staticPod('kube-apiserver', ['--service-account-key-file=/etc/kubernetes/pki/sa.pub', '--service-account-lookup=false']),
      findings: [
        { messageId: 'cisFailed', path: '/spec/containers/0/command/2', line: 19, message: /^CIS 1\.2\.21:/ },
        { messageId: 'cisFailed', path: '/spec/containers/0/command', line: 16, message: /^CIS 1\.2\.30: kube-apiserver --service-account-extend-token-expiration not set/ },
      ],
    },
    {
      name: 'controller manager with nothing set',
      yaml: staticPod('kube-controller-manager', ['--bind-address=127.0.0.1']),
      findings: ['1.3.3', '1.3.4', '1.3.5'].map((id) => ({ messageId: 'cisFailed', path: '/spec/containers/0/command', message: new RegExp(`^CIS ${id.replace(/\./g, '\\.')}:`) })),
    },
    {
      name: 'controller manager explicitly without service account credentials',
      yaml: staticPod('kube-controller-manager', ['--use-service-account-credentials=false', ...CM.slice(1)]),
      findings: [{ messageId: 'cisFailed', path: '/spec/containers/0/command/1', line: 18, message: /^CIS 1\.3\.3:/ }],
    },
  ],
});
