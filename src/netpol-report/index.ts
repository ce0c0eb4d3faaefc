export { CONNLIST_FORMATS, connlistRows, focusMatches, renderConnlist, renderConnlistCsv, renderConnlistJson, renderConnlistMd, renderConnlistTxt } from './connlist.js';
export type { ConnRow, ConnlistFormat } from './connlist.js';
export { renderConnlistDot } from './connlist-dot.js';
export { DIFF_FORMATS, renderDiff, renderDiffCsv, renderDiffJson, renderDiffMd, renderDiffTxt, workloadsDiffInfo } from './diff.js';
export type { DiffFormat } from './diff.js';
export { EXPOSURE_FORMATS, exposureSummary, renderExposureMd, renderExposureReport, renderExposureTxt } from './exposure.js';
export type { ExposureFormat } from './exposure.js';
export { renderConnlistHtml } from './connlist-html.js';
