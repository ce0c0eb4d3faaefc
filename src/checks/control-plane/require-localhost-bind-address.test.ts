import { CheckTester } from '../../testing/check-tester.js';
import { psLine, staticPod } from '../../testing/control-plane.js';
import { requireLocalhostBindAddress } from './require-localhost-bind-address.js';

CheckTester.run(requireLocalhostBindAddress, {
  valid: [
    staticPod('kube-scheduler', ['--bind-address=127.0.0.1']),
    staticPod('kube-controller-manager', ['--bind-address=127.0.0.1', '--profiling=false']),
    { name: 'the API server is not concerned', yaml: staticPod('kube-apiserver', ['--bind-address=0.0.0.0']) },
  ],
  invalid: [
    {
      name: 'scheduler on all interfaces',
      yaml: staticPod('kube-scheduler', ['--bind-address=0.0.0.0']),
      findings: [{ messageId: 'cisFailed', path: '/spec/containers/0/command/1', line: 18, message: /^CIS 1\.4\.2: kube-scheduler --bind-address=0\.0\.0\.0/ }],
    },
    {
      name: 'unset: CIS passes (kube-bench) but the default is 0.0.0.0',
      yaml: staticPod('kube-controller-manager', ['--profiling=false']),
      findings: [{ messageId: 'unsetDefaultsToAll', path: '/spec/containers/0/command', line: 16, message: /^kube-controller-manager does not set --bind-address/ }],
    },
    {
      name: 'process line',
      yaml: psLine(['/usr/local/bin/kube-scheduler', '--bind-address', '10.0.0.5']),
      findings: [{ messageId: 'cisFailed', path: '/spec/argv/2', line: 12 }],
    },
  ],
});
