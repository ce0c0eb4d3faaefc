/**
 * cel-go's optional macros, which @marcbachmann/cel-js lacks and Kubernetes enables (cel-go's OptionalTypes
 * library at its latest version, in the base CEL environment since 1.28):
 *   - `opt.optMap(x, expr)`: `optional.of(expr)` with `x` bound to the value of `opt`, or `optional.none()`;
 *   - `opt.optFlatMap(x, expr)`: `expr` (itself an optional) with `x` bound, or `optional.none()`.
 *
 * cel-go expands them at parse time into
 *     opt.hasValue() ? optional.of(<fold over [] with accumulator x = opt.value(), result expr>) : optional.none()
 * (without the `optional.of` for optFlatMap), a comprehension over an empty list used as a local binding, like
 * cel.bind. We register them as cel-js macros instead (a signature with `ast` arguments, as comprehensions.ts)
 * and keep the expansion's observable behaviour:
 *   - `x` must be a simple name (a parse error otherwise);
 *   - type check: the receiver must be an optional (or dyn: then only the run time knows); `x` has the
 *     optional's value type; optFlatMap's expression must be an optional (or dyn). cel-go reports these as
 *     overload errors on `hasValue` or `_?_:_`; we say what is wrong, at the offending argument;
 *   - laziness: the expression is evaluated only when the receiver has a value;
 *   - errors in the receiver or the expression propagate; a dyn receiver that is not an optional at run time
 *     is an error (cel-go: no such overload for `hasValue`);
 *   - a dyn optFlatMap expression whose value is not an optional is returned as it is, as cel-go's ternary does.
 * Cost: exactly what the expansion written out by hand (`cel.bind` standing in for the fold) costs here:
 * the ternary (the macro's own node), `hasValue()`, then `optional.none()`; or `optional.of(...)` (optMap
 * only), the binding, `value()` and the receiver a second time (the expansion contains it twice, so cel-go
 * evaluates it twice: we charge its cost again instead of running it again), then the expression.
 * Comprehension nesting: not counted (see index.ts): cel-go's nesting-limit validator skips comprehensions
 * over an empty range, which never loop.
 */
import { type Environment, Optional } from '@marcbachmann/cel-js';
import { macroError, type CelType, type Checker, type CheckContext, type Evaluator, type IterContext, type MacroInput, type Node } from './cel-js-internals.js';
import { charge, costSoFar } from './runtime.js';

type Kind = 'optMap' | 'optFlatMap';

/** The object a macro handler returns; cel-js passes it back to typeCheck/evaluate. */
interface Macro {
  readonly kind: Kind;
  readonly label: string;
  readonly receiver: Node;
  readonly name: string;
  readonly body: Node;
  readonly async: false;
  /** Set by typeCheck: the context declaring the bound variable. */
  bind?: IterContext;
  typeCheck(chk: Checker, m: Macro, ctx: CheckContext): CelType;
  evaluate(ev: Evaluator, m: Macro, ctx: unknown): unknown;
}

// Per-evaluation costs of the expansion's own nodes, besides the receiver and the expression (see above).
const HAS_VALUE = 1; // opt.hasValue()
const NONE = 2; // optional.none(): the call and the `optional` namespace node
const OF = 2; // optional.of(...): likewise
const BIND = 2; // the binding (the fold) and opt.value()

function expander(kind: Kind) {
  const label = `${kind}(var, expr)`;
  return ({ args, receiver }: MacroInput): Macro => {
    const [variable, body] = args;
    if (variable.op !== 'id' || typeof variable.args !== 'string') throw macroError(`${label} variable must be a simple identifier`, variable);
    return { kind, label, receiver, name: variable.args, body, async: false, typeCheck, evaluate };
  };
}

/** dyn, or a type parameter left unbound (`dyn(o).value()` is `A`): only the run time knows. */
function unknown(t: CelType): boolean {
  return t.kind === 'dyn' || t.kind === 'param';
}

function typeCheck(chk: Checker, m: Macro, ctx: CheckContext): CelType {
  const opt = chk.check(m.receiver, ctx);
  if (opt.kind !== 'optional' && !unknown(opt)) {
    throw chk.createError('optional_expected', `${m.label} receiver must be optional, got '${chk.formatType(opt)}'`, m.receiver);
  }
  // optional.none() is optional<T>: an unconstrained value is dyn.
  const value = opt.kind === 'optional' && opt.valueType && !unknown(opt.valueType) ? opt.valueType : chk.dynType;
  m.bind = ctx.forkWithVariable(m.name, value);
  const t = chk.check(m.body, m.bind);
  if (m.kind === 'optMap') return chk.registry.getOptionalType(t);
  if (t.kind === 'optional') return t;
  if (unknown(t)) return chk.dynType;
  throw chk.createError('optional_expected', `${m.label} expression must return optional, got '${chk.formatType(t)}'`, m.body);
}

function evaluate(ev: Evaluator, m: Macro, ctx: unknown): unknown {
  const before = costSoFar();
  const opt = ev.run(m.receiver, ctx);
  const receiverCost = costSoFar() - before;
  if (!(opt instanceof Optional)) {
    throw ev.createError('optional_expected', `${m.label} receiver must be optional, got '${ev.debugType(opt).name}'`, m.receiver);
  }
  charge(HAS_VALUE);
  if (!opt.hasValue()) {
    charge(NONE);
    return Optional.none();
  }
  // The expansion's second copy of the receiver costs what the first did; charged, not run again.
  charge((m.kind === 'optMap' ? OF + BIND : BIND) + receiverCost);
  const result = ev.run(m.body, m.bind!.reuse(ctx).setIterValue(opt.value(), ev));
  return m.kind === 'optMap' ? Optional.of(result) : result;
}

export function registerOptionalMacros(env: Environment): void {
  for (const kind of ['optMap', 'optFlatMap'] as const) {
    // The receiver type is nominal: cel-js finds macros by name and argument count, typeCheck checks it.
    env.registerFunction(`optional.${kind}(ast, ast): optional<dyn>`, expander(kind) as never);
  }
}
