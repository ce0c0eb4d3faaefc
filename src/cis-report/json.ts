import type { CisHint, CisInstanceResult, CisReport, CisResult, CisStatus, KubeBenchState, NodeType, VersionNote } from '../cis/types.js';
import type { InputProblem, Severity } from '../model/types.js';
import { displayPath } from '../reporters/paths.js';
import { countStatuses, expectedResultOf, shownStatus, type CisReportOptions } from './common.js';

/** Bumped only on a breaking change of the shape below. */
export const CIS_JSON_VERSION = 1;

export interface CisJsonInstance {
  instance: string;
  status: CisStatus;
  found: string;
  expectedResult: string;
  file?: string;
  line?: number;
  pid?: number;
  path?: string;
  pointer?: string;
}

export interface CisJsonResult {
  id: string;
  group: string;
  nodeType: NodeType;
  title: string;
  automated: boolean;
  /** Bulwark's status (kube-bench's with --kube-bench-states). */
  status: CisStatus;
  kubeBenchState: KubeBenchState;
  expected: string;
  found: string;
  expectedResult: string;
  hint?: CisHint;
  reason?: string;
  remediation: string;
  references: { cis: string }[];
  severity: Severity;
  note?: string;
  related?: string[];
  instances: CisJsonInstance[];
}

export interface CisJsonReport {
  version: typeof CIS_JSON_VERSION;
  tool: { name: 'bulwark'; version: string };
  benchmark: CisReport['benchmark'];
  kubernetesVersion: { version: string; evidence: string; endOfLife?: string; supported?: boolean } | null;
  results: CisJsonResult[];
  notes: VersionNote[];
  totals: Record<CisStatus, number>;
  totalsByNodeType: Partial<Record<NodeType, Record<CisStatus, number>>>;
  problems: InputProblem[];
}

/** The machine-readable CIS report: `id` and `status` on every result, so a harness can diff by id. */
export function renderCisJson(report: CisReport, options: CisReportOptions): string {
  const byNodeType: Partial<Record<NodeType, Record<CisStatus, number>>> = {};
  for (const r of report.results) byNodeType[r.control.nodeType] ??= countStatuses(report.results.filter((x) => x.control.nodeType === r.control.nodeType), options);
  const v = report.version;
  const out: CisJsonReport = {
    version: CIS_JSON_VERSION,
    tool: { name: 'bulwark', version: options.toolVersion },
    benchmark: report.benchmark,
    kubernetesVersion: v
      ? {
          version: `${v.major}.${v.minor}${v.patch !== undefined ? `.${v.patch}` : ''}`,
          evidence: v.evidence,
          ...(options.endOfLife ? { endOfLife: options.endOfLife.date, supported: options.endOfLife.supported } : {}),
        }
      : null,
    results: report.results.map((r) => jsonResult(r, options)),
    notes: report.notes.map((n) => (n.instance !== undefined ? { kind: n.kind, message: n.message, instance: n.instance } : { kind: n.kind, message: n.message })),
    totals: countStatuses(report.results, options),
    totalsByNodeType: byNodeType,
    problems: report.problems.map((p) => jsonProblem(p, options.cwd)),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function jsonResult(r: CisResult, options: CisReportOptions): CisJsonResult {
  const c = r.control;
  const out: CisJsonResult = {
    id: c.id,
    group: c.group,
    nodeType: c.nodeType,
    title: c.title,
    automated: c.automated,
    status: shownStatus(r, options),
    kubeBenchState: r.kubeBenchState,
    expected: r.expected,
    found: r.found,
    expectedResult: expectedResultOf(r),
    remediation: c.remediation,
    references: [{ cis: c.id }],
    severity: c.severity,
    instances: r.instances.map((i) => jsonInstance(i, options.cwd)),
  };
  if (r.hint !== undefined) out.hint = r.hint;
  if (r.reason !== undefined) out.reason = r.reason;
  if (c.note !== undefined) out.note = c.note;
  if (c.related !== undefined && c.related.length > 0) out.related = [...c.related];
  return out;
}

function jsonInstance(i: CisInstanceResult, cwd: string): CisJsonInstance {
  const out: CisJsonInstance = { instance: i.instance, status: i.status, found: i.found, expectedResult: i.expectedResult };
  const l = i.location;
  if (l && 'file' in l) {
    out.file = displayPath(l.file, cwd);
    if (l.line !== undefined) out.line = l.line;
  } else if (l && 'pid' in l) out.pid = l.pid;
  else if (l && 'path' in l) out.path = l.path;
  if (i.pointer !== undefined) out.pointer = i.pointer;
  return out;
}

function jsonProblem(p: InputProblem, cwd: string): InputProblem {
  const file = displayPath(p.file, cwd);
  return p.line !== undefined ? { level: p.level, file, line: p.line, message: p.message } : { level: p.level, file, message: p.message };
}
