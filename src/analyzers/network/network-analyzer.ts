import type { Inventory } from '../../inventory/inventory.js';
import { selectorMatches, type LabelSelector } from '../../inventory/label-selector.js';
import { defineAnalyzer } from '../facts.js';
import { ConnectionSetTable, type ConnectionSet } from './connection-set.js';
import { buildEndpoints, endpointName, type PodClass, type WorkloadEndpoint } from './endpoints.js';
import { formatRange, rangeContains, universe, type IpFamily, type IpRange } from './ip-ranges.js';
import { allowedPorts, normalizePolicy, type NormalizedPolicy, type PolicyPeer, type PolicyRule } from './policies.js';

export type NetworkPeer = { type: 'workload'; endpoint: WorkloadEndpoint } | { type: 'external'; range: IpRange };

export interface AllowedConnection {
  src: NetworkPeer;
  dst: NetworkPeer;
  conns: ConnectionSet;
}

/** `ns/name[Kind]` or `10.0.0.0-10.255.255.255[External]`, netpol-analyzer's names. */
export function peerName(p: NetworkPeer): string {
  return p.type === 'workload' ? endpointName(p.endpoint) : `${formatRange(p.range)}[External]`;
}

/** A policy rule prepared for the matrix: which groups its peers select, what its ports allow per destination. */
interface CompiledRule {
  rule: PolicyRule;
  policy: NormalizedPolicy;
  /** 1 for each group the rule's pod peers select; computed on first use (meaningless when the rule has no peers). */
  selects?: Uint8Array;
  /** The set id of the rule's ports when they name no port (the same for every destination), else -1. */
  fixedPorts: number;
  /** Set id of the ports per destination group (index n: outside the cluster), -1 until computed. */
  portsByDst?: Int32Array;
}

export interface NetworkFacts {
  endpoints: WorkloadEndpoint[];
  classes: PodClass[];
  /** How many groups of classes NetworkPolicies can tell apart (the size of the connectivity matrix's side). */
  distinctClassCount: number;
  policies: NormalizedPolicy[];
  namespaces: Map<string, Record<string, string>>;
  /** External ranges as sources: each has uniform connectivity (split on the ingress ipBlocks). */
  ingressExternals: IpRange[];
  /** External ranges as destinations (split on the egress ipBlocks). */
  egressExternals: IpRange[];
  /** What class `src` may open to class `dst` (source egress ∩ destination ingress). */
  classConnection(src: number, dst: number): ConnectionSet;
  /** What an external range (one of ingressExternals) may open to a class. */
  fromExternal(range: IpRange, dst: number): ConnectionSet;
  /** What a class may open to an external range (one of egressExternals). */
  toExternal(src: number, range: IpRange): ConnectionSet;
  /** Every allowed connection between distinct peers, with what it allows. */
  connections(): AllowedConnection[];
}

export const networkAnalyzer = defineAnalyzer('network', (inventory: Inventory): NetworkFacts => computeNetwork(inventory));

export function computeNetwork(inventory: Inventory): NetworkFacts {
  const policies = inventory.ofKind('NetworkPolicy').map((p) => normalizePolicy(p.object));
  const { endpoints, classes, namespaces } = buildEndpoints(
    inventory,
    policies.map((p) => p.namespace),
  );

  // Classes no policy can tell apart (same selecting policies, same matching peers, same resolution of the
  // named ports policies use) share one row and one column of the connectivity matrix: a group.
  const { classOf, representatives } = mergeIndistinguishable(classes, policies);
  const reps = representatives.map((r) => classes[r]);
  const n = reps.length;
  const groupsByNamespace = new Map<string, number[]>();
  reps.forEach((c, g) => {
    let list = groupsByNamespace.get(c.namespace);
    if (!list) groupsByNamespace.set(c.namespace, (list = []));
    list.push(g);
  });

  // Connection sets are interned: the matrix holds small ids, and equal sets are one object.
  const sets = new ConnectionSetTable();
  const NONE = ConnectionSetTable.NONE;
  const ALL = ConnectionSetTable.ALL;

  // Each rule compiled once, shared by every group its policy selects.
  const compiled = new Map<PolicyRule, CompiledRule>();
  const compile = (rule: PolicyRule, policy: NormalizedPolicy): CompiledRule => {
    let c = compiled.get(rule);
    if (!c) {
      const fixedPorts = !rule.ports ? ALL : rule.ports.every((p) => typeof p.port !== 'string') ? sets.id(allowedPorts(rule, [])) : -1;
      compiled.set(rule, (c = { rule, policy, fixedPorts }));
    }
    return c;
  };
  // The rules governing each group's ingress and egress; undefined when no policy isolates it in that direction.
  const ingress: (CompiledRule[] | undefined)[] = new Array<CompiledRule[] | undefined>(n);
  const egress: (CompiledRule[] | undefined)[] = new Array<CompiledRule[] | undefined>(n);
  const policiesByNamespace = new Map<string, NormalizedPolicy[]>();
  for (const policy of policies) {
    let list = policiesByNamespace.get(policy.namespace);
    if (!list) policiesByNamespace.set(policy.namespace, (list = []));
    list.push(policy);
  }
  reps.forEach((c, g) => {
    for (const policy of policiesByNamespace.get(c.namespace) ?? []) {
      if (!policy.podSelector || !selectorMatches(policy.podSelector, c.labels)) continue;
      if (policy.ingress) {
        const list = (ingress[g] ??= []);
        for (const rule of policy.ingress) list.push(compile(rule, policy));
      }
      if (policy.egress) {
        const list = (egress[g] ??= []);
        for (const rule of policy.egress) list.push(compile(rule, policy));
      }
    }
  });

  // Which groups a rule's pod peers select, computed once per rule on first use. A peer without a
  // namespaceSelector looks at the policy's namespace only; a namespaceSelector is evaluated once per namespace.
  const namespacesOf = new Map<LabelSelector, string[]>();
  const selectedNamespaces = (selector: LabelSelector): string[] => {
    let list = namespacesOf.get(selector);
    if (!list) {
      list = [];
      for (const ns of groupsByNamespace.keys()) if (selectorMatches(selector, reps[groupsByNamespace.get(ns)![0]].namespaceLabels)) list.push(ns);
      namespacesOf.set(selector, list);
    }
    return list;
  };
  const selectionOf = (r: CompiledRule): Uint8Array => {
    if (r.selects) return r.selects;
    const selects = new Uint8Array(n);
    for (const peer of r.rule.peers ?? []) {
      if (peer.type !== 'pods') continue; // ipBlocks are for traffic from/to outside the cluster
      for (const ns of peer.namespaceSelector ? selectedNamespaces(peer.namespaceSelector) : [r.policy.namespace]) {
        for (const g of groupsByNamespace.get(ns) ?? []) if (!selects[g] && (!peer.podSelector || selectorMatches(peer.podSelector, reps[g].labels))) selects[g] = 1;
      }
    }
    return (r.selects = selects);
  };
  /** The id of what the rule's ports allow to destination group d (n: outside the cluster, no named ports). */
  const portsTo = (r: CompiledRule, d: number): number => {
    if (r.fixedPorts >= 0) return r.fixedPorts;
    const memo = (r.portsByDst ??= new Int32Array(n + 1).fill(-1));
    let id = memo[d];
    if (id < 0) memo[d] = id = sets.id(allowedPorts(r.rule, d === n ? [] : reps[d].namedPorts));
    return id;
  };
  /** What `rules` allow with the group `peer` (the destination of egress, the source of ingress), ports resolved against group `dst`. */
  const allowedWithGroup = (rules: CompiledRule[] | undefined, peer: number, dst: number): number => {
    if (!rules) return ALL;
    let acc = NONE;
    for (const r of rules) {
      if (r.rule.peers && selectionOf(r)[peer] !== 1) continue;
      acc = sets.union(acc, portsTo(r, dst));
      if (acc === ALL) break;
    }
    return acc;
  };
  const ruleSelectsRange = (rule: PolicyRule, range: IpRange): boolean =>
    !rule.peers || rule.peers.some((p) => p.type === 'ipBlock' && p.ranges.some((r) => rangeContains(r, range)));
  const allowedWithRange = (rules: CompiledRule[] | undefined, range: IpRange, dst: number): number => {
    if (!rules) return ALL;
    let acc = NONE;
    for (const r of rules) {
      if (!ruleSelectsRange(r.rule, range)) continue;
      acc = sets.union(acc, portsTo(r, dst));
      if (acc === ALL) break;
    }
    return acc;
  };

  // The matrix over groups, as set ids, filled on demand (-1: not computed yet).
  const rows: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(n);
  const complete = new Uint8Array(n);
  const rowOf = (s: number): Int32Array => (rows[s] ??= new Int32Array(n).fill(-1));
  const computeEntry = (s: number, d: number): number => {
    const out = allowedWithGroup(egress[s], d, d);
    return out === NONE ? NONE : sets.intersect(out, allowedWithGroup(ingress[d], s, d));
  };
  const entry = (s: number, d: number): number => {
    const row = rowOf(s);
    let id = row[d];
    if (id < 0) row[d] = id = computeEntry(s, d);
    return id;
  };
  const fullRow = (s: number): Int32Array => {
    const row = rowOf(s);
    if (!complete[s]) {
      for (let d = 0; d < n; d++) if (row[d] < 0) row[d] = computeEntry(s, d);
      complete[s] = 1;
    }
    return row;
  };
  const classConnection = (s: number, d: number): ConnectionSet => sets.get(entry(classOf[s], classOf[d]));
  const fromExternal = (range: IpRange, d: number): ConnectionSet => sets.get(allowedWithRange(ingress[classOf[d]], range, classOf[d]));
  const toExternal = (s: number, range: IpRange): ConnectionSet => sets.get(allowedWithRange(egress[classOf[s]], range, n));

  const ingressExternals = externalRanges(policies.flatMap((p) => p.ingress ?? []));
  const egressExternals = externalRanges(policies.flatMap((p) => p.egress ?? []));

  /**
   * Every allowed pair, listed per source endpoint in endpoint order, destinations in endpoint order. The
   * work is one matrix row per group, then only the non-empty cells are expanded to their endpoints: cost
   * grows with groups² plus the pairs listed, not with endpoint pairs. Endpoints whose pods fall in several
   * groups take the union over their groups.
   */
  const connections = (): AllowedConnection[] => {
    const count = endpoints.length;
    const groupsOf = endpoints.map((e) => [...new Set(e.classIds.map((c) => classOf[c]))]);
    const groupOf = new Int32Array(count);
    const members: number[][] = Array.from({ length: n }, () => []);
    const multi: number[] = [];
    groupsOf.forEach((gs, i) => {
      if (gs.length === 1) {
        groupOf[i] = gs[0];
        members[gs[0]].push(i);
      } else {
        groupOf[i] = -1;
        multi.push(i);
      }
    });
    const pairId = (i: number, j: number): number => {
      let acc = NONE;
      for (const s of groupsOf[i]) for (const d of groupsOf[j]) if ((acc = sets.union(acc, entry(s, d))) === ALL) return ALL;
      return acc;
    };
    // What each group may open to each external range, and the reverse, memoised per (group, range).
    const toRange = new Int32Array(n * egressExternals.length).fill(-1);
    const fromRange = new Int32Array(n * ingressExternals.length).fill(-1);
    const toRangeId = (g: number, k: number): number => {
      const slot = g * egressExternals.length + k;
      let id = toRange[slot];
      if (id < 0) toRange[slot] = id = allowedWithRange(egress[g], egressExternals[k], n);
      return id;
    };
    const fromRangeId = (k: number, g: number): number => {
      const slot = g * ingressExternals.length + k;
      let id = fromRange[slot];
      if (id < 0) fromRange[slot] = id = allowedWithRange(ingress[g], ingressExternals[k], g);
      return id;
    };
    const unionOverGroups = (gs: number[], f: (g: number) => number): number => {
      let acc = NONE;
      for (const g of gs) if ((acc = sets.union(acc, f(g))) === ALL) return ALL;
      return acc;
    };

    const out: AllowedConnection[] = [];
    // One peer object per endpoint and range, shared by all its connections.
    const workloadPeers: NetworkPeer[] = endpoints.map((endpoint) => ({ type: 'workload', endpoint }));
    const egressPeers: NetworkPeer[] = egressExternals.map((range) => ({ type: 'external', range }));
    const ingressPeers: NetworkPeer[] = ingressExternals.map((range) => ({ type: 'external', range }));
    const scratch = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const src = workloadPeers[i];
      const s = groupOf[i];
      if (s >= 0) {
        const row = fullRow(s);
        let k = 0;
        for (let d = 0; d < n; d++) if (row[d] !== NONE) for (const j of members[d]) scratch[k++] = j;
        for (const j of multi) if (pairId(i, j) !== NONE) scratch[k++] = j;
        const dsts = scratch.subarray(0, k).sort();
        for (let x = 0; x < k; x++) {
          const j = dsts[x];
          if (j === i) continue;
          const d = groupOf[j];
          out.push({ src, dst: workloadPeers[j], conns: sets.get(d >= 0 ? row[d] : pairId(i, j)) });
        }
      } else {
        for (let j = 0; j < count; j++) {
          if (j === i) continue;
          const id = pairId(i, j);
          if (id !== NONE) out.push({ src, dst: workloadPeers[j], conns: sets.get(id) });
        }
      }
      for (let k = 0; k < egressExternals.length; k++) {
        const id = s >= 0 ? toRangeId(s, k) : unionOverGroups(groupsOf[i], (g) => toRangeId(g, k));
        if (id !== NONE) out.push({ src, dst: egressPeers[k], conns: sets.get(id) });
      }
    }
    for (let k = 0; k < ingressExternals.length; k++) {
      for (let j = 0; j < count; j++) {
        const d = groupOf[j];
        const id = d >= 0 ? fromRangeId(k, d) : unionOverGroups(groupsOf[j], (g) => fromRangeId(k, g));
        if (id !== NONE) out.push({ src: ingressPeers[k], dst: workloadPeers[j], conns: sets.get(id) });
      }
    }
    return out;
  };

  return {
    endpoints,
    classes,
    distinctClassCount: n,
    policies,
    namespaces,
    ingressExternals,
    egressExternals,
    classConnection,
    fromExternal,
    toExternal,
    connections,
  };
}

/**
 * Groups pod classes by what NetworkPolicies can see of them: which policies select them, which pod peers
 * (podSelector/namespaceSelector) match them, and what the named ports the policies mention resolve to.
 * Classes of one group have identical connectivity, so it is computed once per group.
 */
function mergeIndistinguishable(classes: PodClass[], policies: NormalizedPolicy[]): { classOf: Int32Array; representatives: number[] } {
  const policiesByNs = new Map<string, number[]>();
  const sameNsPeers = new Map<string, { id: number; peer: PolicyPeer & { type: 'pods' } }[]>();
  const nsSelectorPeers: { id: number; peer: PolicyPeer & { type: 'pods' } }[] = [];
  const portNames = new Set<string>();
  let peerId = 0;
  policies.forEach((policy, i) => {
    let list = policiesByNs.get(policy.namespace);
    if (!list) policiesByNs.set(policy.namespace, (list = []));
    list.push(i);
    for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) {
      for (const p of rule.ports ?? []) if (typeof p.port === 'string') portNames.add(p.port);
      for (const peer of rule.peers ?? []) {
        if (peer.type !== 'pods') continue;
        const entry = { id: peerId++, peer };
        if (peer.namespaceSelector) nsSelectorPeers.push(entry);
        else {
          let same = sameNsPeers.get(policy.namespace);
          if (!same) sameNsPeers.set(policy.namespace, (same = []));
          same.push(entry);
        }
      }
    }
  });
  // The namespaceSelector peers matching each namespace, evaluated once per namespace.
  const peersOfNamespace = new Map<string, { id: number; peer: PolicyPeer & { type: 'pods' } }[]>();
  const classOf = new Int32Array(classes.length);
  const representatives: number[] = [];
  const groups = new Map<string, number>();
  for (const c of classes) {
    const selected = (policiesByNs.get(c.namespace) ?? []).filter((i) => {
      const sel = policies[i].podSelector;
      return sel !== undefined && selectorMatches(sel, c.labels);
    });
    const peers: number[] = [];
    for (const { id, peer } of sameNsPeers.get(c.namespace) ?? []) if (!peer.podSelector || selectorMatches(peer.podSelector, c.labels)) peers.push(id);
    let nsPeers = peersOfNamespace.get(c.namespace);
    if (!nsPeers) peersOfNamespace.set(c.namespace, (nsPeers = nsSelectorPeers.filter(({ peer }) => selectorMatches(peer.namespaceSelector!, c.namespaceLabels))));
    for (const { id, peer } of nsPeers) if (!peer.podSelector || selectorMatches(peer.podSelector, c.labels)) peers.push(id);
    const ports = c.namedPorts.filter((p) => portNames.has(p.name)).map((p) => `${p.name}/${p.protocol}/${p.port}`);
    const signature = `${selected.join(',')}|${peers.join(',')}|${ports.join(',')}`;
    let group = groups.get(signature);
    if (group === undefined) {
      groups.set(signature, (group = representatives.length));
      representatives.push(c.id);
    }
    classOf[c.id] = group;
  }
  return { classOf, representatives };
}

/**
 * The address space split so that every part is, for each ipBlock of these rules, entirely inside or
 * entirely outside it: the elementary intervals between all block boundaries, with neighbours merged
 * when the same blocks hold them. IPv4 always; IPv6 only when some ipBlock is IPv6.
 */
export function externalRanges(rules: PolicyRule[]): IpRange[] {
  const blocks: IpRange[][] = [];
  for (const rule of rules) for (const peer of rule.peers ?? []) if (peer.type === 'ipBlock') blocks.push(peer.ranges);
  const out: IpRange[] = [];
  const families: IpFamily[] = [4];
  if (blocks.some((b) => b.some((r) => r.family === 6))) families.push(6);
  for (const family of families) {
    const all = universe(family);
    const familyBlocks = blocks.map((b) => b.filter((r) => r.family === family)).filter((b) => b.length > 0);
    const cuts = new Set<bigint>([all.lo]);
    for (const b of familyBlocks) {
      for (const r of b) {
        cuts.add(r.lo);
        if (r.hi < all.hi) cuts.add(r.hi + 1n);
      }
    }
    const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let prev: { range: IpRange; signature: string } | undefined;
    for (let i = 0; i < starts.length; i++) {
      const range: IpRange = { family, lo: starts[i], hi: i + 1 < starts.length ? starts[i + 1] - 1n : all.hi };
      const signature = familyBlocks.map((b) => (b.some((r) => rangeContains(r, range)) ? '1' : '0')).join('');
      if (prev && prev.signature === signature) prev.range.hi = range.hi;
      else {
        prev = { range, signature };
        out.push(range);
      }
    }
  }
  return out;
}
