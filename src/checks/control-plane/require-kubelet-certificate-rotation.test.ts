import { CheckTester } from '../../testing/check-tester.js';
import { kubeletConfig, psLine, staticPod } from '../../testing/control-plane.js';
import { requireKubeletCertificateRotation } from './require-kubelet-certificate-rotation.js';

CheckTester.run(requireKubeletCertificateRotation, {
  valid: [
    kubeletConfig({ rotateCertificates: true }),
    { name: 'unset (kube-bench passes)', yaml: kubeletConfig({ makeIPTablesUtilChains: true }) },
    staticPod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=true']),
    { name: 'no feature gates', yaml: staticPod('kube-controller-manager', ['--profiling=false']) },
  ],
  invalid: [
    {
      name: 'kubelet config turns rotation off',
      yaml: kubeletConfig({ rotateCertificates: false }),
      findings: [{ messageId: 'cisFailed', path: '/rotateCertificates', line: 3, message: /^CIS 4\.2\.10:/ }],
    },
    {
      name: 'kubelet flag turns rotation off',
      yaml: psLine(['/usr/bin/kubelet', '--rotate-certificates=false']),
      findings: [{ messageId: 'cisFailed', path: '/spec/argv/1', line: 11, message: /^CIS 4\.2\.10:/ }],
    },
    {
      name: 'controller manager disables the gate',
      yaml: staticPod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=false']),
      findings: [{ messageId: 'cisFailed', path: '/spec/containers/0/command/1', line: 18, message: /^CIS 1\.3\.6:/ }],
    },
  ],
});
