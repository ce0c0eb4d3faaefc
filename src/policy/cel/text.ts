/**
 * String helpers for the CEL environment: RE2-compatible regular expressions (Kubernetes uses Go's RE2),
 * the cel-go strings extension (charAt, indexOf, lastIndexOf, substring, trim, replace, format, quote) and the Kubernetes regex library
 * (find, findAll).
 */
import { CelEvaluationError } from './runtime.js';

// ───────────────────────────── RE2 ─────────────────────────────

/**
 * Returns why `pattern` is not valid RE2 (lookaround, backreferences), or undefined. RE2 has no
 * lookaround and no backreferences, so JavaScript-only syntax must be rejected rather than silently run.
 */
export function re2Problem(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      if (!inClass && n !== undefined && /[1-9]/.test(n)) return `backreferences (\\${n}) are not supported by RE2`;
      if (!inClass && n === 'k' && pattern[i + 2] === '<') return 'named backreferences (\\k<...>) are not supported by RE2';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++; // a leading ] is literal
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const look = pattern.slice(i + 2, i + 4);
      if (look[0] === '=' || look[0] === '!' || look === '<=' || look === '<!') {
        return 'lookaround assertions ((?=, (?!, (?<=, (?<!) are not supported by RE2';
      }
    }
  }
  return undefined;
}

const regexCache = new Map<string, RegExp>();

/** RE2's ASCII POSIX classes, as the contents of a JavaScript character class. */
const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
/** Unicode general categories JavaScript accepts bare in \p{…}; other RE2 names are scripts. */
const GENERAL_CATEGORIES = new Set(['C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs']);
const JS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
/** RE2's \s is ASCII whitespace only (JavaScript's also matches Unicode spaces). */
const RE2_SPACE = '\\t\\n\\f\\r ';
/** RE2's \S: JavaScript's \S plus what JavaScript counts as space and RE2 does not. */
const RE2_NON_SPACE = '\\S\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/**
 * Translates RE2 syntax to a JavaScript pattern for the `u` flag (code points, as RE2 matches them):
 * POSIX classes, \pX and script names, \Q…\E, ASCII-only \s, \A, \z, (?P<name>. What has no JavaScript
 * equivalent (inline flags after the start, negated POSIX classes, \C) is an error, never a silently
 * different answer.
 */
function translateRe2(pattern: string): string {
  let out = '';
  let inClass = false;
  const unsupported = (what: string): never => {
    throw new CelEvaluationError(`invalid regular expression ${JSON.stringify(pattern)}: ${what} is not supported`);
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return unsupported('a trailing backslash');
      if (n === 'Q') {
        const stop = pattern.indexOf('\\E', i + 2);
        const literal = pattern.slice(i + 2, stop === -1 ? undefined : stop);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = stop === -1 ? pattern.length : stop + 1;
        continue;
      }
      if (n === 'p' || n === 'P') {
        let name: string;
        if (pattern[i + 2] === '{') {
          const close = pattern.indexOf('}', i + 3);
          if (close === -1) return unsupported('an unterminated \\p{');
          name = pattern.slice(i + 3, close);
          i = close;
        } else {
          name = pattern[i + 2] ?? '';
          i += 2;
        }
        const negate = name.startsWith('^') !== (n === 'P');
        name = name.replace(/^\^/, '');
        if (!/^[A-Za-z_]+$/.test(name)) return unsupported(`\\p{${name}}`);
        out += `\\${negate ? 'P' : 'p'}{${GENERAL_CATEGORIES.has(name) ? name : name === 'Any' ? 'Any' : `Script=${name}`}}`;
        continue;
      }
      if (n === 'A' && !inClass) {
        out += '^';
        i++;
        continue;
      }
      if (n === 'z' && !inClass) {
        out += '(?![\\s\\S])';
        i++;
        continue;
      }
      if (n === 's') {
        out += inClass ? RE2_SPACE : `[${RE2_SPACE}]`;
        i++;
        continue;
      }
      if (n === 'S') {
        out += inClass ? RE2_NON_SPACE : `[${RE2_NON_SPACE}]`;
        i++;
        continue;
      }
      if (n === 'C') return unsupported('\\C');
      // RE2 lets any punctuation be escaped; JavaScript's `u` mode only its syntax characters.
      if (!/[A-Za-z0-9]/.test(n) && !JS_SYNTAX.has(n) && !(inClass && n === '-')) {
        out += n;
        i++;
        continue;
      }
      out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[' && pattern[i + 1] === ':') {
        const close = pattern.indexOf(':]', i + 2);
        if (close !== -1) {
          const name = pattern.slice(i + 2, close);
          if (name.startsWith('^')) return unsupported(`the negated POSIX class [:${name}:]`);
          const body = POSIX_CLASSES[name];
          if (!body) return unsupported(`the POSIX class [:${name}:]`);
          out += body;
          i = close + 1;
          continue;
        }
      }
      if (c === '[') {
        out += '\\[';
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      if (pattern[i + 2] === 'P' && pattern[i + 3] === '<') {
        out += '(?<';
        i += 3;
        continue;
      }
      if (/^[imsU-]+[:)]/.test(pattern.slice(i + 2))) return unsupported('an inline flag group other than a leading (?flags)');
    }
    if (c === '{' && !/^\{\d+(,\d*)?\}/.test(pattern.slice(i))) {
      // RE2 reads a brace that is not a repetition as a literal; `u` mode would reject it.
      out += '\\{';
      continue;
    }
    if (c === '}') {
      const before = out.lastIndexOf('{');
      if (before === -1 || out[before - 1] === '\\') {
        out += '\\}';
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Compiles an RE2 pattern to a JavaScript RegExp (see translateRe2). Cached. */
export function compileRegex(pattern: string, global = false): RegExp {
  const key = (global ? 'g:' : ':') + pattern;
  const cached = regexCache.get(key);
  if (cached) return cached;
  const problem = re2Problem(pattern);
  if (problem) throw new CelEvaluationError(`invalid regular expression ${JSON.stringify(pattern)}: ${problem}`);
  let source = pattern;
  let flags = global ? 'gu' : 'u';
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  if (lead) {
    source = source.slice(lead[0].length);
    if (lead[1].includes('U')) throw new CelEvaluationError(`invalid regular expression ${JSON.stringify(pattern)}: the U (ungreedy) flag is not supported`);
    for (const f of new Set(lead[1])) flags += f;
  }
  let re: RegExp;
  try {
    re = new RegExp(translateRe2(source), flags);
  } catch (err) {
    if (err instanceof CelEvaluationError) throw err;
    throw new CelEvaluationError(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
  if (regexCache.size > 1000) regexCache.clear();
  regexCache.set(key, re);
  return re;
}

export function matches(s: string, pattern: string): boolean {
  return compileRegex(pattern).test(s);
}

export function find(s: string, pattern: string): string {
  const m = compileRegex(pattern).exec(s);
  return m ? m[0] : '';
}

/** Go FindAllString semantics: successive non-overlapping matches; empty matches abutting a match are dropped. */
export function findAll(s: string, pattern: string, limit = -1): string[] {
  if (limit === 0) return [];
  const re = compileRegex(pattern, true);
  re.lastIndex = 0;
  const out: string[] = [];
  let prevEnd = -1;
  for (;;) {
    const m = re.exec(s);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length === 0) {
      re.lastIndex = end + 1;
      if (start === prevEnd) {
        if (re.lastIndex > s.length + 1) break;
        continue;
      }
    }
    out.push(m[0]);
    prevEnd = end;
    if (limit > 0 && out.length >= limit) break;
    if (re.lastIndex > s.length) break;
  }
  re.lastIndex = 0;
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
