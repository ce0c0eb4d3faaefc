import { riskyPermissionCheck } from './risky-permission.js';

export const noNodeProxyAccess = riskyPermissionCheck(
  {
    id: 'no-node-proxy-access',
    severity: 'high',
    summary: 'Subjects other than Kubernetes components must not have access to the nodes/proxy subresource.',
    rationale:
      'nodes/proxy reaches the kubelet API of every node through the API server: POST (create) on /exec, /run and /attach runs commands in any container of the node, and GET opens the same endpoints over a WebSocket. Those kubelet calls bypass admission control and, for the commands run, the API server audit log.',
    remediation:
      'Remove get and create (and "*" verbs) on nodes/proxy from the role; monitoring agents that need kubelet metrics should use nodes/metrics and nodes/stats instead.',
    references: [{ cis: '5.1.10' }, { url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}}, and so run commands in any container on those nodes through the kubelet: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it by a ClusterRoleBinding will be able to run commands through the kubelet.',
    },
  },
  { probes: [{ verbs: ['get', 'create'], group: '', resources: ['nodes/proxy'], clusterScoped: true }] },
);
