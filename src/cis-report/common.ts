/**
 * Shared by the `bulwark cis` reporters: options, section order and titles, which status a result shows
 * (ours, or kube-bench's with --kube-bench-states), totals over shown statuses, location labels.
 */
import { CIS_1_12_SECTIONS } from '../cis/benchmarks/cis-1-12.js';
import type { CisInstanceResult, CisLocation, CisReport, CisResult, CisStatus, NodeType } from '../cis/types.js';
import { displayPath } from '../reporters/paths.js';
import { emptyTotals } from '../cis/run-benchmark.js';

export interface CisReportOptions {
  /** ANSI colours in the text report (the CLI turns them off when stdout is no TTY or NO_COLOR is set). */
  color: boolean;
  /** Paths are shown relative to this directory (and SARIF's %SRCROOT% is this directory). */
  cwd: string;
  toolVersion: string;
  /** Text report: print the remediation sections (default true). */
  remediations?: boolean;
  /** Show kube-bench's own states (manual → WARN, no input → INFO) instead of Bulwark's, for diffing. */
  kubeBenchStates?: boolean;
  /** End of life of the detected version, when known (from the release table): JSON/text show it. */
  endOfLife?: { date: string; supported: boolean };
}

/** Benchmark order of the sections, and their titles (CIS section names, as kube-bench prints them). */
export const SECTION_ORDER: readonly NodeType[] = ['master', 'etcd', 'controlplane', 'node', 'policies'];

export const SECTION_TITLES: Record<NodeType, string> = Object.fromEntries(
  CIS_1_12_SECTIONS.map((s) => [s.nodeType, `${s.id} ${s.title}`]),
) as Record<NodeType, string>;

/** The statuses a summary lists, in order: Bulwark's five, or kube-bench's four. */
export function summaryStatuses(options: Pick<CisReportOptions, 'kubeBenchStates'>): CisStatus[] {
  return options.kubeBenchStates ? ['PASS', 'FAIL', 'WARN', 'INFO'] : ['PASS', 'FAIL', 'WARN', 'MANUAL', 'INFO'];
}

export function shownStatus(result: CisResult, options: Pick<CisReportOptions, 'kubeBenchStates'>): CisStatus {
  return options.kubeBenchStates ? result.kubeBenchState : result.status;
}


/** Totals of the shown statuses (equal to report.totals unless --kube-bench-states). */
export function countStatuses(results: CisResult[], options: Pick<CisReportOptions, 'kubeBenchStates'>): Record<CisStatus, number> {
  const totals = emptyTotals();
  for (const r of results) totals[shownStatus(r, options)]++;
  return totals;
}

/** Results of the report grouped by section, in benchmark order; sections without results are left out. */
export function sections(report: CisReport): { nodeType: NodeType; results: CisResult[] }[] {
  return SECTION_ORDER.map((nodeType) => ({ nodeType, results: report.results.filter((r) => r.control.nodeType === nodeType) })).filter(
    (s) => s.results.length > 0,
  );
}

export function isFileLocation(l: CisLocation | undefined): l is { file: string; line?: number } {
  return l !== undefined && 'file' in l;
}

/** `manifests/kube-apiserver.yaml:14`, `pid 812`, `/etc/kubernetes/admin.conf`. */
export function locationText(l: CisLocation, cwd: string): string {
  if ('file' in l) return `${displayPath(l.file, cwd)}${l.line !== undefined ? `:${l.line}` : ''}`;
  if ('pid' in l) return `pid ${l.pid}`;
  return l.path;
}

/** The instances that explain a result: the failing ones for FAIL, else all of them. */
export function decisiveInstances(result: CisResult): CisInstanceResult[] {
  const failing = result.instances.filter((i) => i.status === 'FAIL');
  return result.status === 'FAIL' && failing.length > 0 ? failing : result.instances;
}

/** The kube-bench expected-result text of a result (of its first decisive instance). */
export function expectedResultOf(result: CisResult): string {
  return decisiveInstances(result)[0]?.expectedResult ?? '';
}
