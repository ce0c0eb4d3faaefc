/**
 * Kubernetes' API validation of ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding
 * (pkg/apis/admissionregistration/validation), for what an export can get wrong: what a BulwarkPolicy
 * accepts but the API server refuses (an `Unauthorized` reason, a variable named like a CEL keyword, a
 * label selector with an invalid value, `params` without a paramKind, more than 64 matchConditions once
 * the match's own are added, …). The exporter lists such a policy as not exportable instead of writing
 * objects that `kubectl apply` would reject.
 *
 * Expressions are parsed here only to see which names and functions they use (`params`, `cel.bind`, and
 * the libraries that need a newer API server); whether they compile in Kubernetes' CEL environment is
 * otherwise left to the policy compiler, which uses Kubernetes' libraries.
 */
import { Environment } from '@marcbachmann/cel-js';
import { TWO_VAR_MACROS } from '../cel/comprehensions.js';
import { FORMATS } from '../cel/formats.js';
import type { JsonObject, K8sObject } from '../../model/types.js';

/** validateMatchConditions: at most this many per policy. */
export const MAX_MATCH_CONDITIONS = 64;

/** supportedValidationPolicyReason: `Unauthorized` is a Kubernetes status reason, but not one a policy may give. */
export const VAP_REASONS: ReadonlySet<string> = new Set(['Forbidden', 'Invalid', 'RequestEntityTooLarge']);

/** isCELIdentifier's reserved words: a variable may not be named after one. */
export const CEL_RESERVED: ReadonlySet<string> = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let',
  'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);
const CEL_IDENTIFIER = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

const VALIDATION_ACTIONS = new Set(['Deny', 'Warn', 'Audit']);
const FAILURE_POLICIES = new Set(['Fail', 'Ignore']);
const SELECTOR_OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

const formatErrors = (format: 'dns1123Subdomain' | 'qualifiedName' | 'labelValue', s: string): string[] => FORMATS.get(format)?.check(s) ?? [];

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

// ───────────────────────────── names an expression reads ─────────────────────────────

interface AstNode {
  op: string;
  args: unknown;
}

const isNode = (x: unknown): x is AstNode => typeof x === 'object' && x !== null && typeof (x as AstNode).op === 'string' && 'args' in x;

/** One-variable macros: their first argument names the iteration variable. */
const ONE_VAR_MACROS = new Set(['all', 'exists', 'exists_one', 'existsOne', 'map', 'filter', 'optMap', 'optFlatMap']);

let parser: Environment | undefined;

/**
 * The free identifiers an expression reads (comprehension variables excluded) and the namespaced global
 * functions it calls (`cel.bind`), or the parse error. Parsing needs no function declarations.
 */
export function referencedNames(expression: string): { identifiers: Set<string>; namespacedCalls: Set<string>; calls: Set<string> } | { error: string } {
  parser ??= new Environment({ enableOptionalTypes: true });
  let ast: unknown;
  try {
    ast = parser.parse(expression).ast;
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0] };
  }
  const identifiers = new Set<string>();
  const namespacedCalls = new Set<string>();
  // Functions and macros by name and argument count (`all/3`), receivers that are namespaces as `format.x/0`.
  const calls = new Set<string>();
  const walk = (node: unknown, bound: ReadonlySet<string>): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, bound);
      return;
    }
    if (!isNode(node)) return;
    if (node.op === 'id') {
      if (typeof node.args === 'string' && !bound.has(node.args)) identifiers.add(node.args);
      return;
    }
    if (node.op === 'call') {
      const [name, args] = node.args as [string, unknown[]];
      calls.add(`${name}/${args.length}`);
    }
    if (node.op === 'rcall') {
      const [name, receiver, args] = node.args as [string, AstNode, AstNode[]];
      calls.add(`${receiver.op === 'id' && typeof receiver.args === 'string' && NAMESPACES.has(receiver.args) ? `${receiver.args}.` : ''}${name}/${args.length}`);
      const binds: string[] = [];
      const idAt = (i: number): string | undefined => (args[i]?.op === 'id' && typeof args[i].args === 'string' ? (args[i].args as string) : undefined);
      const isBind = name === 'bind' && receiver.op === 'id' && receiver.args === 'cel' && args.length === 3;
      if (isBind || (receiver.op === 'id' && receiver.args === 'cel')) namespacedCalls.add(`cel.${name}`);
      else walk(receiver, bound);
      if (isBind || ONE_VAR_MACROS.has(name) || TWO_VAR_MACROS.has(name)) {
        const first = idAt(0);
        if (first) binds.push(first);
        const second = TWO_VAR_MACROS.get(name)?.includes(args.length) && !(name === 'existsOne' && args.length === 2) ? idAt(1) : undefined;
        if (second) binds.push(second);
      }
      // cel.bind's initialiser is evaluated outside the binding.
      if (isBind) walk(args[1], bound);
      const inner = binds.length > 0 ? new Set([...bound, ...binds]) : bound;
      args.forEach((a, i) => {
        if (i < binds.length || (isBind && i === 1)) return;
        walk(a, inner);
      });
      return;
    }
    walk(node.args, bound);
  };
  walk(ast, new Set());
  return { identifiers, namespacedCalls, calls };
}

/** Receivers that are function namespaces, not values. */
const NAMESPACES = new Set(['cel', 'format', 'ip', 'lists', 'sets', 'strings']);

/** The Kubernetes version the export assumes (ValidatingAdmissionPolicy v1). */
export const BASE_KUBERNETES_VERSION = '1.30';

/**
 * Functions of Kubernetes' CEL environment that came after the base version, with the first Kubernetes
 * version that accepts them in a new policy: a library introduced in 1.N is compiled for new expressions
 * from 1.N+1 on (environment.DefaultCompatibilityVersion is the previous minor version), so a policy
 * using it is refused on create by older API servers.
 */
const LATER_FUNCTIONS: readonly [version: string, test: (call: string) => boolean][] = [
  // library.IP and library.CIDR: 1.30.
  ['1.31', (c) => /^(ip|cidr|isIP|isCIDR)\/1$|^ip\.isCanonical\/1$/.test(c)],
  // library.Format: 1.31.
  ['1.32', (c) => c.startsWith('format.')],
  // ext.TwoVarComprehensions: 1.32.
  ['1.33', (c) => /^(all|exists|exists_one|existsOne)\/3$|^(transformList|transformMap|transformMapEntry)\/[34]$/.test(c)],
  // library.SemverLib: 1.33.
  ['1.34', (c) => /^(semver|isSemver)\/[12]$/.test(c)],
  // ext.Lists: 1.34. A string's reverse() (cel-go strings v3) is in no Kubernetes version; it reads as the list one.
  ['1.35', (c) => /^(slice\/2|flatten\/[01]|distinct\/0|reverse\/0|sort\/0|sortBy\/2|lists\.range\/1)$/.test(c)],
];

const versionOrder = (v: string): number => Number(v.split('.')[1]);

/** The oldest Kubernetes version whose API server accepts these expressions, when later than the base one. */
export function minimumKubernetesVersion(expressions: readonly string[]): string | undefined {
  let needed: string | undefined;
  for (const expression of expressions) {
    const names = referencedNames(expression);
    if ('error' in names) continue;
    for (const call of names.calls) {
      for (const [version, test] of LATER_FUNCTIONS) {
        if (test(call) && (needed === undefined || versionOrder(version) > versionOrder(needed))) needed = version;
      }
    }
  }
  return needed;
}

// ───────────────────────────── the rules ─────────────────────────────

function selectorProblems(selector: unknown, at: string): string[] {
  if (selector === undefined) return [];
  if (!isObject(selector)) return [`${at}: must be a label selector`];
  const problems: string[] = [];
  const labels = selector.matchLabels;
  if (labels !== undefined) {
    if (!isObject(labels)) problems.push(`${at}.matchLabels: must map label keys to values`);
    else {
      for (const [key, value] of Object.entries(labels)) {
        for (const e of formatErrors('qualifiedName', key)) problems.push(`${at}.matchLabels: key ${JSON.stringify(key)}: ${e}`);
        if (typeof value !== 'string') problems.push(`${at}.matchLabels[${JSON.stringify(key)}]: must be a string`);
        else for (const e of formatErrors('labelValue', value)) problems.push(`${at}.matchLabels[${JSON.stringify(key)}]: value ${JSON.stringify(value)}: ${e}`);
      }
    }
  }
  objects(selector.matchExpressions).forEach((req, i) => {
    const where = `${at}.matchExpressions[${i}]`;
    const key = text(req.key) ?? '';
    for (const e of formatErrors('qualifiedName', key)) problems.push(`${where}.key ${JSON.stringify(key)}: ${e}`);
    const operator = text(req.operator) ?? '';
    const values = strings(req.values);
    if (!SELECTOR_OPERATORS.has(operator)) problems.push(`${where}.operator: must be one of In, NotIn, Exists, DoesNotExist`);
    else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) problems.push(`${where}.values: must be specified when operator is In or NotIn`);
    else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) problems.push(`${where}.values: may not be specified when operator is Exists or DoesNotExist`);
    for (const v of values) for (const e of formatErrors('labelValue', v)) problems.push(`${where}.values: ${JSON.stringify(v)}: ${e}`);
  });
  return problems;
}

/** What an expression at `at` reads that the policy's CEL environment does not declare. */
function expressionProblems(expression: string | undefined, at: string, opts: { variables: boolean }): string[] {
  if (expression === undefined) return [];
  if (expression.trim() === '') return [`${at}: must not be empty`];
  const names = referencedNames(expression);
  if ('error' in names) return [`${at}: ${names.error}`];
  const problems: string[] = [];
  // The exported policy has no paramKind, so `params` is undeclared (compile error on create).
  if (names.identifiers.has('params')) problems.push(`${at}: reads params, which a policy without paramKind does not declare`);
  if (!opts.variables && names.identifiers.has('variables')) problems.push(`${at}: reads variables, which matchConditions cannot see`);
  // ext.Bindings is not part of the ValidatingAdmissionPolicy environment (only DRA's).
  if (names.namespacedCalls.has('cel.bind')) problems.push(`${at}: calls cel.bind, which Kubernetes' ValidatingAdmissionPolicy environment does not have`);
  return problems;
}

/** Why the API server would refuse a ValidatingAdmissionPolicy as exported (none: an empty list). */
export function policyProblems(policy: K8sObject): string[] {
  const problems = formatErrors('dns1123Subdomain', policy.metadata.name ?? '').map((e) => `metadata.name: ${e}`);
  const spec = isObject(policy.spec) ? policy.spec : {};
  if (!FAILURE_POLICIES.has(text(spec.failurePolicy) ?? '')) problems.push('spec.failurePolicy: must be Fail or Ignore');

  const constraints = isObject(spec.matchConstraints) ? spec.matchConstraints : undefined;
  if (!constraints || objects(constraints.resourceRules).length === 0) problems.push('spec.matchConstraints.resourceRules: at least one rule is required');
  else {
    objects(constraints.resourceRules).forEach((rule, i) => {
      for (const key of ['apiGroups', 'apiVersions', 'operations', 'resources']) {
        if (strings(rule[key]).length === 0) problems.push(`spec.matchConstraints.resourceRules[${i}].${key}: required`);
      }
    });
    problems.push(...selectorProblems(constraints.objectSelector, 'spec.matchConstraints.objectSelector'));
    problems.push(...selectorProblems(constraints.namespaceSelector, 'spec.matchConstraints.namespaceSelector'));
  }

  const conditions = objects(spec.matchConditions);
  if (conditions.length > MAX_MATCH_CONDITIONS) problems.push(`spec.matchConditions: must have at most ${MAX_MATCH_CONDITIONS} items (has ${conditions.length}, with those the match adds)`);
  const conditionNames = new Set<string>();
  conditions.forEach((c, i) => {
    const name = text(c.name) ?? '';
    for (const e of formatErrors('qualifiedName', name)) problems.push(`spec.matchConditions[${i}].name ${JSON.stringify(name)}: ${e}`);
    if (conditionNames.has(name)) problems.push(`spec.matchConditions[${i}].name: duplicate ${JSON.stringify(name)}`);
    conditionNames.add(name);
    problems.push(...expressionProblems(text(c.expression) ?? '', `spec.matchConditions[${i}].expression`, { variables: false }));
  });

  objects(spec.variables).forEach((v, i) => {
    const name = text(v.name) ?? '';
    if (!CEL_IDENTIFIER.test(name) || CEL_RESERVED.has(name)) problems.push(`spec.variables[${i}].name ${JSON.stringify(name)}: is not a valid CEL identifier (letters, digits, '_'; not a CEL reserved word)`);
    problems.push(...expressionProblems(text(v.expression) ?? '', `spec.variables[${i}].expression`, { variables: true }));
  });

  const validations = objects(spec.validations);
  if (validations.length === 0) problems.push('spec.validations: at least one validation is required');
  validations.forEach((v, i) => {
    const at = `spec.validations[${i}]`;
    problems.push(...expressionProblems(text(v.expression) ?? '', `${at}.expression`, { variables: true }));
    problems.push(...expressionProblems(text(v.messageExpression), `${at}.messageExpression`, { variables: true }));
    const message = text(v.message);
    if (message !== undefined && message.trim() === '') problems.push(`${at}.message: must be non-empty if specified`);
    else if (message !== undefined && /[\r\n]/.test(message.trim())) problems.push(`${at}.message: must not contain line breaks`);
    const reason = text(v.reason);
    if (reason !== undefined && !VAP_REASONS.has(reason)) problems.push(`${at}.reason: ${JSON.stringify(reason)} is not supported (${[...VAP_REASONS].join(', ')})`);
  });
  return problems;
}

/** Why the API server would refuse a ValidatingAdmissionPolicyBinding as exported. */
export function bindingProblems(binding: K8sObject): string[] {
  const problems = formatErrors('dns1123Subdomain', binding.metadata.name ?? '').map((e) => `metadata.name: ${e}`);
  const spec = isObject(binding.spec) ? binding.spec : {};
  for (const e of formatErrors('dns1123Subdomain', text(spec.policyName) ?? '')) problems.push(`spec.policyName: ${e}`);
  const actions = strings(spec.validationActions);
  if (actions.length === 0) problems.push('spec.validationActions: at least one validation action is required');
  if (new Set(actions).size !== actions.length) problems.push('spec.validationActions: duplicate action');
  for (const a of actions) if (!VALIDATION_ACTIONS.has(a)) problems.push(`spec.validationActions: ${JSON.stringify(a)} is not supported`);
  if (actions.includes('Deny') && actions.includes('Warn')) problems.push('spec.validationActions: must not contain both Deny and Warn');
  return problems;
}
