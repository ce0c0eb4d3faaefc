/** IPv4 and IPv6 address ranges as inclusive [lo, hi] bigint intervals, for NetworkPolicy ipBlocks. */

export type IpFamily = 4 | 6;

export interface IpRange {
  family: IpFamily;
  lo: bigint;
  hi: bigint;
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

export function universe(family: IpFamily): IpRange {
  return { family, lo: 0n, hi: (1n << BigInt(BITS[family])) - 1n };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

/** `10.0.0.0/8`, `2001:db8::/32`; host bits are cleared as the API server's CIDR parsing does. Malformed → undefined. */
export function parseCidr(text: unknown): IpRange | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash).trim();
  const prefixText = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const family: IpFamily = addr.includes(':') ? 6 : 4;
  const value = family === 4 ? parseIpv4(addr) : parseIpv6(addr);
  const bits = BITS[family];
  const prefix = Number(prefixText);
  if (value === undefined || prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const lo = (value >> hostBits) << hostBits;
  return { family, lo, hi: lo + (1n << hostBits) - 1n };
}

/** `range` minus every range of `holes` (same family), as sorted disjoint intervals. */
export function subtractRanges(range: IpRange, holes: IpRange[]): IpRange[] {
  let out: IpRange[] = [range];
  for (const h of holes) {
    if (h.family !== range.family) continue;
    const next: IpRange[] = [];
    for (const r of out) {
      if (h.hi < r.lo || h.lo > r.hi) {
        next.push(r);
        continue;
      }
      if (h.lo > r.lo) next.push({ family: r.family, lo: r.lo, hi: h.lo - 1n });
      if (h.hi < r.hi) next.push({ family: r.family, lo: h.hi + 1n, hi: r.hi });
    }
    out = next;
  }
  return out;
}

export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.lo <= inner.lo && inner.hi <= outer.hi;
}

function formatIpv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest run (≥ 2) of zero groups as `::`. */
function formatIpv6(v: bigint): string {
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((v >> s) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

function formatAddress(family: IpFamily, v: bigint): string {
  return family === 4 ? formatIpv4(v) : formatIpv6(v);
}

/** `10.0.0.0-10.255.255.255`: how netpol-analyzer names an external range. */
export function formatRange(r: IpRange): string {
  return `${formatAddress(r.family, r.lo)}-${formatAddress(r.family, r.hi)}`;
}
