import { riskyPermissionCheck } from './risky-permission.js';

export const noStatusPatchAccess = riskyPermissionCheck(
  {
    id: 'no-status-patch-access',
    severity: 'medium',
    summary: 'Subjects other than Kubernetes components must not be able to write node or pod status.',
    rationale:
      'Status is what the cluster believes is true. Writing nodes/status lets a subject change a node\'s addresses (the API server then sends kubelet traffic, exec sessions included, to the address they chose) or its conditions and capacity (steering or starving scheduling); writing pods/status lets it change a pod\'s IPs and readiness, which Services and EndpointSlices follow, so it can redirect a Service\'s traffic to another address.',
    remediation:
      'Remove update and patch on nodes/status and pods/status from the role; only the kubelet and controllers should write status.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}} cluster-wide, and so redirect traffic by rewriting addresses: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      namespaced: '{{subjects}} can {{access}} in namespace "{{namespace}}", and so redirect Service traffic by rewriting pod addresses: RoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it will be able to rewrite status.',
    },
  },
  {
    probes: [
      { verbs: ['update', 'patch'], group: '', resources: ['nodes/status'], clusterScoped: true },
      { verbs: ['update', 'patch'], group: '', resources: ['pods/status'] },
    ],
  },
);
