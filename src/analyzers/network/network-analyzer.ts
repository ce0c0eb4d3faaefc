import type { Inventory } from '../../inventory/inventory.js';
import { selectorMatches } from '../../inventory/label-selector.js';
import { defineAnalyzer } from '../facts.js';
import { ConnectionSet } from './connection-set.js';
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

/** The rules that govern one direction of a class's traffic. */
interface DirectionRules {
  /** Some policy selects the class with this policyType. */
  isolated: boolean;
  rules: { rule: PolicyRule; policy: NormalizedPolicy }[];
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
  // named ports policies use) share one row and one column of the connectivity matrix.
  const { classOf, representatives } = mergeIndistinguishable(classes, policies);
  const reps = representatives.map((r) => classes[r]);
  const n = reps.length;

  const ingress: DirectionRules[] = reps.map(() => ({ isolated: false, rules: [] }));
  const egress: DirectionRules[] = reps.map(() => ({ isolated: false, rules: [] }));
  reps.forEach((c, k) => {
    for (const policy of policies) {
      if (!policy.podSelector || c.namespace !== policy.namespace || !selectorMatches(policy.podSelector, c.labels)) continue;
      if (policy.ingress) {
        ingress[k].isolated = true;
        for (const rule of policy.ingress) ingress[k].rules.push({ rule, policy });
      }
      if (policy.egress) {
        egress[k].isolated = true;
        for (const rule of policy.egress) egress[k].rules.push({ rule, policy });
      }
    }
  });

  // Which classes each rule's peers select, computed once per rule.
  const ruleClasses = new Map<PolicyRule, Uint8Array>();
  const peerMatchesClass = (peer: PolicyPeer, policy: NormalizedPolicy, c: PodClass): boolean => {
    if (peer.type !== 'pods') return false; // ipBlocks are for traffic from/to outside the cluster
    const nsOk = peer.namespaceSelector ? selectorMatches(peer.namespaceSelector, c.namespaceLabels) : c.namespace === policy.namespace;
    return nsOk && (!peer.podSelector || selectorMatches(peer.podSelector, c.labels));
  };
  /** Whether the rule's peers select representative class k. */
  const ruleSelectsClass = (rule: PolicyRule, policy: NormalizedPolicy, k: number): boolean => {
    if (!rule.peers) return true;
    let memo = ruleClasses.get(rule);
    if (!memo) {
      memo = new Uint8Array(n);
      for (let j = 0; j < n; j++) memo[j] = rule.peers.some((p) => peerMatchesClass(p, policy, reps[j])) ? 1 : 2;
      ruleClasses.set(rule, memo);
    }
    return memo[k] === 1;
  };
  const ruleSelectsRange = (rule: PolicyRule, range: IpRange): boolean =>
    !rule.peers || rule.peers.some((p) => p.type === 'ipBlock' && p.ranges.some((r) => rangeContains(r, range)));

  // allowedPorts per (rule, destination representative); index n stands for an external destination.
  const portsMemo = new Map<PolicyRule, (ConnectionSet | undefined)[]>();
  const rulePortsTo = (rule: PolicyRule, d: number | undefined): ConnectionSet => {
    if (!rule.ports) return ConnectionSet.ALL;
    let memo = portsMemo.get(rule);
    if (!memo) portsMemo.set(rule, (memo = new Array<ConnectionSet | undefined>(n + 1)));
    const slot = d ?? n;
    return (memo[slot] ??= allowedPorts(rule, d === undefined ? [] : reps[d].namedPorts));
  };

  const allowedBy = (direction: DirectionRules, selects: (rule: PolicyRule, policy: NormalizedPolicy) => boolean, dst: number | undefined): ConnectionSet => {
    if (!direction.isolated) return ConnectionSet.ALL;
    let set = ConnectionSet.NONE;
    for (const { rule, policy } of direction.rules) {
      if (set.isAll()) break;
      if (selects(rule, policy)) set = set.union(rulePortsTo(rule, dst));
    }
    return set;
  };

  // The matrix over representatives, filled row by row on demand.
  const rows: (ConnectionSet | undefined)[][] = [];
  const repConnection = (s: number, d: number): ConnectionSet => {
    const row = (rows[s] ??= new Array<ConnectionSet | undefined>(n));
    let set = row[d];
    if (!set) {
      const out = allowedBy(egress[s], (rule, policy) => ruleSelectsClass(rule, policy, d), d);
      set = out.isEmpty() ? out : out.intersect(allowedBy(ingress[d], (rule, policy) => ruleSelectsClass(rule, policy, s), d));
      row[d] = set;
    }
    return set;
  };
  const classConnection = (s: number, d: number): ConnectionSet => repConnection(classOf[s], classOf[d]);
  const fromExternal = (range: IpRange, d: number): ConnectionSet => allowedBy(ingress[classOf[d]], (rule) => ruleSelectsRange(rule, range), classOf[d]);
  const toExternal = (s: number, range: IpRange): ConnectionSet => allowedBy(egress[classOf[s]], (rule) => ruleSelectsRange(rule, range), undefined);

  const ingressExternals = externalRanges(policies.flatMap((p) => p.ingress ?? []));
  const egressExternals = externalRanges(policies.flatMap((p) => p.egress ?? []));

  const connections = (): AllowedConnection[] => {
    const out: AllowedConnection[] = [];
    const unionOver = (pairs: Iterable<ConnectionSet>): ConnectionSet => {
      let set = ConnectionSet.NONE;
      for (const c of pairs) {
        set = set.union(c);
        if (set.isAll()) break;
      }
      return set;
    };
    // One peer object per endpoint and range, shared by all its connections.
    const workloadPeers: NetworkPeer[] = endpoints.map((endpoint) => ({ type: 'workload', endpoint }));
    const egressPeers: NetworkPeer[] = egressExternals.map((range) => ({ type: 'external', range }));
    const ingressPeers: NetworkPeer[] = ingressExternals.map((range) => ({ type: 'external', range }));
    endpoints.forEach((src, i) => {
      endpoints.forEach((dst, j) => {
        if (i === j) return;
        const conns =
          src.classIds.length === 1 && dst.classIds.length === 1
            ? classConnection(src.classIds[0], dst.classIds[0])
            : unionOver(src.classIds.flatMap((s) => dst.classIds.map((d) => classConnection(s, d))));
        if (!conns.isEmpty()) out.push({ src: workloadPeers[i], dst: workloadPeers[j], conns });
      });
      egressExternals.forEach((range, k) => {
        const conns = unionOver(src.classIds.map((s) => toExternal(s, range)));
        if (!conns.isEmpty()) out.push({ src: workloadPeers[i], dst: egressPeers[k], conns });
      });
    });
    ingressExternals.forEach((range, k) => {
      endpoints.forEach((dst, j) => {
        const conns = unionOver(dst.classIds.map((d) => fromExternal(range, d)));
        if (!conns.isEmpty()) out.push({ src: ingressPeers[k], dst: workloadPeers[j], conns });
      });
    });
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
