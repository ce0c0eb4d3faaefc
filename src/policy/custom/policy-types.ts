import type { Enforcement, JsonValue, Severity, Stage } from '../../model/types.js';

/** A Kubernetes LabelSelector, as written (matchLabels and matchExpressions). */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** Which objects a policy judges; every listed condition must hold. */
export interface PolicyMatch {
  /** Kinds or kind groups (Workload, Pod, Deployment, Service, …; see kinds/kind-groups.ts). */
  kinds: string[];
  /** Namespace names or globs; unset: every namespace (and cluster-scoped objects). */
  namespaces?: string[];
  excludeNamespaces?: string[];
  /** Object names or globs. */
  names?: string[];
  excludeNames?: string[];
  /** On the object's own labels. */
  labelSelector?: LabelSelectorSpec;
  /** On the labels of the object's Namespace (needs the Namespace: in the input, or the webhook's cache). */
  namespaceSelector?: LabelSelectorSpec;
  /** Admission operations the policy applies to (default CREATE and UPDATE); a scan is a CREATE. */
  operations: AdmissionOperation[];
}

/** A named CEL expression with the line it starts on in its file (for error messages). */
export interface NamedExpression {
  name: string;
  expression: string;
  line: number;
}

export interface PolicyValidation {
  expression: string;
  /** Static message; default "failed expression: <expression>" (as Kubernetes). */
  message?: string;
  /** CEL expression producing the message; falls back to `message` when it errors or is empty. */
  messageExpression?: string;
  /** Kubernetes status reason for a denial. */
  reason: 'Forbidden' | 'Invalid' | 'RequestEntityTooLarge';
  line: number;
}

/** A custom policy as written by users (`kind: BulwarkPolicy`). */
export interface CustomPolicy {
  /** metadata.name: the check id of its findings (kebab-case, must not clash with a built-in check). */
  id: string;
  title: string;
  description?: string;
  severity: Severity;
  stage: Stage;
  enforcement: Enforcement;
  /** What an expression that fails to evaluate does: Fail reports a finding (as Kubernetes denies), Ignore skips. */
  failurePolicy: 'Fail' | 'Ignore';
  remediation?: string;
  match: PolicyMatch;
  /** VAP matchConditions: all must be true for the policy to apply. */
  matchConditions: NamedExpression[];
  variables: NamedExpression[];
  validations: PolicyValidation[];
  /** Inline parameters, visible to expressions as `params` (VAP's paramRef object). */
  params?: JsonValue;
  /** Where it was defined. */
  file: string;
  line: number;
}
