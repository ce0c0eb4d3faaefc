import { endpointName } from '../analyzers/network/endpoints.js';
import { describeReason, type ExposureReport, type ExposureScope } from '../analyzers/network/exposure.js';
import { renderConnlistMd, renderConnlistTxt, type ConnRow } from './connlist.js';
import { csvField, mdCell } from './cells.js';
import { compareText as compare, table } from '../reporters/plain-text.js';

interface ExposureRow {
  workload: string;
  peer: string;
  conn: string;
}


function rowsOf(report: ExposureReport, direction: 'egress' | 'ingress'): ExposureRow[] {
  return report.entries
    .filter((e) => e.direction === direction)
    .map((e) => ({ workload: endpointName(e.workload), peer: e.peer, conn: e.conns.toString() }))
    .sort((a, b) => compare(a.workload, b.workload) || compare(a.peer, b.peer));
}

/** The connection list, then the exposure sections in netpol-analyzer's text layout (names padded to one column). */
export function renderExposureTxt(connections: ConnRow[], report: ExposureReport): string {
  const egress = rowsOf(report, 'egress');
  const ingress = rowsOf(report, 'ingress');
  const width = Math.max(0, ...[...egress, ...ingress].map((r) => r.workload.length));
  const line = (r: ExposureRow, arrow: string): string => `${r.workload.padEnd(width)} \t${arrow} \t${r.peer} : ${r.conn}`;
  const out = [renderConnlistTxt(connections).trimEnd(), '', 'Exposure Analysis Result:'];
  if (egress.length) out.push('Egress Exposure:', ...egress.map((r) => line(r, '=>')), '');
  if (ingress.length) out.push('Ingress Exposure:', ...ingress.map((r) => line(r, '<=')), '');
  const unprotected = report.unprotected
    .map((u) => `${endpointName(u.workload)} is not protected on ${u.direction === 'egress' ? 'Egress' : 'Ingress'}`)
    .sort(compare);
  if (unprotected.length) out.push('Workloads not protected by network policies:', ...unprotected);
  return out.join('\n').trimEnd() + '\n';
}

export function renderExposureMd(connections: ConnRow[], report: ExposureReport): string {
  const table = (head: string, rows: ExposureRow[]): string[] => [head, '|-----|-----|------|', ...rows.map((r) => `| ${r.workload} | ${r.peer} | ${r.conn} |`)];
  const out = [renderConnlistMd(connections).trimEnd(), '## Exposure Analysis Result:'];
  const egress = rowsOf(report, 'egress');
  const ingress = rowsOf(report, 'ingress');
  if (egress.length) out.push('### Egress Exposure:', ...table('| src | dst | conn |', egress), '');
  if (ingress.length) out.push('### Ingress Exposure:', ...table('| dst | src | conn |', ingress));
  return out.join('\n').trimEnd() + '\n';
}

export const EXPOSURE_FORMATS = ['txt', 'json', 'csv', 'md'] as const;
export type ExposureFormat = (typeof EXPOSURE_FORMATS)[number];

const SCOPE_ORDER: readonly ExposureScope[] = ['outside', 'entire-cluster', 'any-namespace', 'selected-namespaces'];

interface ExplainedRow {
  workload: string;
  direction: 'egress' | 'ingress';
  scope: ExposureScope;
  peer: string;
  conn: string;
  because: string[];
}

function explainedRows(report: ExposureReport): ExplainedRow[] {
  return report.entries
    .map((e) => ({
      workload: endpointName(e.workload),
      direction: e.direction,
      scope: e.scope,
      peer: e.peer,
      conn: e.conns.toString(),
      because: e.reasons.map((r) => describeReason(r, e.direction)),
    }))
    .sort(
      (a, b) =>
        compare(a.direction === 'ingress' ? '0' : '1', b.direction === 'ingress' ? '0' : '1') ||
        compare(a.workload, b.workload) ||
        SCOPE_ORDER.indexOf(a.scope) - SCOPE_ORDER.indexOf(b.scope) ||
        compare(a.peer, b.peer),
    );
}

/** Counts for the summary line: distinct workloads per reach, and workloads without isolation. */
export function exposureSummary(report: ExposureReport, workloadCount: number): string {
  const reached = (scope: ExposureScope): number => new Set(report.entries.filter((e) => e.direction === 'ingress' && e.scope === scope).map((e) => e.workload)).size;
  const unprotected = (direction: 'egress' | 'ingress'): number => report.unprotected.filter((u) => u.direction === direction).length;
  return (
    `${workloadCount} workloads: ${reached('outside')} reachable from outside the cluster, ${reached('entire-cluster')} from every pod of the cluster, ` +
    `${reached('any-namespace')} from selected pods of any namespace; ${unprotected('ingress')} not isolated for ingress, ${unprotected('egress')} not isolated for egress.`
  );
}


/**
 * `bulwark netpol exposure`: per workload, who beyond the input's workloads may connect to it (ingress) and where it
 * may connect (egress) — outside addresses, the entire cluster, pods of any or of selected namespaces — and why:
 * the policy rules and the open selectors or ipBlocks that allow it, or the absence of any isolating policy.
 * `summary` (see exposureSummary) counts over both directions even when the report shows one.
 */
export function renderExposureReport(report: ExposureReport, format: ExposureFormat, summary: string): string {
  const rows = explainedRows(report);
  switch (format) {
    case 'json':
      return `${JSON.stringify(
        {
          summary,
          exposure: rows,
          notIsolated: report.unprotected.map((u) => ({ workload: endpointName(u.workload), direction: u.direction })).sort((a, b) => compare(a.workload, b.workload) || compare(a.direction, b.direction)),
        },
        null,
        2,
      )}\n`;
    case 'csv':
      return ['direction,workload,scope,peer,conn,because', ...rows.map((r) => [r.direction, r.workload, r.scope, r.peer, r.conn, r.because.join('; ')].map(csvField).join(','))].join('\n') + '\n';
    case 'md': {
      const out: string[] = [];
      for (const direction of ['ingress', 'egress'] as const) {
        const part = rows.filter((r) => r.direction === direction);
        if (!part.length) continue;
        out.push(`## ${direction === 'ingress' ? 'Ingress exposure' : 'Egress exposure'}`, '', `| workload | scope | ${direction === 'ingress' ? 'from' : 'to'} | conn | because |`, '|---|---|---|---|---|');
        for (const r of part) out.push(`| ${[r.workload, r.scope, r.peer, r.conn, r.because.join('<br>')].map(mdCell).join(' | ')} |`);
        out.push('');
      }
      out.push(summary);
      return out.join('\n') + '\n';
    }
    case 'txt': {
      const out: string[] = [];
      for (const direction of ['ingress', 'egress'] as const) {
        const part = rows.filter((r) => r.direction === direction);
        if (!part.length) continue;
        out.push(direction === 'ingress' ? 'Ingress exposure (who beyond the input may connect to the workload):' : 'Egress exposure (where beyond the input the workload may connect):');
        out.push(...table(['WORKLOAD', 'SCOPE', direction === 'ingress' ? 'FROM' : 'TO', 'CONNECTIONS', 'BECAUSE'], part.map((r) => [r.workload, r.scope, r.peer, r.conn, r.because.join('; ')])), '');
      }
      out.push(summary);
      return out.join('\n') + '\n';
    }
  }
}

