/** IPv4 and IPv6 address ranges as inclusive [lo, hi] bigint intervals, for NetworkPolicy ipBlocks. */
import { formatIpv6Groups, ipv6Groups } from '../../kinds/ipv6-text.js';

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

function ipv4Octets(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    octets.push(n);
  }
  return octets;
}

function parseIpv4(text: string): bigint | undefined {
  const octets = ipv4Octets(text);
  return octets?.reduce((value, n) => (value << 8n) | BigInt(n), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  const groups = ipv6Groups(text, ipv4Octets);
  return groups?.reduce((value, g) => (value << 16n) | BigInt(g), 0n);
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

function formatIpv6(v: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((v >> shift) & 0xffffn));
  return formatIpv6Groups(groups);
}

function formatAddress(family: IpFamily, v: bigint): string {
  return family === 4 ? formatIpv4(v) : formatIpv6(v);
}

/** `10.0.0.0-10.255.255.255`: how netpol-analyzer names an external range. */
export function formatRange(r: IpRange): string {
  return `${formatAddress(r.family, r.lo)}-${formatAddress(r.family, r.hi)}`;
}
