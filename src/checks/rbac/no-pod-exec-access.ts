import { riskyPermissionCheck } from './risky-permission.js';

export const noPodExecAccess = riskyPermissionCheck(
  {
    id: 'no-pod-exec-access',
    severity: 'high',
    summary: 'Subjects other than Kubernetes components must not be able to exec into, attach to, port-forward to or add ephemeral containers to pods.',
    rationale:
      'pods/exec and pods/attach run commands in, or take over the terminal of, a running container: the caller gets its ServiceAccount token, its mounted Secrets and its network position. The API server also accepts these over a WebSocket opened with GET, so get is enough. pods/portforward reaches ports that no Service exposes, and adding an ephemeral container (update or patch on pods/ephemeralcontainers) runs a new container of the caller\'s choosing inside the pod.',
    remediation:
      'Remove create and get on pods/exec, pods/attach and pods/portforward and update/patch on pods/ephemeralcontainers from the role; give break-glass debugging access through a separate, audited role bound only when needed.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}} in every namespace: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      namespaced: '{{subjects}} can {{access}} in namespace "{{namespace}}": RoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it will be able to run commands in its pods.',
    },
  },
  {
    probes: [
      { verbs: ['create', 'get'], group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'] },
      { verbs: ['update', 'patch'], group: '', resources: ['pods/ephemeralcontainers'] },
    ],
  },
);
