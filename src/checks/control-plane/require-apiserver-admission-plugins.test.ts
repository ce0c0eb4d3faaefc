import { CheckTester } from '../../testing/check-tester.js';
import { psLine, staticPod } from '../../testing/control-plane.js';
import { requireApiserverAdmissionPlugins } from './require-apiserver-admission-plugins.js';

CheckTester.run(requireApiserverAdmissionPlugins, {
  valid: [
    staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
    psLine(['kube-apiserver', '--enable-admission-plugins=NodeRestriction,PodSecurity', '--disable-admission-plugins=DefaultStorageClass']),
  ],
  invalid: [
    {
      name: 'no plugin flags: NodeRestriction is not on by default',
      yaml: staticPod('kube-apiserver', ['--secure-port=6443']),
      findings: [{ messageId: 'cisFailed', path: '/spec/containers/0/command', line: 16, message: /^CIS 1\.2\.14:/ }],
    },
    {
      name: 'AlwaysAdmit enabled, ServiceAccount and NamespaceLifecycle disabled',
      yaml: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysAdmit', '--disable-admission-plugins=ServiceAccount,NamespaceLifecycle']),
      findings: [
        { messageId: 'cisFailed', path: '/spec/containers/0/command/1', line: 18, message: /^CIS 1\.2\.10:/ },
        { messageId: 'cisFailed', path: '/spec/containers/0/command/2', line: 19, message: /^CIS 1\.2\.12:/ },
        { messageId: 'cisFailed', path: '/spec/containers/0/command/2', line: 19, message: /^CIS 1\.2\.13:/ },
      ],
    },
  ],
});
