import { defineAnalyzer, type Facts } from '../../analyzers/facts.js';
import { defineCheck, type AdmissionContext, type Check, type CheckContext } from '../../checks/define-check.js';
import type { Inventory } from '../../inventory/inventory.js';
import { selectorMatches, type LabelSelector } from '../../inventory/label-selector.js';
import { apiGroupOf, isNamespaced } from '../../kinds/kind-groups.js';
import type { K8sObject } from '../../model/types.js';
import { objectMemo } from '../../model/object-memo.js';
import {
  CelCompileError,
  CelCostLimitError,
  compileCel,
  CostTracker,
  lazyVariables,
  toCelValue,
  type CelActivation,
  type CelProgram,
} from '../cel/index.js';
import { ConfigError } from '../config-error.js';
import { anyGlobMatches } from '../glob.js';
import { KIND_RESOURCES } from '../vap/export-vap.js';
import { resourceScopes } from '../../analyzers/resource-scope.js';
import type { CustomPolicy, PolicyValidation } from './policy-types.js';

/** Kubernetes' RuntimeCELCostBudgetMatchConditions. */
const MATCH_CONDITIONS_COST_BUDGET = 2_500_000;

/** Kubernetes' MaxEvaluatedMessageExpressionSizeBytes: a longer messageExpression result falls back to message. */
const MAX_MESSAGE_BYTES = 5 * 1024;

interface CompiledValidation {
  source: PolicyValidation;
  program: CelProgram;
  message?: CelProgram;
}

export interface CompiledPolicy {
  policy: CustomPolicy;
  matchConditions: { name: string; program: CelProgram }[];
  variables: { name: string; program: CelProgram }[];
  validations: CompiledValidation[];
  params: unknown;
}

/** Namespaces of the input by name, so `namespaceObject` and `match.namespaceSelector` work in a scan. */
export const namespaceObjects = defineAnalyzer(
  'namespace-objects',
  (inventory: Inventory): Map<string, K8sObject> => {
    const byName = new Map<string, K8sObject>();
    for (const { object } of inventory.ofKind('Namespace')) if (typeof object.metadata.name === 'string') byName.set(object.metadata.name, object);
    return byName;
  },
  // An absent Namespace reads as null (unknown), never as a conclusion about the cluster.
  { perObject: true },
);

/** CEL values of objects, shared by every policy that reads the same object in one run. */
const celValue = objectMemo((obj: object): unknown => toCelValue(obj));

function celValueOf(obj: object | null | undefined): unknown {
  return obj === null || obj === undefined ? null : celValue(obj);
}

/** Compiles every expression of the policy now, so a broken policy fails before any object is read. */
export function compilePolicy(policy: CustomPolicy): CompiledPolicy {
  const allVariables = policy.variables.map((v) => v.name);
  // As in Kubernetes: matchConditions run before variables exist, and a variable sees only earlier ones.
  const compile = (text: string, line: number, what: string, resultType: 'bool' | 'string' | 'any', declaredVariables: readonly string[] = allVariables): CelProgram => {
    try {
      return compileCel(text, { declaredVariables, resultType });
    } catch (err) {
      if (err instanceof CelCompileError) {
        // A block scalar (`expression: |`) starts on the line after its key.
        throw new ConfigError(policy.file, line + err.line - 1, `policy "${policy.id}" ${what}: ${err.detail} (expression line ${err.line}, column ${err.column})`);
      }
      throw err;
    }
  };
  return {
    policy,
    matchConditions: policy.matchConditions.map((e) => ({ name: e.name, program: compile(e.expression, e.line, `matchConditions "${e.name}"`, 'bool', []) })),
    variables: policy.variables.map((e, i) => ({ name: e.name, program: compile(e.expression, e.line, `variables "${e.name}"`, 'any', allVariables.slice(0, i)) })),
    validations: policy.validations.map((v, i) => ({
      source: v,
      program: compile(v.expression, v.line, `validations[${i}]`, 'bool'),
      message: v.messageExpression === undefined ? undefined : compile(v.messageExpression, v.line, `validations[${i}].messageExpression`, 'string'),
    })),
    params: policy.params === undefined ? null : toCelValue(policy.params),
  };
}

/** A custom policy as a check of the engine: the engine still does kind matching, suppression, severity and locations. */
export function policyCheck(policy: CustomPolicy): Check {
  const compiled = compilePolicy(policy);
  return defineCheck({
    meta: {
      id: policy.id,
      category: 'policy',
      severity: policy.severity,
      kinds: policy.match.kinds,
      stage: policy.stage,
      summary: policy.title,
      rationale: policy.description ?? policy.title,
      remediation: policy.remediation ?? `Change the object so that "${policy.title}" holds, or add an exception with a reason.`,
      references: [{ url: `file://${policy.file}#L${policy.line}` }],
      messages: {
        violation: '{{message}}',
        evaluationError: 'Policy could not be evaluated: {{error}} (failurePolicy Fail counts that as a violation).',
      },
      enforcement: policy.enforcement,
    },
    check(obj, ctx) {
      evaluatePolicy(compiled, obj, ctx);
    },
  });
}

/** What evaluation needs from the rest of the input. */
export interface PolicyLookups {
  namespaceByName(name: string): K8sObject | undefined;
  /** Whether the object lives in a namespace (built-in kinds by table, custom resources by their CRD). */
  isNamespaced(obj: K8sObject): boolean;
}

/** Namespaces and scopes from the facts of the input (a scan's inventory, or a policy test's resources). */
export function policyLookups(facts: Facts): PolicyLookups {
  return {
    namespaceByName: (namespace) => facts.get(namespaceObjects).get(namespace),
    // A custom resource without its CRD in the input is namespaced when it names a namespace.
    isNamespaced: (o) => {
      const scope = facts.get(resourceScopes).scopeOf(o);
      return scope ? scope === 'Namespaced' : isNamespaced(o.kind) || (typeof o.metadata.namespace === 'string' && o.metadata.namespace !== '');
    },
  };
}

/** What a policy says about one object. */
export type PolicyOutcome =
  | { status: 'skip' }
  | { status: 'pass' }
  | { status: 'fail'; messages: string[] }
  | { status: 'error'; errors: string[]; messages: string[] };

function evaluatePolicy(compiled: CompiledPolicy, obj: K8sObject, ctx: CheckContext): void {
  const outcome = evaluateCompiledPolicy(compiled, obj, ctx.admission, policyLookups(ctx.facts));
  if (outcome.status === 'fail' || outcome.status === 'error') {
    for (const message of outcome.messages) ctx.report({ messageId: 'violation', data: { message }, path: '' });
  }
  if (outcome.status === 'error') {
    for (const error of outcome.errors) ctx.report({ messageId: 'evaluationError', data: { error }, path: '' });
  }
}

/**
 * Match, matchConditions, then every validation, as a ValidatingAdmissionPolicy does; errors follow the
 * failurePolicy (Fail: an error is a violation; Ignore: the validation is skipped).
 * Kind matching is the caller's (the engine's) job.
 */
export function evaluateCompiledPolicy(
  compiled: CompiledPolicy,
  obj: K8sObject,
  given: AdmissionContext | undefined,
  lookup: PolicyLookups,
): PolicyOutcome {
  const { policy } = compiled;
  const admission = given ?? syntheticAdmission(obj, lookup.isNamespaced(obj));
  const operation = String(admission.request.operation ?? 'CREATE');
  const skip: PolicyOutcome = { status: 'skip' };
  if (!policy.match.operations.includes(operation as CustomPolicy['match']['operations'][number])) return skip;
  // The request says where the object lives; cluster-scoped objects have no namespace there.
  const namespace = typeof admission.request.namespace === 'string' ? admission.request.namespace : '';
  const namespaced = namespace !== '';
  const name = typeof obj.metadata.name === 'string' ? obj.metadata.name : '';
  const { match } = policy;
  if (match.namespaces && (!namespaced || !anyGlobMatches(match.namespaces, namespace))) return skip;
  if (match.excludeNamespaces && namespaced && anyGlobMatches(match.excludeNamespaces, namespace)) return skip;
  if (match.names && !anyGlobMatches(match.names, name)) return skip;
  if (match.excludeNames && anyGlobMatches(match.excludeNames, name)) return skip;
  if (match.labelSelector && !selectorMatches(match.labelSelector as LabelSelector, obj.metadata.labels)) return skip;

  const namespaceObject = namespaced ? (admission.namespaceObject ?? lookup.namespaceByName(namespace) ?? null) : null;
  if (match.namespaceSelector) {
    // A Namespace is matched on its own labels (as Kubernetes does); other cluster-scoped objects always match.
    // Every namespace carries kubernetes.io/metadata.name (since 1.22), so an unknown one still has that label.
    const labels = obj.kind === 'Namespace' ? { ...obj.metadata.labels, 'kubernetes.io/metadata.name': name } : namespaced ? (namespaceObject?.metadata.labels ?? { 'kubernetes.io/metadata.name': namespace }) : undefined;
    if (labels && !selectorMatches(match.namespaceSelector as LabelSelector, labels)) return skip;
  }

  // On DELETE the object is gone: Kubernetes gives null as object and the stored object as oldObject.
  const deleting = operation === 'DELETE';
  const cost = new CostTracker();
  // Kubernetes gives matchConditions their own, smaller budget (RuntimeCELCostBudgetMatchConditions).
  const conditionCost = new CostTracker(undefined, MATCH_CONDITIONS_COST_BUDGET);
  const activation: CelActivation = {
    object: deleting ? null : celValueOf(obj),
    oldObject: celValueOf(deleting ? (admission.oldObject ?? obj) : admission.oldObject),
    request: celValueOf(admission.request),
    params: compiled.params,
    namespaceObject: celValueOf(namespaceObject),
  };
  activation.variables = lazyVariables(compiled.variables, activation, cost);

  const errors: string[] = [];
  const messages: string[] = [];
  // Kubernetes: any false condition skips the policy; only when none is false does an error count.
  let conditionError: string | undefined;
  for (const condition of compiled.matchConditions) {
    let result: unknown;
    try {
      result = condition.program.run(activation, conditionCost);
    } catch (err) {
      conditionError ??= `matchConditions "${condition.name}": ${describeError(err)}`;
      continue;
    }
    if (result === false) return skip;
    if (result !== true) conditionError ??= `matchConditions "${condition.name}": returned ${typeof result}, not bool`;
  }
  if (conditionError !== undefined) return policy.failurePolicy === 'Ignore' ? skip : { status: 'error', errors: [conditionError], messages };
  for (const [i, validation] of compiled.validations.entries()) {
    let result: unknown;
    try {
      result = validation.program.run(activation, cost);
    } catch (err) {
      // The policy's whole budget is spent: as Kubernetes does, the evaluation becomes one error and earlier
      // results are discarded; the failurePolicy decides.
      if (err instanceof CelCostLimitError && err.kind === 'budget') {
        return policy.failurePolicy === 'Ignore' ? skip : { status: 'error', errors: [`validations[${i}]: ${describeError(err)}`], messages: [] };
      }
      if (policy.failurePolicy === 'Fail') errors.push(`validations[${i}]: ${describeError(err)}`);
      continue;
    }
    if (result === true) continue;
    if (result !== false) {
      if (policy.failurePolicy === 'Fail') errors.push(`validations[${i}]: the expression returned ${typeof result}, not bool`);
      continue;
    }
    messages.push(messageOf(validation, activation, cost));
  }
  if (errors.length > 0) return { status: 'error', errors, messages };
  return messages.length > 0 ? { status: 'fail', messages } : { status: 'pass' };
}

/** messageExpression, else message, else Kubernetes' default "failed expression: …". */
function messageOf(validation: CompiledValidation, activation: CelActivation, cost: CostTracker): string {
  if (validation.message) {
    try {
      const text = validation.message.run(activation, cost);
      const trimmed = typeof text === 'string' ? text.trim() : '';
      if (trimmed !== '' && !/[\r\n]/.test(trimmed) && Buffer.byteLength(trimmed) <= MAX_MESSAGE_BYTES) return trimmed;
    } catch {
      // Kubernetes falls back to the static message when messageExpression fails.
    }
  }
  return validation.source.message ?? `failed expression: ${validation.source.expression.trim()}`;
}

function describeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0];
}

/** A scan reads each object as if it were being created: request fields as the API server would fill them. */
export function syntheticAdmission(obj: K8sObject, namespaced = isNamespaced(obj.kind)): AdmissionContext {
  const group = apiGroupOf(obj.apiVersion);
  const version = obj.apiVersion.includes('/') ? obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1) : obj.apiVersion;
  const request: Record<string, unknown> = {
    uid: '',
    kind: { group, version, kind: obj.kind },
    resource: { group, version, resource: resourceOf(obj.kind) },
    requestKind: { group, version, kind: obj.kind },
    requestResource: { group, version, resource: resourceOf(obj.kind) },
    name: typeof obj.metadata.name === 'string' ? obj.metadata.name : '',
    operation: 'CREATE',
    userInfo: { username: '', groups: [] },
    dryRun: false,
  };
  if (namespaced) request.namespace = typeof obj.metadata.namespace === 'string' && obj.metadata.namespace !== '' ? obj.metadata.namespace : 'default';
  return { request, oldObject: null, namespaceObject: null };
}

/** The resource of a kind Bulwark knows, else the API server's guess. */
function resourceOf(kind: string): string {
  return KIND_RESOURCES[kind]?.resources[0] ?? guessResource(kind);
}

/** Kubernetes' UnsafeGuessKindToResource (apimachinery), which the API server also falls back to. */
export function guessResource(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === '') return '';
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
