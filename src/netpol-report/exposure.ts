import { endpointName } from '../analyzers/network/endpoints.js';
import type { ExposureReport } from '../analyzers/network/exposure.js';
import { renderConnlistMd, renderConnlistTxt, type ConnRow } from './connlist.js';

interface ExposureRow {
  workload: string;
  peer: string;
  conn: string;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
