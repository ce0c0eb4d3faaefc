/** Sets of (protocol, port) connections, as NetworkPolicy rules allow them. */

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Sorted, disjoint, non-adjacent inclusive port intervals. */
type Intervals = readonly (readonly [number, number])[];

const FULL: Intervals = [[MIN_PORT, MAX_PORT]];

export function isProtocol(value: unknown): value is Protocol {
  return typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value);
}

function unionIntervals(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function intersectIntervals(a: Intervals, b: Intervals): Intervals {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

function sameIntervals(a: Intervals, b: Intervals): boolean {
  return a.length === b.length && a.every((x, i) => x[0] === b[i][0] && x[1] === b[i][1]);
}

/** Immutable. */
export class ConnectionSet {
  private readonly empty: boolean;
  private readonly all: boolean;
  private text: string | undefined;

  private constructor(private readonly ports: Readonly<Record<Protocol, Intervals>>) {
    this.empty = PROTOCOLS.every((p) => ports[p].length === 0);
    this.all = PROTOCOLS.every((p) => sameIntervals(ports[p], FULL));
  }

  static readonly NONE = new ConnectionSet({ TCP: [], UDP: [], SCTP: [] });
  static readonly ALL = new ConnectionSet({ TCP: FULL, UDP: FULL, SCTP: FULL });

  /** Ports lo..hi (clamped to 1..65535) of one protocol; an empty set when the range is empty. */
  static of(protocol: Protocol, lo: number = MIN_PORT, hi: number = MAX_PORT): ConnectionSet {
    const a = Math.max(MIN_PORT, lo);
    const b = Math.min(MAX_PORT, hi);
    if (!(a <= b)) return ConnectionSet.NONE;
    return new ConnectionSet({ ...ConnectionSet.NONE.ports, [protocol]: [[a, b]] });
  }

  union(other: ConnectionSet): ConnectionSet {
    if (other.isEmpty() || this.isAll()) return this;
    if (this.isEmpty() || other.isAll()) return other;
    return new ConnectionSet({
      TCP: unionIntervals(this.ports.TCP, other.ports.TCP),
      UDP: unionIntervals(this.ports.UDP, other.ports.UDP),
      SCTP: unionIntervals(this.ports.SCTP, other.ports.SCTP),
    });
  }

  intersect(other: ConnectionSet): ConnectionSet {
    if (other.isAll() || this.isEmpty()) return this;
    if (this.isAll() || other.isEmpty()) return other;
    return new ConnectionSet({
      TCP: intersectIntervals(this.ports.TCP, other.ports.TCP),
      UDP: intersectIntervals(this.ports.UDP, other.ports.UDP),
      SCTP: intersectIntervals(this.ports.SCTP, other.ports.SCTP),
    });
  }

  isEmpty(): boolean {
    return this.empty;
  }

  isAll(): boolean {
    return this.all;
  }

  equals(other: ConnectionSet): boolean {
    return PROTOCOLS.every((p) => sameIntervals(this.ports[p], other.ports[p]));
  }

  /** Whether the set holds this one port of this protocol. */
  allows(protocol: Protocol, port: number): boolean {
    return this.ports[protocol].some(([lo, hi]) => lo <= port && port <= hi);
  }

  portRanges(protocol: Protocol): readonly (readonly [number, number])[] {
    return this.ports[protocol];
  }

  /** netpol-analyzer's notation: `All Connections`, `TCP 8080,9090,UDP 53`, `TCP 1-65535`, `No Connections`. */
  toString(): string {
    return (this.text ??= this.describe());
  }

  private describe(): string {
    if (this.isAll()) return 'All Connections';
    if (this.isEmpty()) return 'No Connections';
    const parts: string[] = [];
    for (const p of PROTOCOLS) {
      const ranges = this.ports[p];
      if (ranges.length === 0) continue;
      parts.push(`${p} ${ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(',')}`);
    }
    return parts.join(',');
  }
}

/**
 * Connection sets interned by value, each with a small integer id (0 is NONE, 1 is ALL), with union and
 * intersection memoised by id: a connectivity matrix stores ids, and identical sets are one object.
 */
export class ConnectionSetTable {
  static readonly NONE = 0;
  static readonly ALL = 1;
  private readonly sets: ConnectionSet[] = [ConnectionSet.NONE, ConnectionSet.ALL];
  private readonly ids = new Map<string, number>([
    [ConnectionSet.NONE.toString(), 0],
    [ConnectionSet.ALL.toString(), 1],
  ]);
  private readonly unions = new Map<number, number>();
  private readonly intersections = new Map<number, number>();

  /** How many distinct sets the table holds. */
  get size(): number {
    return this.sets.length;
  }

  id(set: ConnectionSet): number {
    // toString() is canonical: intervals are sorted, disjoint and non-adjacent.
    const key = set.toString();
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.ids.set(key, id);
    }
    return id;
  }

  get(id: number): ConnectionSet {
    return this.sets[id];
  }

  union(a: number, b: number): number {
    if (a === b || b === 0 || a === 1) return a;
    if (a === 0 || b === 1) return b;
    const key = a < b ? a * 0x4000000 + b : b * 0x4000000 + a;
    let id = this.unions.get(key);
    if (id === undefined) this.unions.set(key, (id = this.id(this.sets[a].union(this.sets[b]))));
    return id;
  }

  intersect(a: number, b: number): number {
    if (a === b || b === 1 || a === 0) return a;
    if (a === 1 || b === 0) return b;
    const key = a < b ? a * 0x4000000 + b : b * 0x4000000 + a;
    let id = this.intersections.get(key);
    if (id === undefined) this.intersections.set(key, (id = this.id(this.sets[a].intersect(this.sets[b]))));
    return id;
  }
}
