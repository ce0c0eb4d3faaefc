import type { Facts } from '../analyzers/facts.js';
import type { CheckMeta, K8sObject, Reference } from '../model/types.js';
import { boundedMemo } from '../model/bounded-memo.js';

/** Options from `.bulwark.yaml` `options:` that checks may read (never suppression or severity). */
export interface CheckOptions {
  /** Registries (host, or host/path prefix ending in '/') images may come from; unset disables the check. */
  trustedRegistries?: string[];
  /** Today as an ISO date (YYYY-MM-DD); the engine fills it from its clock unless the options set it. */
  today?: string;
  [key: string]: unknown;
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  /** JSON pointer inside the object, e.g. /spec/template/spec/containers/0/securityContext/privileged */
  path: string;
  /** Overrides the check's meta references for this finding (e.g. the one CIS id that failed). */
  references?: Reference[];
  /** Overrides the check's meta remediation for this finding. */
  remediation?: string;
  /**
   * The 1-based line (and column) in the object's source file, for objects that are not YAML documents
   * (a Dockerfile, a process listing): used instead of locating `path`.
   */
  line?: number;
  column?: number;
}

/** The admission request an object arrived in (webhook), or a synthetic CREATE (scan). */
export interface AdmissionContext {
  /** AdmissionReview v1 `request`, without `object`/`oldObject` (those are separate). */
  request: Record<string, unknown>;
  oldObject: K8sObject | null;
  /** The object's Namespace, when known (webhook namespace cache, or a Namespace in the scanned input). */
  namespaceObject: K8sObject | null;
}

export interface CheckContext {
  report(report: Report): void;
  facts: Facts;
  options: Readonly<CheckOptions>;
  /** Set by the admission webhook; custom policies read request/oldObject from it. */
  admission?: AdmissionContext;
}

export interface Check {
  meta: CheckMeta;
  check(obj: K8sObject, ctx: CheckContext): void;
}

/** Identity, for type inference and so every check file reads the same. */
export function defineCheck(check: Check): Check {
  return check;
}

/** `{{ name }}` placeholders of message templates. */
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * A template split at its placeholders: literal texts at even indexes, data keys at odd ones (so the
 * array always has an odd length and ends with a literal). Splitting is done once per template text,
 * not once per finding: the same few hundred templates are rendered for every finding of every scan
 * and every admission request.
 */
type CompiledTemplate = readonly string[];

/** Compiled by template text; bounded because custom policies may build templates from input. */
const compileTemplate = boundedMemo((template: string): CompiledTemplate => {
  const parts: string[] = [];
  let last = 0;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(template); m; m = PLACEHOLDER.exec(template)) {
    parts.push(template.slice(last, m.index), m[1]);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return parts;
});

/** `{{key}}` is replaced by `String(data[key])`; a key the data lacks stays as `{{key}}` (spaces dropped). */
export function renderMessage(template: string, data: Record<string, string | number> = {}): string {
  const parts = compileTemplate(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i];
    // `in`, not own-property: the same test as ever, so rendered texts stay byte-identical.
    out += (key in data ? String(data[key]) : `{{${key}}}`) + parts[i + 1];
  }
  return out;
}
