import { defineCisSettingsCheck } from './cis-settings-check.js';

export const noKubeletAnonymousAccess = defineCisSettingsCheck({
  id: 'no-kubelet-anonymous-access',
  severity: 'critical',
  cis: ['4.2.1', '4.2.2', '4.2.3'],
  kinds: ['ComponentProcess', 'KubeletConfiguration', 'ConfigMap'],
  summary: 'The kubelet API must reject anonymous requests, authorize through the API server and verify client certificates.',
  rationale:
    'The kubelet API on port 10250 runs commands in any container of the node (/exec, /run), reads logs and lists pods. With anonymous authentication on and authorization AlwaysAllow, anyone who reaches the port executes code in every pod of the node without credentials; this is how cryptominers take over exposed clusters.',
  remediation:
    'In the KubeletConfiguration set authentication.anonymous.enabled: false, authorization.mode: Webhook and authentication.x509.clientCAFile to the cluster CA (or --anonymous-auth=false, --authorization-mode=Webhook, --client-ca-file).',
  references: [{ url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/' }],
});
