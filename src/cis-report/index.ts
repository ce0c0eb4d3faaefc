import type { CisReport } from '../cis/types.js';
import type { CisReportOptions } from './common.js';
import { renderCisJson } from './json.js';
import { renderCisJunit } from './junit.js';
import { renderCisSarif } from './sarif.js';
import { renderCisText } from './text.js';

export { renderCisJson, type CisJsonReport, type CisJsonResult, CIS_JSON_VERSION } from './json.js';
export { renderCisJunit } from './junit.js';
export { renderCisSarif, CIS_FINGERPRINT_KEY } from './sarif.js';
export { renderCisText } from './text.js';
export { countStatuses, SECTION_TITLES, type CisReportOptions } from './common.js';

export const CIS_FORMATS = ['text', 'json', 'junit', 'sarif'] as const;
export type CisFormat = (typeof CIS_FORMATS)[number];

export function isCisFormat(value: string): value is CisFormat {
  return (CIS_FORMATS as readonly string[]).includes(value);
}

const RENDERERS: Record<CisFormat, (report: CisReport, options: CisReportOptions) => string> = {
  text: renderCisText,
  json: renderCisJson,
  junit: renderCisJunit,
  sarif: renderCisSarif,
};

export function renderCisReport(format: CisFormat, report: CisReport, options: CisReportOptions): string {
  return RENDERERS[format](report, options);
}
