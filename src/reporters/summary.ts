import type { ScanResult } from '../engine/run.js';
import type { Severity } from '../model/types.js';

export interface Summary {
  /** Findings that are not suppressed. */
  findings: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
  suppressed: number;
  objects: number;
  files: number;
}

/** Counts by severity are of unsuppressed findings; suppressed ones are counted apart. */
export function summarize(result: ScanResult): Summary {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let suppressed = 0;
  for (const f of result.findings) {
    if (f.suppressed) suppressed++;
    else bySeverity[f.severity]++;
  }
  return {
    findings: result.findings.length - suppressed,
    ...bySeverity,
    suppressed,
    objects: result.objectCount,
    files: result.fileCount,
  };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
