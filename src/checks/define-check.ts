import type { Facts } from '../analyzers/facts.js';
import type { CheckMeta, K8sObject, Reference } from '../model/types.js';

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

export function renderMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => (key in data ? String(data[key]) : `{{${key}}}`));
}
