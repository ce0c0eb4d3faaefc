import { defineCisSettingsCheck } from './cis-settings-check.js';

export const requireKubeletIptablesUtilChains = defineCisSettingsCheck({
  id: 'require-kubelet-iptables-util-chains',
  severity: 'low',
  cis: ['4.2.6'],
  kinds: ['ComponentProcess', 'KubeletConfiguration', 'ConfigMap'],
  summary: 'The kubelet must manage its iptables utility chains.',
  rationale:
    'With makeIPTablesUtilChains: false the kubelet stops maintaining the KUBE-FIREWALL and related chains, so iptables rules the cluster relies on (for example dropping traffic marked invalid) can drift out of sync with pod networking and leave holes nobody notices.',
  remediation:
    'Set makeIPTablesUtilChains: true in the KubeletConfiguration (or --make-iptables-util-chains=true), or remove the setting.',
  references: [{ url: 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/' }],
});
