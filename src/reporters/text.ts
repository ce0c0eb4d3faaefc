import pc from 'picocolors';
import type { ScanResult } from '../engine/run.js';
import type { Finding, Severity } from '../model/types.js';
import { compareFindings, displayPath, isFileLocation, locationLabel, resourceLabel, sourceKey } from './paths.js';
import type { ReportOptions, Reporter } from './reporter.js';
import { plural, summarize } from './summary.js';

type Colors = ReturnType<typeof pc.createColors>;

const BADGE_WIDTH = 8; // 'CRITICAL'
const FINDING_INDENT = '    ';
const REMEDIATION_INDENT = ' '.repeat(FINDING_INDENT.length + BADGE_WIDTH + 2);

/**
 * Human report: findings grouped by file, then by object; input problems; one summary line.
 * Suppressed findings are counted, and listed only with `showSuppressed`.
 */
export const renderText: Reporter = (result: ScanResult, options: ReportOptions): string => {
  const c = pc.createColors(options.color);
  const shown = result.findings.filter((f) => !f.suppressed || options.showSuppressed).sort(compareFindings);
  const lines: string[] = [];

  for (const group of groupBy(shown, (f) => sourceKey(f.location))) {
    lines.push(c.bold(groupTitle(group[0], options.cwd)));
    for (const objectFindings of groupBy(group, (f) => objectKey(f))) {
      lines.push(`  ${resourceLabel(objectFindings[0].resource)}`);
      for (const f of objectFindings) lines.push(...findingLines(f, options, c));
    }
    lines.push('');
  }

  if (result.problems.length > 0) {
    lines.push(c.bold('Input problems:'));
    for (const p of result.problems) {
      const where = `${displayPath(p.file, options.cwd)}${p.line !== undefined ? `:${p.line}` : ''}`;
      const level = p.level === 'error' ? c.red('error ') : c.dim('notice');
      lines.push(`  ${level}  ${where}: ${p.message}`);
    }
    lines.push('');
  }

  lines.push(summaryLine(result));
  return `${lines.join('\n')}\n`;
};

function findingLines(f: Finding, options: ReportOptions, c: Colors): string[] {
  const suppressed = f.suppressed ? c.dim(` [suppressed by ${f.suppressed.by}: ${f.suppressed.reason}]`) : '';
  return [
    `${FINDING_INDENT}${badge(f.severity, c)}  ${locationLabel(f.location, options.cwd)}  ${f.checkId}  ${f.message}${suppressed}`,
    `${REMEDIATION_INDENT}→ ${f.remediation}`,
  ];
}

function badge(severity: Severity, c: Colors): string {
  const text = severity.toUpperCase().padEnd(BADGE_WIDTH);
  switch (severity) {
    case 'critical':
      return c.bold(c.red(text));
    case 'high':
      return c.red(text);
    case 'medium':
      return c.yellow(text);
    default:
      return c.dim(text);
  }
}

function groupTitle(f: Finding, cwd: string): string {
  return isFileLocation(f.location) ? displayPath(f.location.file, cwd) : `cluster ${f.location.cluster}`;
}

function objectKey(f: Finding): string {
  const r = f.resource;
  return [r.apiVersion, r.kind, r.namespace ?? '', r.name].join('\u0000');
}

/** Groups in order of first appearance (the input is already sorted). */
function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = []));
    group.push(item);
  }
  return [...groups.values()];
}

function summaryLine(result: ScanResult): string {
  const s = summarize(result);
  const scope = `in ${plural(s.files, 'file')}, ${plural(s.objects, 'object')}; ${s.suppressed} suppressed`;
  if (s.findings === 0) return `No findings ${scope}`;
  return `${plural(s.findings, 'finding')} (critical: ${s.critical}, high: ${s.high}, medium: ${s.medium}, low: ${s.low}, info: ${s.info}) ${scope}`;
}
