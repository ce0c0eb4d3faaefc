import type { ScanResult } from '../engine/run.js';
import type { Finding, InputProblem, ObjectRef, Reference, SourceLocation } from '../model/types.js';
import { displayPath, isFileLocation } from './paths.js';
import type { ReportOptions, Reporter } from './reporter.js';
import { summarize, type Summary } from './summary.js';

/** Bumped only on a breaking change of the shape below (documented in docs/output-formats.md). */
export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: 'bulwark'; version: string };
  summary: Summary;
  findings: Finding[];
  problems: InputProblem[];
}

/**
 * The stable machine-readable report. Every finding is included; suppressed ones carry `suppressed`.
 * Keys are written in a fixed order and paths are made relative to cwd, so output is diffable.
 */
export const renderJson: Reporter = (result: ScanResult, options: ReportOptions): string => {
  const report: JsonReport = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'bulwark', version: options.toolVersion },
    summary: summarize(result),
    findings: result.findings.map((f) => jsonFinding(f, options.cwd)),
    problems: result.problems.map((p) => jsonProblem(p, options.cwd)),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};

function jsonFinding(f: Finding, cwd: string): Finding {
  const out: Finding = {
    checkId: f.checkId,
    messageId: f.messageId,
    severity: f.severity,
    category: f.category,
    message: f.message,
    resource: jsonResource(f.resource),
    path: f.path,
    location: jsonLocation(f.location, cwd),
    remediation: f.remediation,
    references: f.references.map(jsonReference),
    enforcement: f.enforcement,
  };
  if (f.suppressed) out.suppressed = { by: f.suppressed.by, reason: f.suppressed.reason };
  return out;
}

function jsonResource(r: ObjectRef): ObjectRef {
  return r.namespace !== undefined
    ? { apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace, name: r.name }
    : { apiVersion: r.apiVersion, kind: r.kind, name: r.name };
}

function jsonLocation(l: SourceLocation, cwd: string): SourceLocation {
  return isFileLocation(l) ? { file: displayPath(l.file, cwd), line: l.line, column: l.column } : { cluster: l.cluster, uid: l.uid };
}

function jsonReference(r: Reference): Reference {
  const out: Reference = {};
  if (r.pss !== undefined) out.pss = r.pss;
  if (r.cis !== undefined) out.cis = r.cis;
  if (r.nsa !== undefined) out.nsa = r.nsa;
  if (r.url !== undefined) out.url = r.url;
  return out;
}

function jsonProblem(p: InputProblem, cwd: string): InputProblem {
  const file = displayPath(p.file, cwd);
  return p.line !== undefined ? { level: p.level, file, line: p.line, message: p.message } : { level: p.level, file, message: p.message };
}
