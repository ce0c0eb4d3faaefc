import { CheckTester } from '../../testing/check-tester.js';
import { kubeletConfig, psLine } from '../../testing/control-plane.js';
import { requireKubeletIptablesUtilChains } from './require-kubelet-iptables-util-chains.js';

CheckTester.run(requireKubeletIptablesUtilChains, {
  valid: [
    { name: 'unset (kube-bench passes)', yaml: kubeletConfig({ rotateCertificates: true }) },
    kubeletConfig({ makeIPTablesUtilChains: true }),
    psLine(['/usr/bin/kubelet', '--make-iptables-util-chains=true']),
  ],
  invalid: [
    {
      name: 'config false',
      yaml: kubeletConfig({ makeIPTablesUtilChains: false }),
      findings: [{ messageId: 'cisFailed', path: '/makeIPTablesUtilChains', line: 3, message: /^CIS 4\.2\.6:/ }],
    },
    {
      name: 'flag false',
      yaml: psLine(['/usr/bin/kubelet', '--make-iptables-util-chains=false']),
      findings: [{ messageId: 'cisFailed', path: '/spec/argv/1', line: 11 }],
    },
  ],
});
