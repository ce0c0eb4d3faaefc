import { CheckTester } from '../../testing/check-tester.js';
import { daemonSet, kubeProxyConfig, psLine } from '../../testing/control-plane.js';
import { noPublicKubeProxyMetrics } from './no-public-kube-proxy-metrics.js';

CheckTester.run(noPublicKubeProxyMetrics, {
  valid: [
    kubeProxyConfig({ metricsBindAddress: '127.0.0.1:10249' }),
    { name: 'unset (default 127.0.0.1:10249)', yaml: kubeProxyConfig({ mode: 'iptables' }) },
    daemonSet('kube-proxy', ['--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)']),
  ],
  invalid: [
    {
      name: 'config binds metrics to all interfaces',
      yaml: kubeProxyConfig({ metricsBindAddress: '0.0.0.0:10249' }),
      findings: [{ messageId: 'cisFailed', path: '/metricsBindAddress', line: 3, message: /^CIS 4\.3\.1:/ }],
    },
    {
      name: 'DaemonSet flag',
      yaml: daemonSet('kube-proxy', ['--metrics-bind-address=0.0.0.0:10249']),
      findings: [{ messageId: 'cisFailed', path: '/spec/template/spec/containers/0/command/1', line: 16 }],
    },
    {
      name: 'process line',
      yaml: psLine(['/usr/local/bin/kube-proxy', '--metrics-bind-address', '[::]:10249']),
      findings: [{ messageId: 'cisFailed', path: '/spec/argv/2', line: 12 }],
    },
  ],
});
