import pc from 'picocolors';
import type { CisHint, CisReport, CisResult, CisStatus } from '../cis/types.js';
import { displayPath } from '../reporters/paths.js';
import {
  countStatuses,
  decisiveInstances,
  locationText,
  sections,
  SECTION_TITLES,
  shownStatus,
  summaryStatuses,
  type CisReportOptions,
} from './common.js';

type Colors = ReturnType<typeof pc.createColors>;

const DETAIL_INDENT = '       ';

const HINT_TEXT: Record<CisHint, string> = { 'likely-pass': 'likely passes', 'likely-fail': 'likely fails', unknown: 'review by hand' };

/**
 * The kube-bench-shaped report: per section a `[INFO]` header, `[INFO]` group headers, one `[STATUS] id title`
 * line per control (FAIL lines followed by what was expected and found, per failing instance; MANUAL and INFO
 * lines end with the hint or the reason), the remediations of FAIL and MANUAL controls, and the section's
 * summary; then version notes, input problems and the totals.
 */
export function renderCisText(report: CisReport, options: CisReportOptions): string {
  const c = pc.createColors(options.color);
  const lines: string[] = [];
  const groupTitles = new Map(report.groups.map((g) => [g.id, g.title]));

  for (const section of sections(report)) {
    const sectionHeader = `${badge('INFO', c)} ${SECTION_TITLES[section.nodeType]}`;
    lines.push(c.bold(sectionHeader));
    let group: string | undefined;
    for (const r of section.results) {
      if (r.control.group !== group) {
        group = r.control.group;
        const groupHeader = `${badge('INFO', c)} ${group} ${groupTitles.get(group) ?? ''}`.trimEnd();
        // etcd's only group shares the section's id and title ("2 Etcd Node Configuration"): say it once.
        if (groupHeader !== sectionHeader) lines.push(c.bold(groupHeader));
      }
      lines.push(...resultLines(r, options, c));
    }
    lines.push('');

    if (options.remediations !== false) {
      const needing = section.results.filter((r) => ['FAIL', 'WARN', 'MANUAL'].includes(shownStatus(r, options)));
      if (needing.length > 0) {
        lines.push(c.bold(`== Remediations ${section.nodeType} ==`));
        for (const r of needing) lines.push(remediationLine(r, options), '');
      }
    }

    lines.push(c.bold(`== Summary ${section.nodeType} ==`));
    lines.push(...summaryLines(countStatuses(section.results, options), options));
    lines.push('');
  }

  lines.push(c.bold('== Version notes =='));
  lines.push(versionLine(report, options));
  for (const note of report.notes) lines.push(`${note.instance ? `${note.instance}: ` : ''}${note.message}`);
  lines.push('');

  if (report.problems.length > 0) {
    lines.push(c.bold('== Input problems =='));
    for (const p of report.problems) {
      const where = `${displayPath(p.file, options.cwd)}${p.line !== undefined ? `:${p.line}` : ''}`;
      lines.push(`${p.level === 'error' ? c.red('error ') : c.dim('notice')}  ${where}: ${p.message}`);
    }
    lines.push('');
  }

  lines.push(c.bold('== Summary total =='));
  lines.push(...summaryLines(countStatuses(report.results, options), options));
  return `${lines.join('\n')}\n`;
}

function resultLines(r: CisResult, options: CisReportOptions, c: Colors): string[] {
  const status = shownStatus(r, options);
  const head = `${badge(status, c)} ${r.control.id} ${r.control.title}`;
  if (status === 'FAIL') {
    const details = decisiveInstances(r).map((i) => `${DETAIL_INDENT}expected ${r.expected} · found ${i.found} · ${i.instance}`);
    if (details.length === 0) details.push(`${DETAIL_INDENT}expected ${r.expected} · found ${r.found}`);
    return [head, ...details.map((d) => c.dim(d))];
  }
  if (r.status === 'MANUAL') {
    const why = r.reason ?? r.found;
    const hint = r.hint ? HINT_TEXT[r.hint] : undefined;
    const tail = [...new Set([hint, why].filter((s): s is string => s !== undefined && s !== ''))].join(': ');
    return [tail ? `${head}${c.dim(`  — ${tail}`)}` : head];
  }
  if (r.status === 'INFO' && r.reason) return [`${head}${c.dim(`  — ${r.reason}`)}`];
  return [head];
}

function remediationLine(r: CisResult, options: CisReportOptions): string {
  const where = decisiveInstances(r)
    .filter((i) => i.location !== undefined)
    .map((i) => {
      const l = i.location as NonNullable<typeof i.location>;
      // The pointer is into the anchor object; show it only when the location is in the anchor's file.
      const samePlace = i.pointer !== undefined && i.anchor !== undefined && 'file' in i.anchor.source && 'file' in l && i.anchor.source.file === l.file;
      return `${locationText(l, options.cwd)}${samePlace ? `, ${i.pointer}` : ''}`;
    });
  const unique = [...new Set(where)];
  return `${r.control.id} ${r.control.remediation}${unique.length > 0 && r.status === 'FAIL' ? ` (in ${unique.join('; ')})` : ''}`;
}

function summaryLines(totals: Record<CisStatus, number>, options: CisReportOptions): string[] {
  return summaryStatuses(options).map((s) => `${totals[s]} checks ${s}`);
}

function versionLine(report: CisReport, options: CisReportOptions): string {
  const v = report.version;
  if (!v) return 'Kubernetes version: unknown (no control-plane image tag, kubeadm ClusterConfiguration or Node in the inputs; set --k8s-version)';
  const eol = options.endOfLife ? `; ${options.endOfLife.supported ? 'supported until' : 'out of upstream support since'} ${options.endOfLife.date}` : '';
  return `Kubernetes version: ${v.major}.${v.minor}${v.patch !== undefined ? `.${v.patch}` : ''} (${v.evidence})${eol}`;
}

function badge(status: CisStatus, c: Colors): string {
  const text = `[${status}]`;
  switch (status) {
    case 'PASS':
      return c.green(text);
    case 'FAIL':
      return c.red(text);
    case 'WARN':
      return c.yellow(text);
    case 'MANUAL':
      return c.cyan(text);
    default:
      return c.dim(text);
  }
}
