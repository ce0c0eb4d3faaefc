import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../../kinds/workloads.js';
import { isEnforcement, isSeverity, type JsonValue, type Stage } from '../../model/types.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { PointerLocator } from '../../sources/pointer-locator.js';
import { ConfigError } from '../config-error.js';
import type { AdmissionOperation, CustomPolicy, LabelSelectorSpec, NamedExpression, PolicyMatch, PolicyValidation } from './policy-types.js';
import { CEL_RESERVED } from '../vap/api-rules.js';

export const POLICY_API_VERSION = 'bulwark.dev/v1';
export const POLICY_KIND = 'BulwarkPolicy';

const ID_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const STAGES: Stage[] = ['build', 'deploy', 'runtime'];
const OPERATIONS: AdmissionOperation[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];
/** The reasons Kubernetes accepts in a ValidatingAdmissionPolicy validation (its API validation refuses Unauthorized). */
const REASONS = ['Forbidden', 'Invalid', 'RequestEntityTooLarge'] as const;
const SPEC_KEYS = new Set([
  'title', 'description', 'severity', 'stage', 'enforcement', 'failurePolicy', 'remediation', 'match',
  'matchConditions', 'variables', 'validations', 'params',
]);
const MATCH_KEYS = new Set(['kinds', 'namespaces', 'excludeNamespaces', 'names', 'excludeNames', 'labelSelector', 'namespaceSelector', 'operations']);
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const SELECTOR_OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Line of a JSON pointer inside the document being read. */
export type LineOf = (pointer: string) => number;

const BLOCK_SCALAR_HEADER = /:\s*[|>][-+0-9]*\s*(#.*)?$/;

/**
 * Line of the value at a pointer, where a block scalar's (`expression: |`) content starts on the line after
 * its header, so errors inside multi-line expressions point at the right line.
 */
export function valueLineOf(text: string, locate: (pointer: string) => number): LineOf {
  let lines: string[] | undefined;
  return (pointer) => {
    const line = locate(pointer);
    lines ??= text.split('\n');
    return BLOCK_SCALAR_HEADER.test(lines[line - 1] ?? '') ? line + 1 : line;
  };
}

/**
 * Reads one BulwarkPolicy document (`{apiVersion: bulwark.dev/v1, kind: BulwarkPolicy, metadata: {name}, spec}`).
 * Every mistake is a ConfigError naming the file and the line of the offending field.
 */
export function parsePolicyDocument(doc: unknown, file: string, lineOf: LineOf, base = ''): CustomPolicy {
  const fail = (pointer: string, message: string): never => {
    throw new ConfigError(file, lineOf(base + pointer), message);
  };
  if (!isRecord(doc)) return fail('', 'a policy must be a mapping');
  if (doc.kind !== POLICY_KIND) fail('/kind', `expected kind: ${POLICY_KIND}`);
  if (doc.apiVersion !== POLICY_API_VERSION) fail('/apiVersion', `expected apiVersion: ${POLICY_API_VERSION}`);
  const metadata = isRecord(doc.metadata) ? doc.metadata : fail('/metadata', 'a policy needs metadata.name');
  const id = metadata.name;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) fail('/metadata/name', 'metadata.name (the policy id) must be lower-case kebab-case, like "require-owner-label"');
  const spec = isRecord(doc.spec) ? doc.spec : fail('/spec', `policy "${String(id)}" needs a spec`);
  for (const key of Object.keys(spec)) if (!SPEC_KEYS.has(key)) fail(`/spec/${key}`, `unknown key "spec.${key}" (expected one of ${[...SPEC_KEYS].join(', ')})`);

  const str = (key: string, required: boolean): string | undefined => {
    const v = spec[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.trim() === '') return fail(v === undefined ? '/spec' : `/spec/${key}`, `spec.${key} must be a non-empty string`);
    return v.trim();
  };
  const title = str('title', true) as string;
  const severity = spec.severity ?? 'medium';
  if (!isSeverity(severity)) fail('/spec/severity', 'spec.severity must be one of info, low, medium, high, critical');
  const stage = spec.stage ?? 'deploy';
  if (!STAGES.includes(stage as Stage)) fail('/spec/stage', 'spec.stage must be build, deploy or runtime');
  const enforcement = spec.enforcement ?? 'fail-build';
  if (!isEnforcement(enforcement)) fail('/spec/enforcement', 'spec.enforcement must be inform, fail-build or deny');
  const failurePolicy = spec.failurePolicy ?? 'Fail';
  if (failurePolicy !== 'Fail' && failurePolicy !== 'Ignore') fail('/spec/failurePolicy', 'spec.failurePolicy must be Fail or Ignore');

  const policy: CustomPolicy = {
    id: id as string,
    title,
    description: str('description', false),
    severity: severity as CustomPolicy['severity'],
    stage: stage as Stage,
    enforcement: enforcement as CustomPolicy['enforcement'],
    failurePolicy: failurePolicy as CustomPolicy['failurePolicy'],
    remediation: str('remediation', false),
    match: parseMatch(spec.match, fail),
    matchConditions: parseNamedExpressions(spec.matchConditions, 'matchConditions', fail, lineOf, base),
    variables: parseNamedExpressions(spec.variables, 'variables', fail, lineOf, base),
    validations: parseValidations(spec.validations, fail, lineOf, base),
    file,
    line: lineOf(base),
  };
  if (spec.params !== undefined) policy.params = spec.params as JsonValue;
  return policy;
}

type Fail = (pointer: string, message: string) => never;

function parseMatch(value: unknown, fail: Fail): PolicyMatch {
  if (value === undefined) return fail('/spec', 'spec.match.kinds is required (kinds or kind groups such as Workload, Service, ClusterRoleBinding)');
  if (!isRecord(value)) return fail('/spec/match', 'spec.match must be a mapping');
  for (const key of Object.keys(value)) if (!MATCH_KEYS.has(key)) fail(`/spec/match/${key}`, `unknown key "match.${key}" (expected one of ${[...MATCH_KEYS].join(', ')})`);
  const list = (key: string): string[] | undefined => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length === 0 || !v.every((s) => typeof s === 'string' && s !== '')) return fail(`/spec/match/${key}`, `match.${key} must be a non-empty list of names`);
    return v as string[];
  };
  const kinds = list('kinds') ?? fail('/spec/match', 'spec.match.kinds is required');
  const operations = (list('operations') ?? ['CREATE', 'UPDATE']) as AdmissionOperation[];
  operations.forEach((op, i) => {
    if (!OPERATIONS.includes(op)) fail(`/spec/match/operations/${i}`, `operation must be one of ${OPERATIONS.join(', ')}`);
  });
  const match: PolicyMatch = { kinds, operations };
  for (const key of ['namespaces', 'excludeNamespaces', 'names', 'excludeNames'] as const) {
    const v = list(key);
    if (v) match[key] = v;
  }
  if (value.labelSelector !== undefined) match.labelSelector = parseSelector(value.labelSelector, '/spec/match/labelSelector', fail);
  if (value.namespaceSelector !== undefined) match.namespaceSelector = parseSelector(value.namespaceSelector, '/spec/match/namespaceSelector', fail);
  return match;
}

function parseSelector(value: unknown, at: string, fail: Fail): LabelSelectorSpec {
  if (!isRecord(value)) return fail(at, 'a label selector is a mapping with matchLabels and/or matchExpressions');
  for (const key of Object.keys(value)) if (key !== 'matchLabels' && key !== 'matchExpressions') fail(`${at}/${key}`, `unknown selector key "${key}"`);
  const selector: LabelSelectorSpec = {};
  if (value.matchLabels !== undefined) {
    if (!isRecord(value.matchLabels) || !Object.values(value.matchLabels).every((v) => typeof v === 'string')) fail(`${at}/matchLabels`, 'matchLabels must map label keys to string values');
    selector.matchLabels = value.matchLabels as Record<string, string>;
  }
  if (value.matchExpressions !== undefined) {
    if (!Array.isArray(value.matchExpressions)) fail(`${at}/matchExpressions`, 'matchExpressions must be a list');
    selector.matchExpressions = (value.matchExpressions as unknown[]).map((e, i) => {
      const p = `${at}/matchExpressions/${i}`;
      if (!isRecord(e) || typeof e.key !== 'string') return fail(p, 'a match expression needs key, operator and (for In/NotIn) values');
      if (typeof e.operator !== 'string' || !SELECTOR_OPERATORS.has(e.operator)) return fail(`${p}/operator`, 'operator must be In, NotIn, Exists or DoesNotExist');
      const values = e.values;
      if (values !== undefined && (!Array.isArray(values) || !values.every((v) => typeof v === 'string'))) return fail(`${p}/values`, 'values must be a list of strings');
      if ((e.operator === 'In' || e.operator === 'NotIn') && (!Array.isArray(values) || values.length === 0)) return fail(p, `${e.operator} needs a non-empty values list`);
      if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && Array.isArray(values) && values.length > 0) return fail(`${p}/values`, `${e.operator} takes no values`);
      return { key: e.key, operator: e.operator as 'In', values: values as string[] | undefined };
    });
  }
  return selector;
}

function parseNamedExpressions(value: unknown, key: string, fail: Fail, lineOf: LineOf, base: string): NamedExpression[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(`/spec/${key}`, `spec.${key} must be a list of {name, expression}`);
  // Variables are read as `variables.<name>`; matchCondition names are Kubernetes qualified names.
  const [pattern, what] = key === 'variables' ? [/^[A-Za-z_][A-Za-z0-9_]*$/, 'a CEL identifier'] : [QUALIFIED_NAME, 'a qualified name such as exclude-leases'];
  if (key === 'matchConditions' && value.length > 64) fail(`/spec/${key}`, 'at most 64 matchConditions (a Kubernetes limit)');
  const seen = new Set<string>();
  return value.map((item, i) => {
    const at = `/spec/${key}/${i}`;
    if (!isRecord(item) || typeof item.name !== 'string' || !pattern.test(item.name)) {
      return fail(at, `spec.${key}[${i}] needs a name (${what}) and an expression`);
    }
    if (key === 'variables' && CEL_RESERVED.has(item.name)) {
      fail(`${at}/name`, `variable name "${item.name}" is a CEL reserved word, which Kubernetes refuses as a variable name`);
    }
    if (seen.has(item.name)) fail(`${at}/name`, `${key} name "${item.name}" is used twice`);
    seen.add(item.name);
    if (typeof item.expression !== 'string' || item.expression.trim() === '') return fail(at, `spec.${key}[${i}] needs an expression`);
    return { name: item.name, expression: item.expression, line: lineOf(`${base}${at}/expression`) };
  });
}

function parseValidations(value: unknown, fail: Fail, lineOf: LineOf, base: string): PolicyValidation[] {
  if (!Array.isArray(value) || value.length === 0) return fail(value === undefined ? '/spec' : '/spec/validations', 'spec.validations must be a non-empty list of {expression, message | messageExpression, reason}');
  return value.map((item, i) => {
    const at = `/spec/validations/${i}`;
    if (!isRecord(item)) return fail(at, 'a validation must be a mapping');
    for (const key of Object.keys(item)) {
      if (!['expression', 'message', 'messageExpression', 'reason'].includes(key)) fail(`${at}/${key}`, `unknown validation key "${key}"`);
    }
    if (typeof item.expression !== 'string' || item.expression.trim() === '') return fail(at, `validations[${i}] needs an expression`);
    for (const key of ['message', 'messageExpression'] as const) {
      if (item[key] !== undefined && (typeof item[key] !== 'string' || (item[key] as string).trim() === '')) fail(`${at}/${key}`, `${key} must be a non-empty string`);
    }
    if (typeof item.message === 'string' && /[\r\n]/.test(item.message.trim())) fail(`${at}/message`, 'message must be one line (Kubernetes rejects line breaks)');
    const reason = item.reason ?? 'Invalid';
    if (!REASONS.includes(reason as (typeof REASONS)[number])) fail(`${at}/reason`, `reason must be one of ${REASONS.join(', ')}`);
    const validation: PolicyValidation = { expression: item.expression, reason: reason as PolicyValidation['reason'], line: lineOf(`${base}${at}/expression`) };
    if (typeof item.message === 'string') validation.message = item.message.trim();
    if (typeof item.messageExpression === 'string') validation.messageExpression = item.messageExpression;
    return validation;
  });
}

/** Every BulwarkPolicy in a YAML file; other documents are ignored, broken ones are errors. */
export function readPolicyFile(file: string): CustomPolicy[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, undefined, `cannot read policy file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parsePolicyText(text, file);
}

export function parsePolicyText(text: string, file: string): CustomPolicy[] {
  const { objects, problems } = parseManifests(text, file);
  const error = problems.find((p) => p.level === 'error');
  if (error) throw new ConfigError(file, error.line, error.message);
  const policies: CustomPolicy[] = [];
  for (const parsed of objects) {
    if (parsed.object.kind !== POLICY_KIND) continue;
    const span = parsed.span;
    const locator = span ? new PointerLocator(text.slice(span.offset, span.end), span.firstLine) : undefined;
    const lineOf = valueLineOf(text, (pointer) => locator?.locate(pointer).line ?? ('startLine' in parsed.source ? parsed.source.startLine : 1));
    policies.push(parsePolicyDocument(parsed.object, file, lineOf, parsed.pointerPrefix));
  }
  return policies;
}

/** Policy files under a path: the file itself, or every .yaml/.yml file below a directory. */
export function readPolicyPath(path: string): CustomPolicy[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ConfigError(path, undefined, 'policy path does not exist');
  }
  if (!stats.isDirectory()) return readPolicyFile(path);
  return yamlFilesUnder(path).flatMap(readPolicyFile);
}

/** .yaml/.yml files below `dir`, sorted depth-first; hidden entries and the directories named in `skip` are left out. */
export function yamlFilesUnder(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const child = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) out.push(...yamlFilesUnder(child, skip));
    } else if (/\.ya?ml$/i.test(entry.name)) out.push(child);
  }
  return out;
}

/** Two policies with one id would make suppressions and exceptions ambiguous. */
export function assertUniquePolicyIds(policies: CustomPolicy[], builtinIds: ReadonlySet<string>): void {
  const seen = new Map<string, CustomPolicy>();
  for (const p of policies) {
    if (builtinIds.has(p.id)) throw new ConfigError(p.file, p.line, `policy "${p.id}" has the id of a built-in check; choose another metadata.name`);
    const first = seen.get(p.id);
    if (first) throw new ConfigError(p.file, p.line, `policy "${p.id}" is also defined at ${first.file}:${first.line}`);
    seen.set(p.id, p);
  }
}

