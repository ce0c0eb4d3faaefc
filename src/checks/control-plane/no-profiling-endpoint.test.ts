import { CheckTester } from '../../testing/check-tester.js';
import { daemonSet, psLine, staticPod } from '../../testing/control-plane.js';
import { noProfilingEndpoint } from './no-profiling-endpoint.js';

CheckTester.run(noProfilingEndpoint, {
  valid: [
    staticPod('kube-apiserver', ['--profiling=false']),
    staticPod('kube-controller-manager', ['--profiling=false', '--bind-address=127.0.0.1']),
    { name: 'args-only container', yaml: staticPod('kube-scheduler', ['--profiling=false'], { argsOnly: true }) },
    psLine(['/usr/local/bin/kube-apiserver', '--profiling=false']),
    { name: 'not a control-plane pod', yaml: staticPod('kube-apiserver', ['--profiling=true']).replace(/kube-apiserver/g, 'my-api-gateway') },
    { name: 'etcd has no profiling control', yaml: staticPod('etcd', ['--enable-pprof=true']) },
  ],
  invalid: [
    {
      name: 'unset on the API server (default true): reported where the flag belongs',
      yaml: staticPod('kube-apiserver', ['--secure-port=6443']),
      findings: [{ messageId: 'cisFailed', path: '/spec/containers/0/command', line: 16, message: /^CIS 1\.2\.15: kube-apiserver --profiling not set/ }],
    },
    {
      name: 'explicitly true on the scheduler, args-only',
      yaml: staticPod('kube-scheduler', ['--bind-address=127.0.0.1', '--profiling=true'], { argsOnly: true }),
      findings: [{ messageId: 'cisFailed', path: '/spec/containers/0/args/1', line: 18, message: /CIS 1\.4\.1: kube-scheduler --profiling=true; expected --profiling=false/ }],
    },
    {
      name: 'controller manager process line',
      yaml: psLine(['/usr/local/bin/kube-controller-manager', '--profiling', 'true']),
      findings: [{ messageId: 'cisFailed', path: '/spec/argv/1', line: 11, message: /CIS 1\.3\.2/ }],
    },
    {
      name: 'API server run by a DaemonSet',
      yaml: daemonSet('kube-apiserver', ['--profiling=true']),
      findings: [{ messageId: 'cisFailed', path: '/spec/template/spec/containers/0/command/1', line: 16 }],
    },
  ],
});
