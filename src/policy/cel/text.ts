/**
 * String helpers for the CEL environment: RE2-compatible regular expressions (Kubernetes uses Go's RE2),
 * the cel-go strings extension (charAt, indexOf, lastIndexOf, substring, trim, replace, format, quote) and the Kubernetes regex library
 * (find, findAll).
 */
import { RE2JS } from 're2js';
import { CelEvaluationError } from './runtime.js';

// ───────────────────────────── RE2 ─────────────────────────────

/*
 * Kubernetes runs CEL's regular expressions with Go's regexp: RE2 syntax, and time linear in the input.
 * re2js is a port of RE2 with both. A backtracking JavaScript RegExp would let one crafted object name
 * stall the admission webhook on a pattern as ordinary as `^([a-z0-9]+-?)+$` (measured: 40 characters
 * held the server thread for seconds), and translating RE2 syntax to it was never exact.
 */

const regexCache = new Map<string, RE2JS>();

/** Compiles an RE2 pattern (cached, bounded); an invalid one is an evaluation error with Go's message. */
export function compileRegex(pattern: string): RE2JS {
  let re = regexCache.get(pattern);
  if (re) return re;
  try {
    re = RE2JS.compile(pattern);
  } catch (err) {
    throw new CelEvaluationError(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
  if (regexCache.size >= 1000) regexCache.clear();
  regexCache.set(pattern, re);
  return re;
}

/** Why `pattern` is not a valid RE2 expression (Go's message), or undefined. */
export function regexProblem(pattern: string): string | undefined {
  try {
    compileRegex(pattern);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** CEL `matches`: whether the pattern matches anywhere in `s` (Go's MatchString). */
export function matches(s: string, pattern: string): boolean {
  return compileRegex(pattern).test(s);
}

/** Kubernetes' `find`: the leftmost match, or ''. */
export function find(s: string, pattern: string): string {
  const m = compileRegex(pattern).matcher(s);
  return m.find(0) ? s.slice(m.start(), m.end()) : '';
}

/**
 * Kubernetes' `findAll` (Go's FindAllString): successive non-overlapping matches, at most `limit` (all when
 * negative); an empty match right after the previous match is dropped, and after an empty match the search
 * moves on one code point.
 */
export function findAll(s: string, pattern: string, limit = -1): string[] {
  if (limit === 0) return [];
  const m = compileRegex(pattern).matcher(s);
  const out: string[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length && m.find(pos)) {
    const start = m.start();
    const end = m.end();
    const empty = start === end;
    if (empty) pos = end < s.length ? end + ((s.codePointAt(end) ?? 0) > 0xffff ? 2 : 1) : s.length + 1;
    else pos = end;
    if (!(empty && start === prevEnd)) {
      out.push(s.slice(start, end));
      if (limit > 0 && out.length >= limit) break;
    }
    prevEnd = end;
  }
  return out;
}

// ───────────────────────────── strings ext ─────────────────────────────

function codePoints(s: string): string[] {
  return Array.from(s);
}

export function charAt(s: string, i: bigint): string {
  const cps = codePoints(s);
  if (i < 0n || i > BigInt(cps.length)) throw new CelEvaluationError(`index out of range: ${i}`);
  return cps[Number(i)] ?? '';
}

export function replace(s: string, from: string, to: string, n = -1n): string {
  if (n === 0n) return s;
  if (n < 0n) return from === '' ? to + codePoints(s).join(to) + (s ? to : '') : s.split(from).join(to);
  let out = '';
  let rest = s;
  let count = 0n;
  while (count < n) {
    if (from === '') {
      // Go strings.Replace with empty old inserts at each code point boundary
      const cps = codePoints(rest);
      out += to + (cps[0] ?? '');
      rest = cps.slice(1).join('');
      count++;
      if (cps.length === 0) break;
      continue;
    }
    const idx = rest.indexOf(from);
    if (idx < 0) break;
    out += rest.slice(0, idx) + to;
    rest = rest.slice(idx + from.length);
    count++;
  }
  return out + rest;
}

/** Index of `sub` in code points `cps` at or after `from`, or -1. */
function findFrom(cps: string[], sub: string[], from: number): number {
  for (let i = from; i + sub.length <= cps.length; i++) {
    let j = 0;
    while (j < sub.length && cps[i + j] === sub[j]) j++;
    if (j === sub.length) return i;
  }
  return -1;
}

/**
 * cel-go's indexOf, in code points: an empty `sub` answers the offset unchecked; a negative offset is an
 * error ("index out of range: N"), one past the end finds nothing (current cel-go; older releases raised
 * the error there too).
 */
export function indexOf(s: string, sub: string, offset = 0n): bigint {
  if (sub === '') return offset;
  if (offset < 0n) throw new CelEvaluationError(`index out of range: ${offset}`);
  const cps = codePoints(s);
  if (offset >= BigInt(cps.length)) return -1n;
  return BigInt(findFrom(cps, codePoints(sub), Number(offset)));
}

/** cel-go's lastIndexOf, in code points; without an offset it searches from the end. */
export function lastIndexOf(s: string, sub: string, offset?: bigint): bigint {
  const cps = codePoints(s);
  if (offset === undefined) {
    if (sub === '') return BigInt(cps.length);
    offset = BigInt(cps.length - 1);
  }
  if (sub === '') return offset;
  if (offset < 0n) throw new CelEvaluationError(`index out of range: ${offset}`);
  if (offset >= BigInt(cps.length)) return -1n;
  const subs = codePoints(sub);
  for (let i = Math.min(Number(offset), cps.length - subs.length); i >= 0; i--) {
    if (findFrom(cps.slice(0, i + subs.length), subs, i) === i) return BigInt(i);
  }
  return -1n;
}

/** cel-go's substring, in code points, with its range checks and messages. */
export function substring(s: string, start: bigint, end?: bigint): string {
  const cps = codePoints(s);
  const len = BigInt(cps.length);
  if (end !== undefined && start > end) throw new CelEvaluationError(`invalid substring range. start: ${start}, end: ${end}`);
  if (start < 0n || start > len) throw new CelEvaluationError(`index out of range: ${start}`);
  if (end !== undefined && (end < 0n || end > len)) throw new CelEvaluationError(`index out of range: ${end}`);
  return cps.slice(Number(start), end === undefined ? undefined : Number(end)).join('');
}

/**
 * Go's strings.TrimSpace (unicode.IsSpace), which cel-go's trim uses: unlike JavaScript's trim it removes
 * U+0085 and keeps U+FEFF.
 */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const GO_TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');
export function trim(s: string): string {
  return s.replace(GO_TRIM, '');
}

/** Go strconv.Quote-like quoting (k8s strings.quote). */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    switch (ch) {
      case '\x07': out += '\\a'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '\v': out += '\\v'; break;
      case '\\': out += '\\\\'; break;
      case '"': out += '\\"'; break;
      default: {
        const cp = ch.codePointAt(0)!;
        // cel-go escapes only the sequences above and writes other control characters as they are.
        out += cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : ch; // lone surrogate: invalid UTF-8 in Go terms
      }
    }
  }
  return out + '"';
}

// ───────────────────────────── format ─────────────────────────────

type Stringify = (v: unknown) => string;

function formatError(msg: string): CelEvaluationError {
  return new CelEvaluationError(`error during formatting: ${msg}`);
}

function isInt(v: unknown): v is bigint | { valueOf(): bigint } {
  return typeof v === 'bigint' || (typeof v === 'object' && v !== null && v.constructor?.name === 'UnsignedInt');
}

function toBig(v: unknown): bigint {
  return typeof v === 'bigint' ? v : BigInt((v as { valueOf(): bigint }).valueOf());
}

/** Non-finite doubles print as en_US does in cel-go's locale-aware %f/%e. */
function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '\u221e' : '-\u221e';
  return undefined;
}

function fixed(x: number, prec: number): string {
  return nonFinite(x) ?? x.toFixed(prec);
}

const SUPERSCRIPT = '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079';

/**
 * cel-go's %e under its en_US locale printer (golang.org/x/text): `1.052033 × 10⁰³`, narrow no-break
 * spaces around the sign, the exponent in superscript digits (at least two).
 */
function sci(x: number, prec: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const [mant, exp] = x.toExponential(prec).split('e');
  const e = Number(exp);
  const digits = [...String(Math.abs(e)).padStart(2, '0')].map((d) => SUPERSCRIPT[Number(d)]).join('');
  return `${mant}\u202f\u00d7\u202f10${e < 0 ? '\u207b' : ''}${digits}`;
}

function radix(v: unknown, base: number, upper: boolean): string | undefined {
  if (!isInt(v)) return undefined;
  const b = toBig(v);
  const s = (b < 0n ? '-' : '') + (b < 0n ? -b : b).toString(base);
  return upper ? s.toUpperCase() : s;
}

/**
 * cel-go strings.format (strings extension version 2, as in Kubernetes): %s %d %f %e %x %X %o %b %%, with
 * an optional precision (%.3f), cel-go's argument checks and its error messages. `clauseS` renders a %s
 * argument (and may refuse it); `typeName` names a value's CEL type for the errors.
 */
export function format(fmt: string, args: unknown[], clauseS: Stringify, typeName: Stringify): string {
  let out = '';
  let argi = 0;
  const refuse = (what: string, v: unknown): never => {
    throw formatError(`${what}, was given ${typeName(v)}`);
  };
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    if (fmt[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    let j = i + 1;
    let precision: number | undefined;
    if (fmt[j] === '.') {
      let k = j + 1;
      while (k < fmt.length && /\d/.test(fmt[k])) k++;
      if (k >= fmt.length) {
        throw new CelEvaluationError('could not parse formatting clause: error while parsing precision: could not find end of precision specifier');
      }
      precision = Number(fmt.slice(j + 1, k));
      j = k;
    }
    const verb = fmt[j];
    if (verb === undefined) throw new CelEvaluationError('unexpected end of string');
    if (!'sdfexXob'.includes(verb)) throw new CelEvaluationError(`could not parse formatting clause: unrecognized formatting clause "${verb}"`);
    if (argi >= args.length) throw new CelEvaluationError(`index ${argi} out of range`);
    const v = args[argi++];
    switch (verb) {
      case 's':
        out += clauseS(v);
        break;
      case 'd':
        out += radix(v, 10, false) ?? refuse('decimal clause can only be used on integers', v);
        break;
      case 'f':
      case 'e': {
        // Doubles only (ints are refused, as in cel-go); the strings "NaN" and "±Infinity" stand for the values.
        const x = typeof v === 'number' ? v : typeof v === 'string' && /^(NaN|-?Infinity)$/.test(v) ? Number(v) : undefined;
        if (x === undefined) refuse(`${verb === 'f' ? 'fixed-point' : 'scientific'} clause can only be used on doubles`, v);
        out += verb === 'f' ? fixed(x!, precision ?? 6) : sci(x!, precision ?? 6);
        break;
      }
      case 'x':
      case 'X': {
        let hex = radix(v, 16, verb === 'X');
        if (hex === undefined && (typeof v === 'string' || v instanceof Uint8Array)) {
          hex = Buffer.from(typeof v === 'string' ? Buffer.from(v, 'utf8') : v).toString('hex');
          if (verb === 'X') hex = hex.toUpperCase();
        }
        out += hex ?? refuse('only integers, byte buffers, and strings can be formatted as hex', v);
        break;
      }
      case 'o':
        out += radix(v, 8, false) ?? refuse('octal clause can only be used on integers', v);
        break;
      case 'b':
        out += typeof v === 'boolean' ? (v ? '1' : '0') : (radix(v, 2, false) ?? refuse('only integers and bools can be formatted as binary', v));
        break;
    }
    i = j;
  }
  return out;
}
