import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { Facts, NeedsInventoryError } from '../analyzers/facts.js';
import { renderMessage, type AdmissionContext, type Check, type CheckContext, type CheckOptions, type Report } from '../checks/define-check.js';
import type { Inventory } from '../inventory/inventory.js';
import { effectiveKind, expandKinds } from '../kinds/kind-groups.js';
import type { CheckMeta, Finding, InputProblem, ObjectRef } from '../model/types.js';
import type { BulwarkConfig, ExceptionRule } from '../policy/config.js';
import { enforcementOf, severityOf } from '../policy/enforcement.js';
import { anyGlobMatches, pathGlobMatches } from '../policy/glob.js';
import type { DocumentSpan, ParsedObject } from '../sources/parsed-object.js';
import { sourceText } from '../sources/source-text.js';
import { DocumentLocator } from '../sources/document-locator.js';
import { escapePointerSegment } from '../sources/pointer-locator.js';
import { noExpiredException } from '../checks/config/no-expired-exception.js';
import { noUnusedException } from '../checks/config/no-unused-exception.js';
import { requireSuppressionReason } from '../checks/config/require-suppression-reason.js';

export const SUPPRESSION_PREFIX = 'ignore.bulwark.dev/';

export interface EngineOptions {
  config: BulwarkConfig;
  /** Honour `ignore.bulwark.dev/*` annotations (the admission webhook turns this off). */
  annotationSuppressions?: boolean;
  /** Today, for exception expiry and `CheckOptions.today`; injected by tests. Default: the clock. */
  now?: Date;
  /**
   * The inventory holds objects judged without the rest of the cluster (admission): checks that need
   * whole-inventory facts are skipped, unless their meta says they judge an object alone.
   */
  isolated?: boolean;
  /** The admission request (webhook), passed to checks as `ctx.admission`. */
  admission?: AdmissionContext;
}

export interface ScanResult {
  findings: Finding[];
  problems: InputProblem[];
  /** The checks that ran, with severities as configured. */
  checks: CheckMeta[];
  objectCount: number;
  fileCount: number;
}

interface RawFinding {
  meta: CheckMeta;
  source: ParsedObject | undefined;
  report: Report;
  resource: ObjectRef;
  /** Set for findings about the config file itself. */
  configLine?: number;
}

/** select checks → match kinds → run → suppress → severity → locate. Checks see none of this. */
export function runEngine(inventory: Inventory, registry: Check[], options: EngineOptions): ScanResult {
  const { config } = options;
  const setup = setupFor(registry, config);
  const { metas, metaById, knownIds, needsInventory } = setup;
  const facts = new Facts(inventory);
  const isolatedFacts = options.isolated ? new Facts(inventory, true) : facts;
  const raw: RawFinding[] = [];
  // Options may pin `today` (tests, reproducible scans); anything but a YYYY-MM-DD string is ignored.
  const pinned = config.options.today;
  const today = typeof pinned === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : (options.now ?? new Date()).toISOString().slice(0, 10);
  const checkOptions: CheckOptions = { ...config.options, today };
  const problems: InputProblem[] = [...inventory.problems];

  const reasonMeta = metaById.get(requireSuppressionReason.meta.id);
  for (const source of inventory.objects) {
    const obj = source.object;
    const kind = effectiveKind(obj);
    const resource = refOf(source);
    const candidates = candidatesFor(setup, kind, options.isolated === true);
    let meta = metas[0];
    const ctx: CheckContext = { facts, options: checkOptions, admission: options.admission, report: (report) => raw.push({ meta, source, report, resource }) };
    for (const { check, meta: configured } of candidates) {
      // Checks found to need the whole inventory during this run are skipped from then on.
      if (options.isolated && needsInventory.has(check)) continue;
      meta = configured;
      ctx.facts = meta.judgesObjectAlone ? facts : isolatedFacts;
      const before = raw.length;
      try {
        check.check(obj, ctx);
      } catch (err) {
        if (err instanceof NeedsInventoryError) {
          // Judged alone, this check would conclude from what the input lacks; its partial reports go too.
          // A check that reads cluster-wide facts is a cluster-level check: later lone objects skip it unasked.
          raw.length = before;
          needsInventory.add(check);
          continue;
        }
        problems.push({
          level: 'error',
          file: fileOf(source),
          line: 'startLine' in source.source ? source.source.startLine : undefined,
          message: `check ${meta.id} failed on ${obj.kind} "${resource.name}": ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    }
    if (reasonMeta) {
      const annotations = obj.metadata.annotations ?? {};
      // Object.keys, not Object.entries: the same keys in the same order, without a pair per key.
      for (const key of Object.keys(annotations)) {
        const value = annotations[key];
        if (!key.startsWith(SUPPRESSION_PREFIX)) continue;
        const id = key.slice(SUPPRESSION_PREFIX.length);
        const path = `/metadata/annotations/${escapePointerSegment(key)}`;
        if (!knownIds.has(id)) raw.push({ meta: reasonMeta, source, resource, report: { messageId: 'unknownCheck', data: { annotation: key }, path } });
        else if (typeof value !== 'string' || value.trim() === '') {
          raw.push({ meta: reasonMeta, source, resource, report: { messageId: 'emptyReason', data: { annotation: key }, path } });
        }
      }
      // `# bulwark-ignore <check-id> <reason>` comments (Dockerfiles): the same hygiene, at the comment's line.
      for (const s of source.lineSuppressions ?? []) {
        const report = { path: s.path ?? '', line: s.line ?? s.fromLine, data: { checkId: s.checkId } };
        if (!knownIds.has(s.checkId)) raw.push({ meta: reasonMeta, source, resource, report: { ...report, messageId: 'unknownCommentCheck' } });
        else if (s.reason.trim() === '') raw.push({ meta: reasonMeta, source, resource, report: { ...report, messageId: 'emptyCommentReason' } });
      }
    }
  }

  const findings = raw.map((r) => toFinding(r));
  applySuppressions(findings, raw, config, options, metaById);
  locate(findings, raw, inventory, config);
  sortFindings(findings);
  return { findings, problems, checks: metas, objectCount: inventory.objects.length, fileCount: 0 };
}

const MAX_REMEMBERED_KINDS = 512;

/** A check with its meta as configured, looked up once per kind instead of once per object and check. */
interface Candidate {
  check: Check;
  meta: CheckMeta;
}

/** The candidates of one kind; `isolated` leaves out the checks known to need the whole inventory. */
interface KindCandidates {
  all: Candidate[];
  isolated: Candidate[];
  /** needsInventory.size when `isolated` was filtered: the set only grows, so a new size means refilter. */
  isolatedFor: number;
}

interface EngineSetup {
  metas: CheckMeta[];
  metaById: Map<string, CheckMeta>;
  knownIds: Set<string>;
  byKind: Map<string, Check[]>;
  /** Filled as kinds are met: the checks for a kind, wildcard checks included. */
  checksForKind: Map<string, KindCandidates>;
  /** The wildcard checks alone, for objects without an effective kind. */
  kindless?: KindCandidates;
  /** Checks that asked for a whole-inventory fact while an object was judged alone (isolated runs skip them). */
  needsInventory: Set<Check>;
}

/** The checks to run on an object of `kind` (undefined: only the wildcard checks), in registry order. */
function candidatesFor(setup: EngineSetup, kind: string | undefined, isolated: boolean): Candidate[] {
  let entry = kind === undefined ? setup.kindless : setup.checksForKind.get(kind);
  if (!entry) {
    const wildcard = setup.byKind.get('*') ?? [];
    const checks = kind === undefined ? wildcard : [...(setup.byKind.get(kind) ?? []), ...wildcard];
    const all = checks.map((check) => ({ check, meta: setup.metaById.get(check.meta.id) as CheckMeta }));
    entry = { all, isolated: all, isolatedFor: -1 };
    // The set-up outlives the run (the webhook reuses it), and kinds come from input: remember a bounded number.
    if (kind === undefined) setup.kindless = entry;
    else if (setup.checksForKind.size < MAX_REMEMBERED_KINDS) setup.checksForKind.set(kind, entry);
  }
  if (!isolated) return entry.all;
  if (entry.isolatedFor !== setup.needsInventory.size) {
    entry.isolated = entry.all.filter((c) => !setup.needsInventory.has(c.check));
    entry.isolatedFor = setup.needsInventory.size;
  }
  return entry.isolated;
}

/**
 * What depends only on the registry and the config, computed once per pair: the admission webhook runs
 * the engine on one object per request with the same registry and config every time.
 */
const setups = new WeakMap<Check[], WeakMap<BulwarkConfig, EngineSetup>>();

function setupFor(registry: Check[], config: BulwarkConfig): EngineSetup {
  let byConfig = setups.get(registry);
  if (!byConfig) setups.set(registry, (byConfig = new WeakMap()));
  let setup = byConfig.get(config);
  if (!setup) {
    const active = registry.filter((c) => config.checks[c.meta.id]?.enabled ?? true);
    const metas = active.map((c) => configuredMeta(c.meta, config));
    setup = {
      metas,
      metaById: new Map(metas.map((m) => [m.id, m])),
      knownIds: new Set(registry.map((c) => c.meta.id)),
      byKind: indexByKind(active),
      checksForKind: new Map(),
      needsInventory: new Set(),
    };
    byConfig.set(config, setup);
  }
  return setup;
}

/** The meta as configured: severity override and the resolved enforcement. */
function configuredMeta(meta: CheckMeta, config: BulwarkConfig): CheckMeta {
  return { ...meta, severity: severityOf(meta, config), enforcement: enforcementOf(meta, config) };
}

function indexByKind(checks: Check[]): Map<string, Check[]> {
  const map = new Map<string, Check[]>();
  for (const check of checks) {
    for (const kind of expandKinds(check.meta.kinds)) {
      let list = map.get(kind);
      if (!list) map.set(kind, (list = []));
      list.push(check);
    }
  }
  return map;
}

function refOf(source: ParsedObject): ObjectRef {
  const m = source.object.metadata;
  const ref: ObjectRef = { apiVersion: source.object.apiVersion, kind: source.object.kind, name: typeof m.name === 'string' ? m.name : '' };
  if (typeof m.namespace === 'string' && m.namespace !== '') ref.namespace = m.namespace;
  return ref;
}

function fileOf(source: ParsedObject): string {
  return 'file' in source.source ? source.source.file : source.source.cluster;
}

function toFinding(r: RawFinding): Finding {
  // An unknown messageId is a bug the CheckTester catches; at run time the id itself is the message.
  const template = r.meta.messages[r.report.messageId] ?? r.report.messageId;
  return {
    checkId: r.meta.id,
    messageId: r.report.messageId,
    severity: r.meta.severity,
    category: r.meta.category,
    message: renderMessage(template, r.report.data),
    resource: r.resource,
    path: (r.source?.pointerPrefix ?? '') + r.report.path,
    location: { file: '', line: 0, column: 0 },
    remediation: r.report.remediation ?? r.meta.remediation,
    references: r.report.references ?? r.meta.references,
    enforcement: r.meta.enforcement ?? 'fail-build',
  };
}

function applySuppressions(
  findings: Finding[],
  raw: RawFinding[],
  config: BulwarkConfig,
  options: EngineOptions,
  metaById: Map<string, CheckMeta>,
): void {
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  // Per-request allocations matter to the webhook, which runs this with no exceptions and no annotation
  // or comment suppressions: the empty list is not copied, and what is off is not looked up.
  const live = config.exceptions.length === 0 ? config.exceptions : config.exceptions.filter((e) => !e.expires || e.expires >= today);
  const used = new Set<ExceptionRule>();
  const bySource = options.annotationSuppressions !== false;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (bySource) {
      const reason = raw[i].source?.object.metadata.annotations?.[SUPPRESSION_PREFIX + f.checkId];
      if (typeof reason === 'string' && reason.trim() !== '') {
        f.suppressed = { by: 'annotation', reason: reason.trim() };
        continue;
      }
      const line = raw[i].report.line;
      const inline =
        line === undefined ? undefined : raw[i].source?.lineSuppressions?.find((s) => s.checkId === f.checkId && s.reason.trim() !== '' && s.fromLine <= line && line <= s.toLine);
      if (inline) {
        f.suppressed = { by: 'inline', reason: inline.reason };
        continue;
      }
    }
    if (live.length === 0) continue;
    const src = raw[i].source?.source;
    const file = src && 'file' in src ? src.file : undefined;
    const rule = live.find((e) => exceptionMatches(e, f, file, config.file));
    if (rule) {
      used.add(rule);
      f.suppressed = { by: 'config', reason: rule.reason };
    }
  }
  // Built on the first finding about an exception: most configs (and every webhook request) have none.
  let configRef: ObjectRef | undefined;
  const add = (meta: CheckMeta | undefined, messageId: string, e: ExceptionRule): void => {
    if (!meta) return;
    configRef ??= { apiVersion: 'bulwark.dev/v1', kind: 'BulwarkConfig', name: basename(config.file ?? '.bulwark.yaml') };
    const r: RawFinding = { meta, source: undefined, resource: configRef, configLine: e.line, report: { messageId, path: `/exceptions/${e.index}`, data: { index: e.index + 1, reason: e.reason, expires: e.expires ?? '' } } };
    raw.push(r);
    findings.push(toFinding(r));
  };
  for (const e of config.exceptions) {
    if (e.expires && e.expires < today) add(metaById.get(noExpiredException.meta.id), 'expired', e);
    else if (!used.has(e)) add(metaById.get(noUnusedException.meta.id), 'unused', e);
  }
}

function exceptionMatches(e: ExceptionRule, f: Finding, file: string | undefined, configFile: string | undefined): boolean {
  return (
    anyGlobMatches(e.checks, f.checkId) &&
    anyGlobMatches(e.namespaces, f.resource.namespace ?? '') &&
    anyGlobMatches(e.kinds, f.resource.kind) &&
    anyGlobMatches(e.names, f.resource.name) &&
    (e.paths === undefined || (file !== undefined && e.paths.some((p) => pathMatches(p, file, configFile))))
  );
}

/** A `paths:` glob matches the file as given, or the file relative to the config file's directory. */
function pathMatches(pattern: string, file: string, configFile: string | undefined): boolean {
  if (pathGlobMatches(pattern, file)) return true;
  if (!configFile || file.startsWith('<')) return false;
  const rel = relative(dirname(resolve(configFile)), resolve(file));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && pathGlobMatches(pattern, rel);
}

/**
 * Pointer → line/column, re-parsing only the documents that have findings, one document at a time so
 * that only one file's text and one document's positions are alive at once.
 */
function locate(findings: Finding[], raw: RawFinding[], inventory: Inventory, config: BulwarkConfig): void {
  const inFiles: number[] = [];
  findings.forEach((f, i) => {
    const r = raw[i];
    if (r.configLine !== undefined) f.location = { file: config.file ?? '.bulwark.yaml', line: r.configLine, column: 1 };
    else if (r.source && 'cluster' in r.source.source) f.location = { cluster: r.source.source.cluster, uid: r.source.source.uid };
    else if (r.source && r.report.line !== undefined) f.location = { file: (r.source.source as { file: string }).file, line: r.report.line, column: r.report.column ?? 1 };
    else if (r.source) inFiles.push(i);
  });
  const fileOf = (i: number): string => ('file' in (raw[i].source as ParsedObject).source ? ((raw[i].source as ParsedObject).source as { file: string }).file : '');
  const offsetOf = (i: number): number => raw[i].source?.span?.offset ?? 0;
  if (inFiles.length > 1) inFiles.sort((a, b) => (fileOf(a) === fileOf(b) ? offsetOf(a) - offsetOf(b) : fileOf(a) < fileOf(b) ? -1 : 1));

  let currentFile: string | undefined;
  let text: string | undefined;
  let currentSpan: DocumentSpan | undefined;
  let locator: DocumentLocator | undefined;
  for (const i of inFiles) {
    const src = raw[i].source as ParsedObject;
    const { file, startLine } = src.source as { file: string; startLine: number };
    if (file !== currentFile) {
      currentFile = file;
      text = sourceText(file, inventory.virtualFiles);
      currentSpan = undefined;
    }
    const span = src.span;
    if (!span || text === undefined) {
      findings[i].location = { file, line: startLine, column: 1 };
      continue;
    }
    if (span !== currentSpan) {
      currentSpan = span;
      locator = new DocumentLocator(text.slice(span.offset, span.end), span.firstLine);
    }
    findings[i].location = { file, ...(locator as DocumentLocator).locate(findings[i].path) };
  }
}

/**
 * findings.sort(compareFindings). Array.prototype.sort allocates its scratch state even for two
 * elements, and an admission request has a handful of findings: those are sorted in place by insertion,
 * which is stable like the built-in sort, so the order is the same.
 */
function sortFindings(findings: Finding[]): void {
  if (findings.length > SMALL_SORT) {
    findings.sort(compareFindings);
    return;
  }
  for (let i = 1; i < findings.length; i++) {
    const f = findings[i];
    let j = i - 1;
    for (; j >= 0 && compareFindings(findings[j], f) > 0; j--) findings[j + 1] = findings[j];
    findings[j + 1] = f;
  }
}

const SMALL_SORT = 16;

function compareFindings(a: Finding, b: Finding): number {
  const fa = 'file' in a.location ? a.location.file : '';
  const fb = 'file' in b.location ? b.location.file : '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = 'line' in a.location ? a.location.line : 0;
  const lb = 'line' in b.location ? b.location.line : 0;
  if (la !== lb) return la - lb;
  return a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0;
}
