/**
 * Kubernetes resource.Quantity for CEL (k8s.io/apiserver/pkg/cel/library/quantity.go semantics), exact:
 * a value is `m x 10^e` with a BigInt mantissa, normalised (no trailing zeros in m), so comparison and
 * arithmetic never go through floats.
 */
import { CelEvaluationError } from './runtime.js';

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, bigint> = { Ki: 1n, Mi: 2n, Gi: 3n, Ti: 4n, Pi: 5n, Ei: 6n };
const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

export class Quantity {
  /** value = m * 10^e, normalised. */
  private constructor(
    readonly m: bigint,
    readonly e: number,
  ) {}

  static of(m: bigint, e: number): Quantity {
    if (m === 0n) return new Quantity(0n, 0);
    // Kubernetes keeps at most nano precision, rounding away from zero.
    if (e < -9) {
      const d = pow10(-9 - e);
      const q = m / d;
      m = q * d === m ? q : q + (m < 0n ? -1n : 1n);
      e = -9;
    }
    while (m % 10n === 0n && m !== 0n) {
      m /= 10n;
      e++;
    }
    return new Quantity(m, m === 0n ? 0 : e);
  }

  /** Parses Kubernetes quantity syntax; undefined when invalid. */
  static parse(s: string): Quantity | undefined {
    const match = QUANTITY_RE.exec(s);
    if (!match) return undefined;
    const [, sign, num, suffix = '', exp] = match;
    const dot = num.indexOf('.');
    const digits = dot < 0 ? num : num.slice(0, dot) + num.slice(dot + 1);
    let e = dot < 0 ? 0 : -(num.length - dot - 1);
    let m = BigInt(digits || '0');
    if (exp !== undefined) {
      const x = Number(exp);
      if (!Number.isSafeInteger(x) || Math.abs(x) > 1000) return undefined;
      e += x;
    } else if (suffix in BINARY_SUFFIX) {
      m *= 1n << (10n * BINARY_SUFFIX[suffix]);
    } else {
      e += DECIMAL_SUFFIX[suffix];
    }
    if (sign === '-') m = -m;
    return Quantity.of(m, e);
  }

  static fromInt(i: bigint): Quantity {
    return Quantity.of(i, 0);
  }

  sign(): bigint {
    return this.m > 0n ? 1n : this.m < 0n ? -1n : 0n;
  }

  compareTo(o: Quantity): number {
    const e = Math.min(this.e, o.e);
    const a = this.m * pow10(this.e - e);
    const b = o.m * pow10(o.e - e);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  add(o: Quantity): Quantity {
    const e = Math.min(this.e, o.e);
    return Quantity.of(this.m * pow10(this.e - e) + o.m * pow10(o.e - e), e);
  }

  neg(): Quantity {
    return Quantity.of(-this.m, this.e);
  }

  /** The exact integer value, or undefined when fractional. */
  private integer(): bigint | undefined {
    if (this.e >= 0) return this.m * pow10(this.e);
    return undefined; // normalised: a negative exponent means a fractional value (m has no trailing zeros)
  }

  isInteger(): boolean {
    const i = this.integer();
    return i !== undefined && i >= INT64_MIN && i <= INT64_MAX;
  }

  asInteger(): bigint {
    const i = this.integer();
    if (i === undefined || i < INT64_MIN || i > INT64_MAX) {
      throw new CelEvaluationError(`cannot convert value to integer: quantity ${this.toString()} is not an int64`);
    }
    return i;
  }

  asApproximateFloat(): number {
    return Number(`${this.m}e${this.e}`);
  }

  /** A canonical-ish form: integer, or the largest decimal SI suffix that keeps the mantissa integral. */
  toString(): string {
    if (this.m === 0n) return '0';
    if (this.e >= 0 && this.e < 3) return String(this.m * pow10(this.e));
    let k = Math.floor(this.e / 3) * 3;
    k = Math.max(-9, Math.min(18, k));
    const suffix = Object.keys(DECIMAL_SUFFIX).find((s) => DECIMAL_SUFFIX[s] === k)!;
    return `${this.m * pow10(this.e - k)}${suffix}`;
  }
}

export function quantity(s: string): Quantity {
  const q = Quantity.parse(s);
  if (!q) throw new CelEvaluationError(`invalid quantity ${JSON.stringify(s)}: expected a number with an optional suffix (n u m k M G T P E, Ki..Ei, or an exponent like e3)`);
  return q;
}
