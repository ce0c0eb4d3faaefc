import { CheckTester } from '../../testing/check-tester.js';
import { psLine, staticPod } from '../../testing/control-plane.js';
import { requireApiserverAuditLog } from './require-apiserver-audit-log.js';

const GOOD = ['--audit-log-path=/var/log/kubernetes/audit.log', '--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100'];

CheckTester.run(requireApiserverAuditLog, {
  valid: [staticPod('kube-apiserver', GOOD), psLine(['kube-apiserver', '--audit-log-path', '-', '--audit-log-maxage', '90', '--audit-log-maxbackup=20', '--audit-log-maxsize=200'])],
  invalid: [
    {
      name: 'nothing set',
      yaml: staticPod('kube-apiserver', ['--secure-port=6443']),
      findings: ['16', '17', '18', '19'].map((n) => ({ messageId: 'cisFailed', path: '/spec/containers/0/command', message: new RegExp(`^CIS 1\\.2\\.${n}:`) })),
    },
    {
      name: 'retention below the benchmark',
      yaml: staticPod('kube-apiserver', ['--audit-log-path=/var/log/audit.log', '--audit-log-maxage=7', '--audit-log-maxbackup=10', '--audit-log-maxsize=50']),
      findings: [
        { messageId: 'cisFailed', path: '/spec/containers/0/command/2', line: 19, message: /^CIS 1\.2\.17: kube-apiserver --audit-log-maxage=7/ },
        { messageId: 'cisFailed', path: '/spec/containers/0/command/4', line: 21, message: /^CIS 1\.2\.19:/ },
      ],
    },
  ],
});
