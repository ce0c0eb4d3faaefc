import { CheckTester } from '../../testing/check-tester.js';
import { psLine, staticPod } from '../../testing/control-plane.js';
import { requireApiserverAuthorizationModes } from './require-apiserver-authorization-modes.js';

CheckTester.run(requireApiserverAuthorizationModes, {
  valid: [
    staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
    { name: 'space-separated value', yaml: staticPod('kube-apiserver', ['--authorization-mode', 'Node,RBAC,Webhook']) },
    psLine(['kube-apiserver', '--authorization-mode=RBAC,Node']),
    { name: 'other components are not concerned', yaml: staticPod('kube-scheduler', ['--profiling=false']) },
  ],
  invalid: [
    {
      name: 'unset: AlwaysAllow by default, Node and RBAC missing',
      yaml: staticPod('kube-apiserver', ['--secure-port=6443']),
      findings: [
        { messageId: 'cisFailed', path: '/spec/containers/0/command', message: /^CIS 1\.2\.6:/ },
        { messageId: 'cisFailed', path: '/spec/containers/0/command', message: /^CIS 1\.2\.7:/ },
        { messageId: 'cisFailed', path: '/spec/containers/0/command', message: /^CIS 1\.2\.8:/ },
      ],
    },
    {
      name: 'AlwaysAllow with RBAC',
      yaml: staticPod('kube-apiserver', ['--authorization-mode=AlwaysAllow,RBAC']),
      findings: [
        { messageId: 'cisFailed', path: '/spec/containers/0/command/1', line: 18, message: /^CIS 1\.2\.6: kube-apiserver --authorization-mode=AlwaysAllow,RBAC/ },
        { messageId: 'cisFailed', path: '/spec/containers/0/command/1', line: 18, message: /^CIS 1\.2\.7:/ },
      ],
    },
    {
      name: 'process line with RBAC only',
      yaml: psLine(['/usr/bin/kube-apiserver', '--authorization-mode=RBAC']),
      findings: [{ messageId: 'cisFailed', path: '/spec/argv/1', line: 11, message: /^CIS 1\.2\.7:/ }],
    },
  ],
});
