/**
 * Shared runtime state of the CEL engine: error classes, the cost tracker and the cost counter that the
 * patched evaluator and the library functions charge.
 *
 * Evaluation is synchronous, so one module-level counter is enough: `beginCall` starts a call (or joins the
 * running one when a lazily evaluated policy variable is first used inside another expression, so the
 * variable's cost counts toward that expression, as in Kubernetes), and every AST node evaluation charges 1.
 */

export const PER_CALL_LIMIT = 1_000_000; // k8s.io/apiserver/pkg/apis/cel PerCallLimit
export const RUNTIME_COST_BUDGET = 10_000_000; // RuntimeCELCostBudget, per policy evaluation

/** A runtime error (no such key, bad overload, invalid argument...). */
export class CelEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelEvaluationError';
  }
}

/** The expression exceeded the per-call limit, or the policy evaluation ran out of its cost budget. */
export class CelCostLimitError extends CelEvaluationError {
  constructor(
    readonly limit: number,
    readonly kind: 'per-call' | 'budget',
  ) {
    super(
      kind === 'per-call'
        ? `CEL expression exceeded its cost limit of ${limit} (operation cancelled)`
        : `CEL evaluation ran out of its cost budget of ${limit} for this policy evaluation (operation cancelled)`,
    );
    this.name = 'CelCostLimitError';
  }
}

/** Cost charged across the expressions of one policy evaluation (create one per object x policy). */
export class CostTracker {
  /** @internal total cost of finished calls. */
  _used = 0;
  constructor(
    readonly perCallLimit: number = PER_CALL_LIMIT,
    readonly budget: number = RUNTIME_COST_BUDGET,
  ) {}
  /** Total cost charged so far across calls. */
  get used(): number {
    return this._used + (current === this ? cost : 0);
  }
}

// ── the running call ──
let cost = 0;
let limit = Infinity;
let current: CostTracker | undefined;
let depth = 0;
let exceeded: CelCostLimitError | undefined;

function costExceeded(): never {
  const t = current!;
  if (!exceeded) {
    exceeded =
      cost > t.perCallLimit ? new CelCostLimitError(t.perCallLimit, 'per-call') : new CelCostLimitError(t.budget, 'budget');
  }
  throw exceeded;
}

/** Charges `n` (library functions: traversal costs). Throws CelCostLimitError over the limit. */
export function charge(n: number): void {
  if ((cost += n) > limit) costExceeded();
}

/** The cost charged so far in the running call (macros read it to charge a sub-expression's cost again). */
export function costSoFar(): number {
  return cost;
}

/** Cost of traversing `len` elements/characters, like cel-go's 0.1 per unit estimators. */
export function chargeTraversal(len: number): void {
  if (len > 9 && (cost += Math.ceil(len * 0.1)) > limit) costExceeded();
}

/**
 * Runs `fn` as one CEL call charged to `tracker`. Re-entrant: a nested call (lazy variable) joins the
 * running call. After the outermost call, the cost is added to the tracker; a cost error raised anywhere
 * (even if swallowed by a macro or `||`) is rethrown.
 */
export function runCharged<T>(tracker: CostTracker, fn: () => T): T {
  if (depth > 0) {
    depth++;
    try {
      return fn();
    } finally {
      depth--;
    }
  }
  const remaining = tracker.budget - tracker._used;
  if (remaining <= 0) throw new CelCostLimitError(tracker.budget, 'budget');
  cost = 0;
  limit = Math.min(tracker.perCallLimit, remaining);
  current = tracker;
  exceeded = undefined;
  depth = 1;
  try {
    const result = fn();
    if (exceeded) throw exceeded;
    return result;
  } catch (err) {
    if (exceeded) throw exceeded;
    throw err;
  } finally {
    tracker._used += Math.min(cost, limit + 1);
    depth = 0;
    current = undefined;
    limit = Infinity;
    cost = 0;
  }
}

interface EvaluatorLike {
  run(ast: { evaluate(ev: unknown, ast: unknown, ctx: unknown): unknown }, ctx: unknown): unknown;
}

/** Replaces the evaluator's node runner by one that charges 1 per node evaluation. */
export function instrumentEvaluator(ev: EvaluatorLike): void {
  ev.run = function run(ast, ctx) {
    if (++cost > limit) costExceeded();
    return ast.evaluate(this, ast, ctx);
  };
}
