import type { ConnectionDiff } from '../analyzers/network/connectivity-diff.js';
import { csvField, mdCell } from './cells.js';

/** netpol-analyzer's `workloads-diff-info`: `workload ns/a[Kind] added`, `workload X and Y removed`, or ''. */
export function workloadsDiffInfo(d: ConnectionDiff): string {
  if (d.workloadsAdded.length) return `workload ${d.workloadsAdded.join(' and ')} added`;
  if (d.workloadsRemoved.length) return `workload ${d.workloadsRemoved.join(' and ')} removed`;
  return '';
}

/** One line per changed pair: `diff-type: added, source: …, destination: …, ref1: …, ref2: …[, workloads-diff-info: …]`. */
export function renderDiffTxt(diffs: ConnectionDiff[]): string {
  const lines = ['Connectivity diff:'];
  for (const d of diffs) {
    const info = workloadsDiffInfo(d);
    lines.push(`diff-type: ${d.type}, source: ${d.src}, destination: ${d.dst}, ref1: ${d.before.toString()}, ref2: ${d.after.toString()}${info ? `, workloads-diff-info: ${info}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

export function renderDiffJson(diffs: ConnectionDiff[]): string {
  const rows = diffs.map((d) => ({ diffType: d.type, src: d.src, dst: d.dst, ref1: d.before.toString(), ref2: d.after.toString(), workloadsDiffInfo: workloadsDiffInfo(d) }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}


export function renderDiffCsv(diffs: ConnectionDiff[]): string {
  const rows = diffs.map((d) => [d.type, d.src, d.dst, d.before.toString(), d.after.toString(), workloadsDiffInfo(d)].map(csvField).join(','));
  return ['diff-type,source,destination,ref1,ref2,workloads-diff-info', ...rows].join('\n') + '\n';
}

export function renderDiffMd(diffs: ConnectionDiff[]): string {
  const rows = diffs.map((d) => `| ${[d.type, d.src, d.dst, d.before.toString(), d.after.toString(), workloadsDiffInfo(d)].map(mdCell).join(' | ')} |`);
  return ['| diff-type | source | destination | ref1 | ref2 | workloads-diff-info |', '|-----------|--------|-------------|------|------|---------------------|', ...rows].join('\n') + '\n';
}

export const DIFF_FORMATS = ['txt', 'json', 'csv', 'md'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function renderDiff(diffs: ConnectionDiff[], format: DiffFormat): string {
  switch (format) {
    case 'txt':
      return renderDiffTxt(diffs);
    case 'json':
      return renderDiffJson(diffs);
    case 'csv':
      return renderDiffCsv(diffs);
    case 'md':
      return renderDiffMd(diffs);
  }
}
