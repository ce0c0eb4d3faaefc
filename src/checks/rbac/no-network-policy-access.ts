import { riskyPermissionCheck } from './risky-permission.js';

export const noNetworkPolicyAccess = riskyPermissionCheck(
  {
    id: 'no-network-policy-access',
    severity: 'medium',
    summary: 'Subjects other than Kubernetes components must not be able to change NetworkPolicies.',
    rationale:
      'NetworkPolicies are the pods\' firewall. Whoever can create, change or delete them can open a namespace\'s pods to any source (a single allow-all policy overrides every deny, since policies are additive) or cut a service off from its clients.',
    remediation:
      'Remove create, update, patch, delete and deletecollection on networkpolicies from the role; manage NetworkPolicies through the deployment pipeline or a platform team\'s role.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}} in every namespace, and so open any pod to the network: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      namespaced: '{{subjects}} can {{access}} in namespace "{{namespace}}", and so open its pods to the network: RoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it will be able to rewrite network policy.',
    },
  },
  {
    probes: [
      { verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'], group: 'networking.k8s.io', resources: ['networkpolicies'] },
    ],
  },
);
