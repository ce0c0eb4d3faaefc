/**
 * Contract of the control-plane fact (build spec §3.4): component instances with parsed flags and provenance,
 * the config documents they use, and the cluster version. Types only (plus the analyzer's public signatures).
 */
import type { InputProblem, K8sObject } from '../../model/types.js';
import type { ParsedObject } from '../../sources/parsed-object.js';
import type { CisReport } from '../../cis/types.js';

export const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet', 'kube-proxy'] as const;
export type Component = (typeof COMPONENTS)[number];

export function isComponent(value: unknown): value is Component {
  return typeof value === 'string' && (COMPONENTS as readonly string[]).includes(value);
}

/** One flag's effective value after all its occurrences were applied. */
export interface FlagValue {
  /** Normalised name with two dashes: '--audit-log-maxage'. */
  name: string;
  /** Effective value in kube-bench rendering: '30', 'true' for bare booleans, list flags joined with ','. */
  value: string;
  /** Every argv token used (flag token and, for `--f v`, the value token), in order. */
  occurrences: { raw: string; index: number; pointer: string }[];
}

export interface ParsedArgs {
  binary: string;
  get(name: string): FlagValue | undefined;
  has(name: string): boolean;
  /** Flag names in first-seen order. */
  names(): string[];
  /** Stray arguments, e.g. 'false' in `--profiling false` (profiling is boolean, so it stays true). */
  positional: { value: string; pointer: string }[];
  /** argv.join(' ') — for kube-bench text lookups of names that are not flags. */
  text: string;
}

export type ConfigKind =
  | 'KubeletConfiguration'
  | 'KubeProxyConfiguration'
  | 'EncryptionConfiguration'
  | 'Policy'
  | 'ClusterConfiguration'
  | 'AuthorizationConfiguration';

export interface ConfigDoc {
  kind: ConfigKind;
  /** Parsed document (embedded YAML already parsed for ConfigMaps). */
  data: Record<string, unknown>;
  /** Object findings are reported on (the document itself, or the ConfigMap that embeds it). */
  anchor: ParsedObject;
  /** '' for a document of its own, '/data/kubelet' (etc.) when embedded in a ConfigMap. */
  pointerPrefix: string;
  /** File the document came from ('' for cluster objects). */
  file: string;
}

export interface KubeVersion {
  major: number;
  minor: number;
  patch?: number;
  /** The text the version was read from: 'v1.30.2', 'stable-1.30'. */
  raw: string;
  /** Human description of where it came from: 'image registry.k8s.io/kube-apiserver:v1.30.2'. */
  evidence: string;
}

export type InstanceLocation = { file: string; line?: number } | { pid: number };

export interface ComponentInstance {
  component: Component;
  /** 'kube-apiserver (manifests/kube-apiserver.yaml:14)' / 'kubelet (pid 812)'. */
  label: string;
  args: ParsedArgs;
  env: Map<string, { value: string; pointer: string }>;
  /** Pod / workload / ComponentProcess / ConfigDoc.anchor; undefined for --node processes. */
  anchor?: ParsedObject;
  /** Where a missing flag would go: '/spec/containers/0/command', '/spec/argv'. */
  argvPointer: string;
  location?: InstanceLocation;
  image?: string;
  /** From the image tag, when there is one. */
  version?: KubeVersion;
  /** kubelet / kube-proxy config file, paired per §3.2. */
  config?: ConfigDoc;
}

export interface ControlPlaneFacts {
  instances: ComponentInstance[];
  of(c: Component): ComponentInstance[];
  forAnchor(obj: K8sObject): ComponentInstance[];
  /** The instances whose paired config document (ComponentInstance.config) is anchored on `obj`. */
  forConfigAnchor(obj: K8sObject): ComponentInstance[];
  docs(kind: ConfigKind): ConfigDoc[];
  pairedDoc(apiserver: ComponentInstance, kind: 'EncryptionConfiguration' | 'Policy' | 'AuthorizationConfiguration'): ConfigDoc | undefined;
  nodes: ParsedObject[];
  /** Cluster (control-plane) version, §5. */
  version?: KubeVersion;
  versionEvidence: KubeVersion[];
  /** Memoised runBenchmark(this, {}) — file checks INFO — for `bulwark scan`. */
  cis(): CisReport;
  /** Problems met while building the fact (embedded config YAML that does not parse, a bad --k8s-version). */
  problems?: InputProblem[];
}

export interface ControlPlaneExtra {
  /** `--k8s-version` override ('1.30', 'v1.30.2'). */
  versionOverride?: string;
  /** Instances found outside the inventory (`--node` processes). */
  instances?: ComponentInstance[];
  /** Extra version evidence (`kubelet --version`, static pod images under --node). */
  versionEvidence?: KubeVersion[];
  /** `gitVersion` of a live API server's /version, when a cluster source read it. */
  serverVersion?: string;
}
