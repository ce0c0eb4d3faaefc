/** Shared by the RBAC checks: finding an input object's place in the RBAC fact, and wording for messages. */
import type { BindingInfo, Grant, PolicyRule, RbacFacts, RoleInfo, Subject } from '../../analyzers/rbac/rbac-types.js';
import { normalizeSubject, parseSubjectKey, SERVICE_ACCOUNT_USER_PREFIX, subjectKey, describeEveryone } from '../../analyzers/rbac/subjects.js';
import { namespaceKey } from '../../inventory/inventory.js';
import { asArray, isRecord } from '../../kinds/workloads.js';
import type { K8sObject } from '../../model/types.js';
import { objectMemo } from '../../model/object-memo.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const CLUSTER_ADMIN = 'cluster-admin';
/** The annotation that stops the API server from reconciling a bootstrap role back to its defaults. */
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

interface ObjectIndex {
  bindings: Map<K8sObject, BindingInfo>;
  roles: Map<K8sObject, RoleInfo>;
}

const objectIndex = objectMemo((facts: RbacFacts): ObjectIndex => {
  const idx: ObjectIndex = { bindings: new Map(), roles: new Map() };
  for (const b of facts.bindings) if (b.source) idx.bindings.set(b.source.object, b);
  for (const r of facts.roles) if (r.source) idx.roles.set(r.source.object, r);
  return idx;
});

/**
 * The binding the fact holds for this input object; undefined when the API server would reject it (bad
 * roleRef) or another input object of the same kind, namespace and name replaced it.
 */
export function bindingOf(facts: RbacFacts, obj: K8sObject): BindingInfo | undefined {
  return objectIndex(facts).bindings.get(obj);
}

/** The role the fact holds for this input object (see `bindingOf`). */
export function roleOf(facts: RbacFacts, obj: K8sObject): RoleInfo | undefined {
  return objectIndex(facts).roles.get(obj);
}

export interface IndexedSubject {
  /** Index in the object's `subjects` list, for the finding's pointer. */
  index: number;
  subject: Subject;
}

/**
 * The subjects of a binding object as the authorizer reads them, each with its index in the written
 * list; subjects the API server would reject are left out. Duplicates are kept (each has its own index).
 */
export function bindingSubjects(obj: K8sObject): IndexedSubject[] {
  const bindingNs = obj.kind === 'RoleBinding' ? namespaceKey(obj) : undefined;
  const out: IndexedSubject[] = [];
  asArray<unknown>(obj.subjects).forEach((raw, index) => {
    const subject = normalizeSubject(raw, bindingNs);
    if (subject) out.push({ index, subject });
  });
  return out;
}

/**
 * A User subject named system:serviceaccount:<ns>:<name> is that ServiceAccount (the authorizer
 * compares user names): the subject as the ServiceAccount, anything else unchanged.
 */
export function canonicalSubject(subject: Subject): Subject {
  if (subject.kind === 'User' && subject.name.startsWith(SERVICE_ACCOUNT_USER_PREFIX)) {
    const sa = parseSubjectKey(subject.name);
    if (sa) return sa;
  }
  return subject;
}

/** subjectKey of the canonical subject: equal for subjects naming the same identity. */
export function identityKey(subject: Subject): string {
  return subjectKey(canonicalSubject(subject));
}

/** 'ServiceAccount "shop/api"', 'User "alice"', 'Group "system:authenticated" (every authenticated user…)'. */
export function describeSubject(subject: Subject): string {
  const s = canonicalSubject(subject);
  if (s.kind === 'ServiceAccount') return `ServiceAccount "${qualified(s.namespace ?? '', s.name)}"`;
  const who = describeEveryone(s);
  return who ? `${s.kind} "${s.name}" (${who})` : `${s.kind} "${s.name}"`;
}

/** 'name' for an object without a namespace, else 'ns/name'. */
export function qualified(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** 'ClusterRoleBinding "x"', 'RoleBinding "ns/x"'. */
export function describeBinding(b: Pick<BindingInfo, 'kind' | 'name' | 'namespace'>): string {
  return `${b.kind} "${b.kind === 'RoleBinding' ? qualified(b.namespace, b.name) : b.name}"`;
}

/** 'ClusterRole "view"', 'Role "ns/reader"'. */
export function describeRoleRef(kind: string, namespace: string | undefined, name: string): string {
  return `${kind} "${kind === 'Role' ? qualified(namespace, name) : name}"`;
}

export function describeRole(role: Pick<RoleInfo, 'kind' | 'name' | 'namespace'>): string {
  return describeRoleRef(role.kind, role.namespace, role.name);
}

/** 'RoleBinding "ns/b" → ClusterRole "edit"', plus the group through which the subject holds it. */
export function describeGrant(g: Grant): string {
  const via = g.subject.kind === 'Group' ? ` (as a member of group "${g.subject.name}")` : '';
  return `${describeBinding(g.binding)} → ${describeRole(g.role)}${via}`;
}

/** 'namespace "shop"', or the kubectl-targeted namespace when objects leave it unset. */
export function describeNamespace(nsKey: string | undefined): string {
  return nsKey ? `namespace "${nsKey}"` : 'the namespace kubectl targets (metadata.namespace unset)';
}

/** The verbs that, on every resource of every group, give full read-write control (Polaris' reading too). */
const READ_WRITE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/**
 * A rule granting full control of every resource: apiGroups and resources include '*', no resourceNames,
 * and verbs '*' — or every read and write verb (get, list, watch, create, update, patch, delete), which
 * reads every Secret and creates pods as any ServiceAccount, so it is cluster-admin in all but name.
 */
export function isFullAccessRule(rule: PolicyRule): boolean {
  if (rule.nonResourceURLs.length > 0 || rule.resourceNames.length > 0) return false;
  if (!rule.apiGroups.includes('*') || !rule.resources.includes('*')) return false;
  return rule.verbs.includes('*') || READ_WRITE_VERBS.every((v) => rule.verbs.includes(v));
}

/**
 * True for the built-in cluster-admin ClusterRole, whatever an input object of that name says: the API
 * server reconciles bootstrap roles back to (at least) their default rules at every start unless the
 * role is annotated rbac.authorization.kubernetes.io/autoupdate: "false".
 */
export function isBuiltInClusterAdmin(kind: string, name: string, role: RoleInfo | undefined): boolean {
  if (kind !== 'ClusterRole' || name !== CLUSTER_ADMIN) return false;
  const annotations = role?.source?.object.metadata.annotations;
  return !(isRecord(annotations) && String(annotations[AUTOUPDATE_ANNOTATION]) === 'false');
}

/** Index of the role's first full-access rule, or -1. */
export function fullAccessRuleIndex(role: RoleInfo | undefined): number {
  return role ? role.rules.findIndex(isFullAccessRule) : -1;
}

/** Compares strings the same way on every platform (no locale). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 'a', 'a and b', 'a, b and c'. */
export function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Escapes a JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
