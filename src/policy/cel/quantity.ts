/**
 * Kubernetes resource.Quantity for CEL (k8s.io/apiserver/pkg/cel/library/quantity.go semantics), exact:
 * a value is `m x 10^e` with a BigInt mantissa, normalised (no trailing zeros in m), so comparison and
 * arithmetic never go through floats.
 */
import { CelEvaluationError } from './runtime.js';

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, bigint> = { Ki: 1n, Mi: 2n, Gi: 3n, Ti: 4n, Pi: 5n, Ei: 6n };
/** Decimal-SI suffix by power of ten, binary-SI suffix by power of 1024 (index). */
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIX).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
/** Kubernetes caps binary-SI quantities at the int64 maximum when parsing. */
const BINARY_MAX = INT64_MAX;
/** resource.maxInt64Factors: a decimal mantissa of at most 18 digits stays on Kubernetes' int64 fast path. */
const MAX_INT64_FACTORS = 18;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/**
 * How a quantity prints (resource.Format): from its suffix when parsed, kept through arithmetic (the left
 * operand's, unless it is zero). `BinarySI` values that are fractional or within (-1024, 1024) print as
 * `DecimalSI`.
 */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export class Quantity {
  /** value = m * 10^e, normalised. */
  private constructor(
    readonly m: bigint,
    readonly e: number,
    readonly format: QuantityFormat,
    /** The parsed text: Kubernetes keeps it as the string form when it is already canonical (`reusable`). */
    private readonly source?: string,
  ) {}

  static of(m: bigint, e: number, format: QuantityFormat = 'DecimalSI'): Quantity {
    if (m === 0n) return new Quantity(0n, 0, format);
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
    return new Quantity(m, m === 0n ? 0 : e, format);
  }

  /** Parses Kubernetes quantity syntax (resource.ParseQuantity); undefined when invalid. */
  static parse(s: string): Quantity | undefined {
    const match = QUANTITY_RE.exec(s);
    if (!match) return undefined;
    const [, sign, num, suffix = '', exp] = match;
    const dot = num.indexOf('.');
    const digits = dot < 0 ? num : num.slice(0, dot) + num.slice(dot + 1);
    let e = dot < 0 ? 0 : -(num.length - dot - 1);
    let m = BigInt(digits || '0');
    let format: QuantityFormat = 'DecimalSI';
    if (exp !== undefined) {
      const x = Number(exp);
      if (!Number.isSafeInteger(x) || Math.abs(x) > 1000) return undefined;
      e += x;
      format = 'DecimalExponent';
    } else if (suffix in BINARY_SUFFIX) {
      m *= 1n << (10n * BINARY_SUFFIX[suffix]);
      format = 'BinarySI';
    } else {
      e += DECIMAL_SUFFIX[suffix];
    }
    let q = Quantity.of(m, e, format);
    if (format === 'BinarySI') {
      // Applied to the magnitude before the sign, as Kubernetes does.
      if (q.compareTo(Quantity.of(BINARY_MAX, 0)) > 0) q = Quantity.of(BINARY_MAX, 0, format);
      if (q.m !== 0n && q.compareTo(Quantity.of(1n, 0)) < 0) q = Quantity.of(q.m, q.e, 'DecimalSI');
    }
    return new Quantity(sign === '-' ? -q.m : q.m, q.e, q.format, s);
  }

  /** An int as a quantity; the CEL library's add(int)/sub(int) use the DecimalExponent format. */
  static fromInt(i: bigint, format: QuantityFormat = 'DecimalExponent'): Quantity {
    return Quantity.of(i, 0, format);
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

  /** Sum, in this quantity's format, or the other's when this is zero (resource.Quantity.Add / Sub). */
  add(o: Quantity): Quantity {
    const e = Math.min(this.e, o.e);
    return Quantity.of(this.m * pow10(this.e - e) + o.m * pow10(o.e - e), e, this.m === 0n ? o.format : this.format);
  }

  neg(): Quantity {
    return Quantity.of(-this.m, this.e, this.format);
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

  /**
   * Kubernetes' canonical form (resource.Quantity.String / CanonicalizeBytes): binary SI stays binary
   * ("1.5Gi" -> "1536Mi") unless fractional or below 1024 in magnitude; decimal SI takes the largest suffix
   * whose exponent is a multiple of 3 ("1000m" -> "1", "0.5" -> "500m"); an exponent stays an exponent
   * ("1e3"). A value beyond the suffixes (over 999E, or 1024Ei) prints in exponent form, as current
   * Kubernetes does instead of dropping the magnitude.
   */
  toString(): string {
    if (this.source !== undefined && reusable(this.source)) return this.source;
    if (this.m === 0n) return '0';
    if (this.format === 'BinarySI' && !(this.compareTo(Quantity.of(1024n, 0)) < 0 && this.compareTo(Quantity.of(-1024n, 0)) > 0)) {
      const i = this.integer();
      if (i !== undefined) {
        let amount = i;
        let power = 0;
        while (amount % 1024n === 0n) {
          amount /= 1024n;
          power++;
        }
        if (power < BINARY_BY_POWER.length) return `${amount}${BINARY_BY_POWER[power]}`;
        return decimalString(this.m, this.e, 'DecimalExponent');
      }
    }
    return decimalString(this.m, this.e, this.format === 'DecimalExponent' ? 'DecimalExponent' : 'DecimalSI');
  }
}

/** m x 10^e with the exponent lowered to a multiple of 3, then a decimal-SI suffix or an exponent. */
function decimalString(m: bigint, e: number, format: 'DecimalSI' | 'DecimalExponent'): string {
  const r = ((e % 3) + 3) % 3;
  const mantissa = m * pow10(r);
  const exponent = e - r;
  if (format === 'DecimalSI') {
    const suffix = DECIMAL_BY_EXPONENT.get(exponent);
    if (suffix !== undefined) return `${mantissa}${suffix}`;
  }
  return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
}

/**
 * resource.ParseQuantity keeps the input as the quantity's string form when it takes its int64 fast path
 * and the input already looks canonical; so "+1k", "01k" and "1E3" print as written, not as "1k"/"1e3".
 * Decided when printing (rarely needed), not on every parse.
 */
function reusable(s: string): boolean {
  const match = QUANTITY_RE.exec(s);
  if (!match) return false;
  const [, , num, suffix = '', exp] = match;
  const dot = num.indexOf('.');
  const intPart = (dot < 0 ? num : num.slice(0, dot)).replace(/^0+/, '') || '0';
  const fraction = dot < 0 ? '' : num.slice(dot + 1);
  const shifted = intPart + fraction;
  if (suffix in BINARY_SUFFIX) {
    const bits = Number(BINARY_SUFFIX[suffix]) * 10;
    if (fraction !== '' || 15 - intPart.length - Math.trunc((bits * 3) / 10) - 1 < 0) return false;
    const value = BigInt(shifted);
    return value << BigInt(bits) <= INT64_MAX && (value & 7n) !== 0n;
  }
  if (intPart.length + fraction.length > MAX_INT64_FACTORS) return false;
  const scale = (exp !== undefined ? Number(exp) : DECIMAL_SUFFIX[suffix]) - fraction.length;
  return scale >= -9 && scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

export function quantity(s: string): Quantity {
  const q = Quantity.parse(s);
  if (!q) throw new CelEvaluationError(`invalid quantity ${JSON.stringify(s)}: expected a number with an optional suffix (n u m k M G T P E, Ki..Ei, or an exponent like e3)`);
  return q;
}
