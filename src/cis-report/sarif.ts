import { createHash } from 'node:crypto';
import type { CisInstanceResult, CisReport, CisResult } from '../cis/types.js';
import { directoryUri } from '../reporters/paths.js';
import { artifactLocation, INFORMATION_URI, invocation, LEVEL, SARIF_SCHEMA_URI, SECURITY_SEVERITY, SRCROOT } from '../reporters/sarif.js';
import { decisiveInstances, locationText, type CisReportOptions } from './common.js';

/** Key of our fingerprint in result.partialFingerprints; bump the suffix if its inputs ever change. */
export const CIS_FINGERPRINT_KEY = 'bulwarkCisHash/v1';

const CIS_URL = 'https://www.cisecurity.org/benchmark/kubernetes';

/**
 * SARIF 2.1.0, one run: a rule per CIS control of the report (`cis-1.2.15`, help = our remediation); a result
 * (`kind: fail`, level from the control's severity) per failing instance of an automated control, and a result
 * (`kind: review`) per manual control whose hint is likely-fail. SARIF §3.27.9 requires `level: none` for any
 * kind other than `fail`, so review results carry that level.
 */
export function renderCisSarif(report: CisReport, options: CisReportOptions): string {
  const rules = report.results.map((r) => rule(r));
  const ruleIndex = new Map(report.results.map((r, i) => [r.control.id, i]));
  const results: object[] = [];
  for (const r of report.results) {
    const index = ruleIndex.get(r.control.id) as number;
    if (r.status === 'FAIL') {
      for (const i of decisiveInstances(r)) results.push(sarifResult(r, i, index, 'fail', options.cwd));
    } else if (r.status === 'MANUAL' && r.hint === 'likely-fail') {
      const instances = r.instances.length > 0 ? r.instances : [undefined];
      for (const i of instances) results.push(sarifResult(r, i, index, 'review', options.cwd));
    }
  }
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'bulwark', version: options.toolVersion, informationUri: INFORMATION_URI, rules } },
        invocations: [invocation(report.problems, options.cwd)],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { benchmark: report.benchmark },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function rule(r: CisResult) {
  const c = r.control;
  const help = [`Expected: ${r.expected}.`, `Remediation: ${c.remediation}`, ...(c.note ? [`Note: ${c.note}`] : [])];
  return {
    id: `cis-${c.id}`,
    name: `Cis${c.id.replace(/\./g, '_')}`,
    shortDescription: { text: `CIS ${c.id} ${c.title}` },
    fullDescription: { text: c.title },
    help: { text: help.join('\n\n'), markdown: help.map((h) => h.replace(/^(\w+):/, '**$1:**')).join('\n\n') },
    helpUri: CIS_URL,
    defaultConfiguration: { level: c.automated ? LEVEL[c.severity] : 'note' },
    properties: {
      tags: ['control-plane', 'cis', c.nodeType, 'security'],
      'security-severity': SECURITY_SEVERITY[c.severity],
      precision: 'high',
      cis: c.id,
      automated: c.automated,
    },
  };
}

function sarifResult(r: CisResult, i: CisInstanceResult | undefined, ruleIndex: number, kind: 'fail' | 'review', cwd: string) {
  const found = i?.found ?? r.found;
  const who = i?.instance;
  const text =
    kind === 'fail'
      ? `CIS ${r.control.id}: ${who ? `${who} ` : ''}${found}; expected ${r.expected}.`
      : `CIS ${r.control.id} (manual) likely fails: ${who ? `${who} ` : ''}${r.reason ?? found}; expected ${r.expected}.`;
  const l = i?.location;
  const logical = { name: who ?? `cis-${r.control.id}`, kind: 'resource' };
  const location =
    l && 'file' in l && l.file !== ''
      ? {
          physicalLocation: { artifactLocation: artifactLocation(l.file, cwd), ...(l.line !== undefined && l.line >= 1 ? { region: { startLine: l.line } } : {}) },
          logicalLocations: [logical],
        }
      : { logicalLocations: [logical] };
  return {
    ruleId: `cis-${r.control.id}`,
    ruleIndex,
    kind,
    level: kind === 'fail' ? LEVEL[r.control.severity] : 'none',
    message: { text },
    locations: [location],
    partialFingerprints: { [CIS_FINGERPRINT_KEY]: fingerprint(r, i, cwd) },
    properties: {
      cis: r.control.id,
      status: r.status,
      ...(r.hint ? { hint: r.hint } : {}),
      ...(i?.pointer ? { jsonPointer: i.pointer } : {}),
      ...(i?.expectedResult ? { kubeBenchTest: i.expectedResult } : {}),
    },
  };
}

/** Stable across runs and line moves: control, where the instance lives (file, pid-less) and pointer. */
function fingerprint(r: CisResult, i: CisInstanceResult | undefined, cwd: string): string {
  const l = i?.location;
  const where = l === undefined ? '' : 'pid' in l ? 'process' : 'file' in l ? l.file : locationText(l, cwd);
  return createHash('sha256')
    .update([r.control.id, where, i?.pointer ?? '', i?.component ?? i?.instance.replace(/\s*\(.*\)$/, '') ?? ''].join('\u0000'))
    .digest('hex');
}


