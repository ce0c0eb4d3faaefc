/**
 * What a ServiceAccount can do with the RBAC fact's grants, for the escalation-path check: the powers
 * that amount to cluster-admin or to reading every Secret, and the ways it can act as another account.
 */
import type { NamespaceAccounts } from '../../analyzers/namespace-accounts.js';
import type { Grant, Identity, RbacFacts, ResourceRequest } from '../../analyzers/rbac/rbac-types.js';
import { identityOf } from '../../analyzers/rbac/subjects.js';
import { objectMemo } from '../../model/object-memo.js';
import { compareStrings, isBuiltInClusterAdmin, isFullAccessRule, RBAC_GROUP } from './rbac-check-helpers.js';

/** 2: can make itself cluster-admin; 1: reads every Secret; 0: neither. */
export type PowerLevel = 0 | 1 | 2;

export interface BasicPower {
  /** A ClusterRoleBinding grant of cluster-admin or of a rule allowing everything on every resource. */
  admin?: Grant;
  /** A grant allowing get, list or watch on Secrets in every namespace. */
  readSecrets?: { grant: Grant; verb: string };
  /** A grant of bind or escalate that, with its companion permission, lets it grant itself cluster-admin. */
  escalate?: { grant: Grant; what: string };
  /** A grant of impersonate on users, groups or service accounts in every namespace. */
  impersonate?: { grant: Grant; resource: string };
  level: PowerLevel;
}

export interface Action {
  grant: Grant;
  /** 'create pods', 'impersonate serviceaccounts', … */
  action: string;
  /** Undefined: every namespace. */
  namespace?: string;
}

export interface Reach {
  /** Where it can create pods or pod-creating workloads: the first allowed resource per scope, every namespace first. */
  createPods: Action[];
  /** Where it can run as, impersonate or mint tokens for any ServiceAccount of the namespace. */
  actAs: Action[];
}

interface Creator {
  group: string;
  resource: string;
}

/** Resources whose creation runs pods with a service account of the creator's choosing. */
export const POD_CREATORS: Creator[] = [
  { group: '', resource: 'pods' },
  { group: 'apps', resource: 'deployments' },
  { group: 'apps', resource: 'statefulsets' },
  { group: 'apps', resource: 'daemonsets' },
  { group: 'apps', resource: 'replicasets' },
  { group: 'batch', resource: 'jobs' },
  { group: 'batch', resource: 'cronjobs' },
  { group: '', resource: 'replicationcontrollers' },
];

interface Memo {
  basic: Map<string, BasicPower>;
  reach: Map<string, Reach>;
  candidates?: Candidates;
}

interface Candidate {
  namespace: string;
  name: string;
  power: BasicPower;
}

interface Candidates {
  /** The most powerful known ServiceAccount per namespace (level ≥ 1 only). */
  byNamespace: Map<string, Candidate>;
  best?: Candidate;
}

const memo = objectMemo((_facts: RbacFacts): Memo => ({ basic: new Map(), reach: new Map() }));

function first(facts: RbacFacts, identity: Identity, request: ResourceRequest): Grant | undefined {
  return facts.allowedBy(identity, request)[0];
}

export function basicPower(facts: RbacFacts, identity: Identity): BasicPower {
  const m = memo(facts);
  let p = m.basic.get(identity.user);
  if (p) return p;
  p = { level: 0 };
  p.admin = facts
    .grantsFor(identity)
    .find((g) => g.binding.kind === 'ClusterRoleBinding' && (isFullAccessRule(g.rule) || isBuiltInClusterAdmin(g.binding.roleRef.kind, g.binding.roleRef.name, g.role)));
  if (!p.admin) {
    for (const verb of ['list', 'get', 'watch']) {
      const grant = first(facts, identity, { verb, group: '', resource: 'secrets' });
      if (grant) {
        p.readSecrets = { grant, verb };
        break;
      }
    }
    const escalate = first(facts, identity, { verb: 'escalate', group: RBAC_GROUP, resource: 'clusterroles' });
    const bind = first(facts, identity, { verb: 'bind', group: RBAC_GROUP, resource: 'clusterroles', name: 'cluster-admin' });
    const update = ['update', 'patch'].find((verb) => first(facts, identity, { verb, group: RBAC_GROUP, resource: 'clusterroles' }));
    if (escalate && update) p.escalate = { grant: escalate, what: `escalate and ${update} ClusterRoles` };
    else if (bind && first(facts, identity, { verb: 'create', group: RBAC_GROUP, resource: 'clusterrolebindings' })) {
      p.escalate = { grant: bind, what: 'bind the cluster-admin ClusterRole and create ClusterRoleBindings' };
    }
    for (const resource of ['users', 'groups', 'serviceaccounts']) {
      const grant = first(facts, identity, { verb: 'impersonate', group: '', resource });
      if (grant) {
        p.impersonate = { grant, resource };
        break;
      }
    }
  }
  p.level = p.admin || p.escalate || p.impersonate ? 2 : p.readSecrets ? 1 : 0;
  m.basic.set(identity.user, p);
  return p;
}

/** Ways to act as any ServiceAccount of a namespace: run a pod as it, impersonate it, mint a token for it. */
const ACT_AS: (Creator & { verb: string; subresource?: string; action: string; podCreator: boolean })[] = [
  ...POD_CREATORS.map((c) => ({ ...c, verb: 'create', action: `create ${c.resource}`, podCreator: true })),
  { group: '', resource: 'serviceaccounts', verb: 'impersonate', action: 'impersonate serviceaccounts', podCreator: false },
  { group: '', resource: 'serviceaccounts', subresource: 'token', verb: 'create', action: 'create serviceaccounts/token', podCreator: false },
];

export function reach(facts: RbacFacts, identity: Identity): Reach {
  const m = memo(facts);
  let r = m.reach.get(identity.user);
  if (r) return r;
  r = { createPods: [], actAs: [] };
  const namespaces = new Set<string>();
  for (const g of facts.grantsFor(identity)) if (g.namespace) namespaces.add(g.namespace);
  const scopes: (string | undefined)[] = [undefined, ...[...namespaces].sort(compareStrings)];
  for (const namespace of scopes) {
    let acting: Action | undefined;
    let creating: Action | undefined;
    for (const a of ACT_AS) {
      if (acting && (creating || !a.podCreator)) break;
      if (creating && a.podCreator) continue;
      const request: ResourceRequest = { verb: a.verb, group: a.group, resource: a.resource };
      if (a.subresource) request.subresource = a.subresource;
      if (namespace !== undefined) request.namespace = namespace;
      const grant = first(facts, identity, request);
      // In a namespace, what a ClusterRoleBinding allows was already found for every namespace.
      if (!grant || (namespace !== undefined && grant.binding.kind === 'ClusterRoleBinding')) continue;
      const action: Action = { grant, action: a.action, ...(namespace !== undefined ? { namespace } : {}) };
      acting ??= action;
      if (a.podCreator) creating ??= action;
    }
    if (acting) r.actAs.push(acting);
    if (creating) r.createPods.push(creating);
  }
  m.reach.set(identity.user, r);
  return r;
}

/**
 * ServiceAccounts known to exist: the input's ServiceAccount objects, the accounts its workloads run as,
 * "default" in every namespace a binding names it in, and the controller accounts Kubernetes' default
 * policy binds (in kube-system). Each namespace's most powerful one is kept.
 */
export function candidates(facts: RbacFacts, accounts: NamespaceAccounts): Candidates {
  const m = memo(facts);
  if (m.candidates) return m.candidates;
  const names = new Map<string, Set<string>>();
  const add = (ns: string | undefined, name: string): void => {
    if (!ns) return;
    let set = names.get(ns);
    if (!set) names.set(ns, (set = new Set()));
    set.add(name);
  };
  for (const ns of accounts.accountNamespaces()) {
    for (const n of accounts.serviceAccountsIn(ns)) add(ns, n);
    for (const n of accounts.workloadAccountsIn(ns)) add(ns, n);
  }
  for (const b of facts.bindings) {
    for (const s of b.subjects) {
      if (s.kind === 'ServiceAccount' && (b.bootstrap || s.name === 'default')) add(s.namespace, s.name);
    }
  }
  const out: Candidates = { byNamespace: new Map() };
  for (const ns of [...names.keys()].sort(compareStrings)) {
    for (const name of [...(names.get(ns) as Set<string>)].sort(compareStrings)) {
      const power = basicPower(facts, identityOf({ kind: 'ServiceAccount', namespace: ns, name }));
      if (power.level === 0) continue;
      const c: Candidate = { namespace: ns, name, power };
      const current = out.byNamespace.get(ns);
      if (!current || power.level > current.power.level) out.byNamespace.set(ns, c);
      if (!out.best || power.level > out.best.power.level) out.best = c;
    }
  }
  m.candidates = out;
  return out;
}

export type { Candidate };
