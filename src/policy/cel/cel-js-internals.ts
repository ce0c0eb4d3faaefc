/**
 * The parts of @marcbachmann/cel-js's internals that our macros (comprehensions.ts, optional-macros.ts) use:
 * cel-js hands a macro its argument ASTs, its type checker and its evaluator, none of which it exports types
 * for. Declared here once, as far as we read them (cel-js 8.0.0, pinned: lib/parser.js, lib/registry.js).
 */
import { ParseError } from '@marcbachmann/cel-js';

/** An AST node (lib/parser.js ASTNode). */
export interface Node {
  readonly op: string;
  readonly args: unknown;
  readonly start: number;
  readonly end: number;
}

/** A TypeDeclaration (lib/registry.js). */
export interface CelType {
  readonly kind: string;
  readonly name: string;
  readonly type: string;
  readonly keyType?: CelType;
  readonly valueType?: CelType;
  isDynOrBool(): boolean;
}

/** The type checker's context (RootContext / OverlayContext in lib/registry.js). */
export interface CheckContext {
  forkWithVariable(name: string, type: CelType): IterContext;
}

/** An OverlayContext: declares one variable; `reuse` rebinds it to the running evaluation's parent context. */
export interface IterContext extends CheckContext {
  reuse(parent: unknown): IterContext;
  setIterValue(value: unknown, ev: Evaluator): IterContext;
}

export interface Checker {
  readonly dynType: CelType;
  readonly intType: CelType;
  readonly boolType: CelType;
  readonly registry: { getListType(t: CelType): CelType; getMapType(k: CelType, v: CelType): CelType; getOptionalType(t: CelType): CelType };
  check(node: Node, ctx: CheckContext): CelType;
  createError(code: string, message: string, node: Node): Error;
  formatType(t: CelType): string;
}

export interface Evaluator {
  run(node: Node, ctx: unknown): unknown;
  createError(code: string, message: string, node: Node): Error;
  debugType(v: unknown): CelType;
}

/** A macro's arguments as the parser hands them over. */
export interface MacroInput {
  readonly ast: Node;
  readonly args: readonly Node[];
  readonly receiver: Node;
}

/** A parse error located at the start of the whole argument (cel-js would point inside `a.b` at `b`). */
export function macroError(message: string, node: Node): ParseError {
  return new ParseError({ code: 'invalid_macro_argument', message, node: node as never, range: { start: node.start, end: node.end } });
}
