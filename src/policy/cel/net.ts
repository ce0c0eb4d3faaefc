/**
 * Kubernetes CEL IP, CIDR and URL libraries (k8s.io/apiserver/pkg/cel/library ip.go, cidr.go, urls.go
 * semantics): strict parsing like Go's netip (no leading zeros in IPv4, no zones, no IPv4-mapped IPv6),
 * canonical RFC 5952 strings, and Go url.ParseRequestURI-like URLs (absolute URI or absolute path).
 */
import { isIPv6 } from 'node:net';
import { formatIpv6Groups, ipv6Groups } from '../../kinds/ipv6-text.js';
import { CelEvaluationError } from './runtime.js';

// ───────────────────────────── IP ─────────────────────────────

export class IPAddr {
  constructor(readonly bytes: Uint8Array) {}

  get family(): 4 | 6 {
    return this.bytes.length === 4 ? 4 : 6;
  }

  isUnspecified(): boolean {
    return this.bytes.every((b) => b === 0);
  }
  isLoopback(): boolean {
    const b = this.bytes;
    return b.length === 4 ? b[0] === 127 : b.every((x, i) => x === (i === 15 ? 1 : 0));
  }
  isMulticast(): boolean {
    const b = this.bytes;
    return b.length === 4 ? (b[0] & 0xf0) === 0xe0 : b[0] === 0xff;
  }
  isLinkLocalMulticast(): boolean {
    const b = this.bytes;
    return b.length === 4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && (b[1] & 0x0f) === 0x02;
  }
  isLinkLocalUnicast(): boolean {
    const b = this.bytes;
    return b.length === 4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && (b[1] & 0xc0) === 0x80;
  }
  isGlobalUnicast(): boolean {
    const b = this.bytes;
    if (b.length === 4 && b.every((x) => x === 255)) return false; // limited broadcast
    return !(this.isUnspecified() || this.isLoopback() || this.isMulticast() || this.isLinkLocalUnicast());
  }

  equals(o: IPAddr): boolean {
    return this.bytes.length === o.bytes.length && this.bytes.every((b, i) => b === o.bytes[i]);
  }

  toString(): string {
    const b = this.bytes;
    if (b.length === 4) return b.join('.');
    const groups: number[] = [];
    for (let i = 0; i < 16; i += 2) groups.push((b[i] << 8) | b[i + 1]);
    return formatIpv6Groups(groups);
  }
}

/** Go netip's IPv4: four decimal octets without leading zeros. */
function ipv4Octets(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseIPv4(s: string): Uint8Array | undefined {
  const octets = ipv4Octets(s);
  return octets && Uint8Array.from(octets);
}

function parseIPv6(s: string): Uint8Array | undefined {
  if (s.includes('%') || !isIPv6(s)) return undefined;
  const groups = ipv6Groups(s, ipv4Octets);
  if (!groups) return undefined;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** Parses an IP like Kubernetes' CEL ip(); returns an error text when invalid. */
export function parseIP(s: string): IPAddr | string {
  if (typeof s !== 'string') return 'IP address must be a string';
  const v4 = parseIPv4(s);
  if (v4) return new IPAddr(v4);
  if (s.includes('%')) return `IP address with zone value is not allowed: ${JSON.stringify(s)}`;
  const v6 = parseIPv6(s);
  if (!v6) return `IP address could not be parsed: ${JSON.stringify(s)}`;
  if (v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff) {
    return `IPv4-mapped IPv6 address is not allowed: ${JSON.stringify(s)}`;
  }
  return new IPAddr(v6);
}

export function ip(s: string): IPAddr {
  const r = parseIP(s);
  if (typeof r === 'string') throw new CelEvaluationError(r);
  return r;
}

export function isIP(s: string): boolean {
  return typeof parseIP(s) !== 'string';
}

export function ipIsCanonical(s: string): boolean {
  return ip(s).toString() === s;
}

// ───────────────────────────── CIDR ─────────────────────────────

function maskBytes(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < out.length; i++) {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    out[i] &= bits === 0 ? 0 : (0xff << (8 - bits)) & 0xff;
  }
  return out;
}

export class CIDR {
  constructor(
    readonly addr: IPAddr,
    readonly prefix: number,
  ) {}

  containsIP(other: IPAddr): boolean {
    if (other.family !== this.addr.family) return false;
    const a = maskBytes(this.addr.bytes, this.prefix);
    const b = maskBytes(other.bytes, this.prefix);
    return a.every((x, i) => x === b[i]);
  }
  containsCIDR(other: CIDR): boolean {
    return other.prefix >= this.prefix && this.containsIP(other.addr);
  }
  masked(): CIDR {
    return new CIDR(new IPAddr(maskBytes(this.addr.bytes, this.prefix)), this.prefix);
  }
  equals(o: CIDR): boolean {
    return this.prefix === o.prefix && this.addr.equals(o.addr);
  }
  toString(): string {
    return `${this.addr}/${this.prefix}`;
  }
}

export function parseCIDR(s: string): CIDR | string {
  if (typeof s !== 'string') return 'network address must be a string';
  const slash = s.indexOf('/');
  if (slash < 0) return `network address parse error, no '/': ${JSON.stringify(s)}`;
  const addr = parseIP(s.slice(0, slash));
  if (typeof addr === 'string') return `network address parse error: ${addr}`;
  const bits = s.slice(slash + 1);
  const max = addr.family === 4 ? 32 : 128;
  if (!/^(0|[1-9]\d{0,2})$/.test(bits) || Number(bits) > max) {
    return `network address parse error, bad prefix length: ${JSON.stringify(s)}`;
  }
  return new CIDR(addr, Number(bits));
}

export function cidr(s: string): CIDR {
  const r = parseCIDR(s);
  if (typeof r === 'string') throw new CelEvaluationError(r);
  return r;
}

export function isCIDR(s: string): boolean {
  return typeof parseCIDR(s) !== 'string';
}

// ───────────────────────────── URL ─────────────────────────────

export class URLValue {
  constructor(
    readonly raw: string,
    readonly scheme: string,
    readonly host: string,
    readonly escapedPath: string,
    readonly rawQuery: string,
  ) {}

  get hostname(): string {
    const h = this.host;
    if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
    const colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.slice(0, colon);
  }
  get port(): string {
    const h = this.host;
    const from = h.startsWith('[') ? h.indexOf(']') + 1 : 0;
    const colon = h.indexOf(':', from);
    return colon < 0 ? '' : h.slice(colon + 1);
  }
  /** Query parameters as a map of string to list of (decoded) strings. */
  query(): Record<string, string[]> {
    const out: Record<string, string[]> = Object.create(null);
    if (!this.rawQuery) return out;
    for (const part of this.rawQuery.split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const k = decodeQuery(eq < 0 ? part : part.slice(0, eq));
      const v = eq < 0 ? '' : decodeQuery(part.slice(eq + 1));
      (out[k] ??= []).push(v);
    }
    return out;
  }
  equals(o: URLValue): boolean {
    return this.raw === o.raw;
  }
  toString(): string {
    return this.raw;
  }
}

function decodeQuery(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Go url.ParseRequestURI-like: an absolute URI (scheme:...) or an absolute path. */
export function parseURL(s: string): URLValue | string {
  if (typeof s !== 'string') return 'URL must be a string';
  const bad = (why: string): string => `URL parse error: ${why}: ${JSON.stringify(s)}`;
  if (CONTROL.test(s)) return bad('invalid control character in URL');
  if (s.includes(' ')) return bad('invalid character " " in URL');
  let rest = s;
  let scheme = '';
  let host = '';
  if (!s.startsWith('/')) {
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s);
    if (!m) return bad('invalid URI for request');
    scheme = m[1];
    rest = s.slice(m[0].length);
    if (rest.startsWith('//')) {
      const end = rest.slice(2).search(/[/?]/);
      const authority = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
      rest = end < 0 ? '' : rest.slice(2 + end);
      host = authority.slice(authority.lastIndexOf('@') + 1);
      if (host.startsWith('[')) {
        const close = host.indexOf(']');
        if (close < 0) return bad('missing \']\' in host');
        const after = host.slice(close + 1);
        if (after && !/^:\d*$/.test(after)) return bad('invalid port after host');
        if (!isIPv6(host.slice(1, close).split('%')[0])) return bad('invalid IPv6 host');
      } else {
        const colon = host.lastIndexOf(':');
        if (colon >= 0 && !/^\d*$/.test(host.slice(colon + 1))) return bad('invalid port after host');
        if (/[^A-Za-z0-9.\-_~!$&'()*+,;=%:]/.test(host)) return bad('invalid character in host name');
      }
    } else if (!rest.startsWith('/')) {
      // opaque URIs (mailto:x) are not request URIs
      return bad('invalid URI for request');
    }
  }
  if (BAD_ESCAPE.test(rest)) return bad('invalid URL escape');
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  const rawQuery = q < 0 ? '' : rest.slice(q + 1);
  return new URLValue(s, scheme, host, path, rawQuery);
}

export function url(s: string): URLValue {
  const r = parseURL(s);
  if (typeof r === 'string') throw new CelEvaluationError(r);
  return r;
}

export function isURL(s: string): boolean {
  return typeof parseURL(s) !== 'string';
}
