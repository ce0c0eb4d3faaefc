import { riskyPermissionCheck, type RiskProbe } from './risky-permission.js';

const AUTHENTICATION = 'authentication.k8s.io';
/** Becoming another user: by user name (cluster-wide) or as a ServiceAccount (authorized in its namespace). */
const USERS: RiskProbe = { verbs: ['impersonate'], group: '', resources: ['users'], clusterScoped: true };
const SERVICE_ACCOUNTS: RiskProbe = { verbs: ['impersonate'], group: '', resources: ['serviceaccounts'] };
/** Groups, UIDs and extras ride along with an impersonated user: each is checked cluster-wide and needs one of the above. */
const RIDERS: RiskProbe[] = [
  { verbs: ['impersonate'], group: '', resources: ['groups'], clusterScoped: true },
  { verbs: ['impersonate'], group: AUTHENTICATION, resources: ['uids'], clusterScoped: true },
  { verbs: ['impersonate'], group: AUTHENTICATION, resources: ['userextras'], anySubresource: true, clusterScoped: true },
];

export const noImpersonationAccess = riskyPermissionCheck(
  {
    id: 'no-impersonation-access',
    severity: 'critical',
    summary: 'Subjects other than Kubernetes components must not be able to impersonate users, groups or ServiceAccounts.',
    rationale:
      'The impersonate verb lets a caller send requests as someone else (Impersonate-User, Impersonate-Group, Impersonate-Uid, Impersonate-Extra-* headers): impersonating the group system:masters, a cluster administrator or a controller ServiceAccount gives their permissions, and the audit log records the impersonated identity. Groups, UIDs and extras are impersonated together with a user, so they are risky in combination with impersonate on users or serviceaccounts, which the subject may hold through another binding.',
    remediation:
      'Remove the impersonate verb (and "*" verbs) on users, groups, serviceaccounts, uids and userextras from the role; where impersonation is needed, limit it with resourceNames to the specific identities.',
    references: [{ cis: '5.1.8' }, { url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}}, and so act with the permissions of those identities: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      namespaced: '{{subjects}} can {{access}} in namespace "{{namespace}}", and so act with the permissions of those ServiceAccounts: RoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it will be able to act as other identities.',
    },
  },
  {
    probes: [
      USERS,
      SERVICE_ACCOUNTS,
      ...RIDERS.flatMap((rider) => [
        { ...rider, with: [USERS] },
        { ...rider, with: [SERVICE_ACCOUNTS] },
      ]),
    ],
  },
);
