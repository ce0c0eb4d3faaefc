/**
 * CEL runtime for Bulwark custom policies, with Kubernetes ValidatingAdmissionPolicy semantics: the VAP
 * variables, the Kubernetes CEL libraries (lists, regex, strings, URLs, IP/CIDR, quantity, semver), optional
 * types, lazily evaluated policy variables and Kubernetes' runtime cost limits. Built on
 * @marcbachmann/cel-js: one shared Environment, expressions parsed and type-checked once.
 */
import { Environment, EvaluationError, Optional } from '@marcbachmann/cel-js';
import { CIDR, cidr, IPAddr, ip, ipIsCanonical, isCIDR, isIP, isURL, url, URLValue } from './net.js';
import { Quantity, quantity } from './quantity.js';
import {
  CelCostLimitError,
  CelEvaluationError,
  charge,
  chargeTraversal,
  CostTracker,
  instrumentEvaluator,
  PER_CALL_LIMIT,
  runCharged,
  RUNTIME_COST_BUDGET,
} from './runtime.js';
import { Semver, semver } from './semver.js';
import { registerComprehensions, TWO_VAR_MACROS } from './comprehensions.js';
import { registerOptionalMacros } from './optional-macros.js';
import { FORMATS, NamedFormat } from './formats.js';
import { charAt, find, findAll, format, indexOf, lastIndexOf, matches, quote, regexProblem, replace, substring, trim } from './text.js';
import { celEquals, celFormatString, celTypeName, fromCelValue, isPlainObject, lists, toCelValue } from './values.js';

export { CelCostLimitError, CelEvaluationError, CostTracker, PER_CALL_LIMIT, RUNTIME_COST_BUDGET, fromCelValue, toCelValue };
export { Quantity } from './quantity.js';

/** Names available to every expression, as in VAP. `variables` is the map of the policy's named variables. */
export const CEL_VARIABLES = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables', 'authorizer'] as const;

export type CelActivation = Partial<Record<(typeof CEL_VARIABLES)[number], unknown>>;

/** A compile (parse or type-check) error; line/column are 1-based inside the expression text. */
export class CelCompileError extends Error {
  constructor(
    readonly detail: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(detail);
    this.name = 'CelCompileError';
  }
}

export interface CelProgram {
  readonly expression: string;
  /** Evaluate with CEL values (see toCelValue); charges `cost`; throws CelEvaluationError / CelCostLimitError. */
  run(activation: CelActivation, cost: CostTracker): unknown;
}

export interface CompileOptions {
  /** Names of the policy's variables: `variables.x` with another x is a compile error. */
  declaredVariables?: readonly string[];
  /** 'bool' for validations/matchConditions, 'string' for messageExpression. */
  resultType?: 'bool' | 'string' | 'any';
}

/**
 * Comprehension macros (name -> argument counts) whose nesting is limited statically, a cheap stand-in for
 * k8s' cost estimation: the standard one-variable macros and the two-variable ones of comprehensions.ts.
 * optMap/optFlatMap (optional-macros.ts) and cel.bind are left out on purpose: cel-go expands them into a
 * comprehension over an empty list, which never loops, and its nesting-limit validator skips those too.
 */
const COMPREHENSIONS = new Map<string, ReadonlySet<number>>([
  ['all', new Set([2])],
  ['exists', new Set([2])],
  ['exists_one', new Set([2])],
  ['map', new Set([2, 3])],
  ['filter', new Set([2])],
]);
for (const [name, counts] of TWO_VAR_MACROS) {
  COMPREHENSIONS.set(name, new Set([...(COMPREHENSIONS.get(name) ?? []), ...counts]));
}
export const MAX_COMPREHENSION_NESTING = 3;
const AUTHORIZER_MESSAGE = 'authorizer is only available in a cluster (export the policy as a ValidatingAdmissionPolicy)';

// ───────────────────────────── environment ─────────────────────────────

class StringsNamespace {}
class ListsNamespace {}
class SetsNamespace {}
class FormatNamespace {}
class IPNamespace {}

type Fn = (...args: never[]) => unknown;
/** A handler of cel-js's own, called with whatever CEL passes. */
type BuiltinHandler = (...args: unknown[]) => unknown;

function buildEnvironment(): Environment {
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  for (const name of CEL_VARIABLES) if (name !== 'authorizer') env.registerVariable(name, 'dyn');

  const Q = 'kubernetes.Quantity';
  const IP = 'net.IP';
  const CI = 'net.CIDR';
  const U = 'kubernetes.URL';
  const SV = 'kubernetes.Semver';
  env.registerType(Q, Quantity).registerType(IP, IPAddr).registerType(CI, CIDR).registerType(U, URLValue).registerType(SV, Semver);
  env.registerType('StringsNamespace', StringsNamespace).registerConstant('strings', 'StringsNamespace', new StringsNamespace());
  env.registerType('ListsNamespace', ListsNamespace).registerConstant('lists', 'ListsNamespace', new ListsNamespace());
  env.registerType('SetsNamespace', SetsNamespace).registerConstant('sets', 'SetsNamespace', new SetsNamespace());
  env.registerType('FormatNamespace', FormatNamespace).registerConstant('format', 'FormatNamespace', new FormatNamespace());
  env.registerType('kubernetes.NamedFormat', NamedFormat);
  env.registerType('IPNamespace', IPNamespace).registerConstant('ip', 'IPNamespace', new IPNamespace());

  const fn = (sig: string, handler: Fn): void => void env.registerFunction(sig, handler);
  registerComprehensions(env);
  registerOptionalMacros(env);

  // quantity
  fn(`quantity(string): ${Q}`, quantity);
  fn('isQuantity(string): bool', (s: string) => Quantity.parse(s) !== undefined);
  fn(`${Q}.sign(): int`, (q: Quantity) => q.sign());
  fn(`${Q}.isInteger(): bool`, (q: Quantity) => q.isInteger());
  fn(`${Q}.asInteger(): int`, (q: Quantity) => q.asInteger());
  fn(`${Q}.asApproximateFloat(): double`, (q: Quantity) => q.asApproximateFloat());
  fn(`${Q}.add(${Q}): ${Q}`, (a: Quantity, b: Quantity) => a.add(b));
  fn(`${Q}.add(int): ${Q}`, (a: Quantity, b: bigint) => a.add(Quantity.fromInt(b)));
  fn(`${Q}.sub(${Q}): ${Q}`, (a: Quantity, b: Quantity) => a.add(b.neg()));
  fn(`${Q}.sub(int): ${Q}`, (a: Quantity, b: bigint) => a.add(Quantity.fromInt(-b)));
  fn(`${Q}.isGreaterThan(${Q}): bool`, (a: Quantity, b: Quantity) => a.compareTo(b) > 0);
  fn(`${Q}.isLessThan(${Q}): bool`, (a: Quantity, b: Quantity) => a.compareTo(b) < 0);
  fn(`${Q}.compareTo(${Q}): int`, (a: Quantity, b: Quantity) => BigInt(a.compareTo(b)));

  // IP / CIDR
  fn(`ip(string): ${IP}`, ip);
  fn('isIP(string): bool', isIP);
  fn('IPNamespace.isCanonical(string): bool', (_: unknown, s: string) => ipIsCanonical(s));
  fn(`${IP}.family(): int`, (a: IPAddr) => BigInt(a.family));
  fn(`${IP}.isUnspecified(): bool`, (a: IPAddr) => a.isUnspecified());
  fn(`${IP}.isLoopback(): bool`, (a: IPAddr) => a.isLoopback());
  fn(`${IP}.isLinkLocalMulticast(): bool`, (a: IPAddr) => a.isLinkLocalMulticast());
  fn(`${IP}.isLinkLocalUnicast(): bool`, (a: IPAddr) => a.isLinkLocalUnicast());
  fn(`${IP}.isGlobalUnicast(): bool`, (a: IPAddr) => a.isGlobalUnicast());
  fn(`string(${IP}): string`, (a: IPAddr) => a.toString());
  fn(`cidr(string): ${CI}`, cidr);
  fn('isCIDR(string): bool', isCIDR);
  fn(`${CI}.containsIP(${IP}): bool`, (c: CIDR, a: IPAddr) => c.containsIP(a));
  fn(`${CI}.containsIP(string): bool`, (c: CIDR, a: string) => c.containsIP(ip(a)));
  fn(`${CI}.containsCIDR(${CI}): bool`, (c: CIDR, o: CIDR) => c.containsCIDR(o));
  fn(`${CI}.containsCIDR(string): bool`, (c: CIDR, o: string) => c.containsCIDR(cidr(o)));
  fn(`${CI}.ip(): ${IP}`, (c: CIDR) => c.addr);
  fn(`${CI}.prefixLength(): int`, (c: CIDR) => BigInt(c.prefix));
  fn(`${CI}.masked(): ${CI}`, (c: CIDR) => c.masked());
  fn(`string(${CI}): string`, (c: CIDR) => c.toString());

  // URL
  fn(`url(string): ${U}`, url);
  fn('isURL(string): bool', isURL);
  fn(`${U}.getScheme(): string`, (u: URLValue) => u.scheme);
  fn(`${U}.getHost(): string`, (u: URLValue) => u.host);
  fn(`${U}.getHostname(): string`, (u: URLValue) => u.hostname);
  fn(`${U}.getPort(): string`, (u: URLValue) => u.port);
  fn(`${U}.getEscapedPath(): string`, (u: URLValue) => u.escapedPath);
  fn(`${U}.getQuery(): map<string, list<string>>`, (u: URLValue) => u.query());

  // semver
  fn(`semver(string): ${SV}`, (s: string) => semver(s));
  fn(`semver(string, bool): ${SV}`, (s: string, normalize: boolean) => semver(s, normalize));
  fn('isSemver(string): bool', (s: string) => Semver.parse(s) !== undefined);
  fn('isSemver(string, bool): bool', (s: string, normalize: boolean) => Semver.parse(s, normalize) !== undefined);
  fn(`${SV}.major(): int`, (v: Semver) => v.major);
  fn(`${SV}.minor(): int`, (v: Semver) => v.minor);
  fn(`${SV}.patch(): int`, (v: Semver) => v.patch);
  fn(`${SV}.isGreaterThan(${SV}): bool`, (a: Semver, b: Semver) => a.compareTo(b) > 0);
  fn(`${SV}.isLessThan(${SV}): bool`, (a: Semver, b: Semver) => a.compareTo(b) < 0);
  fn(`${SV}.compareTo(${SV}): int`, (a: Semver, b: Semver) => BigInt(a.compareTo(b)));

  // equality of the library types is by value
  for (const T of [Q, IP, CI, U, SV]) {
    env.registerOperator(`${T} == ${T}`, (a: unknown, b: unknown) => celEquals(a, b));
  }

  // regex (RE2); the receiver form of matches is cel-js's, rewired below
  fn('matches(string, string): bool', (s: string, re: string) => (chargeTraversal(s.length), matches(s, re)));
  fn('string.find(string): string', (s: string, re: string) => (chargeTraversal(s.length), find(s, re)));
  fn('string.findAll(string): list<string>', (s: string, re: string) => (chargeTraversal(s.length), findAll(s, re)));
  fn('string.findAll(string, int): list<string>', (s: string, re: string, n: bigint) => (chargeTraversal(s.length), findAll(s, re, Number(n))));

  // strings extension
  fn('string.charAt(int): string', charAt);
  fn('string.replace(string, string): string', (s: string, a: string, b: string) => (chargeTraversal(s.length), replace(s, a, b)));
  fn('string.replace(string, string, int): string', (s: string, a: string, b: string, n: bigint) => (chargeTraversal(s.length), replace(s, a, b, n)));
  fn('string.format(list): string', (s: string, args: unknown[]) => (chargeTraversal(s.length), format(s, args, celFormatString, celTypeName)));
  fn('StringsNamespace.quote(string): string', (_: unknown, s: string) => (chargeTraversal(s.length), quote(s)));

  // lists library + lists extension
  fn('list<A>.isSorted(): bool', lists.isSorted);
  fn('list<A>.sum(): A', lists.sum);
  fn('list<A>.min(): A', lists.min);
  fn('list<A>.max(): A', lists.max);
  fn('list<A>.indexOf(A): int', lists.indexOf);
  fn('list<A>.lastIndexOf(A): int', lists.lastIndexOf);
  fn('list<A>.slice(int, int): list<A>', lists.slice);
  fn('list.flatten(): list', (l: unknown) => lists.flatten(l));
  fn('list.flatten(int): list', (l: unknown, d: bigint) => lists.flatten(l, d));
  fn('list<A>.distinct(): list<A>', lists.distinct);
  fn('list<A>.reverse(): list<A>', lists.reverse);
  fn('list<A>.sort(): list<A>', lists.sort);
  fn('ListsNamespace.range(int): list<int>', (_: unknown, n: bigint) => lists.range(n));

  // Kubernetes' format library (1.31+): format.<name>().validate(s) is none when valid, else the errors.
  for (const [name, format] of FORMATS) fn(`FormatNamespace.${name}(): kubernetes.NamedFormat`, () => format);
  fn('FormatNamespace.named(string): optional<kubernetes.NamedFormat>', (_: unknown, name: string) => {
    const format = FORMATS.get(name);
    return format ? Optional.of(format) : Optional.none();
  });
  fn('kubernetes.NamedFormat.validate(string): optional<list<string>>', (f: NamedFormat, s: string) => {
    chargeTraversal(s.length);
    const errors = f.check(s);
    return errors.length === 0 ? Optional.none() : Optional.of(errors);
  });

  // cel-go's sets extension (Kubernetes 1.27+): list membership with CEL equality.
  const includes = (list: unknown[], item: unknown): boolean => list.some((x) => celEquals(x, item));
  const setsCost = (a: unknown[], b: unknown[]): void => chargeTraversal(a.length * b.length);
  fn('SetsNamespace.contains(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => (setsCost(a, b), b.every((x) => includes(a, x))));
  fn('SetsNamespace.equivalent(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => (setsCost(a, b), b.every((x) => includes(a, x)) && a.every((x) => includes(b, x))));
  fn('SetsNamespace.intersects(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => (setsCost(a, b), b.some((x) => includes(a, x))));

  // optional.ofNonZeroValue
  fn('OptionalNamespace.ofNonZeroValue(A): optional<A>', (_: unknown, v: unknown) => (isZeroValue(v) ? Optional.none() : Optional.of(v)));

  // Reach the evaluator (handlers run with it as `this`) to charge 1 per node evaluation, and wrap a few
  // built-ins: RE2 matches, ASCII-only case mapping, traversal costs.
  env.registerFunction('__bulwarkProbe(): bool', function (this: { registry: Registry }) {
    instrumentEvaluator(this as never);
    probedRegistry = this.registry;
    return true;
  });
  env.evaluate('__bulwarkProbe()');
  const reg = probedRegistry!;
  const wrap = (rec: boolean, name: string, argc: number, handler: (orig: BuiltinHandler) => Fn): void => {
    const decls = reg.functionCandidates(rec, name, argc).declarations;
    for (let i = 0; i < decls.length; i++) {
      const orig = decls[i].handler as BuiltinHandler;
      decls[i] = Object.create(decls[i], { handler: { value: handler(orig) } });
    }
  };
  wrap(true, 'matches', 1, () => (s: string, re: string) => (chargeTraversal(s.length), matches(s, re)));
  wrap(true, 'lowerAscii', 0, () => (s: string) => (chargeTraversal(s.length), s.replace(/[A-Z]+/g, (m) => m.toLowerCase())));
  wrap(true, 'upperAscii', 0, () => (s: string) => (chargeTraversal(s.length), s.replace(/[a-z]+/g, (m) => m.toUpperCase())));
  // cel-go's own indexOf/lastIndexOf/substring/trim: its range checks and messages, Go's Unicode spaces.
  // The lists library's indexOf/lastIndexOf share the names: those receivers keep their own handler.
  const strFn = (name: string, argc: number, impl: (s: string, ...rest: never[]) => unknown): void =>
    wrap(true, name, argc, (orig) => (s: unknown, ...rest: unknown[]) =>
      typeof s === 'string' ? (chargeTraversal(s.length), impl(s, ...(rest as never[]))) : orig(s, ...rest));
  strFn('indexOf', 1, indexOf);
  strFn('indexOf', 2, indexOf);
  strFn('lastIndexOf', 1, lastIndexOf);
  strFn('lastIndexOf', 2, lastIndexOf);
  // substring keeps its cost of a plain call (no traversal charge), as before.
  wrap(true, 'substring', 1, () => substring as Fn);
  wrap(true, 'substring', 2, () => substring as Fn);
  strFn('trim', 0, trim);
  for (const [name, argc] of [['contains', 1], ['startsWith', 1], ['endsWith', 1], ['split', 1], ['split', 2]] as const) {
    wrap(true, name, argc, (orig) => (s: string, ...rest: unknown[]) => (chargeTraversal(typeof s === 'string' ? s.length : 0), orig(s, ...rest)));
  }
  for (const argc of [0, 1]) {
    wrap(true, 'join', argc, (orig) => (l: unknown[], ...rest: unknown[]) => (chargeTraversal(Array.isArray(l) ? l.length * 10 : 0), orig(l, ...rest)));
  }
  return env;
}

interface Registry {
  functionCandidates(rec: boolean, name: string, argc: number): { declarations: { handler: Fn }[] };
}
let probedRegistry: Registry | undefined;

function isZeroValue(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === 0n || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Uint8Array) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  if (typeof v === 'object' && isPlainObject(v)) {
    return Object.keys(v).length === 0;
  }
  return false;
}

let environment: Environment | undefined;
function env(): Environment {
  return (environment ??= buildEnvironment());
}

// ───────────────────────────── compile ─────────────────────────────

interface AstNode {
  op: string;
  args: unknown;
  start: number;
  end: number;
}

function isNode(x: unknown): x is AstNode {
  return typeof x === 'object' && x !== null && typeof (x as AstNode).op === 'string' && 'args' in x;
}

function position(expression: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < expression.length; i++) {
    if (expression.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function compileError(expression: string, detail: string, offset: number): CelCompileError {
  const { line, column } = position(expression, offset);
  return new CelCompileError(detail.split('\n')[0], line, column);
}

function fromLibraryError(expression: string, err: unknown): CelCompileError {
  const e = err as { summary?: string; message?: string; range?: { start: number } };
  return compileError(expression, e.summary ?? e.message ?? String(err), e.range?.start ?? 0);
}

/** Static checks on the parsed AST: authorizer, undeclared variables, RE2 literals, comprehension nesting. */
function staticChecks(expression: string, root: AstNode, declared: ReadonlySet<string>): void {
  const regexLiteral = (node: unknown): void => {
    if (isNode(node) && node.op === 'value' && typeof node.args === 'string') {
      const problem = regexProblem(node.args);
      if (problem) throw compileError(expression, problem, node.start);
    }
  };
  const walk = (node: AstNode, nesting: number): void => {
    switch (node.op) {
      case 'value':
        return;
      case 'id':
        if (node.args === 'authorizer') throw compileError(expression, AUTHORIZER_MESSAGE, node.start);
        return;
      case '.':
      case '.?': {
        const [left, field] = node.args as [AstNode, string];
        if (left.op === 'id' && left.args === 'variables' && !declared.has(field)) {
          throw compileError(expression, `undefined field '${field}': variables.${field} is not a declared variable of this policy`, node.start);
        }
        walk(left, nesting);
        return;
      }
      case 'call': {
        const [name, args] = node.args as [string, AstNode[]];
        if (name === 'matches' && args.length === 2) regexLiteral(args[1]);
        for (const a of args) walk(a, nesting);
        return;
      }
      case 'rcall': {
        const [name, receiver, args] = node.args as [string, AstNode, AstNode[]];
        if ((name === 'matches' || name === 'find' || name === 'findAll') && args.length >= 1) regexLiteral(args[0]);
        walk(receiver, nesting);
        const isComprehension = COMPREHENSIONS.get(name)?.has(args.length) === true && args[0]?.op === 'id';
        const inner = isComprehension ? nesting + 1 : nesting;
        if (inner > MAX_COMPREHENSION_NESTING) {
          throw compileError(expression, `nested comprehensions too deep (cost): at most ${MAX_COMPREHENSION_NESTING} levels of comprehensions (all/exists/existsOne/map/filter/transformList/transformMap/transformMapEntry) are allowed`, node.start);
        }
        for (const a of args) walk(a, inner);
        return;
      }
      case 'map':
        for (const [k, v] of node.args as [AstNode, AstNode][]) {
          walk(k, nesting);
          walk(v, nesting);
        }
        return;
      default: {
        const args = node.args;
        if (Array.isArray(args)) for (const a of args) if (isNode(a)) walk(a, nesting);
        if (isNode(args)) walk(args, nesting);
      }
    }
  };
  walk(root, 0);
}

/** The parts of a cel-js type that literal homogeneity compares (registry.js TypeDeclaration). */
interface LiteralType {
  readonly kind: string;
  readonly name: string;
  readonly keyType?: LiteralType;
  readonly valueType?: LiteralType;
}

/**
 * Same type, where a type parameter (the element type of an empty list or map literal) matches any type,
 * as after cel-go's type substitution: `[[], [1]]` is homogeneous.
 */
function sameLiteralType(a: LiteralType, b: LiteralType): boolean {
  if (a.kind === 'param' || b.kind === 'param') return true;
  if (a.kind !== b.kind) return false;
  if (a.valueType && b.valueType && !sameLiteralType(a.valueType, b.valueType)) return false;
  if (a.keyType && b.keyType && !sameLiteralType(a.keyType, b.keyType)) return false;
  return a.valueType || a.keyType ? true : a.name === b.name;
}

/**
 * Kubernetes compiles with cel-go's homogeneous aggregate literal validator: the elements of a list literal,
 * and the keys and the values of a map literal, must have one type, `dyn` included (`[1, object.x]` is an
 * error there). Literals anywhere inside the arguments of `format()` are exempt, as in cel-go. cel-js has the
 * rule too, but without that exemption, so it runs here on the types cel-js's checker left on the nodes.
 */
function homogeneousLiterals(expression: string, root: AstNode): void {
  const typeOf = (node: unknown): LiteralType | undefined =>
    isNode(node) ? (node as AstNode & { checkedType?: LiteralType }).checkedType : undefined;
  const mismatch = (node: AstNode, expected: LiteralType, found: LiteralType): CelCompileError =>
    compileError(expression, `expected type '${expected.name}' but found '${found.name}'`, node.start);
  const uniform = (elements: unknown[]): void => {
    let first: LiteralType | undefined;
    for (const e of elements) {
      const t = typeOf(e);
      if (!t) continue;
      if (!first) first = t;
      else if (!sameLiteralType(first, t)) throw mismatch(e as AstNode, first, t);
    }
  };
  const walk = (node: unknown, exempt: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, false);
      return;
    }
    if (!isNode(node)) return;
    if (node.op === 'list') {
      const items = node.args as unknown[];
      if (!exempt) uniform(items);
      for (const item of items) walk(item, exempt);
      return;
    }
    if (node.op === 'map') {
      const entries = node.args as [unknown, unknown][];
      if (!exempt) {
        uniform(entries.map(([k]) => k));
        uniform(entries.map(([, v]) => v));
      }
      for (const [k, v] of entries) {
        walk(k, exempt);
        walk(v, exempt);
      }
      return;
    }
    if (node.op === 'rcall') {
      const [name, receiver, args] = node.args as [string, unknown, unknown[]];
      walk(receiver, false);
      for (const a of args) walk(a, name === 'format');
      return;
    }
    walk(node.args, false);
  };
  walk(root, false);
}

const NO_VARIABLES: ReadonlySet<string> = new Set();

class Program implements CelProgram {
  constructor(
    readonly expression: string,
    private readonly evaluate: (ctx: Record<string, unknown>) => unknown,
  ) {}

  run(activation: CelActivation, cost: CostTracker): unknown {
    const ctx = {
      object: activation.object ?? null,
      oldObject: activation.oldObject ?? null,
      request: activation.request ?? null,
      params: activation.params ?? null,
      namespaceObject: activation.namespaceObject ?? null,
      variables: activation.variables ?? EMPTY_VARIABLES,
    };
    return runCharged(cost, () => {
      charge(1);
      try {
        return this.evaluate(ctx);
      } catch (err) {
        throw toEvaluationError(err);
      }
    });
  }
}

const EMPTY_VARIABLES = Object.freeze({});

function toEvaluationError(err: unknown): CelEvaluationError {
  if (err instanceof CelEvaluationError) return err;
  if (err instanceof EvaluationError) return new CelEvaluationError(err.summary);
  return new CelEvaluationError((err as Error)?.message ?? String(err));
}

/** Parse + type-check once. Throws CelCompileError. */
export function compileCel(expression: string, options: CompileOptions = {}): CelProgram {
  const e = env();
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = e.parse(expression);
  } catch (err) {
    throw fromLibraryError(expression, err);
  }
  const declared = options.declaredVariables ? new Set(options.declaredVariables) : NO_VARIABLES;
  staticChecks(expression, parsed.ast as unknown as AstNode, declared);
  const checked = parsed.check();
  if (!checked.valid) throw fromLibraryError(expression, checked.error);
  homogeneousLiterals(expression, parsed.ast as unknown as AstNode);
  const want = options.resultType ?? 'any';
  const type = checked.type ?? 'dyn';
  if (want !== 'any' && type !== want && type !== 'dyn' && !/^[A-Z]$/.test(type)) {
    throw compileError(expression, `expression must evaluate to ${want}, but its type is ${type}`, firstNonSpace(expression));
  }
  return new Program(expression, parsed as unknown as (ctx: Record<string, unknown>) => unknown);
}

function firstNonSpace(s: string): number {
  const m = /\S/.exec(s);
  return m ? m.index : 0;
}

/**
 * Lazily evaluated policy variables, like VAP: each is computed at most once per activation, on first use,
 * and may use earlier variables. Returns the value to put in activation.variables.
 */
export function lazyVariables(defs: { name: string; program: CelProgram }[], activation: CelActivation, cost: CostTracker): unknown {
  // A Map whose own `get` computes on first use: cel-js reads map fields through `get`, and a Map with a
  // few entries is much cheaper to build per activation than an object with accessor properties.
  const vars = new Map<string, unknown>();
  for (const def of defs) vars.set(def.name, UNSET);
  const act: CelActivation = { ...activation, variables: vars };
  vars.get = (name: string): unknown => {
    const v = mapGet.call(vars, name);
    if (v === undefined) return undefined;
    if (v instanceof LazyState) {
      if (v === UNSET) {
        const def = defs.find((d) => d.name === name)!;
        mapSet.call(vars, name, COMPUTING);
        try {
          const value = def.program.run(act, cost);
          mapSet.call(vars, name, value);
          return value;
        } catch (err) {
          mapSet.call(vars, name, new LazyState(err));
          throw err;
        }
      }
      if (v === COMPUTING) throw new CelEvaluationError(`variable ${name} refers to itself`);
      throw v.error;
    }
    return v;
  };
  return vars;
}

class LazyState {
  constructor(readonly error?: unknown) {}
}
const UNSET = new LazyState();
const COMPUTING = new LazyState();
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
