/** Types shared by every layer. This module imports nothing. */

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Stage = 'build' | 'deploy' | 'runtime';

/**
 * What a finding may stop: `inform` only reports; `fail-build` also counts for the exit code of `scan`
 * (at or above --fail-on); `deny` also makes the admission webhook reject the object (at or above its
 * threshold).
 */
export const ENFORCEMENTS = ['inform', 'fail-build', 'deny'] as const;
export type Enforcement = (typeof ENFORCEMENTS)[number];

export function isEnforcement(value: unknown): value is Enforcement {
  return typeof value === 'string' && (ENFORCEMENTS as readonly string[]).includes(value);
}
export type Category = 'workload' | 'secrets' | 'network' | 'rbac' | 'control-plane' | 'dockerfile' | 'config' | 'policy';

/** A JSON value as parsed from YAML/JSON manifests. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Where an object came from. Files carry the document index and its first line (1-based). */
export type ObjectSource =
  | { file: string; docIndex: number; startLine: number }
  | { cluster: string; uid: string };

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** A parsed object plus its provenance. `pointerPrefix` is set when the object was an item of a `List`. */
export interface SourcedObject {
  object: K8sObject;
  source: ObjectSource;
  /** JSON pointer of the object inside its document ('' for a top-level document). */
  pointerPrefix: string;
}

export type SourceLocation = { file: string; line: number; column: number } | { cluster: string; uid: string };

/** Input that could not be read as Kubernetes objects: the rest of the input is still scanned. */
export interface InputProblem {
  level: 'error' | 'notice';
  file: string;
  line?: number;
  message: string;
}

export interface Reference {
  pss?: 'baseline' | 'restricted';
  cis?: string;
  nsa?: string;
  url?: string;
}

export interface CheckMeta {
  id: string;
  category: Category;
  severity: Severity;
  /** Kinds or kind groups (see kinds/kind-groups.ts) this check applies to. */
  kinds: string[];
  stage: Stage;
  summary: string;
  rationale: string;
  remediation: string;
  references: Reference[];
  messages: Record<string, string>;
  /** Default enforcement; unset means the engine's default for built-in checks (see policy/enforcement.ts). */
  enforcement?: Enforcement;
  /**
   * The check reads whole-inventory facts, yet its verdict on an object stays true when that object is
   * judged alone (admission): e.g. a binding to the bootstrap cluster-admin role.
   */
  judgesObjectAlone?: boolean;
}

export interface Suppression {
  by: 'annotation' | 'config' | 'inline';
  reason: string;
}

export interface Finding {
  checkId: string;
  /** Which of the check's messages this is; stable, unlike the rendered text. */
  messageId: string;
  severity: Severity;
  category: Category;
  message: string;
  resource: ObjectRef;
  path: string;
  location: SourceLocation;
  remediation: string;
  references: Reference[];
  enforcement: Enforcement;
  suppressed?: Suppression;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
