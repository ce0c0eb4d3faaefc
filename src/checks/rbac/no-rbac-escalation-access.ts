import { riskyPermissionCheck } from './risky-permission.js';

const RBAC = 'rbac.authorization.k8s.io';

export const noRbacEscalationAccess = riskyPermissionCheck(
  {
    id: 'no-rbac-escalation-access',
    severity: 'critical',
    summary: 'Subjects other than Kubernetes components must not hold the escalate or bind verbs on roles.',
    rationale:
      'RBAC normally refuses to let anyone create a role or binding granting more than they hold. escalate on roles or clusterroles lifts that limit for writing roles, bind lifts it for binding them: with bind on clusterroles a subject can bind cluster-admin to itself (in a namespace through a RoleBinding, everywhere through a ClusterRoleBinding), with escalate it can write itself a role with any permission.',
    remediation:
      'Remove the escalate and bind verbs (and "*" verbs) on roles and clusterroles from the role; if a subject must delegate a specific role, grant bind with resourceNames naming only that role.',
    references: [
      { cis: '5.1.8' },
      { url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping' },
    ],
    messages: {
      clusterWide: '{{subjects}} can {{access}} cluster-wide, and so grant themselves any permission: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      namespaced: '{{subjects}} can {{access}} in namespace "{{namespace}}", and so grant themselves any permission there: RoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it will be able to grant itself any permission.',
    },
  },
  {
    probes: [
      // Writing a Role and binding a Role or ClusterRole in a RoleBinding are authorized in the object's namespace.
      { verbs: ['escalate', 'bind'], group: RBAC, resources: ['roles'] },
      { verbs: ['bind'], group: RBAC, resources: ['clusterroles'] },
      // Writing a ClusterRole is a cluster-scoped request: a RoleBinding never allows escalate on it.
      { verbs: ['escalate'], group: RBAC, resources: ['clusterroles'], clusterScoped: true },
    ],
  },
);
