export { CONNLIST_FORMATS, connlistRows, focusMatches, renderConnlist, renderConnlistCsv, renderConnlistJson, renderConnlistMd, renderConnlistTxt } from './connlist.js';
export type { ConnRow, ConnlistFormat } from './connlist.js';
export { renderConnlistDot } from './connlist-dot.js';
export { DIFF_FORMATS, renderDiff, renderDiffCsv, renderDiffJson, renderDiffMd, renderDiffTxt, workloadsDiffInfo } from './diff.js';
export type { DiffFormat } from './diff.js';
export { renderExposureMd, renderExposureTxt } from './exposure.js';
