import type { Facts } from '../analyzers/facts.js';
import type { CheckMeta, K8sObject } from '../model/types.js';

/** Options from `.bulwark.yaml` `options:` that checks may read (never suppression or severity). */
export interface CheckOptions {
  /** Registries (host, or host/path prefix ending in '/') images may come from; unset disables the check. */
  trustedRegistries?: string[];
  [key: string]: unknown;
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  /** JSON pointer inside the object, e.g. /spec/template/spec/containers/0/securityContext/privileged */
  path: string;
}

export interface CheckContext {
  report(report: Report): void;
  facts: Facts;
  options: Readonly<CheckOptions>;
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
