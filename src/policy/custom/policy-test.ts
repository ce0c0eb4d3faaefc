import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { effectiveKind, expandKinds } from '../../kinds/kind-groups.js';
import type { K8sObject } from '../../model/types.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { PointerLocator } from '../../sources/pointer-locator.js';
import { readInputs } from '../../sources/read-inputs.js';
import { ConfigError } from '../config-error.js';
import { globMatches } from '../glob.js';
import { compilePolicy, evaluateCompiledPolicy, policyLookups, syntheticAdmission, type CompiledPolicy, type PolicyLookups, type PolicyOutcome } from './policy-check.js';
import { Facts } from '../../analyzers/facts.js';
import { Inventory } from '../../inventory/inventory.js';
import type { ParsedObject } from '../../sources/parsed-object.js';
import { readPolicyPath, yamlFilesUnder } from './policy-file.js';
import type { CustomPolicy } from './policy-types.js';

export const POLICY_TEST_KIND = 'BulwarkPolicyTest';
const RESULTS = ['pass', 'fail', 'skip', 'error'] as const;
type Expected = (typeof RESULTS)[number];

/** One expectation: a policy's verdict on one resource. */
export interface TestCaseResult {
  testFile: string;
  line: number;
  policy: string;
  resource: string;
  expected: Expected;
  actual: Expected;
  /** The violation or error messages the policy gave. */
  messages: string[];
  /** Expected message substrings that no message contained. */
  missingMessages: string[];
  ok: boolean;
}

export interface PolicyTestRun {
  results: TestCaseResult[];
  testFiles: string[];
}

interface TestSpec {
  file: string;
  policies: CustomPolicy[];
  resources: K8sObject[];
  /** Facts of the test's resources: their Namespaces and CRD scopes, as a scan of them would see. */
  facts: Facts;
  oldResources: K8sObject[];
  cases: { line: number; policy: string; resources: string[]; result: Expected; messages: string[]; operation: string; userInfo?: unknown }[];
}

/** Every BulwarkPolicyTest under `path` (a file, or .yaml/.yml files below a directory), run. */
export async function runPolicyTests(path: string, fallbackPolicies: CustomPolicy[]): Promise<PolicyTestRun> {
  const files = testFilesUnder(path);
  const results: TestCaseResult[] = [];
  const testFiles: string[] = [];
  for (const file of files) {
    for (const spec of await readTestSpecs(file, fallbackPolicies)) {
      testFiles.push(file);
      results.push(...runSpec(spec));
    }
  }
  return { results, testFiles: [...new Set(testFiles)] };
}

function testFilesUnder(path: string): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ConfigError(path, undefined, 'no such file or directory');
  }
  if (!stats.isDirectory()) return [path];
  return yamlFilesUnder(path, new Set(['node_modules'])).filter((file) => readFileSync(file, 'utf8').includes(POLICY_TEST_KIND));
}

async function readTestSpecs(file: string, fallbackPolicies: CustomPolicy[]): Promise<TestSpec[]> {
  const text = readFileSync(file, 'utf8');
  const { objects, problems } = parseManifests(text, file);
  const error = problems.find((p) => p.level === 'error');
  if (error) throw new ConfigError(file, error.line, error.message);
  const specs: TestSpec[] = [];
  for (const parsed of objects) {
    if (parsed.object.kind !== POLICY_TEST_KIND) continue;
    const span = parsed.span;
    const locator = span ? new PointerLocator(text.slice(span.offset, span.end), span.firstLine) : undefined;
    const lineOf = (pointer: string): number => locator?.locate(pointer).line ?? 1;
    const fail = (pointer: string, message: string): never => {
      throw new ConfigError(file, lineOf(pointer), message);
    };
    const doc = parsed.object as Record<string, unknown>;
    const base = dirname(resolve(file));
    const paths = (key: string): string[] => {
      const v = doc[key];
      if (v === undefined) return [];
      if (!Array.isArray(v) || !v.every((p) => typeof p === 'string')) return fail(`/${key}`, `${key} must be a list of files or directories (relative to the test file)`);
      return (v as string[]).map((p) => resolve(base, p));
    };
    const policyPaths = paths('policies');
    const policies = policyPaths.length > 0 ? policyPaths.flatMap((p) => readPolicyPath(p)) : fallbackPolicies;
    const resourcePaths = paths('resources');
    if (resourcePaths.length === 0) fail('', 'a BulwarkPolicyTest needs resources: (manifest files or directories)');
    const resourceObjects = await readResources(resourcePaths, file, lineOf('/resources'));
    const resources = resourceObjects.map((o) => o.object);
    const facts = new Facts(new Inventory(resourceObjects, [], new Map()));
    const oldResources = (await readResources(paths('oldResources'), file, lineOf('/oldResources'))).map((o) => o.object);
    if (!Array.isArray(doc.results) || doc.results.length === 0) fail('', 'a BulwarkPolicyTest needs results: [{policy, resources, result}]');
    const cases = (doc.results as unknown[]).map((r, i) => {
      const at = `/results/${i}`;
      if (r === null || typeof r !== 'object' || Array.isArray(r)) return fail(at, 'a result must be a mapping');
      const c = r as Record<string, unknown>;
      if (typeof c.policy !== 'string') fail(at, 'a result needs policy: <policy id>');
      if (!policies.some((p) => p.id === c.policy)) fail(`${at}/policy`, `no policy "${String(c.policy)}" (loaded: ${policies.map((p) => p.id).join(', ') || 'none'})`);
      const names = typeof c.resource === 'string' ? [c.resource] : c.resources;
      if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) fail(at, 'a result needs resources: [<kind>/<namespace>/<name> | <kind>/<name> | <name>]');
      if (!RESULTS.includes(c.result as Expected)) fail(`${at}/result`, `result must be one of ${RESULTS.join(', ')}`);
      const messages = c.messages === undefined ? [] : c.messages;
      if (!Array.isArray(messages) || !messages.every((m) => typeof m === 'string')) fail(`${at}/messages`, 'messages must be a list of expected message fragments');
      const operation = c.operation ?? 'CREATE';
      if (!['CREATE', 'UPDATE', 'DELETE', 'CONNECT'].includes(operation as string)) fail(`${at}/operation`, 'operation must be CREATE, UPDATE, DELETE or CONNECT');
      return { line: lineOf(at), policy: c.policy as string, resources: names as string[], result: c.result as Expected, messages: messages as string[], operation: operation as string, userInfo: c.userInfo };
    });
    specs.push({ file, policies, resources, facts, oldResources, cases });
  }
  return specs;
}

async function readResources(paths: string[], file: string, line: number): Promise<ParsedObject[]> {
  if (paths.length === 0) return [];
  const inputs = await readInputs(paths);
  const error = inputs.problems.find((p) => p.level === 'error');
  if (error) throw new ConfigError(error.file, error.line, error.message);
  if (inputs.objects.length === 0) throw new ConfigError(file, line, `no Kubernetes objects in ${paths.join(', ')}`);
  return inputs.objects;
}

function runSpec(spec: TestSpec): TestCaseResult[] {
  const compiled = new Map<string, CompiledPolicy>();
  const compiledFor = (policy: CustomPolicy): CompiledPolicy => {
    let c = compiled.get(policy.id);
    if (!c) compiled.set(policy.id, (c = compilePolicy(policy)));
    return c;
  };
  const lookups = policyLookups(spec.facts);
  const results: TestCaseResult[] = [];
  for (const c of spec.cases) {
    const policy = spec.policies.find((p) => p.id === c.policy) as CustomPolicy;
    for (const selector of c.resources) {
      const matches = spec.resources.filter((r) => resourceMatches(selector, r));
      if (matches.length === 0) throw new ConfigError(spec.file, c.line, `no resource matches "${selector}" (write <kind>/<namespace>/<name>, <kind>/<name> or <name>; globs allowed)`);
      for (const obj of matches) {
        const outcome = judge(compiledFor(policy), obj, c, spec, lookups);
        const actual = outcome.status;
        const messages = outcome.status === 'fail' ? outcome.messages : outcome.status === 'error' ? [...outcome.errors, ...outcome.messages] : [];
        const missingMessages = c.messages.filter((m) => !messages.some((text) => text.includes(m)));
        results.push({
          testFile: spec.file,
          line: c.line,
          policy: policy.id,
          resource: describe(obj),
          expected: c.result,
          actual,
          messages,
          missingMessages,
          ok: actual === c.result && missingMessages.length === 0,
        });
      }
    }
  }
  return results;
}

function judge(compiled: CompiledPolicy, obj: K8sObject, c: TestSpec['cases'][number], spec: TestSpec, lookups: PolicyLookups): PolicyOutcome {
  const kind = effectiveKind(obj);
  const kinds = expandKinds(compiled.policy.match.kinds);
  if (!kinds.includes('*') && (kind === undefined || !kinds.includes(kind))) return { status: 'skip' };
  const admission = syntheticAdmission(obj, lookups.isNamespaced(obj));
  admission.request.operation = c.operation;
  if (c.userInfo !== undefined) admission.request.userInfo = c.userInfo;
  if (c.operation === 'UPDATE' || c.operation === 'DELETE') {
    admission.oldObject = spec.oldResources.find((r) => r.kind === obj.kind && r.metadata.name === obj.metadata.name && (r.metadata.namespace ?? '') === (obj.metadata.namespace ?? '')) ?? null;
  }
  return evaluateCompiledPolicy(compiled, obj, admission, lookups);
}

function describe(obj: K8sObject): string {
  const ns = obj.metadata.namespace;
  return `${obj.kind}/${ns ? `${ns}/` : ''}${obj.metadata.name ?? ''}`;
}

/** `<kind>/<namespace>/<name>`, `<kind>/<name>` or `<name>`; each part may be a glob. */
export function resourceMatches(selector: string, obj: K8sObject): boolean {
  const parts = selector.split('/');
  const name = String(obj.metadata.name ?? '');
  if (parts.length === 1) return globMatches(parts[0], name);
  if (parts.length === 2) return globMatches(parts[0], obj.kind) && globMatches(parts[1], name);
  return globMatches(parts[0], obj.kind) && globMatches(parts[1], String(obj.metadata.namespace ?? '')) && globMatches(parts.slice(2).join('/'), name);
}
