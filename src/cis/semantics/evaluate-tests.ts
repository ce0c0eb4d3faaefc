/**
 * kube-bench's test evaluation (spec §2.2–§2.4): per item, the flag source first, then the config (only when the
 * control has one), then the environment; `set`, compare, `bin_op`, `use_multiple_values`.
 */
import type { Lookup, TestOutcome, Tests, ValueSource } from '../types.js';
import { compareOp } from './compare-op.js';
import { textSource, trimOutput, type TextOutputs } from './text-source.js';

/** A test item as kube-bench reads it: any operator text (unknown ones fail), `set` already defaulted. */
export interface LooseTestItem {
  flag?: string;
  path?: string;
  env?: string;
  set: boolean;
  compare?: { op: string; value: string };
}

interface ItemVerdict {
  pass: boolean;
  expected: string;
  lookup: Lookup;
}

function judge(item: LooseTestItem, lookup: Lookup): ItemVerdict {
  if (lookup.error !== undefined) return { pass: false, expected: '', lookup: { ...lookup, found: false } };
  if (!item.set) return { pass: !lookup.found, expected: `'${lookup.name}' is not present`, lookup };
  if (lookup.found && item.compare && item.compare.op !== '') {
    const r = compareOp(item.compare.op, lookup.value, item.compare.value, lookup.name);
    return { pass: r.pass, expected: r.expected, lookup };
  }
  return { pass: lookup.found, expected: `'${lookup.name}' is present`, lookup };
}

type Kind = 'flag' | 'config' | 'env';

/** One item against one kind of output; several sources = `use_multiple_values` lines (stop at the first failure). */
function evaluateKind(item: LooseTestItem, kind: Kind, sources: ValueSource[]): ItemVerdict {
  const hasCompare = item.compare !== undefined && item.compare.op !== '';
  let verdict: ItemVerdict | undefined;
  for (const source of sources) {
    const lookup =
      kind === 'flag'
        ? source.flag(item.flag ?? '', hasCompare)
        : kind === 'config'
          ? source.path(item.path ?? '')
          : source.env(item.env ?? '');
    verdict = judge(item, lookup);
    if (!verdict.pass) break;
  }
  return verdict ?? judge(item, { found: false, value: '', via: kind, name: '' });
}

interface KindSources {
  flag: ValueSource[];
  config: ValueSource[];
  env: ValueSource[];
}

function evaluateItem(item: LooseTestItem, sources: KindSources, hasConfig: boolean): ItemVerdict {
  let verdict = evaluateKind(item, 'flag', sources.flag);
  if (!verdict.lookup.found && hasConfig) {
    verdict = evaluateKind(item, 'config', sources.config);
    if (!verdict.lookup.found && item.env) verdict = evaluateKind(item, 'env', sources.env);
  }
  if (!verdict.lookup.found && item.env) verdict = evaluateKind(item, 'env', sources.env);
  return verdict;
}

function combine(binOp: string | undefined, items: LooseTestItem[], sources: KindSources, hasConfig: boolean): TestOutcome {
  const op = binOp ?? '';
  if (op !== '' && op !== 'and' && op !== 'or') {
    return { pass: false, expectedResult: '', lookups: [], error: `unknown bin_op "${op}"` };
  }
  const verdicts = items.map((item) => evaluateItem(item, sources, hasConfig));
  const isOr = op === 'or';
  const pass = isOr ? verdicts.some((v) => v.pass) : verdicts.every((v) => v.pass);
  return {
    pass,
    expectedResult: verdicts.map((v) => v.expected).join(isOr ? ' OR ' : ' AND '),
    lookups: verdicts.map((v) => v.lookup),
  };
}

/**
 * Evaluates a control's tests over a value source. `multipleLines` (kube-bench `use_multiple_values`) replaces the
 * flag source by one text source per line of the audit output; an empty output is one empty line.
 */
export function evaluateTests(
  tests: Tests,
  source: ValueSource,
  opts: { hasConfig: boolean; multipleLines?: string[] },
): TestOutcome {
  const flagSources =
    opts.multipleLines === undefined
      ? [source]
      : (opts.multipleLines.length === 0 ? [''] : opts.multipleLines).map((line) => textSource({ audit: line }));
  return combine(tests.binOp, tests.items, { flag: flagSources, config: [source], env: [source] }, opts.hasConfig);
}

function stringifyValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null || v === undefined) return '';
  return JSON.stringify(v);
}

/** Reads one raw kube-bench test item (YAML/JSON): `set` defaults to true, compare values become strings. */
export function toLooseItem(raw: unknown): LooseTestItem {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const item: LooseTestItem = { set: r['set'] === undefined ? true : r['set'] === true };
  if (typeof r['flag'] === 'string') item.flag = r['flag'];
  if (typeof r['path'] === 'string') item.path = r['path'];
  if (typeof r['env'] === 'string') item.env = r['env'];
  const c = r['compare'];
  if (typeof c === 'object' && c !== null) {
    const cr = c as Record<string, unknown>;
    item.compare = { op: stringifyValue(cr['op']), value: stringifyValue(cr['value']) };
  }
  return item;
}

function lines(text: string | undefined, multiple: boolean): ValueSource[] {
  const trimmed = trimOutput(text ?? '');
  return (multiple ? trimmed.split('\n') : [trimmed]).map((t) => textSource({ audit: t, auditConfig: t, auditEnv: t }));
}

/**
 * kube-bench's verdict for raw test items over raw outputs. The control counts as having an audit_config when
 * `opts.hasConfig` says so, else when the config output is non-empty or an item has a path.
 */
export function evaluateTestsOnText(
  raw: { bin_op?: string; test_items: unknown[] },
  out: TextOutputs,
  opts?: { multiple?: boolean; hasConfig?: boolean },
): { pass: boolean; expected: string } {
  const items = Array.isArray(raw.test_items) ? raw.test_items.map(toLooseItem) : [];
  const multiple = opts?.multiple === true;
  const hasConfig = opts?.hasConfig ?? ((out.auditConfig ?? '') !== '' || items.some((i) => i.path !== undefined));
  const sources: KindSources = {
    flag: lines(out.audit, multiple),
    config: lines(out.auditConfig, multiple),
    env: lines(out.auditEnv, multiple),
  };
  const outcome = combine(typeof raw.bin_op === 'string' ? raw.bin_op : undefined, items, sources, hasConfig);
  return { pass: outcome.pass, expected: outcome.expectedResult };
}
