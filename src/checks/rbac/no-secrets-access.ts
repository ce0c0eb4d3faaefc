import { riskyPermissionCheck } from './risky-permission.js';

export const noSecretsAccess = riskyPermissionCheck(
  {
    id: 'no-secrets-access',
    severity: 'high',
    summary: 'Subjects other than Kubernetes components must not be able to read Secrets.',
    rationale:
      'Reading Secrets (get, list or watch; list and watch return the data too) yields every credential they hold: ServiceAccount tokens of more powerful workloads, registry and database passwords, TLS keys. Read access across all namespaces is as good as cluster-admin in most clusters, since some controller token stored in a Secret can do anything.',
    remediation:
      'Remove get, list and watch on secrets from the role, or grant get on the specific Secrets the subject needs through resourceNames in a Role of their namespace; mount Secrets into the workloads that need them instead of reading them through the API.',
    references: [{ cis: '5.1.2' }, { url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}} in every namespace: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      namespaced: '{{subjects}} can {{access}} in namespace "{{namespace}}": RoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it will have this access.',
    },
  },
  { probes: [{ verbs: ['get', 'list', 'watch'], group: '', resources: ['secrets'] }] },
);
