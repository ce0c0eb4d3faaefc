/**
 * kube-bench's comparison operators (spec §2.6), re-implemented: the verdict and the expected-result text that
 * kube-bench prints for one value. Unknown or empty operators fail with an empty text.
 */

export interface CompareResult {
  pass: boolean;
  expected: string;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go `strconv.Atoi` after `strings.TrimSpace`: optional sign, decimal digits, int64 range. */
export function parseGoInt(text: string): bigint | undefined {
  const s = text.trim();
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** Go `strconv.ParseInt(x, 8, 64)`: optional sign, octal digits only. */
function parseOctal(text: string): bigint | undefined {
  if (!/^[+-]?[0-7]+$/.test(text)) return undefined;
  const negative = text.startsWith('-');
  const digits = text.replace(/^[+-]/, '');
  let n = 0n;
  for (const d of digits) n = n * 8n + BigInt(d.charCodeAt(0) - 48);
  if (negative) n = -n;
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** Go `strings.TrimRight(strings.TrimSpace(s), sep)` then split and trim every element; '' → no elements. */
function splitElements(s: string): string[] {
  const clean = s.trim().replace(/,+$/, '');
  if (clean === '') return [];
  return clean.split(',').map((e) => e.trim());
}

function validElements(flagValue: string, compareValue: string): boolean {
  const have = splitElements(flagValue);
  const allowed = splitElements(compareValue);
  if (have.length === 0 && allowed.length === 0) return true;
  if (have.length === 0 || allowed.length === 0) return false;
  const allowedSet = new Set(allowed);
  return have.every((e) => allowedSet.has(e));
}

/** Translates an RE2 pattern to a JS RegExp for the subset kube-bench data uses; undefined when it does not compile. */
export function goRegExp(pattern: string): RegExp | undefined {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    const modes = inline[1] ?? '';
    if (modes.includes('U')) return undefined;
    if (modes.includes('i')) flags += 'i';
    if (modes.includes('m')) flags += 'm';
    if (modes.includes('s')) flags += 's';
    source = source.slice(inline[0].length);
  }
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

function eqRule(flagValue: string, compareValue: string): boolean {
  const lower = flagValue.toLowerCase();
  return lower === 'true' || lower === 'false' ? lower === compareValue : flagValue === compareValue;
}

/** kube-bench `compareOp`: `name` is the flag, path or env name printed in the expected text. */
export function compareOp(op: string, flagValue: string, compareValue: string, name: string): CompareResult {
  switch (op) {
    case 'eq':
      return { pass: eqRule(flagValue, compareValue), expected: `'${name}' is equal to '${compareValue}'` };
    case 'noteq':
      return { pass: !eqRule(flagValue, compareValue), expected: `'${name}' is not equal to '${compareValue}'` };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const a = parseGoInt(flagValue);
      const b = parseGoInt(compareValue);
      if (a === undefined || b === undefined) {
        return { pass: false, expected: `Invalid Number(s) used for comparison: '${flagValue}' '${compareValue}'` };
      }
      if (op === 'gt') return { pass: a > b, expected: `'${name}' is greater than ${compareValue}` };
      if (op === 'gte') return { pass: a >= b, expected: `'${name}' is greater or equal to ${compareValue}` };
      if (op === 'lt') return { pass: a < b, expected: `'${name}' is lower than ${compareValue}` };
      return { pass: a <= b, expected: `'${name}' is lower or equal to ${compareValue}` };
    }
    case 'has':
      return { pass: flagValue.includes(compareValue), expected: `'${name}' has '${compareValue}'` };
    case 'nothave':
      return { pass: !flagValue.includes(compareValue), expected: `'${name}' does not have '${compareValue}'` };
    case 'regex': {
      const re = goRegExp(compareValue);
      return { pass: re !== undefined && re.test(flagValue), expected: `'${name}' matched by regex expression '${compareValue}'` };
    }
    case 'valid_elements':
      return {
        pass: validElements(flagValue, compareValue),
        expected: `'${name}' contains valid elements from '${compareValue}'`,
      };
    case 'bitmask': {
      const requested = parseOctal(flagValue);
      if (requested === undefined) return { pass: false, expected: `Not numeric value - flag: ${flagValue}` };
      const max = parseOctal(compareValue);
      if (max === undefined) return { pass: false, expected: `Not numeric value - flag: ${compareValue}` };
      return {
        pass: (max & requested) === requested,
        expected: `${name} has permissions ${flagValue}, expected ${compareValue} or more restrictive`,
      };
    }
    default:
      return { pass: false, expected: '' };
  }
}
