/**
 * Runs the CIS 1.12 controls over ControlPlaneFacts (spec §3.4): per control and per instance of its target, with
 * kube-bench's verdict semantics; worst instance wins. No instance (or no stat data for file checks) → INFO, never
 * PASS; manual controls are MANUAL with a likely-pass / likely-fail hint, never silently passed.
 */
import { describeRemovedHit, findRemovedSettings } from '../analyzers/control-plane/removed-flags.js';
import { CIS_1_12_RANGE, inCisBenchmarkRange, supportStatus } from '../analyzers/control-plane/k8s-releases.js';
import type { ComponentInstance, ControlPlaneFacts } from '../analyzers/control-plane/types.js';
import { CIS_1_12_CONTROLS, CIS_1_12_GROUPS } from './benchmarks/cis-1-12.js';
import { indexFiles, probeFiles, type FileIndex } from './file-targets.js';
import { specialHint, worstHint, type Hint } from './hints.js';
import { instanceSource } from './instance-source.js';
import { jsonPathPointer } from './semantics/jsonpath.js';
import { evaluateTests } from './semantics/evaluate-tests.js';
import type {
  CisControl,
  CisInstanceResult,
  CisReport,
  CisResult,
  CisStatus,
  KubeBenchState,
  Lookup,
  NodeType,
  RunBenchmarkOptions,
  TestItem,
  TestOutcome,
  VersionNote,
} from './types.js';
import { DEFAULT_NODE_TYPES, NODE_TYPES } from './types.js';


/** Every status at 0 (also for the CIS reporters' shown totals). */
export function emptyTotals(): Record<CisStatus, number> {
  return { PASS: 0, FAIL: 0, WARN: 0, MANUAL: 0, INFO: 0 };
}

/** `1.2.15` matches the selectors '1.2.15', '1.2' and '1'. */
function matchesSelector(control: CisControl, selector: string): boolean {
  const s = selector.trim();
  return s !== '' && (control.id === s || control.group === s || control.id.startsWith(`${s}.`));
}

export function selectControls(opts: Pick<RunBenchmarkOptions, 'targets' | 'only' | 'skip'>): CisControl[] {
  const targets = new Set<NodeType>(opts.targets ?? DEFAULT_NODE_TYPES);
  return CIS_1_12_CONTROLS.filter(
    (c) =>
      targets.has(c.nodeType) &&
      (!opts.only || opts.only.length === 0 || opts.only.some((s) => matchesSelector(c, s))) &&
      !(opts.skip ?? []).some((s) => matchesSelector(c, s)),
  );
}

/**
 * A config path as people write it: `{.authentication.x509.clientCAFile}` → `authentication.x509.clientCAFile`,
 * `{range .tlsCipherSuites[:]}{}{','}{end}` → `tlsCipherSuites`. Other names (flags, env) are returned as they are.
 */
function prettyName(name: string): string {
  const plain = /^\{\.([A-Za-z0-9_.-]+)\}$/.exec(name);
  if (plain) return plain[1] ?? name;
  const range = /^\{range \.([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\}/.exec(name);
  return range ? (range[1] ?? name) : name;
}

/**
 * The Kubernetes default appended to "not set": nothing when the default is itself "not set" (it would say
 * nothing), just the explanation for "not set (no log backend)", else "(Kubernetes default: …)".
 */
function defaultSuffix(defaultValue: string | undefined): string {
  if (defaultValue === undefined || defaultValue === '' || defaultValue === 'not set') return '';
  const notSet = /^not set \((.*)\)$/.exec(defaultValue);
  if (notSet) return ` (${notSet[1] ?? ''})`;
  return ` (Kubernetes default: ${defaultValue})`;
}

function describeLookup(l: Lookup, configFile: string | undefined): string {
  if (l.error !== undefined) return `${prettyName(l.name)}: ${l.error}`;
  if (l.via === 'config') return `${prettyName(l.name)}: ${l.value}${configFile ? ` (in ${configFile})` : ''}`;
  return l.name.startsWith('-') || l.via === 'env' ? `${l.name}=${l.value}` : `${l.name} in ${l.value}`;
}

function itemNames(item: TestItem): string {
  return [item.flag, item.path !== undefined ? prettyName(item.path) : undefined, item.env].filter((n) => n !== undefined && n !== '').join(' / ');
}

/** What was found, in words: the values read, or which settings are absent (with the Kubernetes default). */
function describeFound(control: CisControl, outcome: TestOutcome, configFile: string | undefined): string {
  const items = control.tests?.items ?? [];
  const parts: string[] = [];
  outcome.lookups.forEach((l, i) => {
    const text = l.found || l.error !== undefined ? describeLookup(l, configFile) : `${itemNames(items[i] ?? { set: true })} not set`;
    if (!parts.includes(text)) parts.push(text);
  });
  const nothingFound = outcome.lookups.every((l) => !l.found);
  const found = parts.join('; ');
  return nothingFound ? `${found}${defaultSuffix(control.defaultValue)}` : found;
}

/** `kubelet (ps.txt:3)` + `config.yaml:12` → `kubelet (config.yaml:12; ps.txt:3)`. */
function relabel(label: string, where: string): string {
  const paren = label.indexOf(' (');
  if (paren < 0 || !label.endsWith(')')) return `${label} (${where})`;
  return `${label.slice(0, paren)} (${where}; ${label.slice(paren + 2)}`;
}

interface InstanceEvaluation {
  result: CisInstanceResult;
  outcome: TestOutcome;
  kubeBenchPass: boolean;
}

function evaluateInstance(control: CisControl, inst: ComponentInstance, facts: ControlPlaneFacts, automated: boolean): InstanceEvaluation {
  const tests = control.tests!;
  const hasConfig = control.hasConfig === true;
  const authorizationConfig = inst.component === 'kube-apiserver' ? facts.pairedDoc(inst, 'AuthorizationConfiguration') : undefined;
  const outcome = evaluateTests(tests, instanceSource(inst, authorizationConfig ? { authorizationConfig } : {}), { hasConfig });
  const kubeBenchPass = authorizationConfig
    ? evaluateTests(tests, instanceSource(inst, { authorizationConfig, kubeBench: true }), { hasConfig }).pass
    : outcome.pass;
  // The decisive place: a value that was read, else where the missing setting belongs.
  const read = outcome.lookups.find((l) => l.found && l.pointer !== undefined);
  let anchor = inst.anchor;
  let pointer: string | undefined = read?.pointer;
  if (read?.via === 'config') {
    anchor = read.name.startsWith('--authorization-config') ? authorizationConfig?.anchor : inst.config?.anchor;
  } else if (!read) {
    const missingPath = tests.items.find((i) => i.path !== undefined)?.path;
    const rel = missingPath !== undefined ? jsonPathPointer(missingPath) : undefined;
    if (hasConfig && inst.config && rel !== undefined && !inst.args.has(tests.items[0]?.flag ?? '')) {
      anchor = inst.config.anchor;
      pointer = `${inst.config.pointerPrefix}${rel}`;
    } else {
      pointer = inst.argvPointer;
    }
  }
  anchor ??= inst.config?.anchor;
  const status: CisStatus = automated ? (outcome.pass ? 'PASS' : 'FAIL') : 'MANUAL';
  // A value read from (or missing in) a config file other than the instance's own object: the result is located
  // in that file (the locator later moves the line to the field), and the label names it before the process.
  let label = inst.label;
  let location = inst.location;
  if (anchor && anchor !== inst.anchor && 'file' in anchor.source) {
    location = { file: anchor.source.file, line: anchor.source.startLine };
    label = relabel(inst.label, `${anchor.source.file}:${anchor.source.startLine}`);
  }
  const result: CisInstanceResult = {
    instance: label,
    component: inst.component,
    argvPointer: inst.argvPointer,
    status,
    found: describeFound(control, outcome, inst.config?.file),
    expectedResult: outcome.expectedResult,
    ...(anchor ? { anchor } : {}),
    ...(pointer !== undefined ? { pointer } : {}),
    ...(location ? { location } : {}),
  };
  return { result, outcome, kubeBenchPass };
}

function kubeBenchStateOf(control: CisControl, pass: boolean): KubeBenchState {
  if (control.automated) return pass ? 'PASS' : 'FAIL';
  return pass ? 'PASS' : 'WARN';
}

function componentResult(control: CisControl, facts: ControlPlaneFacts): CisResult {
  const component = control.target as ComponentInstance['component'];
  const instances = facts.of(component);
  const base = { control, expected: control.expected };
  if (instances.length === 0) {
    const reason = `no ${component} in the inputs`;
    return control.automated
      ? { ...base, status: 'INFO', found: 'no input', reason, kubeBenchState: 'INFO', instances: [] }
      : { ...base, status: 'MANUAL', found: 'no input', hint: 'unknown', reason, kubeBenchState: control.manualType ? 'WARN' : 'INFO', instances: [] };
  }
  if (control.manualType || !control.tests) {
    const hint = worstHint(instances.map((i) => specialHint(control, i, facts)).filter((h): h is Hint => h !== undefined));
    return {
      ...base,
      status: 'MANUAL',
      found: hint?.reason ?? '',
      hint: hint?.hint ?? 'unknown',
      ...(hint?.reason ? { reason: hint.reason } : {}),
      kubeBenchState: 'WARN',
      instances: instances.map((i) => ({
        instance: i.label,
        component: i.component,
        argvPointer: i.argvPointer,
        status: 'MANUAL',
        found: '',
        expectedResult: '',
        ...(i.anchor ? { anchor: i.anchor, pointer: i.argvPointer } : {}),
        ...(i.location ? { location: i.location } : {}),
      })),
    };
  }
  const evals = instances.map((i) => evaluateInstance(control, i, facts, control.automated));
  const failing = evals.filter((e) => !e.outcome.pass);
  const decisive = failing[0] ?? evals[0]!;
  const kubeBenchState = kubeBenchStateOf(control, evals.every((e) => e.kubeBenchPass));
  const instanceResults = evals.map((e) => e.result);
  if (control.automated) {
    return { ...base, status: failing.length > 0 ? 'FAIL' : 'PASS', found: decisive.result.found, kubeBenchState, instances: instanceResults };
  }
  const testHint: Hint = {
    hint: failing.length > 0 ? 'likely-fail' : 'likely-pass',
    reason: decisive.result.found,
  };
  const special = worstHint(instances.map((i) => specialHint(control, i, facts)).filter((h): h is Hint => h !== undefined));
  const hint = special ?? testHint;
  return {
    ...base,
    status: 'MANUAL',
    // A special hint reads the configuration the control is about (kube-bench greps the EncryptionConfiguration
    // for 1.2.28, not the command line): what it found is the better "found".
    found: special?.reason ?? decisive.result.found,
    hint: hint.hint,
    ...(hint.reason ? { reason: hint.reason } : {}),
    kubeBenchState,
    instances: instanceResults,
  };
}

function fileResult(control: CisControl, facts: ControlPlaneFacts, index: FileIndex | undefined): CisResult {
  const base = { control, expected: control.expected };
  const probe = control.file!;
  if (!index) {
    const reason = 'needs --node or --file-stats';
    return control.automated
      ? { ...base, status: 'INFO', found: 'no stat data', reason, kubeBenchState: 'INFO', instances: [] }
      : { ...base, status: 'MANUAL', found: 'no stat data', hint: 'unknown', reason, kubeBenchState: 'INFO', instances: [] };
  }
  const out = probeFiles(probe, facts, index);
  const outcome = evaluateTests(control.tests!, instanceFreeSource, { hasConfig: false, multipleLines: control.multiple ? out.lines : [out.lines.join('\n')] });
  const pass = outcome.pass;
  const found = out.files.length === 0 ? `not found at ${out.tried.join(', ')}` : out.lines.join(', ');
  const instances: CisInstanceResult[] =
    out.files.length === 0
      ? [{ instance: out.tried[0] ?? probe.target, status: control.automated ? (pass ? 'PASS' : 'FAIL') : 'MANUAL', found, expectedResult: outcome.expectedResult }]
      : out.files.map((f, i) => {
          const line = out.lines[i] ?? '';
          const one = evaluateTests(control.tests!, instanceFreeSource, { hasConfig: false, multipleLines: [line] });
          return {
            instance: f.path,
            status: control.automated ? (one.pass ? 'PASS' : 'FAIL') : 'MANUAL',
            found: line,
            expectedResult: one.expectedResult,
            location: { path: f.path },
          };
        });
  const kubeBenchState = kubeBenchStateOf(control, pass);
  if (control.automated) return { ...base, status: pass ? 'PASS' : 'FAIL', found, kubeBenchState, instances };
  return { ...base, status: 'MANUAL', found, hint: pass ? 'likely-pass' : 'likely-fail', reason: found, kubeBenchState, instances };
}

/** File checks read only the synthesized lines; this source finds nothing else. */
const instanceFreeSource = {
  flag: (name: string): Lookup => ({ found: false, value: '', via: 'flag', name }),
  path: (name: string): Lookup => ({ found: false, value: '', via: 'config', name }),
  env: (name: string): Lookup => ({ found: false, value: '', via: 'env', name }),
};

function policyResult(control: CisControl): CisResult {
  const related = control.related ?? [];
  const reason = related.length > 0 ? `review with Bulwark checks: ${related.join(', ')}` : 'review by hand';
  return {
    control,
    status: 'MANUAL',
    found: '',
    expected: control.expected,
    hint: 'unknown',
    reason,
    kubeBenchState: control.manualType ? 'WARN' : 'INFO',
    instances: [],
  };
}

function versionNotes(facts: ControlPlaneFacts, today: string): VersionNote[] {
  const notes: VersionNote[] = [];
  const v = facts.version;
  for (const inst of facts.instances) {
    for (const hit of findRemovedSettings(inst, inst.version ?? v)) {
      const kind = hit.setting.kind === 'plugin' ? 'removed-plugin' : 'removed-flag';
      notes.push({ kind, message: describeRemovedHit(hit).text, instance: inst.label });
    }
  }
  if (v) {
    const s = supportStatus(v, today);
    const name = `Kubernetes ${v.major}.${v.minor} (${v.evidence})`;
    if (s.state === 'end-of-life') notes.push({ kind: 'eol', message: `${name} reached end of life on ${s.release.endOfLife}.` });
    else if (s.state === 'older-than-table') notes.push({ kind: 'eol', message: `${name} is older than ${s.oldest} and long out of upstream support.` });
    if (!inCisBenchmarkRange(v)) {
      notes.push({
        kind: 'benchmark-range',
        message: `CIS Kubernetes Benchmark 1.12 is written for Kubernetes ${CIS_1_12_RANGE.from}–${CIS_1_12_RANGE.to}; the cluster runs ${v.major}.${v.minor}, so some recommendations may not apply.`,
      });
    }
  }
  return notes;
}

export function runBenchmark(facts: ControlPlaneFacts, opts: RunBenchmarkOptions = {}): CisReport {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const index = opts.files ? indexFiles(opts.files) : undefined;
  const results: CisResult[] = selectControls(opts).map((control) => {
    if (control.nodeType === 'policies' || control.target === 'none') return policyResult(control);
    if (control.target === 'files') return fileResult(control, facts, index);
    return componentResult(control, facts);
  });
  const totals = emptyTotals();
  const totalsByNodeType = Object.fromEntries(NODE_TYPES.map((n) => [n, emptyTotals()])) as Record<NodeType, Record<CisStatus, number>>;
  for (const r of results) {
    totals[r.status]++;
    totalsByNodeType[r.control.nodeType][r.status]++;
  }
  const groupIds = new Set(results.map((r) => r.control.group));
  return {
    benchmark: 'cis-1.12',
    ...(facts.version ? { version: facts.version } : {}),
    groups: CIS_1_12_GROUPS.filter((g) => groupIds.has(g.id)),
    results,
    notes: versionNotes(facts, today),
    totals,
    totalsByNodeType,
    problems: [],
  };
}
