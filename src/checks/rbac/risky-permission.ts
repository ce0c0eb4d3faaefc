/**
 * Template for the risky-permission checks: each instance says which requests are risky (as families of
 * SubjectAccessReview-like probes) and owns its metadata and messages; the RBAC semantics live here once.
 *
 * Where findings sit:
 * - on each input RoleBinding / ClusterRoleBinding whose role grants the risk: one finding per binding,
 *   naming its non-system subjects, the role and the rules (bindings that name only system subjects are
 *   skipped: Kubernetes' own components need these powers);
 * - on an input Role / ClusterRole that grants the risk but that no binding refers to (directly, or through
 *   a ClusterRole that aggregates it): the grant is latent, waiting for a binding outside the scanned
 *   input. A ClusterRole aggregated into an input ClusterRole is left to that one, reported once. Roles with Kubernetes-reserved names (`system:*`, the user-facing defaults) are not reported
 *   there: cluster dumps contain them and they grant nothing until bound, when the binding is reported.
 *
 * Matching is the RBAC authorizer's (`ruleAllows`): wildcards, `*\/subresource`, resourceNames. A rule
 * limited by resourceNames still grants the risk for those objects, and the message says so.
 */
import { rbacAnalyzer } from '../../analyzers/rbac/rbac-analyzer.js';
import type { BindingInfo, Grant, PolicyRule, RbacFacts, ResourceRequest, RoleInfo, Subject } from '../../analyzers/rbac/rbac-types.js';
import { normalizeRule, ruleAllows, ruleKey } from '../../analyzers/rbac/rule-match.js';
import { describeEveryone, formatSubject, identityOf, isSystemSubject, subjectKey } from '../../analyzers/rbac/subjects.js';
import { objectMemo } from '../../model/object-memo.js';
import { asArray } from '../../kinds/workloads.js';
import type { CheckMeta, K8sObject } from '../../model/types.js';
import { defineCheck, type Check, type CheckContext } from '../define-check.js';

/** Requests of one shape: any of `verbs` on any of `resources` ('pods', 'pods/exec') of API group `group`. */
export interface RiskProbe {
  verbs: string[];
  /** API group, '' for the core group. */
  group: string;
  /** Plural resources, with the subresource after a slash. */
  resources: string[];
  /**
   * The requests carry no namespace (cluster-scoped resources, or requests the API server authorizes
   * cluster-wide): only ClusterRoleBindings grant them, and a Role never does.
   */
  clusterScoped?: boolean;
  /** Any subresource of the resources (e.g. userextras/<extra key>), not the resource itself. */
  anySubresource?: boolean;
  /**
   * Probes that must also be allowed to the same subject for the risk to exist (e.g. approving a CSR needs
   * update on certificatesigningrequests/approval AND approve on the signer). They may come from another rule
   * or another binding; a binding is reported when it grants at least one part of the combination.
   */
  with?: RiskProbe[];
}

export interface RiskDefinition {
  /** The risk exists when any probe (with its `with` partners) is allowed. */
  probes: RiskProbe[];
}

/** Message ids the template reports; `namespaced` only for risks with a namespaced probe. */
export interface RiskyPermissionMessages {
  /** A ClusterRoleBinding grants it. Data: subjects, binding, role, access, rules. */
  clusterWide: string;
  /** A RoleBinding grants it in its namespace. Data: subjects, binding, namespace, role, access, rules. */
  namespaced?: string;
  /** An input role grants it and no binding refers to it. Data: role, access, rules. */
  unbound: string;
}

export type RiskyPermissionMeta = Omit<CheckMeta, 'category' | 'kinds' | 'stage' | 'messages'> & {
  messages: RiskyPermissionMessages;
};

export const RBAC_KINDS = ['RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole'];

/**
 * Kubernetes' user-facing default roles (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles)
 * and the non-`system:` bootstrap Role; with `system:*` the names a cluster dump brings along.
 */
export const RESERVED_ROLE_NAMES = new Set(['cluster-admin', 'admin', 'edit', 'view', 'extension-apiserver-authentication-reader']);

const MAX_LISTED = 5;

/** Whether `probes` names a request that a RoleBinding can grant. */
export function hasNamespacedProbe(risk: RiskDefinition): boolean {
  const visit = (p: RiskProbe): boolean => !p.clusterScoped || (p.with ?? []).some(visit);
  return risk.probes.some(visit);
}

export function riskyPermissionCheck(meta: RiskyPermissionMeta, risk: RiskDefinition): Check {
  const namespaced = hasNamespacedProbe(risk);
  if (namespaced !== (meta.messages.namespaced !== undefined)) {
    throw new Error(`${meta.id}: the namespaced message is ${namespaced ? 'required (a RoleBinding can grant this risk)' : 'never reported (only cluster-scoped requests)'}`);
  }
  const alternatives = risk.probes.map((p) => [p, ...(p.with ?? [])]);
  const evaluate = (role: RoleInfo, scope: Scope): RoleRisk => {
    const risks = risksOf(role);
    let entry = risks.get(alternatives);
    if (!entry) risks.set(alternatives, (entry = {}));
    return (entry[scope] ??= evaluateRole(role, alternatives, scope));
  };

  return defineCheck({
    meta: { ...meta, category: 'rbac', kinds: RBAC_KINDS, stage: 'deploy', judgesObjectAlone: true, messages: { ...meta.messages } as Record<string, string> },
    check(obj, ctx) {
      const facts = ctx.facts.get(rbacAnalyzer);
      const index = indexOf(facts);
      const binding = index.bindings.get(obj);
      if (binding) return checkBinding(binding, alternatives, facts, evaluate, ctx);
      const role = index.roles.get(obj);
      if (role && !role.bootstrap && !isReservedRoleName(role.name) && !index.bound.has(role) && !index.aggregatedIntoInput.has(role)) {
        checkUnboundRole(obj, role, evaluate, ctx);
      }
    },
  });
}

type Scope = 'cluster' | 'namespace';

/** What one role grants of one probe. */
export interface ProbeGrant {
  verb: string;
  /** The probe's resource ('pods/exec'). */
  resource: string;
  ruleIndex: number;
  /** Set when the rule allows only these objects (resourceNames). */
  names?: string[];
}

/** Per alternative, per part (the probe, then its `with` partners): the grants found in the role. */
type RoleRisk = ProbeGrant[][][];

function evaluateRole(role: RoleInfo, alternatives: RiskProbe[][], scope: Scope): RoleRisk {
  return alternatives.map((parts) =>
    parts.map((probe) => {
      if (probe.clusterScoped && scope === 'namespace') return [];
      const out: ProbeGrant[] = [];
      role.rules.forEach((rule, ruleIndex) => {
        for (const g of probeGrants(rule, probe)) out.push({ ...g, ruleIndex });
      });
      return out;
    }),
  );
}

/**
 * The verbs and resources of the probe that the rule allows, each once: for any object, or (names set)
 * only for the objects its resourceNames list. A create of a top-level resource or a deletecollection
 * carries no object name, so resourceNames can never allow it.
 */
export function probeGrants(rule: PolicyRule, probe: RiskProbe): Omit<ProbeGrant, 'ruleIndex'>[] {
  const out: Omit<ProbeGrant, 'ruleIndex'>[] = [];
  if (rule.nonResourceURLs.length > 0) return out;
  for (const resource of probe.resources) {
    const slash = resource.indexOf('/');
    const base = slash < 0 ? resource : resource.slice(0, slash);
    const sub = slash < 0 ? undefined : resource.slice(slash + 1);
    const subresources = probe.anySubresource ? candidateSubresources(rule, base) : [sub];
    for (const verb of probe.verbs) {
      let found: Omit<ProbeGrant, 'ruleIndex'> | undefined;
      for (const subresource of subresources) {
        const request: ResourceRequest = { verb, group: probe.group, resource: base, ...(subresource ? { subresource } : {}) };
        if (ruleAllows(rule, request)) {
          found = { verb, resource };
          break;
        }
        const nameless = !subresource && (verb === 'create' || verb === 'deletecollection');
        if (nameless || rule.resourceNames.length === 0) continue;
        const names = rule.resourceNames.filter((name) => name !== '' && ruleAllows(rule, { ...request, name }));
        if (names.length > 0) {
          found = { verb, resource, names: found?.names ? [...new Set([...found.names, ...names])] : names };
        }
      }
      if (found) out.push(found);
    }
  }
  return out;
}

/** Subresources of `base` the rule could allow: one per rule resource that can name a subresource. */
function candidateSubresources(rule: PolicyRule, base: string): string[] {
  const out = new Set<string>();
  for (const r of rule.resources) {
    if (r === '*') out.add('any');
    else if (r.startsWith(`${base}/`) && r.length > base.length + 1) out.add(r.slice(base.length + 1));
    else if (r.startsWith('*/') && r.length > 2) out.add(r.slice(2));
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------------
// Bindings

type Evaluate = (role: RoleInfo, scope: Scope) => RoleRisk;

function checkBinding(binding: BindingInfo, alternatives: RiskProbe[][], facts: RbacFacts, evaluate: Evaluate, ctx: CheckContext): void {
  const role = binding.role;
  if (!role || binding.bootstrap) return;
  const subjects = binding.subjects.filter((s) => !isSystemSubject(s));
  if (subjects.length === 0) return;
  const scope: Scope = binding.kind === 'ClusterRoleBinding' ? 'cluster' : 'namespace';
  const risk = evaluate(role, scope);

  const reported = new Map<string, Subject>();
  const access: string[] = [];
  const ruleIndices = new Set<number>();
  // Alternatives the role grants whole first; then combinations it grants part of, which matter for the
  // subjects that get the rest through other bindings (only when that adds a subject).
  const order = risk.map((parts, a) => ({ parts, a, whole: parts.every((grants) => grants.length > 0) }));
  order.sort((x, y) => Number(y.whole) - Number(x.whole));
  for (const { parts, a, whole } of order) {
    if (!parts.some((grants) => grants.length > 0)) continue;
    const elsewhere = new Map<number, string>();
    const candidates = whole ? subjects : subjects.filter((s) => !reported.has(subjectKey(s)));
    const who = candidates.filter((s) =>
      parts.every((grants, i) => {
        if (grants.length > 0) return true;
        const via = grantedElsewhere(facts, s, binding, alternatives[a][i]);
        if (via && !elsewhere.has(i)) elsewhere.set(i, via);
        return via !== undefined;
      }),
    );
    if (who.length === 0) continue;
    for (const s of who) reported.set(subjectKey(s), s);
    parts.forEach((grants, i) => {
      if (grants.length === 0) {
        access.push(`${describeProbe(alternatives[a][i])} (${elsewhere.get(i)})`);
        return;
      }
      access.push(...describeGrantsOnce(grants));
      for (const g of grants) ruleIndices.add(g.ruleIndex);
    });
  }
  if (reported.size === 0) return;
  ctx.report({
    messageId: scope === 'cluster' ? 'clusterWide' : 'namespaced',
    data: {
      subjects: listOf([...reported.values()].map(describeSubject)),
      binding: binding.name,
      namespace: binding.namespace ?? '',
      role: describeRole(role),
      access: joinAccess(access),
      rules: describeRules(role, [...ruleIndices]),
    },
    path: '/roleRef/name',
  });
}

function describeSubject(subject: Subject): string {
  const who = describeEveryone(subject);
  return who ? `${formatSubject(subject)} (${who})` : formatSubject(subject);
}

/**
 * Whether another binding gives the subject the probe where this binding applies, and which ('through
 * ClusterRoleBinding "x"'). A cluster-scoped probe needs a ClusterRoleBinding; a namespaced one a
 * ClusterRoleBinding or a RoleBinding of the same namespace (any namespace when this binding is cluster-wide).
 */
function grantedElsewhere(facts: RbacFacts, subject: Subject, binding: BindingInfo, probe: RiskProbe): string | undefined {
  // This binding does not grant the probe where it applies (that is why it is looked for elsewhere), so the
  // answer depends only on the subject, the probe and the namespace: memoised per scan.
  const index = indexOf(facts);
  const where = binding.kind === 'RoleBinding' ? (binding.namespace ?? '') : '*';
  let perProbe = index.elsewhere.get(probe);
  if (!perProbe) index.elsewhere.set(probe, (perProbe = new Map()));
  const key = `${subjectKey(subject)}\u0000${where}`;
  if (perProbe.has(key)) return perProbe.get(key);
  let found: string | undefined;
  for (const g of grantsOf(index, facts, subject)) {
    const other = g.binding;
    if (other === binding) continue;
    if (other.kind === 'RoleBinding') {
      if (probe.clusterScoped) continue;
      if (binding.kind === 'RoleBinding' && other.namespace !== binding.namespace) continue;
    }
    if (probeGrants(g.rule, probe).length > 0) {
      found = `through ${other.kind} "${other.name}"${other.namespace ? ` in namespace "${other.namespace}"` : ''}`;
      break;
    }
  }
  perProbe.set(key, found);
  return found;
}

function grantsOf(index: RbacObjectIndex, facts: RbacFacts, subject: Subject): Grant[] {
  const key = subjectKey(subject);
  let grants = index.grants.get(key);
  if (!grants) index.grants.set(key, (grants = facts.grantsFor(identityOf(subject))));
  return grants;
}

// ---------------------------------------------------------------------------------------------------
// Unbound roles

function checkUnboundRole(obj: K8sObject, role: RoleInfo, evaluate: Evaluate, ctx: CheckContext): void {
  // A Role can only be bound by RoleBindings; a ClusterRole by either, so everything it lists counts.
  const risk = evaluate(role, role.kind === 'Role' ? 'namespace' : 'cluster');
  const access: string[] = [];
  const ruleIndices = new Set<number>();
  for (const parts of risk) {
    if (parts.some((grants) => grants.length === 0)) continue;
    for (const grants of parts) {
      access.push(...describeGrantsOnce(grants));
      for (const g of grants) ruleIndices.add(g.ruleIndex);
    }
  }
  if (access.length === 0) return;
  const indices = [...ruleIndices].sort((a, b) => a - b);
  ctx.report({
    messageId: 'unbound',
    data: { role: describeRole(role), access: joinAccess(access), rules: describeRules(role, indices) },
    path: rulePointer(obj, role.rules[indices[0]]) ?? (role.aggregated ? '/aggregationRule' : '/rules'),
  });
}

/** The pointer of the object's own rule equal to `rule`, if it has one (aggregated rules come from other roles). */
function rulePointer(obj: K8sObject, rule: PolicyRule | undefined): string | undefined {
  if (!rule) return undefined;
  const key = ruleKey(rule);
  const raw = asArray<unknown>(obj.rules);
  for (let i = 0; i < raw.length; i++) {
    const r = normalizeRule(raw[i]);
    if (r && ruleKey(r) === key) return `/rules/${i}`;
  }
  return undefined;
}

export function isReservedRoleName(name: string): boolean {
  return name.startsWith('system:') || RESERVED_ROLE_NAMES.has(name);
}

// ---------------------------------------------------------------------------------------------------
// Input objects → RBAC facts

interface RbacObjectIndex {
  bindings: Map<K8sObject, BindingInfo>;
  roles: Map<K8sObject, RoleInfo>;
  /** Roles some binding refers to, directly or through (transitively) the ClusterRoles aggregating them. */
  bound: Set<RoleInfo>;
  /** Roles aggregated (transitively) into an input ClusterRole that is reported for their rules. */
  aggregatedIntoInput: Set<RoleInfo>;
  /** Memo: every grant of a subject (by subjectKey). */
  grants: Map<string, Grant[]>;
  /** Memo of grantedElsewhere: per probe, per subject and namespace ('*': any). */
  elsewhere: Map<RiskProbe, Map<string, string | undefined>>;
}

/** Per role, per risk (its alternatives), per scope: what it grants of each alternative. Roles are per scan. */
const risksOf = objectMemo((_role: RoleInfo) => new Map<RiskProbe[][], Partial<Record<Scope, RoleRisk>>>());

/** Built once per scan (the facts object) and shared by every risky-permission check. */
export const indexOf = objectMemo((facts: RbacFacts): RbacObjectIndex => {
  const bindings = new Map<K8sObject, BindingInfo>();
  const roles = new Map<K8sObject, RoleInfo>();
  for (const b of facts.bindings) if (b.source) bindings.set(b.source.object, b);
  for (const r of facts.roles) if (r.source) roles.set(r.source.object, r);
  const aggregates = facts.roles.filter((r) => r.source && r.aggregated && !isReservedRoleName(r.name));
  return {
    bindings,
    roles,
    bound: closure(facts, facts.bindings.map((b) => b.role)),
    aggregatedIntoInput: closure(facts, aggregates.flatMap((r) => r.aggregatedFrom.map((name) => facts.role('ClusterRole', undefined, name)))),
    grants: new Map(),
    elsewhere: new Map(),
  };
});

/** The roles and, transitively, the ClusterRoles aggregated into them. */
function closure(facts: RbacFacts, start: (RoleInfo | undefined)[]): Set<RoleInfo> {
  const out = new Set<RoleInfo>();
  const queue: RoleInfo[] = [];
  const add = (role: RoleInfo | undefined): void => {
    if (!role || out.has(role)) return;
    out.add(role);
    queue.push(role);
  };
  start.forEach(add);
  while (queue.length > 0) for (const name of (queue.pop() as RoleInfo).aggregatedFrom) add(facts.role('ClusterRole', undefined, name));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Message text

/** 'get, list secrets', 'create pods/exec on the specific pods "web-0"', 'approve the specific signers "a"'. */
/** evaluate() is memoised per role and scope, so the same grant lists recur for every binding to a role. */
const describeGrantsOnce = objectMemo(describeGrants);

export function describeGrants(grants: ProbeGrant[]): string[] {
  // Per resource: the verbs allowed on any object, then per verb the objects of name-limited rules.
  const byResource = new Map<string, { all: string[]; named: Map<string, Set<string>> }>();
  for (const g of grants) {
    let entry = byResource.get(g.resource);
    if (!entry) byResource.set(g.resource, (entry = { all: [], named: new Map() }));
    if (!g.names) {
      if (!entry.all.includes(g.verb)) entry.all.push(g.verb);
    } else {
      let names = entry.named.get(g.verb);
      if (!names) entry.named.set(g.verb, (names = new Set()));
      for (const n of g.names) names.add(n);
    }
  }
  const out: string[] = [];
  // Resources allowed the same verbs on any object are written together: 'create, get pods/exec, pods/attach'.
  const byVerbs = new Map<string, string[]>();
  for (const [resource, { all }] of byResource) {
    if (all.length > 0) byVerbs.set(all.join(', '), [...(byVerbs.get(all.join(', ')) ?? []), resource]);
  }
  for (const [verbs, resources] of byVerbs) out.push(`${verbs} ${resources.join(', ')}`);
  for (const [resource, { all, named }] of byResource) {
    // Verbs with the same objects are written together.
    const byNames = new Map<string, string[]>();
    for (const [verb, names] of named) {
      if (all.includes(verb)) continue;
      const key = JSON.stringify([...names]);
      byNames.set(key, [...(byNames.get(key) ?? []), verb]);
    }
    for (const [key, verbs] of byNames) out.push(`${verbs.join(', ')} ${specific(resource, JSON.parse(key) as string[])}`);
  }
  return out;
}

function specific(resource: string, names: string[]): string {
  const slash = resource.indexOf('/');
  const listed = listOf(names.map((n) => `"${n}"`));
  return slash < 0 ? `the specific ${resource} ${listed}` : `${resource} on the specific ${resource.slice(0, slash)} ${listed}`;
}

function describeProbe(probe: RiskProbe): string {
  return `${probe.verbs.join('/')} ${probe.resources.map((r) => (probe.anySubresource ? `${r}/*` : r)).join(', ')}`;
}

function describeRole(role: RoleInfo): string {
  return `${role.kind} "${role.name}"${role.aggregated ? ' (aggregated)' : ''}`;
}

/** 'rules[0] {apiGroups: [""], resources: [secrets], verbs: [get, list]}', at most MAX_LISTED of them. */
export function describeRules(role: RoleInfo, indices: number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const text = sorted.slice(0, MAX_LISTED).map((i) => `rules[${i}] ${describeRule(role.rules[i])}`);
  if (sorted.length > MAX_LISTED) text.push(`and ${sorted.length - MAX_LISTED} more rules`);
  return text.join('; ');
}

export function describeRule(rule: PolicyRule): string {
  const list = (items: string[]): string => `[${items.map((s) => (s === '' ? '""' : s)).join(', ')}]`;
  const parts = [`apiGroups: ${list(rule.apiGroups)}`, `resources: ${list(rule.resources)}`];
  if (rule.resourceNames.length > 0) parts.push(`resourceNames: ${list(rule.resourceNames)}`);
  parts.push(`verbs: ${list(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}

function joinAccess(items: string[]): string {
  return [...new Set(items)].join('; ');
}

/** 'a, b and c', or 'a, b, c, d, e and 3 more'. */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length > MAX_LISTED) return `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
