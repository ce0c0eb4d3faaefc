import { defineCisSettingsCheck } from './cis-settings-check.js';

export const noPublicKubeProxyMetrics = defineCisSettingsCheck({
  id: 'no-public-kube-proxy-metrics',
  severity: 'low',
  cis: ['4.3.1'],
  kinds: ['Workload', 'ComponentProcess', 'KubeProxyConfiguration', 'ConfigMap'],
  summary: 'kube-proxy must serve its metrics on localhost only.',
  rationale:
    'kube-proxy metrics are unauthenticated. Bound to 0.0.0.0 they reveal every Service and endpoint of the cluster and the node\'s proxy state to anything that can reach the node, helping an attacker map the cluster.',
  remediation:
    'Set metricsBindAddress: 127.0.0.1:10249 in the KubeProxyConfiguration (or --metrics-bind-address=127.0.0.1:10249), or remove the setting.',
  references: [{ url: 'https://kubernetes.io/docs/reference/config-api/kube-proxy-config.v1alpha1/' }],
});
