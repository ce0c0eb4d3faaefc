/**
 * Differential test of the network analyzer: for seeded random small clusters, every allowed connection that
 * `connections()` lists (computed over merged classes) must equal a naive evaluation of NetworkPolicy semantics
 * per pair of pods, written straightforwardly here from the NormalizedPolicy: a connection needs the source's
 * egress AND the destination's ingress; a direction is open unless some policy selects the pod for it; rules
 * of all selecting policies add up; a rule without peers matches everything; a pod peer matches pods of the
 * selected namespaces (the policy's own without namespaceSelector) selected by its podSelector; an ipBlock
 * matches addresses outside the cluster only; named ports resolve against the destination pod's containers.
 * A workload's connections are the union over its pods. External ranges are checked at both ends of every
 * range the analyzer reports, and the ranges must tile the address space.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../../inventory/inventory.js';
import { selectorMatches, type LabelSelector, type Labels } from '../../inventory/label-selector.js';
import type { K8sObject } from '../../model/types.js';
import { ConnectionSet, type Protocol } from './connection-set.js';
import { formatRange, universe, type IpFamily, type IpRange } from './ip-ranges.js';
import { computeNetwork, peerName } from './network-analyzer.js';
import { normalizePolicy, type NormalizedPolicy, type PolicyRule } from './policies.js';
import { prng } from '../../testing/prng.js';

// ───────────────────────────── the random cluster ─────────────────────────────

interface OraclePod {
  namespace: string;
  /** netpol-analyzer's name of the workload the pod belongs to. */
  endpoint: string;
  labels: Labels;
  ports: { name: string; protocol: Protocol; port: number }[];
}

interface Cluster {
  objects: K8sObject[];
  pods: OraclePod[];
  namespaceLabels: Map<string, Labels>;
}

const POD_LABELS: Record<string, string[]> = { app: ['a', 'b', 'c'], tier: ['x', 'y'], env: ['p', 'd'] };
const NS_LABELS: Record<string, string[]> = { team: ['t1', 't2'], env: ['p', 'd'] };
const PORT_NAMES = ['http', 'metrics', 'db'];
const CIDRS: { cidr: string; except?: string[] }[] = [
  { cidr: '0.0.0.0/0' },
  { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
  { cidr: '10.0.0.0/16' },
  { cidr: '192.168.1.0/24' },
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/16'] },
  { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] },
];

function generate(seed: number, workloads: number, policies: number): Cluster {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number): boolean => random() < p;

  const randomLabels = (vocab: Record<string, string[]>, p: number): Labels => {
    const out: Labels = {};
    for (const [k, values] of Object.entries(vocab)) if (chance(p)) out[k] = pick(values);
    return out;
  };
  const randomSelector = (vocab: Record<string, string[]>): LabelSelector => {
    const s: LabelSelector = {};
    const roll = random();
    if (roll < 0.25) return s;
    const keys = Object.keys(vocab);
    if (roll < 0.65 || chance(0.3)) {
      const ml: Record<string, string> = {};
      for (let i = 0, n = 1 + int(2); i < n; i++) {
        const k = pick(keys);
        ml[k] = pick(vocab[k]);
      }
      s.matchLabels = ml;
    }
    if (roll >= 0.65) {
      s.matchExpressions = [];
      for (let i = 0, n = 1 + int(2); i < n; i++) {
        const key = pick(keys);
        const operator = pick(['In', 'NotIn', 'Exists', 'DoesNotExist']);
        s.matchExpressions.push(operator === 'In' || operator === 'NotIn' ? { key, operator, values: [pick(vocab[key]), pick(vocab[key])] } : { key, operator });
      }
    }
    return s;
  };

  const objects: K8sObject[] = [];
  const namespaceLabels = new Map<string, Labels>();
  const namespaces = ['n0', 'n1', 'n2'].slice(0, 1 + int(3));
  for (const ns of namespaces) {
    const labels = randomLabels(NS_LABELS, 0.6);
    // One namespace in three is only used, never declared: it has only the automatic name label.
    if (ns !== 'n0' && chance(0.33)) namespaceLabels.set(ns, { 'kubernetes.io/metadata.name': ns });
    else {
      objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels } });
      namespaceLabels.set(ns, { ...labels, 'kubernetes.io/metadata.name': ns });
    }
  }

  const pods: OraclePod[] = [];
  const randomPorts = (): { name: string; protocol: Protocol; port: number }[] => {
    const out: { name: string; protocol: Protocol; port: number }[] = [];
    for (const name of PORT_NAMES) if (chance(0.4)) out.push({ name, protocol: chance(0.2) ? pick(['UDP', 'SCTP'] as const) : 'TCP', port: pick([80, 8080, 8005, 5432, 9100]) });
    return out;
  };
  const containers = (ports: OraclePod['ports']): Record<string, unknown>[] => [
    { name: 'main', image: 'x', ports: ports.map((p) => ({ name: p.name, containerPort: p.port, ...(p.protocol === 'TCP' && chance(0.5) ? {} : { protocol: p.protocol }) })) },
    // An unnamed port never resolves a named one.
    { name: 'side', image: 'y', ports: [{ containerPort: 7000 }] },
  ];
  for (let i = 0; i < workloads; i++) {
    const namespace = pick(namespaces);
    const name = `w${i}`;
    const labels = randomLabels(POD_LABELS, 0.6);
    const ports = randomPorts();
    const roll = random();
    if (roll < 0.15) {
      // A ReplicaSet's pods, which may differ in labels and ports: one endpoint.
      const owner = { kind: 'ReplicaSet', name: `rs${i}`, controller: true };
      for (let k = 0, n = 1 + int(2); k < n; k++) {
        const podLabels = k === 0 ? labels : randomLabels(POD_LABELS, 0.6);
        const podPorts = k === 0 ? ports : randomPorts();
        objects.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `rs${i}-${k}`, namespace, labels: podLabels, ownerReferences: [owner] }, spec: { containers: containers(podPorts) } });
        pods.push({ namespace, endpoint: `${namespace}/rs${i}[ReplicaSet]`, labels: podLabels, ports: podPorts });
      }
      continue;
    }
    const template = { metadata: { labels }, spec: { containers: containers(ports) } };
    if (roll < 0.25) {
      objects.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: template.spec });
      pods.push({ namespace, endpoint: `${namespace}/${name}[Pod]`, labels, ports });
    } else if (roll < 0.35) {
      objects.push({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace }, spec: { template } });
      // The Job controller labels its pods with the Job's name.
      pods.push({ namespace, endpoint: `${namespace}/${name}[Job]`, labels: { ...labels, 'job-name': name, 'batch.kubernetes.io/job-name': name }, ports });
    } else if (roll < 0.45) {
      objects.push({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } });
      pods.push({ namespace, endpoint: `${namespace}/${name}[CronJob]`, labels, ports });
    } else {
      const kind = pick(['Deployment', 'StatefulSet', 'DaemonSet']);
      objects.push({ apiVersion: 'apps/v1', kind, metadata: { name, namespace }, spec: { template } });
      pods.push({ namespace, endpoint: `${namespace}/${name}[${kind}]`, labels, ports });
    }
  }

  const randomRule = (peersField: 'from' | 'to'): Record<string, unknown> => {
    const rule: Record<string, unknown> = {};
    const roll = random();
    if (roll < 0.15) {
      // no peers field: everything
    } else if (roll < 0.2) rule[peersField] = [];
    else {
      const peers: Record<string, unknown>[] = [];
      for (let i = 0, n = 1 + int(2); i < n; i++) {
        const kind = random();
        if (kind < 0.3) peers.push({ podSelector: randomSelector(POD_LABELS) });
        else if (kind < 0.5) peers.push({ namespaceSelector: randomSelector(NS_LABELS) });
        else if (kind < 0.75) peers.push({ namespaceSelector: randomSelector(NS_LABELS), podSelector: randomSelector(POD_LABELS) });
        else peers.push({ ipBlock: pick(CIDRS) });
      }
      rule[peersField] = peers;
    }
    if (chance(0.6)) {
      const ports: Record<string, unknown>[] = [];
      for (let i = 0, n = 1 + int(2); i < n; i++) {
        ports.push(
          pick<Record<string, unknown>>([
            { port: 80 },
            { port: 'http' },
            { port: 'metrics' },
            { port: 'db', protocol: 'UDP' },
            { port: 8000, endPort: 8010 },
            { protocol: 'UDP', port: 53 },
            { protocol: 'UDP' },
            { protocol: 'SCTP', port: 'http' },
            { port: 5432 },
          ]),
        );
      }
      rule.ports = ports;
    }
    return rule;
  };
  for (let i = 0; i < policies; i++) {
    const spec: Record<string, unknown> = { podSelector: randomSelector(POD_LABELS) };
    const types = pick([undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
    if (types) spec.policyTypes = types;
    const ingress = Array.from({ length: int(3) }, () => randomRule('from'));
    const egress = Array.from({ length: int(3) }, () => randomRule('to'));
    if (ingress.length || chance(0.3)) spec.ingress = ingress;
    if (egress.length || chance(0.3)) spec.egress = egress;
    objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `p${i}`, namespace: pick(namespaces) }, spec });
  }
  return { objects, pods, namespaceLabels };
}

// ───────────────────────────── the oracle ─────────────────────────────

type Peer = { type: 'pod'; pod: OraclePod } | { type: 'address'; family: IpFamily; address: bigint };

function portsOf(rule: PolicyRule, dst: Peer): ConnectionSet {
  if (rule.ports === undefined) return ConnectionSet.ALL;
  let set = ConnectionSet.NONE;
  for (const p of rule.ports) {
    if (p.port === undefined) set = set.union(ConnectionSet.of(p.protocol));
    else if (typeof p.port === 'number') set = set.union(ConnectionSet.of(p.protocol, p.port, p.endPort ?? p.port));
    else if (dst.type === 'pod') {
      for (const cp of dst.pod.ports) if (cp.name === p.port && cp.protocol === p.protocol) set = set.union(ConnectionSet.of(cp.protocol, cp.port, cp.port));
    }
  }
  return set;
}

function ruleMatches(rule: PolicyRule, policy: NormalizedPolicy, other: Peer, namespaceLabels: Map<string, Labels>): boolean {
  if (rule.peers === undefined) return true;
  return rule.peers.some((peer) => {
    if (peer.type === 'ipBlock') return other.type === 'address' && peer.ranges.some((r) => r.family === other.family && r.lo <= other.address && other.address <= r.hi);
    if (peer.type === 'invalid') return false;
    if (other.type !== 'pod') return false;
    const nsOk = peer.namespaceSelector ? selectorMatches(peer.namespaceSelector, namespaceLabels.get(other.pod.namespace)) : other.pod.namespace === policy.namespace;
    return nsOk && (peer.podSelector === undefined || selectorMatches(peer.podSelector, other.pod.labels));
  });
}

/** What `pod` allows in one direction with `other` (the destination for egress, the source for ingress). */
function allowed(direction: 'ingress' | 'egress', pod: OraclePod, other: Peer, policies: NormalizedPolicy[], namespaceLabels: Map<string, Labels>): ConnectionSet {
  let isolated = false;
  let set = ConnectionSet.NONE;
  for (const policy of policies) {
    const rules = policy[direction];
    if (!rules || !policy.podSelector || policy.namespace !== pod.namespace || !selectorMatches(policy.podSelector, pod.labels)) continue;
    isolated = true;
    // Ports resolve against the destination: `other` on egress, the pod itself on ingress.
    const dst: Peer = direction === 'egress' ? other : { type: 'pod', pod };
    for (const rule of rules) if (ruleMatches(rule, policy, other, namespaceLabels)) set = set.union(portsOf(rule, dst));
  }
  return isolated ? set : ConnectionSet.ALL;
}

function oracleLines(cluster: Cluster, policies: NormalizedPolicy[], egressRanges: IpRange[], ingressRanges: IpRange[]): string[] {
  const { pods, namespaceLabels } = cluster;
  const byPair = new Map<string, ConnectionSet>();
  const add = (src: string, dst: string, conns: ConnectionSet): void => {
    const key = `${src} => ${dst}`;
    byPair.set(key, (byPair.get(key) ?? ConnectionSet.NONE).union(conns));
  };
  for (const a of pods) {
    for (const b of pods) {
      if (a.endpoint === b.endpoint) continue;
      const out = allowed('egress', a, { type: 'pod', pod: b }, policies, namespaceLabels);
      const inn = allowed('ingress', b, { type: 'pod', pod: a }, policies, namespaceLabels);
      add(a.endpoint, b.endpoint, out.intersect(inn));
    }
  }
  // Each reported range must behave the same at both ends.
  const uniform = (range: IpRange, at: (p: Peer) => ConnectionSet): ConnectionSet => {
    const lo = at({ type: 'address', family: range.family, address: range.lo });
    const hi = at({ type: 'address', family: range.family, address: range.hi });
    assert.ok(lo.equals(hi), `range ${formatRange(range)} is not uniform: ${lo} vs ${hi}`);
    return lo;
  };
  for (const range of egressRanges) {
    for (const a of pods) add(a.endpoint, `${formatRange(range)}[External]`, uniform(range, (p) => allowed('egress', a, p, policies, namespaceLabels)));
  }
  for (const range of ingressRanges) {
    for (const b of pods) add(`${formatRange(range)}[External]`, b.endpoint, uniform(range, (p) => allowed('ingress', b, p, policies, namespaceLabels)));
  }
  return [...byPair].filter(([, c]) => !c.isEmpty()).map(([k, c]) => `${k} : ${c.toString()}`).sort();
}

/** The ranges of each family tile the family's address space, in order. */
function assertTiles(ranges: IpRange[], label: string): void {
  for (const family of [4, 6] as const) {
    const rs = ranges.filter((r) => r.family === family);
    if (family === 6 && rs.length === 0) continue;
    assert.ok(rs.length > 0, `${label}: no IPv${family} range`);
    assert.equal(rs[0].lo, 0n, `${label}: IPv${family} ranges start at 0`);
    for (let i = 1; i < rs.length; i++) assert.equal(rs[i].lo, rs[i - 1].hi + 1n, `${label}: IPv${family} ranges are contiguous`);
    assert.equal(rs[rs.length - 1].hi, universe(family).hi, `${label}: IPv${family} ranges end at the top`);
  }
}

// ───────────────────────────── the test ─────────────────────────────

function check(seed: number, workloads: number, policyCount: number): void {
  const cluster = generate(seed, workloads, policyCount);
  const parsed = cluster.objects.map((object, docIndex) => ({ object, source: { file: 'gen.yaml', docIndex, startLine: 1 }, pointerPrefix: '' }));
  const facts = computeNetwork(new Inventory(parsed));
  assertTiles(facts.egressExternals, `seed ${seed} egress`);
  assertTiles(facts.ingressExternals, `seed ${seed} ingress`);
  const policies = cluster.objects.filter((o) => o.kind === 'NetworkPolicy').map(normalizePolicy);
  const actual = facts
    .connections()
    .map((c) => `${peerName(c.src)} => ${peerName(c.dst)} : ${c.conns.toString()}`)
    .sort();
  const expected = oracleLines(cluster, policies, facts.egressExternals, facts.ingressExternals);
  assert.deepEqual(actual, expected, `seed ${seed} (${workloads} workloads, ${policyCount} policies)`);
  // classConnection agrees with the listed connections for endpoints of one class.
  for (const c of facts.connections()) {
    if (c.src.type !== 'workload' || c.dst.type !== 'workload' || c.src.endpoint.classIds.length !== 1 || c.dst.endpoint.classIds.length !== 1) continue;
    assert.ok(facts.classConnection(c.src.endpoint.classIds[0], c.dst.endpoint.classIds[0]).equals(c.conns), `seed ${seed}: classConnection`);
  }
}

describe('network analyzer: differential test against a naive per-pod evaluation', () => {
  it('agrees on 180 small random clusters (1-3 namespaces, 2-8 workloads, 0-5 policies)', () => {
    for (let seed = 1; seed <= 180; seed++) {
      const random = prng(seed * 7919);
      check(seed, 2 + Math.floor(random() * 7), Math.floor(random() * 6));
    }
  });

  it('agrees on 20 larger random clusters (20-40 workloads, 5-15 policies), where classes merge', () => {
    for (let seed = 1001; seed <= 1020; seed++) {
      const random = prng(seed * 7919);
      check(seed, 20 + Math.floor(random() * 21), 5 + Math.floor(random() * 11));
    }
  });
});
