/**
 * `bulwark cis` as a library call: inputs (manifests, process lists, config files; optionally the local node and
 * stat data) → Inventory → control-plane facts → CIS Kubernetes Benchmark 1.12 report.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildControlPlaneFacts } from './analyzers/control-plane/control-plane-analyzer.js';
import { supportStatus } from './analyzers/control-plane/k8s-releases.js';
import type { ComponentInstance, ControlPlaneFacts, KubeVersion } from './analyzers/control-plane/types.js';
import { runBenchmark } from './cis/run-benchmark.js';
import { DEFAULT_NODE_TYPES, type CisReport, type FileFact, type NodeType } from './cis/types.js';
import { Inventory } from './inventory/inventory.js';
import type { InputProblem } from './model/types.js';
import { parseFileStats } from './sources/control-plane/file-stats.js';
import { probeNode } from './sources/control-plane/node-probe.js';
import { sourceText } from './sources/source-text.js';
import { DocumentLocator } from './sources/document-locator.js';
import type { ParsedObject } from './sources/parsed-object.js';
import { readInputs, type InputOptions } from './sources/read-inputs.js';

export interface CisOptions extends InputOptions {
  /** Read the local node: /proc of control-plane processes, the files they name, stat of the benchmark's files. */
  node?: boolean;
  /** With `node`: the host's root as mounted (e.g. /host in a pod); default '/'. */
  hostRoot?: string;
  /** File with stat data (`stat -c '%a %U:%G %n'` lines or JSON) for the file permission/ownership checks. */
  fileStats?: string;
  /** Sections to evaluate; default: those the inputs have something for (see defaultTargets). */
  targets?: NodeType[];
  /** Control or group ids to keep / drop ('1.2.15', '1.2'). */
  only?: string[];
  skip?: string[];
  /** `--k8s-version`: overrides the detected version ('1.30', 'v1.30.2'). */
  k8sVersion?: string;
  /** ISO date for end-of-life notes (tests fix it); default today. */
  today?: string;
}

export interface CisRun {
  report: CisReport;
  facts: ControlPlaneFacts;
  /** Sections evaluated (given, or chosen from the inputs). */
  targets: NodeType[];
  /** End of life of the detected minor, when the release table knows it. */
  endOfLife?: { date: string; supported: boolean };
  fileCount: number;
}

/** Reads the inputs and evaluates the benchmark. Bad input never throws: it lands in report.problems with file:line. */
export async function runCis(paths: string[], options: CisOptions = {}): Promise<CisRun> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const inputs = await readInputs(paths, options);
  const problems: InputProblem[] = inputs.problems.map((p) => sharpenProblem(p, paths));

  let files: FileFact[] | undefined;
  if (options.fileStats !== undefined) {
    files = [];
    let text: string | undefined;
    try {
      text = readFileSync(options.fileStats, 'utf8');
    } catch (err) {
      problems.push({ level: 'error', file: options.fileStats, message: `cannot read --file-stats file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
    }
    if (text !== undefined) {
      const parsed = parseFileStats(text, options.fileStats);
      files.push(...parsed.facts);
      problems.push(...parsed.problems);
    }
  }

  let nodeInstances: ComponentInstance[] = [];
  let nodeEvidence: KubeVersion[] = [];
  if (options.node) {
    const probe = await probeNode({ hostRoot: options.hostRoot ?? '/' });
    nodeInstances = probe.instances;
    nodeEvidence = probe.versionEvidence;
    inputs.objects.push(...probe.objects);
    for (const [file, text] of probe.virtualFiles) inputs.virtualFiles.set(file, text);
    problems.push(...probe.problems);
    // Stat data given explicitly wins over what the probe saw for the same path.
    const given = new Set((files ?? []).map((f) => f.path));
    files = [...(files ?? []), ...probe.files.filter((f) => !given.has(f.path))];
  }

  const inventory = new Inventory(inputs.objects, problems, inputs.virtualFiles);
  const facts = buildControlPlaneFacts(inventory, {
    ...(options.k8sVersion !== undefined ? { versionOverride: options.k8sVersion } : {}),
    ...(nodeInstances.length > 0 ? { instances: nodeInstances } : {}),
    ...(nodeEvidence.length > 0 ? { versionEvidence: nodeEvidence } : {}),
  });
  const targets = options.targets ?? defaultTargets(facts, { node: options.node === true, files });
  const report = runBenchmark(facts, {
    files,
    targets,
    ...(options.only ? { only: options.only } : {}),
    ...(options.skip ? { skip: options.skip } : {}),
    today,
  });
  locateInstances(report, inventory);
  const seen = new Set(problems.map(problemKey));
  const merged = { ...report, problems: [...problems, ...report.problems.filter((p) => !seen.has(problemKey(p)))] };
  const run: CisRun = { report: merged, facts, targets, fileCount: inputs.fileCount };
  if (report.version) {
    const support = supportStatus(report.version, today);
    if (support.state === 'supported' || support.state === 'end-of-life') {
      run.endOfLife = { date: support.release.endOfLife, supported: support.state === 'supported' };
    }
  }
  return run;
}

/**
 * Sections with something to evaluate: master when an API server, controller manager or scheduler is in the
 * inputs, etcd for etcd, controlplane (section 3) for an API server, node for a kubelet or kube-proxy (process
 * or config file). --node adds master and node (file checks apply on any host). With no component at all every
 * section but policies is shown, so the report says what input is missing instead of being empty.
 */
function defaultTargets(facts: ControlPlaneFacts, context: { node: boolean; files?: FileFact[] }): NodeType[] {
  const has = (c: Parameters<ControlPlaneFacts['of']>[0]): boolean => facts.of(c).length > 0;
  const targets = new Set<NodeType>();
  if (has('kube-apiserver') || has('kube-controller-manager') || has('kube-scheduler')) targets.add('master');
  if (has('etcd')) targets.add('etcd');
  if (has('kube-apiserver')) targets.add('controlplane');
  if (has('kubelet') || has('kube-proxy')) targets.add('node');
  if (context.node) {
    targets.add('master');
    targets.add('node');
  }
  if (targets.size === 0) return [...DEFAULT_NODE_TYPES];
  return DEFAULT_NODE_TYPES.filter((t) => targets.has(t));
}

/**
 * Turns each instance's JSON pointer into the line of that token (the flag's list item, the config key, or the
 * list a missing flag belongs in), like the engine locates findings; without a pointer the object's line stays.
 */
function locateInstances(report: CisReport, inventory: Inventory): void {
  const texts = new Map<string, string | undefined>();
  const locators = new Map<ParsedObject, DocumentLocator>();
  for (const result of report.results) {
    for (const instance of result.instances) {
      const anchor = instance.anchor;
      const location = instance.location;
      if (!anchor?.span || instance.pointer === undefined || !location || !('file' in location) || !('file' in anchor.source)) continue;
      const file = anchor.source.file;
      // The pointer is into the anchor; relocate only when the location names the anchor's file.
      if (file !== location.file) continue;
      if (!texts.has(file)) texts.set(file, sourceText(file, inventory.virtualFiles));
      const text = texts.get(file);
      if (text === undefined) continue;
      let locator = locators.get(anchor);
      if (!locator) locators.set(anchor, (locator = new DocumentLocator(text.slice(anchor.span.offset, anchor.span.end), anchor.span.firstLine)));
      const pointer = instance.pointer.startsWith(anchor.pointerPrefix) ? instance.pointer : anchor.pointerPrefix + instance.pointer;
      let line: number | undefined;
      try {
        line = locator.locate(pointer).line;
      } catch {
        // A pointer the document does not have keeps the object's line.
      }
      // The label names the same line as the location (the flag, the config field or the command list), except
      // for an item of a List, whose label names the item itself (its name is in the label too).
      let labelLine = line;
      if (anchor.pointerPrefix !== '') {
        try {
          labelLine = locator.locate(anchor.pointerPrefix).line;
        } catch {
          labelLine = undefined;
        }
      }
      if (labelLine !== undefined && location.line !== undefined) {
        instance.instance = instance.instance.replace(`${file}:${location.line}`, `${file}:${labelLine}`);
      }
      if (line !== undefined) instance.location = { file: location.file, line };
    }
  }
}

/**
 * `bulwark cis` is stricter than `scan` about files named on the command line: an empty one is an error (a
 * `ps -ef > ps.txt` that produced nothing must not pass as "no components"), and a binary file's error names the
 * line of its first NUL byte.
 */
function sharpenProblem(p: InputProblem, paths: string[]): InputProblem {
  const named = paths.some((given) => given !== '-' && resolve(given) === resolve(p.file));
  if (p.message === 'empty file' && named) return { ...p, level: 'error', message: 'empty file: nothing to analyse' };
  if (p.message.startsWith('binary file') && p.line === undefined) {
    try {
      const bytes = readFileSync(p.file);
      const nul = bytes.indexOf(0);
      if (nul >= 0) {
        let line = 1;
        for (let i = bytes.indexOf(10); i >= 0 && i < nul; i = bytes.indexOf(10, i + 1)) line++;
        return { ...p, line };
      }
    } catch {
      // Unreadable now: keep the problem as it was.
    }
  }
  return p;
}

function problemKey(p: InputProblem): string {
  return `${p.file}\u0000${p.line ?? ''}\u0000${p.message}`;
}
