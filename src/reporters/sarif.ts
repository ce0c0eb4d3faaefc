import { createHash } from 'node:crypto';
import type { ScanResult } from '../engine/run.js';
import type { CheckMeta, Finding, InputProblem, Reference, Severity } from '../model/types.js';
import { directoryUri, fileUri, isFileLocation, isInside, relativeUri, resourcePath } from './paths.js';
import type { ReportOptions, Reporter } from './reporter.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/bulwark-sec/bulwark';
export const SRCROOT = '%SRCROOT%';
/** Key of our fingerprint in result.partialFingerprints; bump the suffix if its inputs ever change. */
export const FINGERPRINT_KEY = 'bulwarkFindingHash/v1';

type SarifLevel = 'error' | 'warning' | 'note';

export const LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub code scanning reads this (a string holding a 0.0–10.0 score) to rank security alerts. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

/**
 * SARIF 2.1.0 with one run: every check that ran becomes a rule (with help text), every finding a result.
 * Suppressed findings stay in, with `suppressions`; input problems become tool execution notifications.
 */
export const renderSarif: Reporter = (result: ScanResult, options: ReportOptions): string => {
  const metas = [...result.checks];
  const ruleIndex = new Map(metas.map((m, i) => [m.id, i]));
  // A finding from a check missing in result.checks still gets a rule, so every ruleIndex is valid.
  for (const f of result.findings) {
    if (!ruleIndex.has(f.checkId)) {
      ruleIndex.set(f.checkId, metas.length);
      metas.push(metaFromFinding(f));
    }
  }

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bulwark',
            version: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules: metas.map(rule),
          },
        },
        invocations: [invocation(result.problems, options.cwd)],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.checkId) as number, options.cwd)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function rule(meta: CheckMeta) {
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.summary },
    fullDescription: { text: meta.rationale },
    help: { text: helpText(meta), markdown: helpMarkdown(meta) },
    helpUri: `${INFORMATION_URI}/blob/main/docs/checks/${encodeURIComponent(meta.id)}.md`,
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: [...new Set([meta.category, meta.stage, 'security'])],
      'security-severity': SECURITY_SEVERITY[meta.severity],
      precision: 'high',
    },
  };
}

function sarifResult(f: Finding, ruleIndex: number, cwd: string) {
  const logicalLocation = {
    name: resourcePath(f.resource),
    kind: 'resource',
    fullyQualifiedName: fullyQualifiedName(f),
  };
  const location = isFileLocation(f.location)
    ? { physicalLocation: { artifactLocation: artifactLocation(f.location.file, cwd), ...region(f.location.line, f.location.column) }, logicalLocations: [logicalLocation] }
    : { logicalLocations: [logicalLocation] };
  return {
    ruleId: f.checkId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
    ...(f.suppressed
      ? { suppressions: [{ kind: f.suppressed.by === 'config' ? 'external' : 'inSource', justification: f.suppressed.reason }] }
      : {}),
    properties: { severity: f.severity, category: f.category, messageId: f.messageId, enforcement: f.enforcement, jsonPointer: f.path },
  };
}

/** The run's invocation, with input problems as tool execution notifications. */
export function invocation(problems: InputProblem[], cwd: string) {
  return {
    executionSuccessful: true,
    ...(problems.length > 0 ? { toolExecutionNotifications: problems.map((p) => notification(p, cwd)) } : {}),
  };
}

function notification(p: InputProblem, cwd: string) {
  return {
    level: p.level === 'error' ? 'error' : 'note',
    message: { text: p.message },
    ...(p.file !== ''
      ? { locations: [{ physicalLocation: { artifactLocation: artifactLocation(p.file, cwd), ...region(p.line ?? 0, 0) } }] }
      : {}),
  };
}

/** Inside cwd: a relative URI against %SRCROOT% (what GitHub expects); elsewhere an absolute file: URI. */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  return isInside(file, cwd) ? { uri: relativeUri(file, cwd), uriBaseId: SRCROOT } : { uri: fileUri(file, cwd) };
}

function region(line: number, column: number): { region?: { startLine: number; startColumn?: number } } {
  if (line < 1) return {};
  return { region: column >= 1 ? { startLine: line, startColumn: column } : { startLine: line } };
}

function fullyQualifiedName(f: Finding): string {
  const r = f.resource;
  const name = [r.apiVersion, r.kind, ...(r.namespace ? [r.namespace] : []), r.name].join('/');
  return isFileLocation(f.location) ? name : `${f.location.cluster}:${name}`;
}

/** Stable across runs and file moves: check, object identity (not apiVersion) and JSON pointer. */
function fingerprint(f: Finding): string {
  const r = f.resource;
  return createHash('sha256')
    .update([f.checkId, r.kind, r.namespace ?? '', r.name, f.path].join('\u0000'))
    .digest('hex');
}

export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function helpText(meta: CheckMeta): string {
  const parts = [meta.rationale, `Remediation: ${meta.remediation}`];
  if (meta.references.length > 0) parts.push(`References:\n${meta.references.map((r) => `- ${referenceText(r)}`).join('\n')}`);
  return parts.join('\n\n');
}

function helpMarkdown(meta: CheckMeta): string {
  const parts = [meta.rationale, `**Remediation:** ${meta.remediation}`];
  if (meta.references.length > 0) parts.push(`**References:**\n\n${meta.references.map((r) => `- ${referenceMarkdown(r)}`).join('\n')}`);
  return parts.join('\n\n');
}

const PSS_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

function referenceText(r: Reference): string {
  const parts: string[] = [];
  if (r.pss) parts.push(`Pod Security Standards: ${r.pss} (${PSS_URL})`);
  if (r.cis) parts.push(`CIS Kubernetes Benchmark ${r.cis}`);
  if (r.nsa) parts.push(`NSA/CISA Kubernetes Hardening Guide, control ${r.nsa}`);
  if (r.url) parts.push(r.url);
  return parts.join('; ');
}

function referenceMarkdown(r: Reference): string {
  const parts: string[] = [];
  if (r.pss) parts.push(`[Pod Security Standards: ${r.pss}](${PSS_URL})`);
  if (r.cis) parts.push(`CIS Kubernetes Benchmark ${r.cis}`);
  if (r.nsa) parts.push(`NSA/CISA Kubernetes Hardening Guide, control ${r.nsa}`);
  if (r.url) parts.push(`<${r.url}>`);
  return parts.join('; ');
}

/** Only for findings whose check is missing from result.checks (the engine never produces them). */
function metaFromFinding(f: Finding): CheckMeta {
  return {
    id: f.checkId,
    category: f.category,
    severity: f.severity,
    kinds: [],
    stage: 'deploy',
    summary: f.checkId,
    rationale: f.remediation,
    remediation: f.remediation,
    references: f.references,
    messages: {},
  };
}
