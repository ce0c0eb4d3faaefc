import { riskyPermissionCheck } from './risky-permission.js';

export const noTokenRequestAccess = riskyPermissionCheck(
  {
    id: 'no-token-request-access',
    severity: 'high',
    summary: 'Subjects other than Kubernetes components must not be able to request ServiceAccount tokens.',
    rationale:
      'create on serviceaccounts/token (the TokenRequest API, used by kubectl create token) issues a fresh token for a ServiceAccount, with an expiry the caller chooses up to the server maximum: the caller gets every permission of that ServiceAccount without running a pod, and the token outlives the access that produced it.',
    remediation:
      'Remove create on serviceaccounts/token (and "*" verbs on serviceaccounts subresources) from the role; if a subject must mint tokens, limit it with resourceNames to the specific ServiceAccounts.',
    references: [{ cis: '5.1.13' }, { url: 'https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}} in every namespace, and so obtain the permissions of any ServiceAccount: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      namespaced: '{{subjects}} can {{access}} in namespace "{{namespace}}", and so obtain the permissions of its ServiceAccounts: RoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it will be able to mint ServiceAccount tokens.',
    },
  },
  { probes: [{ verbs: ['create'], group: '', resources: ['serviceaccounts/token'] }] },
);
