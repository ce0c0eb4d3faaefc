import type { LabelSelector } from '../../inventory/label-selector.js';
import { isEmptySelector, selectorMatches } from '../../inventory/label-selector.js';
import { ConnectionSet } from './connection-set.js';
import { NAMESPACE_NAME_LABEL, type WorkloadEndpoint } from './endpoints.js';
import { formatRange, rangeContains } from './ip-ranges.js';
import type { NetworkFacts } from './network-analyzer.js';
import { allowedPorts, type NormalizedPolicy, type PolicyPeer, type PolicyRule } from './policies.js';

/** Who, beyond the workloads in the input, a workload may talk to: the whole cluster, selector-described pods, outside. */
export interface ExposureEntry {
  workload: WorkloadEndpoint;
  direction: 'egress' | 'ingress';
  /** `entire-cluster`, `[all namespaces]/[pod with {app=x}]`, `ns/[all pods]`, `a.b.c.d-e.f.g.h[External]`. */
  peer: string;
  conns: ConnectionSet;
  /** How far the exposure reaches: outside the cluster, every pod of the cluster, pods of any namespace, pods of selected namespaces. */
  scope: ExposureScope;
  /** The policies that open it (empty when the workload is not isolated in that direction). */
  policies: string[];
  /** Why the workload is exposed to the peer: the rules (and their open selectors or ipBlocks) that allow it, or no isolation. */
  reasons: ExposureReason[];
}

export type ExposureScope = 'outside' | 'entire-cluster' | 'any-namespace' | 'selected-namespaces';

/** One cause of an exposure: a rule of a policy (with the peer that opens it), or the absence of isolation. */
export type ExposureReason =
  | { type: 'not-isolated' }
  | {
      type: 'rule';
      /** `namespace/name` of the policy. */
      policy: string;
      /** Position of the rule in the policy's ingress or egress list (0-based). */
      rule: number;
      /** The peer as written: `any source`/`any destination`, `namespaceSelector {} podSelector {app=x}`, `ipBlock 0.0.0.0/0 except …`. */
      peer: string;
    };

/** `not isolated` or `ns/policy ingress[0]: namespaceSelector {}`. */
export function describeReason(r: ExposureReason, direction: 'egress' | 'ingress'): string {
  if (r.type === 'not-isolated') return `not isolated: no NetworkPolicy selects it with policyType ${direction === 'egress' ? 'Egress' : 'Ingress'}`;
  return `${r.policy} ${direction}[${r.rule}]: ${r.peer}`;
}

export interface ExposureReport {
  entries: ExposureEntry[];
  /** Workloads no policy isolates, per direction. */
  unprotected: { workload: WorkloadEndpoint; direction: 'egress' | 'ingress' }[];
}

export const ENTIRE_CLUSTER = 'entire-cluster';

function describeSelectorBody(s: LabelSelector): string {
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of s.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(`${r.key} exists`);
    else if (r.operator === 'DoesNotExist') parts.push(`${r.key} does not exist`);
    else parts.push(`${r.key} ${r.operator.toLowerCase()} (${(r.values ?? []).join(',')})`);
  }
  return `{${parts.join(',')}}`;
}

/** The representative peer of a selector peer that may match pods not in the input, or undefined for a same-namespace peer. */
function representative(peer: PolicyPeer & { type: 'pods' }): string | undefined {
  if (!peer.namespaceSelector) return undefined;
  const allPods = !peer.podSelector || isEmptySelector(peer.podSelector);
  if (isEmptySelector(peer.namespaceSelector) && allPods) return ENTIRE_CLUSTER;
  const ml = peer.namespaceSelector.matchLabels ?? {};
  const nsPart =
    isEmptySelector(peer.namespaceSelector)
      ? '[all namespaces]'
      : Object.keys(ml).length === 1 && ml[NAMESPACE_NAME_LABEL] !== undefined && (peer.namespaceSelector.matchExpressions ?? []).length === 0
        ? ml[NAMESPACE_NAME_LABEL]
        : `[namespace with ${describeSelectorBody(peer.namespaceSelector)}]`;
  return `${nsPart}/${allPods ? '[all pods]' : `[pod with ${describeSelectorBody(peer.podSelector!)}]`}`;
}

function describePeer(peer: PolicyPeer): string {
  if (peer.type === 'ipBlock') return `ipBlock ${peer.text}`;
  if (peer.type === 'invalid') return `invalid peer (${peer.reason})`;
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaceSelector ${describeSelectorBody(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`podSelector ${describeSelectorBody(peer.podSelector)}`);
  return parts.join(' ');
}

function subset(a: ConnectionSet, b: ConnectionSet): boolean {
  return a.intersect(b).equals(a);
}

/**
 * Exposure per workload, as netpol-analyzer's `--exposure`: connections to the entire cluster (any namespace,
 * any pod), to selector-described pods of other namespaces (which may not be in the input), and to outside.
 */
export function computeExposure(facts: NetworkFacts): ExposureReport {
  const entries: ExposureEntry[] = [];
  const unprotected: ExposureReport['unprotected'] = [];
  for (const workload of facts.endpoints) {
    const classes = workload.classIds.map((id) => facts.classes[id]);
    for (const direction of ['egress', 'ingress'] as const) {
      const anyPeer = direction === 'egress' ? 'any destination' : 'any source';
      const rules: { rule: PolicyRule; index: number; policy: NormalizedPolicy }[] = [];
      let isolated = false;
      for (const policy of facts.policies) {
        const dirRules = direction === 'egress' ? policy.egress : policy.ingress;
        if (!dirRules || !policy.podSelector) continue;
        const selector = policy.podSelector;
        if (!classes.some((c) => c.namespace === policy.namespace && selectorMatches(selector, c.labels))) continue;
        isolated = true;
        dirRules.forEach((rule, index) => rules.push({ rule, index, policy }));
      }
      const found = new Map<string, { conns: ConnectionSet; scope: ExposureScope; policies: Set<string>; reasons: ExposureReason[] }>();
      const add = (peer: string, conns: ConnectionSet, reason: ExposureReason, scope: ExposureScope = 'entire-cluster'): void => {
        if (conns.isEmpty()) return;
        let f = found.get(peer);
        if (!f) found.set(peer, (f = { conns: ConnectionSet.NONE, scope, policies: new Set(), reasons: [] }));
        f.conns = f.conns.union(conns);
        if (reason.type === 'rule') f.policies.add(reason.policy);
        f.reasons.push(reason);
      };
      const ruleReason = (policy: NormalizedPolicy, index: number, peer: string): ExposureReason => ({ type: 'rule', policy: `${policy.namespace}/${policy.name}`, rule: index, peer });
      if (!isolated) {
        unprotected.push({ workload, direction });
        add(ENTIRE_CLUSTER, ConnectionSet.ALL, { type: 'not-isolated' });
      } else {
        for (const { rule, index, policy } of rules) {
          // Named ports: to a peer not in the input they resolve against the workload itself on ingress only.
          const conns = allowedPorts(rule, direction === 'ingress' ? (classes[0]?.namedPorts ?? []) : []);
          if (!rule.peers) add(ENTIRE_CLUSTER, conns, ruleReason(policy, index, anyPeer));
          else
            for (const peer of rule.peers)
              if (peer.type === 'pods') {
                const rep = representative(peer);
                if (rep) add(rep, conns, ruleReason(policy, index, describePeer(peer)), rep === ENTIRE_CLUSTER ? 'entire-cluster' : isEmptySelector(peer.namespaceSelector!) ? 'any-namespace' : 'selected-namespaces');
              }
        }
      }
      const cluster = found.get(ENTIRE_CLUSTER)?.conns ?? ConnectionSet.NONE;
      for (const [peer, f] of found) {
        if (peer !== ENTIRE_CLUSTER && subset(f.conns, cluster)) continue;
        entries.push({ workload, direction, peer, conns: f.conns, scope: f.scope, policies: [...f.policies].sort(), reasons: f.reasons });
      }
      // Outside the cluster: the external ranges this workload talks with, and the ipBlocks (or open rules) that allow them.
      const ranges = direction === 'egress' ? facts.egressExternals : facts.ingressExternals;
      for (const range of ranges) {
        let conns = ConnectionSet.NONE;
        for (const id of workload.classIds) conns = conns.union(direction === 'egress' ? facts.toExternal(id, range) : facts.fromExternal(range, id));
        if (conns.isEmpty()) continue;
        const reasons: ExposureReason[] = [];
        if (!isolated) reasons.push({ type: 'not-isolated' });
        for (const { rule, index, policy } of rules) {
          if (!rule.peers) reasons.push(ruleReason(policy, index, anyPeer));
          else for (const peer of rule.peers) if (peer.type === 'ipBlock' && peer.ranges.some((r) => rangeContains(r, range))) reasons.push(ruleReason(policy, index, describePeer(peer)));
        }
        const policies = [...new Set(reasons.flatMap((r) => (r.type === 'rule' ? [r.policy] : [])))].sort();
        entries.push({ workload, direction, peer: `${formatRange(range)}[External]`, conns, scope: 'outside', policies, reasons });
      }
    }
  }
  return { entries, unprotected };
}
