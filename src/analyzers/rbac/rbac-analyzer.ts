/**
 * The RBAC fact: the input's Roles, ClusterRoles, RoleBindings and ClusterRoleBindings over Kubernetes'
 * 1.26 bootstrap policy, ClusterRole aggregation resolved as the clusterrole-aggregation controller does,
 * and indexes (built lazily, once) answering "who can" and "what can" as the RBAC authorizer would.
 */
import type { Inventory } from '../../inventory/inventory.js';
import { namespaceKey } from '../../inventory/inventory.js';
import { selectorMatches, type LabelSelector, type LabelSelectorRequirement } from '../../inventory/label-selector.js';
import { effectiveKind } from '../../kinds/kind-groups.js';
import { asArray, isRecord } from '../../kinds/workloads.js';
import type { ParsedObject } from '../../sources/parsed-object.js';
import type { K8sObject } from '../../model/types.js';
import { objectMemo } from '../../model/object-memo.js';
import { defineAnalyzer } from '../facts.js';
import { bootstrapPolicy } from './bootstrap-policy.js';
import type { AccessRequest, BindingInfo, Grant, Identity, PolicyRule, RbacFacts, RoleInfo, Subject } from './rbac-types.js';
import { isResourceRequest, normalizeRule, ruleAllows, ruleKey } from './rule-match.js';
import { normalizeSubject, RBAC_GROUP, serviceAccountUser, subjectKey } from './subjects.js';

export const AGGREGATE_TO_LABEL_PREFIX = 'rbac.authorization.k8s.io/aggregate-to-';

const RBAC_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'] as const;

export const rbacAnalyzer = defineAnalyzer<RbacFacts>('rbac', (inventory: Inventory) =>
  analyzeRbac(RBAC_KINDS.flatMap((kind) => inventory.ofKind(kind))),
);

export interface AnalyzeRbacOptions {
  /** Include Kubernetes' bootstrap roles and bindings (default true). */
  bootstrap?: boolean;
}

/**
 * The RBAC fact for these objects (other kinds are ignored). An input object with the kind, namespace
 * and name of a bootstrap object takes its place, with the bootstrap policy reconciled into it as the
 * API server does at start (see Candidate); among input objects with the same key, the last wins.
 */
export function analyzeRbac(objects: ParsedObject[], options: AnalyzeRbacOptions = {}): RbacFacts {
  const boot = options.bootstrap === false ? [] : bootstrapPolicy();
  const roleObjects = new Map<string, Candidate>();
  const bindingObjects = new Map<string, Candidate>();
  for (const [list, bootstrap] of [[objects, false], [boot, true]] as const) {
    for (const po of list) {
      const place = placeOf(po);
      if (!place) continue;
      const target = place.role ? roleObjects : bindingObjects;
      const key = place.key;
      // Input objects come first: a later input object replaces an earlier one. A bootstrap object
      // never replaces an input one, but the API server reconciles it into it (see Candidate).
      const existing = target.get(key);
      if (bootstrap && existing) {
        if (!optedOutOfAutoupdate(existing.po)) existing.twin = po;
        continue;
      }
      target.set(key, { po, bootstrap });
    }
  }

  const roles = new Map<string, RoleEntry>();
  for (const [key, { po, bootstrap, twin }] of roleObjects) roles.set(key, roleEntry(po, bootstrap, twin));
  aggregate([...roles.values()].filter((r) => r.info.kind === 'ClusterRole'));

  const bindings: BindingInfo[] = [];
  for (const { po, bootstrap, twin } of bindingObjects.values()) {
    const b = bindingInfo(po, bootstrap, roles, twin);
    if (b) bindings.push(b);
  }
  return new RbacIndex([...roles.values()].map((r) => r.info), bindings, roles);
}

/**
 * An RBAC object and, for an input object that redefines a bootstrap one, that bootstrap object: at
 * every start the API server reconciles its default policy into such objects (adding missing rules,
 * labels, aggregation selectors and subjects, and restoring a changed roleRef) unless they are
 * annotated rbac.authorization.kubernetes.io/autoupdate: "false".
 */
interface Candidate {
  po: ParsedObject;
  bootstrap: boolean;
  twin?: ParsedObject;
}

const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

function optedOutOfAutoupdate(po: ParsedObject): boolean {
  const annotations = po.object.metadata.annotations;
  return isRecord(annotations) && annotations[AUTOUPDATE_ANNOTATION] === 'false';
}

function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

/*
 * What an RBAC object says is read once per object: every analysis reads the whole bootstrap policy
 * again (at admission, one analysis per request), so its roles' normalised rules, rule keys, labels and
 * selectors, and its bindings' subjects, are kept on its (shared, never mutated) objects. An analysis
 * builds its own RoleInfo and BindingInfo around them, since aggregation assigns new rule lists.
 */

/** An RBAC object's kind and key, or undefined for other kinds and unnamed objects. */
const placeOf = objectMemo((po: ParsedObject): { role: boolean; key: string } | undefined => {
  const kind = effectiveKind(po.object);
  const name = po.object.metadata.name;
  if (typeof name !== 'string' || name === '') return undefined;
  const role = kind === 'Role' || kind === 'ClusterRole';
  if (!role && kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') return undefined;
  const ns = kind === 'Role' || kind === 'RoleBinding' ? namespaceKey(po.object) : '';
  return { role, key: objectKey(kind, ns, name) };
});

// ---------------------------------------------------------------------------------------------------
// Roles and aggregation

interface KeyedRule {
  rule: PolicyRule;
  key: string;
}

interface RoleEntry {
  info: RoleInfo;
  labels: Record<string, string>;
  /** `key=value` of each label. */
  labelPairs: string[];
  /** Parsed clusterRoleSelectors; 'invalid' when one of them is (the controller then leaves the role alone). */
  selectors?: LabelSelector[] | 'invalid';
  current: KeyedRule[];
}

/** What a role object (reconciled with its bootstrap twin, if any) says, independent of the other roles. */
interface RoleBasis {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace?: string;
  ownRules: PolicyRule[];
  keyedRules: KeyedRule[];
  labels: Record<string, string>;
  labelPairs: string[];
  aggregatesInto: string[];
  selectors?: LabelSelector[] | 'invalid';
}

function roleEntry(po: ParsedObject, bootstrap: boolean, twin?: ParsedObject): RoleEntry {
  const basis = twin ? readRoleBasis(po.object, twin.object) : roleBasisOf(po);
  // Assigned, not spread: this runs for every bootstrap role at every analysis.
  const info: RoleInfo = { kind: basis.kind, name: basis.name, rules: basis.ownRules, ownRules: basis.ownRules, aggregated: basis.selectors !== undefined, aggregatedFrom: [], aggregatesInto: basis.aggregatesInto, bootstrap };
  if (basis.namespace !== undefined) info.namespace = basis.namespace;
  if (!bootstrap) info.source = po;
  return { info, labels: basis.labels, labelPairs: basis.labelPairs, selectors: basis.selectors, current: basis.keyedRules };
}

const roleBasisOf = objectMemo((po: ParsedObject): RoleBasis => readRoleBasis(po.object));

function readRoleBasis(obj: K8sObject, twin?: K8sObject): RoleBasis {
  const kind = effectiveKind(obj) as 'Role' | 'ClusterRole';
  const readRules = (o: K8sObject) => asArray<unknown>(o.rules).map(normalizeRule).filter((r): r is PolicyRule => r !== undefined);
  const ownRules = twin ? uniqueRules([...readRules(obj), ...readRules(twin)]) : readRules(obj);
  const labels: Record<string, string> = {};
  for (const source of twin ? [twin, obj] : [obj]) {
    if (!isRecord(source.metadata.labels)) continue;
    for (const [k, v] of Object.entries(source.metadata.labels)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') labels[k] = String(v);
    }
  }
  const aggregatesInto = Object.keys(labels)
    .filter((k) => k.startsWith(AGGREGATE_TO_LABEL_PREFIX) && labels[k] === 'true' && k.length > AGGREGATE_TO_LABEL_PREFIX.length)
    .map((k) => k.slice(AGGREGATE_TO_LABEL_PREFIX.length));
  const selectors = kind === 'ClusterRole' ? reconciledSelectors(parseAggregationRule(obj.aggregationRule), twin && parseAggregationRule(twin.aggregationRule)) : undefined;
  return {
    kind,
    name: obj.metadata.name as string,
    ...(kind === 'Role' ? { namespace: namespaceKey(obj) } : {}),
    ownRules,
    keyedRules: ownRules.map((rule) => ({ rule, key: ruleKey(rule) })),
    labels,
    labelPairs: Object.entries(labels).map(([k, v]) => `${k}=${v}`),
    aggregatesInto,
    selectors,
  };
}

function uniqueRules(rules: PolicyRule[]): PolicyRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const key = ruleKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The reconciler adds the default aggregation selectors to those the object has. */
function reconciledSelectors(own: LabelSelector[] | 'invalid' | undefined, defaults: LabelSelector[] | 'invalid' | undefined): LabelSelector[] | 'invalid' | undefined {
  if (own === 'invalid' || defaults === undefined || defaults === 'invalid') return own;
  if (own === undefined) return defaults;
  const seen = new Set(own.map((s) => JSON.stringify(s)));
  return [...own, ...defaults.filter((s) => !seen.has(JSON.stringify(s)))];
}

/**
 * Whether a ClusterRole's rules are filled in by the clusterrole-aggregation controller: it has an
 * aggregationRule with selectors, or it is a bootstrap role that has one (the API server reconciles it
 * back into a redefinition at start-up). Otherwise its effective rules are the ones written in it, which
 * can be judged from the object alone (admission).
 */
export function isAggregatedClusterRole(obj: K8sObject): boolean {
  if (parseAggregationRule(obj.aggregationRule) !== undefined) return true;
  bootstrapAggregated ??= new Set(
    bootstrapPolicy()
      .filter(({ object: b }) => b.kind === 'ClusterRole' && parseAggregationRule(b.aggregationRule) !== undefined)
      .map(({ object: b }) => String(b.metadata.name)),
  );
  return bootstrapAggregated.has(String(obj.metadata.name));
}

/** Names of the bootstrap ClusterRoles that have an aggregationRule (read once). */
let bootstrapAggregated: ReadonlySet<string> | undefined;

/**
 * An aggregationRule: undefined when absent or without selectors (the API server rejects an
 * aggregationRule with none), 'invalid' when a selector cannot be converted to a label selector.
 * A null selector in the list decodes to the empty selector, which selects every ClusterRole.
 */
function parseAggregationRule(raw: unknown): LabelSelector[] | 'invalid' | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.clusterRoleSelectors) || raw.clusterRoleSelectors.length === 0) return undefined;
  const out: LabelSelector[] = [];
  for (const s of raw.clusterRoleSelectors as unknown[]) {
    if (s === null || s === undefined) {
      out.push({});
      continue;
    }
    const parsed = parseSelector(s);
    if (!parsed) return 'invalid';
    out.push(parsed);
  }
  return out;
}

function parseSelector(raw: unknown): LabelSelector | undefined {
  if (!isRecord(raw)) return undefined;
  const matchLabels: Record<string, string> = {};
  if (raw.matchLabels !== undefined && raw.matchLabels !== null) {
    if (!isRecord(raw.matchLabels)) return undefined;
    for (const [k, v] of Object.entries(raw.matchLabels)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
      matchLabels[k] = String(v);
    }
  }
  const matchExpressions: LabelSelectorRequirement[] = [];
  if (raw.matchExpressions !== undefined && raw.matchExpressions !== null) {
    if (!Array.isArray(raw.matchExpressions)) return undefined;
    for (const e of raw.matchExpressions as unknown[]) {
      if (!isRecord(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') return undefined;
      const values = e.values === undefined || e.values === null ? [] : e.values;
      if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) return undefined;
      // metav1.LabelSelectorAsSelector: In/NotIn need values, Exists/DoesNotExist take none.
      if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) return undefined;
      if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) return undefined;
      if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) return undefined;
      matchExpressions.push({ key: e.key, operator: e.operator, values: values as string[] });
    }
  }
  return { matchLabels, matchExpressions };
}

/**
 * Resolves aggregated ClusterRoles as the clusterrole-aggregation controller does: for each selector in
 * order, the ClusterRoles it selects (other than the role itself) sorted by name, their rules appended
 * unless a semantically equal rule is already there. The result is the controller's eventual state:
 * aggregated roles feeding aggregated roles are resolved sources first, cycles to their fixed point.
 */
function aggregate(clusterRoles: RoleEntry[]): void {
  const byLabel = new Map<string, RoleEntry[]>();
  for (const r of clusterRoles) {
    for (const key of r.labelPairs) {
      let list = byLabel.get(key);
      if (!list) byLabel.set(key, (list = []));
      list.push(r);
    }
  }

  // Only the aggregated roles and what each selector picks need name order; sorting every ClusterRole
  // (the bootstrap policy's included) cost a tenth of an RBAC admission decision.
  const aggregated = clusterRoles.filter((r) => Array.isArray(r.selectors)).sort(byName);
  const sources = new Map<RoleEntry, RoleEntry[]>();
  for (const target of aggregated) {
    const seen = new Set<RoleEntry>();
    const list: RoleEntry[] = [];
    for (const selector of target.selectors as LabelSelector[]) {
      const first = Object.entries(selector.matchLabels ?? {})[0];
      const candidates = first ? (byLabel.get(`${first[0]}=${first[1]}`) ?? []) : clusterRoles;
      const picked: RoleEntry[] = [];
      for (const c of candidates) {
        if (c === target || seen.has(c) || !selectorMatches(selector, c.labels)) continue;
        seen.add(c);
        picked.push(c);
      }
      list.push(...picked.sort(byName));
    }
    sources.set(target, list);
    target.info.aggregatedFrom = [...new Set(list.map((c) => c.info.name))].sort();
  }

  const recompute = (target: RoleEntry): boolean => {
    const next: KeyedRule[] = [];
    const keys = new Set<string>();
    for (const src of sources.get(target) ?? []) {
      for (const kr of src.current) {
        if (keys.has(kr.key)) continue;
        keys.add(kr.key);
        next.push(kr);
      }
    }
    if (sameRules(next, target.current)) return false;
    target.current = next;
    return true;
  };

  // Components of the "aggregates from" graph, sources before the roles that select them: an
  // acyclic role is computed once, from final sources.
  for (const component of stronglyConnected(aggregated, (r) => (sources.get(r) ?? []).filter((s) => sources.has(s)))) {
    if (component.length === 1) {
      recompute(component[0]);
      continue;
    }
    // A cycle: at the controller's fixed point every member holds the same set of rules (rules flow
    // around the cycle, and the rules a member was written with keep circulating); only their order
    // differs. Start every member at that set, then settle the order in name order.
    const union: KeyedRule[] = [];
    const seen = new Set<string>();
    const add = (list: KeyedRule[]): void => {
      for (const kr of list) if (!seen.has(kr.key)) (seen.add(kr.key), union.push(kr));
    };
    const members = new Set(component);
    component.sort(byName);
    for (const m of component) {
      add(m.current);
      for (const src of sources.get(m) ?? []) if (!members.has(src)) add(src.current);
    }
    for (const m of component) m.current = union;
    for (let pass = 0; pass < 20; pass++) {
      let changed = false;
      for (const m of component) changed = recompute(m) || changed;
      if (!changed) break;
    }
  }
  for (const r of aggregated) r.info.rules = r.current.map((kr) => kr.rule);
}

function byName(a: RoleEntry, b: RoleEntry): number {
  return a.info.name < b.info.name ? -1 : a.info.name > b.info.name ? 1 : 0;
}

/**
 * Tarjan's strongly connected components, iteratively; a component is emitted after every component
 * its members have edges to.
 */
function stronglyConnected<T>(nodes: T[], edges: (node: T) => T[]): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const out: T[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: T; next: T[]; i: number }[] = [];
    const open = (node: T): void => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: edges(node), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++];
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(w) as number));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent) as number, low.get(frame.node) as number));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: T[] = [];
        let w: T;
        do {
          w = stack.pop() as T;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.node);
        out.push(component);
      }
    }
  }
  return out;
}

function sameRules(a: KeyedRule[], b: KeyedRule[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].key !== b[i].key) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Bindings

function bindingInfo(po: ParsedObject, bootstrap: boolean, roles: Map<string, RoleEntry>, twin?: ParsedObject): BindingInfo | undefined {
  const basis = twin ? readBindingBasis(po.object, twin.object) : bindingBasisOf(po);
  if (!basis) return undefined;
  const { kind, name, namespace, roleRef, subjects } = basis;
  let role: RoleInfo | undefined;
  if (roleRef.kind === 'ClusterRole') role = roles.get(objectKey('ClusterRole', '', roleRef.name))?.info;
  else if (namespace !== undefined) role = roles.get(objectKey('Role', namespace, roleRef.name))?.info;
  const info: BindingInfo = { kind, name, roleRef: { kind: roleRef.kind, name: roleRef.name }, role, subjects, bootstrap };
  if (namespace !== undefined) info.namespace = namespace;
  if (!bootstrap) info.source = po;
  return info;
}

/** What a binding object (reconciled with its bootstrap twin, if any) says; undefined when the API server would reject its roleRef. */
type BindingBasis = Pick<BindingInfo, 'kind' | 'name' | 'namespace' | 'roleRef' | 'subjects'>;

const bindingBasisOf = objectMemo((po: ParsedObject): BindingBasis | undefined => readBindingBasis(po.object));

function readBindingBasis(obj: K8sObject, twin?: K8sObject): BindingBasis | undefined {
  const kind = effectiveKind(obj) as 'RoleBinding' | 'ClusterRoleBinding';
  // A reconciled binding whose roleRef differs from the default is recreated with the default's.
  const ref = twin && isRecord(twin.roleRef) ? twin.roleRef : obj.roleRef;
  if (!isRecord(ref) || (ref.kind !== 'Role' && ref.kind !== 'ClusterRole') || typeof ref.name !== 'string' || ref.name === '') return undefined;
  // The API server requires roleRef.apiGroup rbac.authorization.k8s.io; a missing one is tolerated.
  if (ref.apiGroup !== undefined && ref.apiGroup !== null && ref.apiGroup !== '' && ref.apiGroup !== RBAC_GROUP) return undefined;
  const namespace = kind === 'RoleBinding' ? namespaceKey(obj) : undefined;
  const subjects: Subject[] = [];
  const seen = new Set<string>();
  for (const raw of [...asArray<unknown>(obj.subjects), ...(twin ? asArray<unknown>(twin.subjects) : [])]) {
    const s = normalizeSubject(raw, namespace);
    if (!s) continue;
    const key = subjectKey(s);
    if (seen.has(key)) continue;
    seen.add(key);
    subjects.push(s);
  }
  return { kind, name: obj.metadata.name as string, ...(namespace !== undefined ? { namespace } : {}), roleRef: { kind: ref.kind, name: ref.name }, subjects };
}

/**
 * Whether the binding takes part in deciding the request: ClusterRoleBindings always; RoleBindings only
 * for resource requests in their namespace (the authorizer visits RoleBindings of the request's
 * namespace only, and non-resource and cluster-wide requests have none).
 */
export function bindingInScope(binding: BindingInfo, request: AccessRequest): boolean {
  if (binding.kind === 'ClusterRoleBinding') return true;
  if (!isResourceRequest(request) || !request.namespace) return false;
  return binding.namespace === request.namespace;
}

// ---------------------------------------------------------------------------------------------------
// Queries

/** Cheap pre-filters of a role's rules: the verbs its resource rules and non-resource rules name. */
interface RoleMatcher {
  resourceVerbs: Set<string>;
  nonResourceVerbs: Set<string>;
}

interface SubjectEntry {
  binding: BindingInfo;
  subject: Subject;
}

interface Indexes {
  /** 'u\0<user name>' (User subjects, and ServiceAccounts by their user name) and 'g\0<group>'. */
  bySubject: Map<string, SubjectEntry[]>;
  clusterBindings: BindingInfo[];
  roleBindingsByNamespace: Map<string, BindingInfo[]>;
  matchers: Map<RoleInfo, RoleMatcher>;
  subjects: Subject[];
}

class RbacIndex implements RbacFacts {
  private indexes: Indexes | undefined;

  constructor(
    readonly roles: RoleInfo[],
    readonly bindings: BindingInfo[],
    private readonly roleMap: Map<string, RoleEntry>,
  ) {}

  role(kind: 'Role' | 'ClusterRole', namespace: string | undefined, name: string): RoleInfo | undefined {
    return this.roleMap.get(objectKey(kind, kind === 'Role' ? (namespace ?? '') : '', name))?.info;
  }

  subjects(): Subject[] {
    return this.index().subjects;
  }

  grantsFor(identity: Identity): Grant[] {
    const out: Grant[] = [];
    for (const { binding, subject } of this.entriesFor(identity)) {
      const role = binding.role;
      if (!role) continue;
      role.rules.forEach((rule, ruleIndex) => out.push(grant(subject, binding, role, rule, ruleIndex)));
    }
    return out;
  }

  allowedBy(identity: Identity, request: AccessRequest): Grant[] {
    const out: Grant[] = [];
    const cache = new Map<RoleInfo, number[]>();
    for (const { binding, subject } of this.entriesFor(identity)) {
      const role = binding.role;
      if (!role || !bindingInScope(binding, request)) continue;
      for (const i of this.matching(role, request, cache)) out.push(grant(subject, binding, role, role.rules[i], i));
    }
    return out;
  }

  whoCan(request: AccessRequest): Grant[] {
    const idx = this.index();
    const out: Grant[] = [];
    const cache = new Map<RoleInfo, number[]>();
    const visit = (bindings: BindingInfo[]): void => {
      for (const binding of bindings) {
        const role = binding.role as RoleInfo;
        const rules = this.matching(role, request, cache);
        if (rules.length === 0) continue;
        for (const subject of binding.subjects) {
          for (const i of rules) out.push(grant(subject, binding, role, role.rules[i], i));
        }
      }
    };
    visit(idx.clusterBindings);
    if (isResourceRequest(request) && request.namespace) visit(idx.roleBindingsByNamespace.get(request.namespace) ?? []);
    return out;
  }

  /** The binding subjects naming the identity, each binding and subject once. */
  private entriesFor(identity: Identity): SubjectEntry[] {
    const idx = this.index();
    const keys = new Set<string>();
    if (identity.user) keys.add(`u\u0000${identity.user}`);
    for (const g of identity.groups) keys.add(`g\u0000${g}`);
    const out: SubjectEntry[] = [];
    for (const k of keys) {
      const list = idx.bySubject.get(k);
      if (list) for (const e of list) out.push(e);
    }
    return out;
  }

  /** Indices of the role's rules that allow the request, memoised per query. */
  private matching(role: RoleInfo, request: AccessRequest, cache: Map<RoleInfo, number[]>): number[] {
    let hit = cache.get(role);
    if (hit) return hit;
    hit = [];
    const m = this.index().matchers.get(role) as RoleMatcher;
    const verbs = isResourceRequest(request) ? m.resourceVerbs : m.nonResourceVerbs;
    if (verbs.has('*') || verbs.has(request.verb)) {
      const rules = role.rules;
      for (let i = 0; i < rules.length; i++) if (ruleAllows(rules[i], request)) hit.push(i);
    }
    cache.set(role, hit);
    return hit;
  }

  private index(): Indexes {
    if (this.indexes) return this.indexes;
    const bySubject = new Map<string, SubjectEntry[]>();
    const clusterBindings: BindingInfo[] = [];
    const roleBindingsByNamespace = new Map<string, BindingInfo[]>();
    const subjects = new Map<string, Subject>();
    for (const binding of this.bindings) {
      for (const subject of binding.subjects) {
        const sk = subjectKey(subject);
        if (!subjects.has(sk)) subjects.set(sk, subject);
        const key =
          subject.kind === 'Group'
            ? `g\u0000${subject.name}`
            : subject.kind === 'User'
              ? `u\u0000${subject.name}`
              : `u\u0000${serviceAccountUser(subject.namespace ?? '', subject.name)}`;
        let list = bySubject.get(key);
        if (!list) bySubject.set(key, (list = []));
        list.push({ binding, subject });
      }
      if (!binding.role) continue;
      if (binding.kind === 'ClusterRoleBinding') clusterBindings.push(binding);
      else {
        const ns = binding.namespace ?? '';
        let list = roleBindingsByNamespace.get(ns);
        if (!list) roleBindingsByNamespace.set(ns, (list = []));
        list.push(binding);
      }
    }
    const matchers = new Map<RoleInfo, RoleMatcher>();
    for (const role of this.roles) {
      const m: RoleMatcher = { resourceVerbs: new Set(), nonResourceVerbs: new Set() };
      for (const rule of role.rules) {
        const set = rule.nonResourceURLs.length > 0 ? m.nonResourceVerbs : m.resourceVerbs;
        for (const v of rule.verbs) set.add(v);
      }
      matchers.set(role, m);
    }
    this.indexes = { bySubject, clusterBindings, roleBindingsByNamespace, matchers, subjects: [...subjects.values()] };
    return this.indexes;
  }
}

function grant(subject: Subject, binding: BindingInfo, role: RoleInfo, rule: PolicyRule, ruleIndex: number): Grant {
  return { subject, binding, role, rule, ruleIndex, ...(binding.kind === 'RoleBinding' ? { namespace: binding.namespace } : {}) };
}
