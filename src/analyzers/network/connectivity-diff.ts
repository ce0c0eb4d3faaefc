import { ConnectionSet } from './connection-set.js';
import { endpointName, type WorkloadEndpoint } from './endpoints.js';
import { formatRange, type IpRange } from './ip-ranges.js';
import type { NetworkFacts } from './network-analyzer.js';

export type DiffType = 'changed' | 'added' | 'removed';

export interface ConnectionDiff {
  type: DiffType;
  src: string;
  dst: string;
  /** What the first (reference, "before") manifests allow. */
  before: ConnectionSet;
  /** What the second ("after") manifests allow. */
  after: ConnectionSet;
  /** Workloads of this pair that exist on one side only, in src, dst order. */
  workloadsAdded: string[];
  workloadsRemoved: string[];
}

/**
 * Connections added, removed and changed from `before` to `after` (the what-if of a policy change).
 * External ranges are compared on the common refinement of both sides' ranges.
 */
export function diffConnectivity(before: NetworkFacts, after: NetworkFacts): ConnectionDiff[] {
  const a = connectionMap(before, after);
  const b = connectionMap(after, before);
  const namesA = new Set(before.endpoints.map(endpointName));
  const namesB = new Set(after.endpoints.map(endpointName));
  const out: ConnectionDiff[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? ConnectionSet.NONE;
    const y = b.get(key) ?? ConnectionSet.NONE;
    if (x.equals(y)) continue;
    const [src, dst] = key.split('\u0000');
    const type: DiffType = x.isEmpty() ? 'added' : y.isEmpty() ? 'removed' : 'changed';
    const workloads = [src, dst].filter((p) => !p.endsWith('[External]'));
    out.push({
      type,
      src,
      dst,
      before: x,
      after: y,
      workloadsAdded: workloads.filter((w) => !namesA.has(w) && namesB.has(w)),
      workloadsRemoved: workloads.filter((w) => namesA.has(w) && !namesB.has(w)),
    });
  }
  const order: Record<DiffType, number> = { changed: 0, added: 1, removed: 2 };
  return out.sort((p, q) => order[p.type] - order[q.type] || cmp(p.src, q.src) || cmp(p.dst, q.dst));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `src\0dst` → connections of one side, with external ranges refined against the other side's. */
function connectionMap(facts: NetworkFacts, other: NetworkFacts): Map<string, ConnectionSet> {
  const map = new Map<string, ConnectionSet>();
  for (const c of facts.connections()) {
    if (c.src.type === 'external' || c.dst.type === 'external') continue;
    map.set(`${endpointName(c.src.endpoint)}\u0000${endpointName(c.dst.endpoint)}`, c.conns);
  }
  const unionOver = (sets: ConnectionSet[]): ConnectionSet => sets.reduce((acc, s) => acc.union(s), ConnectionSet.NONE);
  for (const { range, own } of refine(facts.ingressExternals, other.ingressExternals)) {
    for (const e of facts.endpoints) {
      const conns = unionOver(e.classIds.map((d) => facts.fromExternal(own, d)));
      if (!conns.isEmpty()) map.set(`${formatRange(range)}[External]\u0000${name(e)}`, conns);
    }
  }
  for (const { range, own } of refine(facts.egressExternals, other.egressExternals)) {
    for (const e of facts.endpoints) {
      const conns = unionOver(e.classIds.map((s) => facts.toExternal(s, own)));
      if (!conns.isEmpty()) map.set(`${name(e)}\u0000${formatRange(range)}[External]`, conns);
    }
  }
  return map;
}

function name(e: WorkloadEndpoint): string {
  return endpointName(e);
}

/**
 * The common refinement of two partitions of the address space (IPv6 only when either side has it): each
 * part lies in exactly one range of each side; `own` is the range of the first side holding it.
 */
function refine(mine: IpRange[], theirs: IpRange[]): { range: IpRange; own: IpRange }[] {
  const out: { range: IpRange; own: IpRange }[] = [];
  for (const family of [4, 6] as const) {
    const m = mine.filter((r) => r.family === family);
    const t = theirs.filter((r) => r.family === family);
    if (m.length === 0) continue;
    const cuts = [...new Set([...m, ...t].map((r) => r.lo))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const hi = m[m.length - 1].hi;
    for (let i = 0; i < cuts.length; i++) {
      const range: IpRange = { family, lo: cuts[i], hi: i + 1 < cuts.length ? cuts[i + 1] - 1n : hi };
      const own = m.find((r) => r.lo <= range.lo && range.lo <= r.hi)!;
      const their = t.find((r) => r.lo <= range.lo && range.lo <= r.hi);
      const prev = out[out.length - 1];
      // Merge neighbours that lie in the same range on both sides.
      if (prev && prev.range.family === family && prev.own === own && (t.length === 0 || t.find((r) => r.lo <= prev.range.lo && prev.range.lo <= r.hi) === their)) {
        prev.range = { ...prev.range, hi: range.hi };
      } else out.push({ range, own });
    }
  }
  return out;
}
