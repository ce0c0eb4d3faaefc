/**
 * Kubernetes CEL semver library (1.31+; the normalizing `semver(s, true)` / `isSemver(s, true)` forms are
 * 1.33+). Parsing follows the Go library Kubernetes uses (blang/semver v4 `Parse`), including its error
 * messages, so a version Kubernetes refuses is refused here with the same words.
 */
import { CelEvaluationError } from './runtime.js';

const UINT64_MAX = (1n << 64n) - 1n;
const DIGITS = /^[0-9]*$/;
const ALPHANUM = /^[0-9A-Za-z-]*$/;

type Parsed = Semver | string;

/** Go strconv.ParseUint(s, 10, 64), with its error text. */
function parseUint(s: string): bigint | string {
  if (s === '' || !DIGITS.test(s)) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = BigInt(s);
  return n > UINT64_MAX ? `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range` : n;
}

const leadingZero = (s: string): boolean => s.length > 1 && s[0] === '0';

/** One numeric component (major, minor, patch): digits, no leading zero, fits in a uint64. */
function component(s: string, name: 'major' | 'minor' | 'patch'): bigint | string {
  if (!DIGITS.test(s)) return `Invalid character(s) found in ${name} number ${JSON.stringify(s)}`;
  if (leadingZero(s)) return `${name[0].toUpperCase()}${name.slice(1)} number must not contain leading zeroes ${JSON.stringify(s)}`;
  return parseUint(s);
}

function parse(s: string): Parsed {
  if (s.length === 0) return 'Version string empty';
  const parts = splitN(s, '.', 3);
  if (parts.length !== 3) return 'No Major.Minor.Patch elements found';
  const major = component(parts[0], 'major');
  if (typeof major === 'string') return major;
  const minor = component(parts[1], 'minor');
  if (typeof minor === 'string') return minor;
  let patchStr = parts[2];
  let build: string[] = [];
  let pre: string[] = [];
  const plus = patchStr.indexOf('+');
  if (plus >= 0) {
    build = patchStr.slice(plus + 1).split('.');
    patchStr = patchStr.slice(0, plus);
  }
  const dash = patchStr.indexOf('-');
  if (dash >= 0) {
    pre = patchStr.slice(dash + 1).split('.');
    patchStr = patchStr.slice(0, dash);
  }
  const patch = component(patchStr, 'patch');
  if (typeof patch === 'string') return patch;
  for (const p of pre) {
    if (p === '') return 'Prerelease is empty';
    if (DIGITS.test(p)) {
      if (leadingZero(p)) return `Numeric PreRelease version must not contain leading zeroes ${JSON.stringify(p)}`;
      const n = parseUint(p);
      if (typeof n === 'string') return n;
    } else if (!ALPHANUM.test(p)) {
      return `Invalid character(s) found in prerelease ${JSON.stringify(p)}`;
    }
  }
  for (const b of build) {
    if (b === '') return 'Build meta data is empty';
    if (!ALPHANUM.test(b)) return `Invalid character(s) found in build meta data ${JSON.stringify(b)}`;
  }
  return new Semver(major, minor, patch, pre, build);
}

/** Go strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  const all = s.split(sep);
  return all.length <= n ? all : [...all.slice(0, n - 1), all.slice(n - 1).join(sep)];
}

/**
 * Kubernetes' normalizeAndParse: drop one leading "v", strip leading zeros from the first three
 * dot-separated parts, and fill a missing minor/patch with 0 (a short version may not carry a prerelease
 * or build suffix). No whitespace trimming.
 */
function normalizeAndParse(s: string): Parsed {
  const parts = splitN(s.startsWith('v') ? s.slice(1) : s, '.', 3).map((p) => {
    if (p.length <= 1) return p;
    const t = p.replace(/^0+/, '');
    return t === '' || !/^[0-9]/.test(t) ? `0${t}` : t;
  });
  if (parts.length < 3) {
    if (/[+-]/.test(parts[parts.length - 1])) return 'short version cannot contain PreRelease/Build meta data';
    while (parts.length < 3) parts.push('0');
  }
  return parse(parts.join('.'));
}

export class Semver {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string[],
    readonly build: string[] = [],
  ) {}

  static parse(s: string, normalize = false): Semver | undefined {
    const v = typeof s === 'string' ? (normalize ? normalizeAndParse(s) : parse(s)) : undefined;
    return v instanceof Semver ? v : undefined;
  }

  compareTo(o: Semver): number {
    for (const k of ['major', 'minor', 'patch'] as const) {
      if (this[k] !== o[k]) return this[k] < o[k] ? -1 : 1;
    }
    const a = this.pre;
    const b = o.pre;
    if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      const nx = /^\d+$/.test(x);
      const ny = /^\d+$/.test(y);
      if (nx && ny) return BigInt(x) < BigInt(y) ? -1 : 1;
      if (nx !== ny) return nx ? -1 : 1;
      return x < y ? -1 : 1;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }

  /** The version rebuilt from its parts (normalized input prints normalized), as the Go library does. */
  toString(): string {
    const pre = this.pre.length > 0 ? `-${this.pre.join('.')}` : '';
    const build = this.build.length > 0 ? `+${this.build.join('.')}` : '';
    return `${this.major}.${this.minor}.${this.patch}${pre}${build}`;
  }
}

/** semver(s) / semver(s, normalize): the version, or the Go library's parse error. */
export function semver(s: string, normalize = false): Semver {
  const v = normalize ? normalizeAndParse(s) : parse(s);
  if (typeof v === 'string') throw new CelEvaluationError(v);
  return v;
}
