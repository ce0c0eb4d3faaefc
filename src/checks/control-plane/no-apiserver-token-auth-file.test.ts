import { CheckTester } from '../../testing/check-tester.js';
import { psLine, staticPod } from '../../testing/control-plane.js';
import { noApiserverTokenAuthFile } from './no-apiserver-token-auth-file.js';

CheckTester.run(noApiserverTokenAuthFile, {
  valid: [
    staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
    psLine(['kube-apiserver', '--client-ca-file=/etc/kubernetes/pki/ca.crt']),
    { name: 'the flag on another component is not this control', yaml: staticPod('kube-controller-manager', ['--token-auth-file=/x']) },
  ],
  invalid: [
    {
      name: 'static pod',
      yaml: staticPod('kube-apiserver', ['--secure-port=6443', '--token-auth-file=/etc/kubernetes/tokens.csv']),
      findings: [{ messageId: 'cisFailed', path: '/spec/containers/0/command/2', line: 19, message: /^CIS 1\.2\.2: kube-apiserver --token-auth-file=\/etc\/kubernetes\/tokens\.csv/ }],
    },
    {
      name: 'process line, value as the next word',
      yaml: psLine(['/usr/bin/kube-apiserver', '--token-auth-file', '/tokens.csv']),
      findings: [{ messageId: 'cisFailed', path: '/spec/argv/2', line: 12 }],
    },
  ],
});
