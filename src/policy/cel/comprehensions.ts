/**
 * Two-variable comprehensions, as cel-go's ext.TwoVarComprehensions (in the Kubernetes CEL environment since
 * 1.33): `all`, `exists`, `existsOne`/`exists_one` with (index|key, value, predicate), `transformList`,
 * `transformMap` and `transformMapEntry` with an optional filter, plus the one-variable `existsOne(x, p)`
 * alias of `exists_one` (cel-go's standard macros have it).
 *
 * They are registered as cel-js macros (a signature with `ast` arguments): the parser hands us the argument
 * ASTs, we type-check them in contexts that declare the iteration variables and evaluate them in a loop.
 * Semantics follow cel-go's expansions:
 *   - all / exists behave like `&&` / `||` over the elements: they stop at the first false / true, and an
 *     error (or a non-bool result) only surfaces when no element decides the result;
 *   - existsOne does not short-circuit and propagates the first error;
 *   - transformMap keeps the key (the index for lists); transformMapEntry merges the map each element
 *     returns, and a key produced twice is an error ("insert failed: key 1 already exists").
 * Cost: each iteration charges what the expanded one-variable macros charge for their loop step (2, or 1 for
 * an unfiltered transform) plus the nodes its body evaluates through the evaluator hook in runtime.ts, so
 * `xs.all(i, x, p)` costs the same as `xs.all(x, p)`.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { macroError, type CelType, type Checker, type CheckContext, type Evaluator, type IterContext, type MacroInput, type Node } from './cel-js-internals.js';
import { UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { CelCostLimitError, charge } from './runtime.js';
import { celToString, isPlainObject } from './values.js';

type Kind = 'all' | 'exists' | 'existsOne' | 'transformList' | 'transformMap' | 'transformMapEntry';

/** The object a macro handler returns; cel-js passes it back to typeCheck/evaluate. */
interface Macro {
  readonly kind: Kind;
  readonly label: string;
  readonly receiver: Node;
  /** One name (one-variable existsOne) or two: index|key and value. */
  readonly vars: readonly string[];
  readonly filter?: Node;
  /** The predicate (quantifiers) or the transform. */
  readonly body: Node;
  readonly async: false;
  /** Set by typeCheck: the contexts declaring the variables, and the static key type of a map range. */
  first?: IterContext;
  inner?: IterContext;
  rangeKeyType?: string;
  entryKeyType?: string;
  typeCheck(chk: Checker, m: Macro, ctx: CheckContext): CelType;
  evaluate(ev: Evaluator, m: Macro, ctx: unknown): unknown;
}

/** cel-go's accumulator name: an iteration variable may not take it. */
const ACCUMULATOR = '__result__';

// ───────────────────────────── parse ─────────────────────────────

function iterVar(node: Node): string {
  if (node.op === 'id' && typeof node.args === 'string') return node.args;
  throw macroError('argument must be a simple name', node);
}

function expander(kind: Kind, name: string, argc: number) {
  const oneVar = argc === 2;
  const hasFilter = argc === 4;
  const params = oneVar ? 'x' : 'k, v';
  const label = hasFilter ? `${name}(${params}, filter, transform)` : kind.startsWith('transform') ? `${name}(${params}, transform)` : `${name}(${params}, predicate)`;
  return ({ args, receiver }: MacroInput): Macro => {
    const vars = oneVar ? [iterVar(args[0])] : [iterVar(args[0]), iterVar(args[1])];
    if (vars.length === 2 && vars[0] === vars[1]) throw macroError(`duplicate variable name: ${vars[0]}`, args[1]);
    for (let i = 0; i < vars.length; i++) {
      if (vars[i] === ACCUMULATOR) throw macroError('iteration variable overwrites accumulator variable', args[i]);
    }
    return {
      kind,
      label,
      receiver,
      vars,
      filter: hasFilter ? args[2] : undefined,
      body: args[argc - 1],
      async: false,
      typeCheck,
      evaluate,
    };
  };
}

// ───────────────────────────── type check ─────────────────────────────

function typeCheck(chk: Checker, m: Macro, ctx: CheckContext): CelType {
  const range = chk.check(m.receiver, ctx);
  let keyType: CelType;
  let valueType: CelType;
  if (range.kind === 'dyn') {
    keyType = valueType = chk.dynType;
  } else if (range.kind === 'list') {
    keyType = chk.intType;
    valueType = range.valueType ?? chk.dynType;
  } else if (range.kind === 'map') {
    keyType = range.keyType ?? chk.dynType;
    valueType = range.valueType ?? chk.dynType;
    m.rangeKeyType = keyType.type;
  } else {
    throw chk.createError(
      'invalid_comprehension_range',
      `Expression of type '${chk.formatType(range)}' cannot be range of a comprehension (must be list, map, or dynamic).`,
      m.receiver,
    );
  }
  if (m.vars.length === 1) {
    // One variable: the element of a list, the key of a map (as the standard macros).
    m.first = m.inner = ctx.forkWithVariable(m.vars[0], range.kind === 'list' ? valueType : keyType);
  } else {
    m.first = ctx.forkWithVariable(m.vars[0], keyType);
    m.inner = m.first.forkWithVariable(m.vars[1], valueType);
  }
  const body = m.inner;
  if (m.filter) {
    const t = chk.check(m.filter, body);
    if (!t.isDynOrBool()) throw chk.createError('invalid_macro_argument', `${m.label} filter predicate must return bool, got '${chk.formatType(t)}'`, m.filter);
  }
  const t = chk.check(m.body, body);
  switch (m.kind) {
    case 'all':
    case 'exists':
    case 'existsOne':
      if (!t.isDynOrBool()) throw chk.createError('invalid_macro_argument', `${m.label} predicate must return bool, got '${chk.formatType(t)}'`, m.body);
      return chk.boolType;
    case 'transformList':
      return chk.registry.getListType(t);
    case 'transformMap':
      return chk.registry.getMapType(keyType, t);
    case 'transformMapEntry':
      if (t.kind !== 'map' && t.kind !== 'dyn') {
        throw chk.createError('invalid_macro_argument', `${m.label} transform must return a map, got '${chk.formatType(t)}'`, m.body);
      }
      if (t.kind === 'map') m.entryKeyType = t.keyType?.type;
      return t;
  }
}

// ───────────────────────────── evaluate ─────────────────────────────

/**
 * cel-js stores map literals as plain objects, so int and bool keys come back as strings; when the static
 * key type says what they were, restore them (otherwise `{1: 'a'}.all(k, v, k == 1)` would compare "1").
 */
function restoreKey(key: string, type: string | undefined): unknown {
  if (type === 'int' && /^-?\d+$/.test(key)) return BigInt(key);
  if (type === 'bool' && (key === 'true' || key === 'false')) return key === 'true';
  return key;
}

/** The (index|key, value) pairs of a list or map, in iteration order. */
function pairs(ev: Evaluator, m: Macro, range: unknown): { list: boolean; items: [unknown, unknown][] } {
  if (Array.isArray(range) || range instanceof Set) {
    const values = Array.isArray(range) ? range : [...range];
    return { list: true, items: values.map((v, i) => [BigInt(i), v]) };
  }
  if (range instanceof Map) return { list: false, items: [...range] };
  if (range !== null && typeof range === 'object' && isPlainObject(range)) {
    return { list: false, items: Object.keys(range).map((k) => [restoreKey(k, m.rangeKeyType), range[k]]) };
  }
  throw ev.createError(
    'invalid_comprehension_range',
    `Expression of type '${ev.debugType(range).name}' cannot be range of a comprehension (must be list, map, or dynamic).`,
    m.receiver,
  );
}

/** Map keys compare with CEL equality: 1 and 1u are the same key. */
function keyId(k: unknown): string {
  if (typeof k === 'string') return `s${k}`;
  if (typeof k === 'bigint') return `n${k}`;
  if (k instanceof UnsignedInt) return `n${k.valueOf()}`;
  if (typeof k === 'boolean') return `b${k}`;
  if (typeof k === 'number' && Number.isInteger(k)) return `n${k}`;
  return `?${celToString(k)}`;
}

/** Builds a result map: a plain object (cel-js's usual form) while every key is a string, else a Map. */
class MapBuilder {
  private readonly ids = new Set<string>();
  private readonly entries: [unknown, unknown][] = [];

  insert(ev: Evaluator, node: Node, k: unknown, v: unknown): void {
    const id = keyId(k);
    if (this.ids.has(id)) throw ev.createError('duplicate_key', `insert failed: key ${celToString(k)} already exists`, node);
    this.ids.add(id);
    this.entries.push([k, v]);
  }

  build(): unknown {
    if (!this.entries.every(([k]) => typeof k === 'string')) return new Map(this.entries);
    const out: Record<string, unknown> = {};
    for (const [k, v] of this.entries as [string, unknown][]) {
      // Keep a "__proto__" key as data (assignment would set the prototype).
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}

/** Runs `node`, requiring a bool. */
function runBool(ev: Evaluator, node: Node, ctx: unknown, label: string): boolean {
  const r = ev.run(node, ctx);
  if (typeof r === 'boolean') return r;
  throw ev.createError('invalid_macro_argument', `${label} must return bool, got '${ev.debugType(r).name}'`, node);
}

/** Adds the entries of the map `node` evaluates to; a map literal is evaluated entry by entry to keep key types. */
function insertEntries(ev: Evaluator, m: Macro, ctx: unknown, out: MapBuilder): void {
  const node = m.body;
  if (node.op === 'map') {
    charge(1); // the literal node itself, which we do not run
    for (const [k, v] of node.args as [Node, Node][]) out.insert(ev, node, ev.run(k, ctx), ev.run(v, ctx));
    return;
  }
  const r = ev.run(node, ctx);
  if (r instanceof Map) {
    for (const [k, v] of r) out.insert(ev, node, k, v);
  } else if (r !== null && typeof r === 'object' && !Array.isArray(r) && isPlainObject(r)) {
    for (const k of Object.keys(r)) out.insert(ev, node, restoreKey(k, m.entryKeyType), r[k]);
  } else {
    throw ev.createError('invalid_macro_argument', `${m.label} transform must return a map, got '${ev.debugType(r).name}'`, node);
  }
}

function evaluate(ev: Evaluator, m: Macro, ctx: unknown): unknown {
  const { list, items } = pairs(ev, m, ev.run(m.receiver, ctx));
  const first = m.first!.reuse(ctx);
  const inner = m.inner === m.first ? first : m.inner!.reuse(first);
  const bind = (k: unknown, v: unknown): void => {
    if (m.vars.length === 1) first.setIterValue(list ? v : k, ev);
    else (first.setIterValue(k, ev), inner.setIterValue(v, ev));
  };
  const predicate = `${m.label} predicate`;
  // Per element, what the expanded one-variable macros evaluate besides the body: the step node and the
  // accumulator node (quantifiers, filtered transforms), or just the push (plain map/transforms).
  const step = m.kind.startsWith('transform') && !m.filter ? 1 : 2;

  switch (m.kind) {
    case 'all':
    case 'exists': {
      // Like a chain of && (all) or || (exists): the deciding value wins over errors seen before it.
      const decisive = m.kind === 'exists';
      let error: unknown;
      for (const [k, v] of items) {
        charge(step);
        try {
          bind(k, v);
          if (runBool(ev, m.body, inner, predicate) === decisive) return decisive;
        } catch (err) {
          if (err instanceof CelCostLimitError) throw err;
          error ??= err;
        }
      }
      if (error !== undefined) throw error;
      return !decisive;
    }
    case 'existsOne': {
      let n = 0;
      for (const [k, v] of items) {
        charge(step);
        bind(k, v);
        if (runBool(ev, m.body, inner, predicate)) n++;
      }
      return n === 1;
    }
    case 'transformList': {
      const out: unknown[] = [];
      for (const [k, v] of items) {
        charge(step);
        bind(k, v);
        if (m.filter && !runBool(ev, m.filter, inner, `${m.label} filter predicate`)) continue;
        out.push(ev.run(m.body, inner));
      }
      return out;
    }
    case 'transformMap':
    case 'transformMapEntry': {
      const out = new MapBuilder();
      for (const [k, v] of items) {
        charge(step);
        bind(k, v);
        if (m.filter && !runBool(ev, m.filter, inner, `${m.label} filter predicate`)) continue;
        if (m.kind === 'transformMap') out.insert(ev, m.body, k, ev.run(m.body, inner));
        else insertEntries(ev, m, inner, out);
      }
      return out.build();
    }
  }
}

// ───────────────────────────── registration ─────────────────────────────

/** Macro name -> argument counts, for the static nesting guard in index.ts as well as for registration. */
export const TWO_VAR_MACROS: ReadonlyMap<string, readonly number[]> = new Map([
  ['all', [3]],
  ['exists', [3]],
  ['exists_one', [3]],
  ['existsOne', [2, 3]],
  ['transformList', [3, 4]],
  ['transformMap', [3, 4]],
  ['transformMapEntry', [3, 4]],
]);

const KIND: Record<string, Kind> = {
  all: 'all',
  exists: 'exists',
  exists_one: 'existsOne',
  existsOne: 'existsOne',
  transformList: 'transformList',
  transformMap: 'transformMap',
  transformMapEntry: 'transformMapEntry',
};

export function registerComprehensions(env: Environment): void {
  for (const [name, counts] of TWO_VAR_MACROS) {
    const kind = KIND[name];
    const result = kind === 'transformList' ? 'list<dyn>' : kind.startsWith('transformMap') ? 'map<dyn, dyn>' : 'bool';
    for (const argc of counts) {
      // The receiver type is nominal: cel-js finds macros by name and argument count, typeCheck checks the range.
      env.registerFunction(`list.${name}(${Array(argc).fill('ast').join(', ')}): ${result}`, expander(kind, name, argc) as never);
    }
  }
}
