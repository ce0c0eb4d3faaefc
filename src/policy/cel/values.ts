/**
 * CEL value helpers: JSON <-> CEL conversion, equality, ordering and the %s string form, plus the
 * Kubernetes lists library (isSorted, sum, min, max, indexOf, lastIndexOf) and cel-go's lists extension.
 */
import { Optional } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { NamedFormat } from './formats.js';
import { CIDR, IPAddr, URLValue } from './net.js';
import { Quantity } from './quantity.js';
import { chargeTraversal, CelEvaluationError } from './runtime.js';
import { Semver } from './semver.js';

/** JSON (from YAML/JSON objects) -> CEL value: integral numbers -> BigInt (CEL int), others -> double. Pure. */
export function toCelValue(json: unknown): unknown {
  switch (typeof json) {
    case 'number':
      return Number.isInteger(json) ? BigInt(json) : json;
    case 'string':
    case 'boolean':
    case 'bigint':
      return json;
    case 'undefined':
      return null;
    case 'object': {
      if (json === null) return null;
      if (Array.isArray(json)) {
        const out = new Array(json.length);
        for (let i = 0; i < json.length; i++) out[i] = toCelValue(json[i]);
        return out;
      }
      if (json instanceof Date) return json;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(json)) {
        const v = (json as Record<string, unknown>)[key];
        if (v === undefined) continue;
        if (key === '__proto__') Object.defineProperty(out, key, { value: toCelValue(v), enumerable: true, writable: true, configurable: true });
        else out[key] = toCelValue(v);
      }
      return out;
    }
    default:
      return null;
  }
}

/** CEL value -> JSON (BigInt -> number, Map -> object, Optional -> value or null, Date -> RFC3339, Duration -> string). */
export function fromCelValue(value: unknown): unknown {
  switch (typeof value) {
    case 'bigint':
      return Number(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(fromCelValue);
      if (value instanceof Set) return [...value].map(fromCelValue);
      if (value instanceof Map) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of value) out[String(fromCelValue(k))] = fromCelValue(v);
        return out;
      }
      if (value instanceof Optional) return value.hasValue() ? fromCelValue(value.value()) : null;
      if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
      if (value instanceof Duration) return value.toString();
      if (value instanceof UnsignedInt) return Number(value.valueOf());
      if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
      if (value instanceof Quantity || value instanceof IPAddr || value instanceof CIDR || value instanceof URLValue || value instanceof Semver) {
        return value.toString();
      }
      if (isPlainObject(value)) {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(value)) out[k] = fromCelValue(value[k]);
        return out;
      }
      return String(value);
    }
    default:
      return null;
  }
}

/** The %s / string() form of any CEL value. */
export function celToString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : String(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(celToString).join(', ')}]`;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${celToString(k)}: ${celToString(x)}`).join(', ')}}`;
  if (v instanceof Optional) return v.hasValue() ? `optional(${celToString(v.value())})` : 'optional.none()';
  if (typeof v === 'object' && v !== null && isPlainObject(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${k}: ${celToString(v[k])}`).join(', ')}}`;
  }
  return String(v);
}

/**
 * The %s form of a format() argument, as cel-go's strings extension (version 2, Kubernetes') prints it:
 * doubles as Go's shortest form (`2e-09`, `+Inf`); inside lists and maps every member as a CEL literal
 * (strings quoted, doubles with six decimals, `timestamp("…")`, `duration("…")`), map entries as `key:value`
 * sorted by key. cel-go's %s takes only strings, bools, bytes, numbers, maps, lists, types, durations,
 * timestamps and null: the Kubernetes library values (quantity, IP, CIDR, URL, semver, named formats) and
 * optionals are an error there, so they are here too, even inside a list or map, rather than printing text
 * that the cluster would refuse.
 */
export function celFormatString(v: unknown): string {
  const bad = unformattable(v);
  if (bad !== undefined) {
    throw new CelEvaluationError(
      `error during formatting: string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given ${bad}`,
    );
  }
  if (typeof v === 'number') return goShortest(v);
  if (Array.isArray(v) || v instanceof Set) return formatList([...v]);
  if (v instanceof Map || (typeof v === 'object' && v !== null && isPlainObject(v))) return formatMap(v);
  if (v instanceof Date) return goTimestamp(v);
  if (isTypeValue(v)) return v.name;
  return celToString(v);
}

/** The CEL type name cel-go puts in format() errors ("was given null_type"). */
export function celTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'null_type';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string' || typeof v === 'boolean') return typeof v === 'string' ? 'string' : 'bool';
  if (v instanceof UnsignedInt) return 'uint';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v) || v instanceof Set) return 'list';
  if (v instanceof Date) return 'google.protobuf.Timestamp';
  if (v instanceof Duration) return 'google.protobuf.Duration';
  if (isTypeValue(v)) return 'type';
  return unformattable(v) ?? 'map';
}

function isTypeValue(v: unknown): v is { name: string } {
  return typeof v === 'object' && v !== null && v.constructor?.name === 'Type' && typeof (v as { name?: unknown }).name === 'string';
}

/** Go strconv.FormatFloat(x, 'g', -1, 64): shortest digits, exponent form below 1e-4 or from 1e6 up. */
function goShortest(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const [mant, e] = x.toExponential().split('e');
  const exp = Number(e);
  if (x !== 0 && (exp < -4 || exp >= 6)) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return Object.is(x, -0) ? '-0' : String(x);
}

/** Go time.RFC3339Nano, as cel-go prints timestamps: fractional seconds without trailing zeros. */
function goTimestamp(d: Date): string {
  return d.toISOString().replace(/\.?0+Z$/, 'Z');
}

/** Go %q of a string, the way cel-go quotes strings inside formatted lists and maps. */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, (m, h: string) => (h === '7f' || Number.parseInt(h, 16) < 0x20 ? `\\x${h}` : m)).replace(/\x07/g, '\\a').replace(/\x0b/g, '\\v');
}

/** A list or map member as a CEL literal (cel-go formatting.go clauseForType + quoteForCEL). */
function formatMember(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (v instanceof Uint8Array) return `b${goQuote(Buffer.from(v).toString('utf8'))}`;
  if (typeof v === 'number') return Number.isFinite(v) ? v.toFixed(6) : `"${goShortest(v)}"`;
  if (v instanceof Date) return `timestamp("${goTimestamp(v)}")`;
  if (v instanceof Duration) return `duration("${v.toString()}")`;
  return celFormatString(v);
}

function formatList(items: unknown[]): string {
  return `[${items.map(formatMember).join(', ')}]`;
}

function formatMap(m: object): string {
  const entries = m instanceof Map ? [...m] : Object.keys(m).map((k) => [k, (m as Record<string, unknown>)[k]] as const);
  const pairs = entries.map(([k, v]) => [typeof k === 'string' ? goQuote(k) : celToString(k), formatMember(v)] as const);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `{${pairs.map(([k, v]) => `${k}:${v}`).join(', ')}}`;
}

/** The CEL type name of the first value in `v` that %s refuses, if any. */
function unformattable(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  if (v instanceof Quantity) return 'kubernetes.Quantity';
  if (v instanceof IPAddr) return 'net.IP';
  if (v instanceof CIDR) return 'net.CIDR';
  if (v instanceof URLValue) return 'kubernetes.URL';
  if (v instanceof Semver) return 'kubernetes.Semver';
  if (v instanceof NamedFormat) return 'kubernetes.NamedFormat';
  if (v instanceof Optional) return 'optional_type';
  const items = Array.isArray(v) || v instanceof Set ? [...v] : v instanceof Map ? [...v.values()] : isPlainObject(v) ? Object.values(v) : [];
  for (const item of items) {
    const bad = unformattable(item);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/** A CEL map as cel-js holds it (a plain object), as opposed to a Map or a library value. */
export function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** CEL heterogeneous equality (ints and doubles compare numerically). */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'bigint' || ta === 'number') && (tb === 'bigint' || tb === 'number')) {
    return ta === 'bigint' && tb === 'bigint' ? a === b : Number(a) === Number(b) && compareNumbers(a as number | bigint, b as number | bigint) === 0;
  }
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!celEquals(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Uint8Array) return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  for (const C of [Quantity, Semver] as const) {
    if (a instanceof C) return b instanceof C && (a as Quantity).compareTo(b as Quantity) === 0;
  }
  if (a instanceof IPAddr || a instanceof CIDR || a instanceof URLValue) return (a as IPAddr).equals(b as never);
  if (a instanceof Map || b instanceof Map) return mapsEqual(a as object, b as object);
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!celEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** The entries of a CEL map held as a Map or a plain object; undefined for anything else. */
function mapEntries(v: object): [unknown, unknown][] | undefined {
  if (v instanceof Map) return [...v];
  if (!isPlainObject(v)) return undefined;
  return Object.keys(v).map((k) => [k, v[k]]);
}

/**
 * Equality of maps where one is a Map (two-variable comprehensions build Maps for non-string keys). Keys
 * match by their string form, because cel-js keeps the int keys of map literals as strings: `{0: 'a'}` must
 * equal `[ 'a' ].transformMap(i, v, v)`.
 */
function mapsEqual(a: object, b: object): boolean {
  const ea = mapEntries(a);
  const eb = mapEntries(b);
  if (!ea || !eb || ea.length !== eb.length) return false;
  const byKey = new Map(eb.map(([k, v]) => [celToString(k), v]));
  return ea.every(([k, v]) => {
    const key = celToString(k);
    return byKey.has(key) && celEquals(v, byKey.get(key));
  });
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}

function kindOf(v: unknown): string {
  if (typeof v === 'bigint' || typeof v === 'number') return 'number';
  if (v instanceof UnsignedInt) return 'number';
  return typeof v === 'object' && v !== null ? v.constructor.name : typeof v;
}

/** Ordering of comparable CEL values; throws for incomparable ones. */
export function celCompare(a: unknown, b: unknown): number {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) throw new CelEvaluationError(`no such overload: cannot compare ${ka} and ${kindOf(b)}`);
  if (ka === 'number') {
    const x = a instanceof UnsignedInt ? (a as UnsignedInt).valueOf() : (a as number | bigint);
    const y = b instanceof UnsignedInt ? (b as UnsignedInt).valueOf() : (b as number | bigint);
    return compareNumbers(x, y);
  }
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (typeof a === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date || a instanceof Duration) return Math.sign(Number((a as Date).valueOf()) - Number((b as Date).valueOf()));
  if (a instanceof Uint8Array) return Buffer.compare(Buffer.from(a), Buffer.from(b as Uint8Array));
  if (a instanceof Quantity) return a.compareTo(b as Quantity);
  if (a instanceof Semver) return a.compareTo(b as Semver);
  throw new CelEvaluationError(`no such overload: ${ka} values are not comparable`);
}

// ───────────────────────────── lists library ─────────────────────────────

function asList(l: unknown): unknown[] {
  if (Array.isArray(l)) return l;
  if (l instanceof Set) return [...l];
  throw new CelEvaluationError('expected a list');
}

export const lists = {
  isSorted(l: unknown): boolean {
    const a = asList(l);
    chargeTraversal(a.length * 10);
    for (let i = 1; i < a.length; i++) if (celCompare(a[i - 1], a[i]) > 0) return false;
    return true;
  },
  sum(l: unknown): unknown {
    const a = asList(l);
    chargeTraversal(a.length * 10);
    if (a.length === 0) return 0n;
    if (a.every((x) => typeof x === 'bigint')) {
      let s = 0n;
      for (const x of a as bigint[]) s += x;
      if (s > (1n << 63n) - 1n || s < -(1n << 63n)) throw new CelEvaluationError('integer overflow in sum()');
      return s;
    }
    if (a.every((x) => typeof x === 'number')) return (a as number[]).reduce((x, y) => x + y, 0);
    if (a.every((x) => x instanceof Duration)) return (a as Duration[]).reduce((x, y) => x.addDuration(y));
    if (a.every((x) => x instanceof UnsignedInt)) return new UnsignedInt((a as UnsignedInt[]).reduce((x, y) => x + y.valueOf(), 0n));
    throw new CelEvaluationError('sum() requires a list of int, uint, double or duration of one type');
  },
  min(l: unknown): unknown {
    const a = asList(l);
    if (a.length === 0) throw new CelEvaluationError('min called on empty list');
    chargeTraversal(a.length * 10);
    let m = a[0];
    for (let i = 1; i < a.length; i++) if (celCompare(a[i], m) < 0) m = a[i];
    return m;
  },
  max(l: unknown): unknown {
    const a = asList(l);
    if (a.length === 0) throw new CelEvaluationError('max called on empty list');
    chargeTraversal(a.length * 10);
    let m = a[0];
    for (let i = 1; i < a.length; i++) if (celCompare(a[i], m) > 0) m = a[i];
    return m;
  },
  indexOf(l: unknown, x: unknown): bigint {
    const a = asList(l);
    for (let i = 0; i < a.length; i++) if (celEquals(a[i], x)) return (chargeTraversal(i * 10), BigInt(i));
    chargeTraversal(a.length * 10);
    return -1n;
  },
  lastIndexOf(l: unknown, x: unknown): bigint {
    const a = asList(l);
    chargeTraversal(a.length * 10);
    for (let i = a.length - 1; i >= 0; i--) if (celEquals(a[i], x)) return BigInt(i);
    return -1n;
  },
  slice(l: unknown, from: bigint, to: bigint): unknown[] {
    const a = asList(l);
    if (from < 0n || to < 0n) throw new CelEvaluationError(`cannot slice(${from}, ${to}), negative indexes not supported`);
    if (from > to) throw new CelEvaluationError(`cannot slice(${from}, ${to}), start index must be less than or equal to end index`);
    if (to > BigInt(a.length)) throw new CelEvaluationError(`cannot slice(${from}, ${to}), list is length ${a.length}`);
    return a.slice(Number(from), Number(to));
  },
  flatten(l: unknown, depth = 1n): unknown[] {
    if (depth < 0n) throw new CelEvaluationError('level must be non-negative');
    const a = asList(l);
    const out: unknown[] = [];
    for (const x of a) {
      if ((Array.isArray(x) || x instanceof Set) && depth > 0n) out.push(...lists.flatten(x, depth - 1n));
      else out.push(x);
    }
    chargeTraversal(out.length * 10);
    return out;
  },
  distinct(l: unknown): unknown[] {
    const a = asList(l);
    chargeTraversal(a.length * 10);
    const out: unknown[] = [];
    for (const x of a) if (!out.some((y) => celEquals(x, y))) out.push(x);
    return out;
  },
  reverse(l: unknown): unknown[] {
    return [...asList(l)].reverse();
  },
  sort(l: unknown): unknown[] {
    const a = [...asList(l)];
    chargeTraversal(a.length * 10);
    return a.sort(celCompare);
  },
  range(n: bigint): bigint[] {
    if (n < 0n || n > 1_000_000n) throw new CelEvaluationError(`lists.range(${n}) out of range`);
    chargeTraversal(Number(n) * 10);
    return Array.from({ length: Number(n) }, (_, i) => BigInt(i));
  },
};
