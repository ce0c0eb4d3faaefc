import type { LabelSelector } from '../../inventory/label-selector.js';
import { isEmptySelector, selectorMatches } from '../../inventory/label-selector.js';
import { ConnectionSet } from './connection-set.js';
import { NAMESPACE_NAME_LABEL, type WorkloadEndpoint } from './endpoints.js';
import { formatRange } from './ip-ranges.js';
import type { NetworkFacts } from './network-analyzer.js';
import { allowedPorts, type NormalizedPolicy, type PolicyPeer, type PolicyRule } from './policies.js';

/** Who, beyond the workloads in the input, a workload may talk to: the whole cluster, selector-described pods, outside. */
export interface ExposureEntry {
  workload: WorkloadEndpoint;
  direction: 'egress' | 'ingress';
  /** `entire-cluster`, `[all namespaces]/[pod with {app=x}]`, `ns/[all pods]`, `a.b.c.d-e.f.g.h[External]`. */
  peer: string;
  conns: ConnectionSet;
  /** The policies that open it (empty when the workload is not isolated in that direction). */
  policies: string[];
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
      const rules: { rule: PolicyRule; policy: NormalizedPolicy }[] = [];
      for (const policy of facts.policies) {
        const dirRules = direction === 'egress' ? policy.egress : policy.ingress;
        if (!dirRules || !policy.podSelector) continue;
        const selector = policy.podSelector;
        if (!classes.some((c) => c.namespace === policy.namespace && selectorMatches(selector, c.labels))) continue;
        for (const rule of dirRules) rules.push({ rule, policy });
      }
      const isolated = facts.policies.some((p) => (direction === 'egress' ? p.egress : p.ingress) && p.podSelector && classes.some((c) => c.namespace === p.namespace && selectorMatches(p.podSelector!, c.labels)));
      const found = new Map<string, { conns: ConnectionSet; policies: Set<string> }>();
      const add = (peer: string, conns: ConnectionSet, policy?: NormalizedPolicy): void => {
        if (conns.isEmpty()) return;
        let f = found.get(peer);
        if (!f) found.set(peer, (f = { conns: ConnectionSet.NONE, policies: new Set() }));
        f.conns = f.conns.union(conns);
        if (policy) f.policies.add(`${policy.namespace}/${policy.name}`);
      };
      if (!isolated) {
        unprotected.push({ workload, direction });
        add(ENTIRE_CLUSTER, ConnectionSet.ALL);
      } else {
        for (const { rule, policy } of rules) {
          // Named ports: to a peer not in the input they resolve against the workload itself on ingress only.
          const conns = allowedPorts(rule, direction === 'ingress' ? (classes[0]?.namedPorts ?? []) : []);
          if (!rule.peers) add(ENTIRE_CLUSTER, conns, policy);
          else for (const peer of rule.peers) if (peer.type === 'pods') {
            const rep = representative(peer);
            if (rep) add(rep, conns, policy);
          }
        }
      }
      const cluster = found.get(ENTIRE_CLUSTER)?.conns ?? ConnectionSet.NONE;
      for (const [peer, f] of found) {
        if (peer !== ENTIRE_CLUSTER && subset(f.conns, cluster)) continue;
        entries.push({ workload, direction, peer, conns: f.conns, policies: [...f.policies].sort() });
      }
      // Outside the cluster: the external ranges this workload talks with.
      const ranges = direction === 'egress' ? facts.egressExternals : facts.ingressExternals;
      for (const range of ranges) {
        let conns = ConnectionSet.NONE;
        for (const id of workload.classIds) conns = conns.union(direction === 'egress' ? facts.toExternal(id, range) : facts.fromExternal(range, id));
        if (!conns.isEmpty()) entries.push({ workload, direction, peer: `${formatRange(range)}[External]`, conns, policies: [] });
      }
    }
  }
  return { entries, unprotected };
}
