import { defineCisSettingsCheck } from './cis-settings-check.js';

export const requireApiserverAuthorizationModes = defineCisSettingsCheck({
  id: 'require-apiserver-authorization-modes',
  severity: 'critical',
  cis: ['1.2.6', '1.2.7', '1.2.8'],
  kinds: ['Workload', 'ComponentProcess'],
  summary: 'The API server must authorize requests with Node and RBAC, never AlwaysAllow.',
  rationale:
    'With --authorization-mode=AlwaysAllow (the default when the flag is absent) every authenticated request is allowed: any service account token or client certificate, including the anonymous user when anonymous authentication is on, can read every Secret and create privileged pods. RBAC gives least privilege to users and workloads, and the Node authorizer limits each kubelet to the pods, Secrets and volumes of its own node, so a compromised node cannot read the whole cluster.',
  remediation:
    'Set --authorization-mode=Node,RBAC on kube-apiserver (or list Node and RBAC authorizers in the --authorization-config file) and remove AlwaysAllow.',
  references: [{ url: 'https://kubernetes.io/docs/reference/access-authn-authz/authorization/' }],
});
