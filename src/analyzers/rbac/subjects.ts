/**
 * Binding subjects and the identities they stand for, as the Kubernetes RBAC authorizer reads them
 * (appliesToUser in plugin/pkg/auth/authorizer/rbac, the service account user and group names of
 * k8s.io/apiserver/pkg/authentication/serviceaccount).
 */
import { isRecord } from '../../kinds/workloads.js';
import type { Identity, Subject, SubjectKind } from './rbac-types.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const SERVICE_ACCOUNT_USER_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';
export const SERVICE_ACCOUNTS_GROUP_PREFIX = 'system:serviceaccounts:';
export const AUTHENTICATED_GROUP = 'system:authenticated';
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';

const KINDS: Record<string, SubjectKind> = { user: 'User', group: 'Group', serviceaccount: 'ServiceAccount', sa: 'ServiceAccount' };

export function serviceAccountUser(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USER_PREFIX}${namespace}:${name}`;
}

/**
 * The identity a subject authenticates as. A ServiceAccount is the user system:serviceaccount:<ns>:<name>
 * in the groups system:serviceaccounts, system:serviceaccounts:<ns> and system:authenticated; a User is in
 * system:authenticated (system:anonymous in system:unauthenticated); a Group stands for an unnamed member.
 */
export function identityOf(subject: Subject): Identity {
  switch (subject.kind) {
    case 'ServiceAccount': {
      const ns = subject.namespace ?? '';
      return { user: serviceAccountUser(ns, subject.name), groups: [ALL_SERVICE_ACCOUNTS_GROUP, SERVICE_ACCOUNTS_GROUP_PREFIX + ns, AUTHENTICATED_GROUP] };
    }
    case 'User':
      return { user: subject.name, groups: [subject.name === ANONYMOUS_USER ? UNAUTHENTICATED_GROUP : AUTHENTICATED_GROUP] };
    case 'Group': {
      // A member of any group but the anonymous one has authenticated, so it is in system:authenticated too.
      const everyoneElse = subject.name === UNAUTHENTICATED_GROUP || subject.name === AUTHENTICATED_GROUP ? [] : [AUTHENTICATED_GROUP];
      return { user: '', groups: [subject.name, ...everyoneElse] };
    }
  }
}

/** 'user:alice', 'group:devs', 'serviceaccount:ns:name'. */
export function subjectKey(subject: Subject): string {
  if (subject.kind === 'ServiceAccount') return `serviceaccount:${subject.namespace ?? ''}:${subject.name}`;
  return `${subject.kind.toLowerCase()}:${subject.name}`;
}

/**
 * Reads 'user:alice', 'group:devs', 'serviceaccount:ns:name' (the kind case-insensitive), 'sa:ns:name'
 * and 'system:serviceaccount:ns:name'. Undefined when the text is none of these.
 */
export function parseSubjectKey(text: string): Subject | undefined {
  const t = text.trim();
  if (t.toLowerCase().startsWith(SERVICE_ACCOUNT_USER_PREFIX)) return serviceAccountFrom(t.slice(SERVICE_ACCOUNT_USER_PREFIX.length));
  const colon = t.indexOf(':');
  if (colon < 0) return undefined;
  const kind = KINDS[t.slice(0, colon).toLowerCase()];
  const rest = t.slice(colon + 1);
  if (!kind) return undefined;
  if (kind === 'ServiceAccount') return serviceAccountFrom(rest);
  return rest === '' ? undefined : { kind, name: rest };
}

function serviceAccountFrom(text: string): Subject | undefined {
  const parts = text.split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { kind: 'ServiceAccount', namespace: parts[0], name: parts[1] };
}

/** For messages: 'ServiceAccount shop/api', 'User alice', 'Group devs'. */
export function formatSubject(subject: Subject): string {
  if (subject.kind === 'ServiceAccount') return `ServiceAccount ${subject.namespace ?? ''}/${subject.name}`;
  return `${subject.kind} ${subject.name}`;
}

/** Groups and users that stand for (nearly) everyone: never trusted "system" identities. */
const EVERYONE: Record<string, string> = {
  'Group:system:authenticated': 'every authenticated user and service account',
  'Group:system:unauthenticated': 'every anonymous request',
  'Group:system:serviceaccounts': 'every service account of every namespace',
  'User:system:anonymous': 'every anonymous request',
};

/** Who a subject that stands for many identities covers, for messages; undefined for one identity. */
export function describeEveryone(subject: Subject): string | undefined {
  const known = EVERYONE[`${subject.kind}:${subject.name}`];
  if (known) return known;
  const prefix = `${ALL_SERVICE_ACCOUNTS_GROUP}:`;
  if (subject.kind === 'Group' && subject.name.startsWith(prefix) && subject.name.length > prefix.length) {
    return `every service account of namespace "${subject.name.slice(prefix.length)}"`;
  }
  return undefined;
}

/**
 * True for Kubernetes' own components, whose grants are part of the platform: `system:` users and
 * groups and kube-system ServiceAccounts — but not the identities that stand for arbitrary people or
 * workloads (system:authenticated, system:unauthenticated, system:serviceaccounts[:<ns>] outside
 * kube-system, system:anonymous), and not ServiceAccounts outside kube-system written as users.
 */
export function isSystemSubject(subject: Subject): boolean {
  if (subject.kind === 'ServiceAccount') return subject.namespace === 'kube-system';
  if (describeEveryone(subject) !== undefined) return subject.name === `${SERVICE_ACCOUNTS_GROUP_PREFIX}kube-system`;
  if (subject.kind === 'User' && subject.name.startsWith(SERVICE_ACCOUNT_USER_PREFIX)) {
    return subject.name.slice(SERVICE_ACCOUNT_USER_PREFIX.length).startsWith('kube-system:');
  }
  return subject.name.startsWith('system:');
}

/**
 * True when the binding subject names the identity (the authorizer's appliesToUser). A ServiceAccount
 * subject without a namespace takes the binding's; without either it names nobody. A User or Group
 * subject with an apiGroup other than rbac.authorization.k8s.io (or none) names nobody.
 */
export function appliesTo(subject: Subject & { apiGroup?: unknown }, identity: Identity, bindingNamespace: string | undefined): boolean {
  switch (subject.kind) {
    case 'User':
      return apiGroupOk(subject.apiGroup) && identity.user === subject.name;
    case 'Group':
      return apiGroupOk(subject.apiGroup) && identity.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace ? subject.namespace : bindingNamespace;
      if (!ns) return false;
      return identity.user === serviceAccountUser(ns, subject.name);
    }
    default:
      return false;
  }
}

function apiGroupOk(apiGroup: unknown): boolean {
  return apiGroup === undefined || apiGroup === null || apiGroup === '' || apiGroup === RBAC_GROUP;
}

/**
 * A subject of a binding from untrusted input, as the API server would store it, or undefined when it
 * would reject it or the authorizer ignores it: unknown kinds, empty names, a User/Group apiGroup other
 * than rbac.authorization.k8s.io, a ServiceAccount with an apiGroup, or (in a ClusterRoleBinding, where
 * `bindingNamespace` is undefined) a ServiceAccount without a namespace. A ServiceAccount subject of a
 * RoleBinding without a namespace gets the binding's.
 */
export function normalizeSubject(raw: unknown, bindingNamespace: string | undefined): Subject | undefined {
  if (!isRecord(raw) || typeof raw.name !== 'string' || raw.name === '') return undefined;
  const name = raw.name;
  switch (raw.kind) {
    case 'User':
    case 'Group':
      return apiGroupOk(raw.apiGroup) ? { kind: raw.kind, name } : undefined;
    case 'ServiceAccount': {
      if (raw.apiGroup !== undefined && raw.apiGroup !== null && raw.apiGroup !== '') return undefined;
      const ns = typeof raw.namespace === 'string' && raw.namespace !== '' ? raw.namespace : bindingNamespace;
      return ns === undefined ? undefined : { kind: 'ServiceAccount', name, namespace: ns };
    }
    default:
      return undefined;
  }
}
