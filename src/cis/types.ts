/**
 * Contract of the CIS benchmark evaluator (issue 5, spec §3.4). Types only: the functions named in the spec live in
 * their modules (semantics/compare-op.ts, semantics/evaluate-tests.ts, semantics/text-source.ts, run-benchmark.ts)
 * and are re-exported from src/cis/index.ts.
 */
import type { InputProblem, Severity } from '../model/types.js';
import type { ParsedObject } from '../sources/parsed-object.js';
import type { Component, KubeVersion } from '../analyzers/control-plane/types.js';

export type { Component, KubeVersion };

export const COMPARE_OPS = ['eq', 'noteq', 'gt', 'gte', 'lt', 'lte', 'has', 'nothave', 'regex', 'valid_elements', 'bitmask'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** One kube-bench test item. `set` is always explicit in our data (kube-bench defaults it to true). */
export interface TestItem {
  flag?: string;
  path?: string;
  env?: string;
  set: boolean;
  compare?: { op: CompareOp; value: string };
}
export interface Tests {
  binOp: 'and' | 'or';
  items: TestItem[];
}

export type NodeType = 'master' | 'etcd' | 'controlplane' | 'node' | 'policies';
export const NODE_TYPES: readonly NodeType[] = ['master', 'etcd', 'controlplane', 'node', 'policies'];
/** The node types evaluated by default (every one but 'policies'), in benchmark order. */
export const DEFAULT_NODE_TYPES: readonly NodeType[] = ['master', 'etcd', 'controlplane', 'node'];

/** What a control is evaluated against: a component's instances, file stat data, or nothing (pure manual). */
export type Target = Component | 'files' | 'none';

export type FileTarget =
  | 'apiserver-manifest'
  | 'controller-manager-manifest'
  | 'scheduler-manifest'
  | 'etcd-manifest'
  | 'cni-files'
  | 'etcd-data-dir'
  | 'admin-kubeconfigs'
  | 'scheduler-kubeconfig'
  | 'controller-manager-kubeconfig'
  | 'pki-all'
  | 'pki-crt'
  | 'pki-key'
  | 'kubelet-service'
  | 'proxy-kubeconfig'
  | 'kubelet-kubeconfig'
  | 'kubelet-client-ca'
  | 'kubelet-config';

/** How kube-bench's audit output for a file check is synthesized from FileFacts. */
export interface FileProbe {
  target: FileTarget;
  /**
   * 'permissions' → `permissions=600`; 'ownership' → `root:root`;
   * '-named' forms append the path: `permissions=600 /path`, `ownership=root:root /path`.
   */
  render: 'permissions' | 'ownership' | 'permissions-named' | 'ownership-named';
  /** Output when no candidate file exists: '' (kube-bench's stat prints nothing) or the literal `File not found`. */
  missing: 'empty' | 'File not found';
}

export type HintSource = 'encryption-providers' | 'audit-policy' | 'etcd-ca' | 'bootstrap-token';

export interface CisControl {
  id: string;
  /** Group id, e.g. '1.2'. */
  group: string;
  /** Full CIS title as kube-bench prints it, with the " (Automated)" / " (Manual)" suffix. */
  title: string;
  nodeType: NodeType;
  automated: boolean;
  target: Target;
  tests?: Tests;
  /** kube-bench `use_multiple_values`: evaluate every line of the audit output. */
  multiple?: boolean;
  /** kube-bench `audit_config` present: path items are looked up in the component's config file. */
  hasConfig?: boolean;
  file?: FileProbe;
  /** kube-bench `type: manual`: no tests at all. */
  manualType?: boolean;
  hint?: HintSource;
  /** Human form of what passes: '--profiling=false', 'permissions 600 or stricter'. */
  expected: string;
  /** Kubernetes default printed in `found` when the setting is absent (never used for the verdict). */
  defaultValue?: string;
  /** Our own words; ends with a period. */
  remediation: string;
  severity: Severity;
  /** Where kube-bench's test differs from the CIS text or from Kubernetes' real default. */
  note?: string;
  /** Bulwark check ids that cover the recommendation (section 5). */
  related?: string[];
}

export interface CisGroup {
  id: string;
  title: string;
  nodeType: NodeType;
}

export type CisStatus = 'PASS' | 'FAIL' | 'WARN' | 'MANUAL' | 'INFO';
export const CIS_STATUSES: readonly CisStatus[] = ['PASS', 'FAIL', 'WARN', 'MANUAL', 'INFO'];

/** Result of looking one test item up in one source. `error` makes the item fail whatever `set` says. */
export interface Lookup {
  found: boolean;
  value: string;
  via: 'flag' | 'config' | 'env';
  name: string;
  /** JSON pointer of the token(s) the value came from, when known. */
  pointer?: string;
  error?: string;
}

/** Implemented by semantics/text-source.ts (kube-bench text semantics) and instance-source.ts (parsed inputs). */
export interface ValueSource {
  flag(name: string, hasCompare: boolean): Lookup;
  /** Only called when the control has a config (`hasConfig`). */
  path(expr: string): Lookup;
  env(name: string): Lookup;
}

export interface TestOutcome {
  pass: boolean;
  /** kube-bench's expected-result text ("'--profiling' is equal to 'false'"). */
  expectedResult: string;
  /** The lookups that decided each evaluated item (last source consulted), in item order. */
  lookups: Lookup[];
  error?: string;
}

export interface FileFact {
  path: string;
  exists: boolean;
  /** Permission bits (e.g. 0o644); setuid/setgid/sticky bits included when known. */
  mode?: number;
  owner?: string;
  group?: string;
  isDir?: boolean;
}

export type CisLocation = { file: string; line?: number } | { pid: number } | { path: string };

export interface CisInstanceResult {
  /** Instance label ('kube-apiserver (manifests/kube-apiserver.yaml:14)') or the file path(s) for file checks; for display only. */
  instance: string;
  /** The component of a component instance (undefined for file checks): read this, not the label. */
  component?: Component;
  /** The instance's ComponentInstance.argvPointer, where a missing flag would go (undefined for file checks). */
  argvPointer?: string;
  status: CisStatus;
  found: string;
  expectedResult: string;
  anchor?: ParsedObject;
  pointer?: string;
  location?: CisLocation;
}

export type CisHint = 'likely-pass' | 'likely-fail' | 'unknown';

/** The state kube-bench itself would print for this control on the same inputs ('--kube-bench-states'). */
export type KubeBenchState = 'PASS' | 'FAIL' | 'WARN' | 'INFO';

export interface CisResult {
  control: CisControl;
  status: CisStatus;
  found: string;
  expected: string;
  hint?: CisHint;
  reason?: string;
  /** What kube-bench would print: manual → WARN, unscored with tests → PASS/WARN, no input → INFO. */
  kubeBenchState: KubeBenchState;
  instances: CisInstanceResult[];
}

export interface VersionNote {
  kind: 'removed-flag' | 'removed-plugin' | 'eol' | 'benchmark-range';
  message: string;
  instance?: string;
}

export interface CisReport {
  benchmark: 'cis-1.12';
  version?: KubeVersion;
  /** Groups of the selected results, in benchmark order (for section headers). */
  groups: CisGroup[];
  results: CisResult[];
  notes: VersionNote[];
  totals: Record<CisStatus, number>;
  totalsByNodeType: Record<NodeType, Record<CisStatus, number>>;
  problems: InputProblem[];
}

export interface RunBenchmarkOptions {
  /** Stat data from --node / --file-stats; undefined → file checks are INFO. */
  files?: FileFact[];
  /** Node types to evaluate; default: all except 'policies'. */
  targets?: NodeType[];
  /** Control or group ids to keep ('1.2.15', '1.2'). */
  only?: string[];
  /** Control or group ids to drop. */
  skip?: string[];
  /** ISO date used for end-of-life notes (default: the current date). */
  today?: string;
}
