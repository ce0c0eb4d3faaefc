/** Kubernetes CEL semver library (1.31+): strict Semantic Versioning 2.0.0 parsing and precedence. */
import { CelEvaluationError } from './runtime.js';

const NUM = '(0|[1-9]\\d*)';
const PRE_ID = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const SEMVER_RE = new RegExp(
  `^${NUM}\\.${NUM}\\.${NUM}(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$`,
);

export class Semver {
  constructor(
    readonly raw: string,
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string[],
  ) {}

  static parse(s: string): Semver | undefined {
    const m = typeof s === 'string' ? SEMVER_RE.exec(s) : null;
    if (!m) return undefined;
    return new Semver(s, BigInt(m[1]), BigInt(m[2]), BigInt(m[3]), m[4] ? m[4].split('.') : []);
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

  toString(): string {
    return this.raw;
  }
}

export function semver(s: string): Semver {
  const v = Semver.parse(s);
  if (!v) throw new CelEvaluationError(`invalid semver ${JSON.stringify(s)}: expected MAJOR.MINOR.PATCH[-prerelease][+build]`);
  return v;
}
