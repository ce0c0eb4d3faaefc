import type { ScanResult } from '../engine/run.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import type { ReportOptions, Reporter } from './reporter.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export type { ReportOptions, Reporter } from './reporter.js';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'junit';

/** The explicit registry of output formats (the CLI lists its keys in --help). */
export const REPORTERS: Record<ReportFormat, Reporter> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
};

export function renderReport(format: ReportFormat, result: ScanResult, options: ReportOptions): string {
  if (!Object.hasOwn(REPORTERS, format)) throw new Error(`unknown report format "${String(format)}"`);
  return REPORTERS[format](result, options);
}
