import type { BindingInfo, Grant, PolicyRule, RoleInfo, Subject } from '../analyzers/rbac/rbac-types.js';
import type { ObjectSource } from '../model/types.js';
import { compareText } from '../reporters/plain-text.js';

/** The text shown for the scope of a ClusterRoleBinding's grants (a namespace name never has a space). */
export const CLUSTER_WIDE = 'cluster-wide';

/** '' is the core group; kubectl and the docs call it that. */
export function groupName(group: string): string {
  return group === '' ? 'core' : group;
}

/** `get,list,watch on pods,pods/log in core`, `* on * in *`, `get on secrets named db in core`, `get on URLs /healthz,/livez`. */
export function ruleText(rule: PolicyRule): string {
  const verbs = rule.verbs.join(',') || '(no verbs)';
  const urls = rule.nonResourceURLs.length > 0 ? `URLs ${rule.nonResourceURLs.join(',')}` : '';
  if (urls && rule.resources.length === 0) return `${verbs} on ${urls}`;
  const names = rule.resourceNames.length > 0 ? ` named ${rule.resourceNames.join(',')}` : '';
  const groups = rule.apiGroups.map(groupName).join(',') || '(no groups)';
  return `${verbs} on ${rule.resources.join(',') || '(no resources)'}${names} in ${groups}${urls ? ` and on ${urls}` : ''}`;
}

/** `ClusterRoleBinding shop-api-admin`, `RoleBinding shop/shop-api`. */
export function bindingText(binding: BindingInfo): string {
  return `${binding.kind} ${qualified(binding.namespace, binding.name)}${binding.bootstrap ? ' (bootstrap)' : ''}`;
}

/** `ClusterRole cluster-admin`, `Role shop/shop-api`. */
export function roleText(role: Pick<RoleInfo, 'kind' | 'name' | 'namespace'>): string {
  return `${role.kind} ${qualified(role.namespace, role.name)}`;
}

/** binding → role → rule, the chain that grants a permission. */
export function grantChain(grant: Grant, withRule = true): string {
  const chain = [bindingText(grant.binding), roleText(grant.role)];
  if (withRule) chain.push(ruleText(grant.rule));
  return chain.join(' → ');
}

export function scopeText(namespace: string | undefined): string {
  return namespace ?? CLUSTER_WIDE;
}

function qualified(namespace: string | undefined, name: string): string {
  return namespace === undefined ? name : `${namespace}/${name}`;
}

const KIND_ORDER: Record<Subject['kind'], number> = { User: 0, Group: 1, ServiceAccount: 2 };

export function compareSubjects(a: Subject, b: Subject): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.name, b.name);
}

/** Input bindings before bootstrap ones, then by kind, namespace, name; rules in role order. */
export function compareGrants(a: Grant, b: Grant): number {
  return (
    Number(a.binding.bootstrap) - Number(b.binding.bootstrap) ||
    compareText(a.binding.kind, b.binding.kind) ||
    compareText(a.binding.namespace ?? '', b.binding.namespace ?? '') ||
    compareText(a.binding.name, b.binding.name) ||
    compareSubjects(a.subject, b.subject) ||
    a.ruleIndex - b.ruleIndex
  );
}

/** Where an input object was read from, for JSON output: `{file, line}` or `{cluster, uid}`. */
export function sourceOf(source: ObjectSource | undefined): { file: string; line: number } | { cluster: string; uid: string } | undefined {
  if (!source) return undefined;
  return 'file' in source ? { file: source.file, line: source.startLine } : { cluster: source.cluster, uid: source.uid };
}

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** A binding as JSON output names it. */
export function bindingJson(binding: BindingInfo): Record<string, unknown> {
  return {
    kind: binding.kind,
    ...(binding.namespace !== undefined ? { namespace: binding.namespace } : {}),
    name: binding.name,
    bootstrap: binding.bootstrap,
    ...(binding.source ? { source: sourceOf(binding.source.source) } : {}),
  };
}

/** A role as JSON output names it. */
export function roleJson(role: RoleInfo): Record<string, unknown> {
  return {
    kind: role.kind,
    ...(role.namespace !== undefined ? { namespace: role.namespace } : {}),
    name: role.name,
    bootstrap: role.bootstrap,
    aggregated: role.aggregated,
    ...(role.source ? { source: sourceOf(role.source.source) } : {}),
  };
}

/** A subject with only the fields Kubernetes defines for its kind. */
export function subjectJson(subject: Subject): Record<string, unknown> {
  return { kind: subject.kind, name: subject.name, ...(subject.namespace !== undefined ? { namespace: subject.namespace } : {}) };
}

export function ruleJson(rule: PolicyRule): PolicyRule {
  return {
    verbs: rule.verbs,
    apiGroups: rule.apiGroups,
    resources: rule.resources,
    resourceNames: rule.resourceNames,
    nonResourceURLs: rule.nonResourceURLs,
  };
}
