import { defineCisSettingsCheck } from './cis-settings-check.js';

export const requireApiserverAdmissionPlugins = defineCisSettingsCheck({
  id: 'require-apiserver-admission-plugins',
  severity: 'high',
  cis: ['1.2.10', '1.2.12', '1.2.13', '1.2.14'],
  kinds: ['Workload', 'ComponentProcess'],
  summary: 'The API server must enable NodeRestriction, keep ServiceAccount and NamespaceLifecycle, and never enable AlwaysAdmit.',
  rationale:
    'NodeRestriction stops a kubelet from modifying other nodes and pods not bound to it, so one compromised node cannot relabel itself into sensitive workloads or tamper with the rest of the cluster; ServiceAccount and NamespaceLifecycle keep pods tied to existing service accounts and stop objects being created in namespaces being deleted; AlwaysAdmit disables admission control altogether.',
  remediation:
    'Include NodeRestriction in --enable-admission-plugins, remove AlwaysAdmit from it, and remove ServiceAccount and NamespaceLifecycle from --disable-admission-plugins.',
  references: [{ url: 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/' }],
});
