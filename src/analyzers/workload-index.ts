import type { Inventory } from '../inventory/inventory.js';
import { namespaceKey } from '../inventory/inventory.js';
import { isEmptySelector, labelsKey, selectorMatches, type LabelSelector, type LabelSelectorRequirement, type Labels } from '../inventory/label-selector.js';
import { apiGroupOf, isWorkload } from '../kinds/kind-groups.js';
import { isRecord, podTemplate } from '../kinds/workloads.js';
import type { K8sObject } from '../model/types.js';
import { defineAnalyzer } from './facts.js';
import { normalizePolicy } from './network/policies.js';
import { PodLabelIndex } from './pod-label-index.js';

/**
 * Per-namespace index of workload pod labels and NetworkPolicy pod selectors, so that "does any
 * workload match this Service selector?" and "is this workload selected by a NetworkPolicy?" cost
 * about O(1) per object instead of a scan of the whole inventory.
 *
 * Namespaces are compared by `namespaceKey`: an object without a namespace only meets other objects
 * without one (both land wherever kubectl targets), never an explicit "default".
 */
export class WorkloadIndex {
  private readonly namespaces = new Map<string, NamespaceEntry>();
  private readonly pods = new PodLabelIndex(namespaceKey);

  /** Registers one pod label set of the workload, in its namespace (by namespaceKey). */
  addWorkload(obj: K8sObject, labels: Labels): void {
    this.pods.add(obj, labels);
  }

  addWorkloadLabels(nsKey: string, labels: Labels): void {
    this.pods.addTo(nsKey, labels);
  }

  /** Registers a custom resource's name: operators label the pods they create with their owner's name. */
  addCustomResourceName(nsKey: string, name: string): void {
    this.entry(nsKey).customResourceNames.add(name);
  }

  /** True when a custom resource of the namespace is named like one of these label values. */
  hasCustomResourceNamed(nsKey: string, values: string[]): boolean {
    const names = this.namespaces.get(nsKey)?.customResourceNames;
    return names !== undefined && values.some((v) => names.has(v));
  }

  /** Registers a NetworkPolicy; `selector` undefined means it isolates no pod for ingress (malformed, or Egress-only). */
  addNetworkPolicy(nsKey: string, selector: LabelSelector | undefined): void {
    const entry = this.entry(nsKey);
    entry.policyCount++;
    if (!selector) return;
    if (isEmptySelector(selector)) entry.policySelectsAll = true;
    else entry.policySelectors.push(selector);
  }

  /** How many NetworkPolicy objects the input has in the namespace. */
  networkPolicyCount(nsKey: string): number {
    return this.namespaces.get(nsKey)?.policyCount ?? 0;
  }

  /** True when at least one NetworkPolicy of the namespace isolates pods with these labels for ingress. */
  isSelectedByNetworkPolicy(nsKey: string, labels: Labels): boolean {
    const entry = this.namespaces.get(nsKey);
    if (!entry || entry.policyCount === 0) return false;
    if (entry.policySelectsAll) return true;
    const memoKey = labelsKey(labels);
    let result = entry.policyMemo.get(memoKey);
    if (result === undefined) {
      result = entry.policySelectors.some((s) => selectorMatches(s, labels));
      entry.policyMemo.set(memoKey, result);
    }
    return result;
  }

  /**
   * True when the pod labels of at least one workload of the namespace satisfy the map selector (a
   * Service's spec.selector). An empty selector matches any workload.
   */
  anyWorkloadMatches(nsKey: string, selector: Labels): boolean {
    return this.pods.anyMatches(nsKey, { matchLabels: selector });
  }

  private entry(nsKey: string): NamespaceEntry {
    let entry = this.namespaces.get(nsKey);
    if (!entry) {
      entry = {
        policyCount: 0,
        policySelectsAll: false,
        policySelectors: [],
        policyMemo: new Map(),
        customResourceNames: new Set(),
      };
      this.namespaces.set(nsKey, entry);
    }
    return entry;
  }
}

interface NamespaceEntry {
  policyCount: number;
  /** Some policy has an empty podSelector (or none): every pod of the namespace is selected. */
  policySelectsAll: boolean;
  policySelectors: LabelSelector[];
  policyMemo: Map<string, boolean>;
  customResourceNames: Set<string>;
}

export const workloadIndex = defineAnalyzer('workload-index', (inventory: Inventory): WorkloadIndex => {
  const index = new WorkloadIndex();
  for (const { object } of inventory.workloads()) {
    const labels = workloadPodLabels(object);
    if (labels) for (const podLabels of perPodLabels(object, withControllerLabels(object, labels))) index.addWorkload(object, podLabels);
  }
  for (const { object } of inventory.objects) {
    if (isCustomResource(object) && typeof object.metadata.name === 'string') {
      index.addCustomResourceName(namespaceKey(object), object.metadata.name);
    }
  }
  for (const { object } of inventory.ofKind('NetworkPolicy')) {
    // normalizePolicy holds the one policyTypes defaulting rule: `ingress` is present exactly when the policy
    // isolates the pods it selects for ingress. Keys stay namespaceKey ('' for unset), not the policy's namespace.
    const p = normalizePolicy(object);
    index.addNetworkPolicy(namespaceKey(object), p.ingress ? p.podSelector : undefined);
  }
  return index;
});

/**
 * The labels a workload's pods carry. Uses the pod template; a template that has labels but no pod
 * spec (a partial manifest, e.g. a kustomize patch) still counts, so Services pointing at it are not
 * reported as dangling.
 */
export function workloadPodLabels(obj: K8sObject): Labels | undefined {
  const t = podTemplate(obj);
  if (t) return t.labels;
  if (!isWorkload(obj)) return undefined;
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  let template: unknown;
  if (obj.kind === 'Pod') template = obj;
  else if (obj.kind === 'CronJob') {
    const jobTemplate = spec && isRecord(spec.jobTemplate) ? spec.jobTemplate : undefined;
    template = jobTemplate && isRecord(jobTemplate.spec) ? jobTemplate.spec.template : undefined;
  } else template = spec?.template;
  if (!isRecord(template) || !isRecord(template.metadata) || !isRecord(template.metadata.labels)) return undefined;
  return toLabels(template.metadata.labels);
}

/** StatefulSet pods beyond this ordinal are not indexed one by one; Services rarely target them. */
const MAX_INDEXED_ORDINALS = 64;

/** The labels a controller adds to every pod of the workload: the Job controller's `job-name`. */
export function withControllerLabels(obj: K8sObject, labels: Labels): Labels {
  const name = typeof obj.metadata.name === 'string' ? obj.metadata.name : '';
  if (obj.kind === 'Job' && name) return { ...labels, 'job-name': name, 'batch.kubernetes.io/job-name': name };
  return labels;
}

/**
 * The label sets of a workload's pods, given the labels all of them carry: the StatefulSet controller adds
 * per-pod `statefulset.kubernetes.io/pod-name` and pod index (headless per-pod Services select on them).
 */
function perPodLabels(obj: K8sObject, labels: Labels): Labels[] {
  const name = typeof obj.metadata.name === 'string' ? obj.metadata.name : '';
  if (obj.kind === 'StatefulSet' && name) {
    const spec = isRecord(obj.spec) ? obj.spec : {};
    const replicas = typeof spec.replicas === 'number' && spec.replicas >= 0 ? spec.replicas : 1;
    const out: Labels[] = [labels];
    for (let i = 0; i < Math.min(replicas, MAX_INDEXED_ORDINALS); i++) {
      out.push({ ...labels, 'statefulset.kubernetes.io/pod-name': `${name}-${i}`, 'apps.kubernetes.io/pod-index': String(i) });
    }
    return out;
  }
  return [labels];
}

/** A label map from untrusted input: null values dropped, scalars stringified. */
export function toLabels(value: unknown): Labels {
  const out: Labels = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined && typeof v !== 'object') out[k] = String(v);
  return out;
}

/**
 * Served by a CRD, hence usually reconciled by an operator: built-in API groups are dotless (apps, batch,
 * policy…) or end in `.k8s.io`; anything else, including `x-k8s.io` SIG projects such as JobSet and
 * LeaderWorkerSet, is a custom resource.
 */
export function isCustomResource(obj: K8sObject): boolean {
  if (typeof obj.apiVersion !== 'string') return false;
  const group = apiGroupOf(obj.apiVersion);
  return group.includes('.') && !group.endsWith('.k8s.io');
}

const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * A metav1.LabelSelector from untrusted input, validated as the API server does: the selector, or why it
 * is rejected (not a map, matchLabels not a map or with a non-scalar value, matchExpressions not a list, a
 * requirement without key, an unknown operator, In/NotIn without values, Exists/DoesNotExist with values).
 * Missing (null/undefined) is {}. `field` names the selector in reasons (`spec.podSelector`).
 */
export function parseLabelSelector(value: unknown, field: string): { selector: LabelSelector } | { reason: string } {
  if (value === undefined || value === null) return { selector: {} };
  if (!isRecord(value)) return { reason: `${field} is not a map` };
  const selector: LabelSelector = {};
  const { matchLabels, matchExpressions } = value;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) return { reason: `${field}.matchLabels is not a map` };
    for (const [k, v] of Object.entries(matchLabels)) if (v !== null && typeof v === 'object') return { reason: `${field}.matchLabels "${k}" is not a string` };
    selector.matchLabels = toLabels(matchLabels);
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return { reason: `${field}.matchExpressions is not a list` };
    const requirements: LabelSelectorRequirement[] = [];
    for (const [i, e] of matchExpressions.entries()) {
      const at = `${field}.matchExpressions[${i}]`;
      if (!isRecord(e) || typeof e.key !== 'string' || e.key === '') return { reason: `${at} has no key` };
      if (typeof e.operator !== 'string' || !OPERATORS.has(e.operator)) return { reason: `${at} has operator "${String(e.operator ?? '')}", not In, NotIn, Exists or DoesNotExist` };
      if (e.values !== undefined && e.values !== null && !Array.isArray(e.values)) return { reason: `${at}.values is not a list` };
      const count = Array.isArray(e.values) ? e.values.length : 0;
      if ((e.operator === 'In' || e.operator === 'NotIn') && count === 0) return { reason: `${at} uses ${e.operator} without values` };
      if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && count > 0) return { reason: `${at} uses ${e.operator} with values` };
      const values = Array.isArray(e.values) ? e.values.filter((v) => v !== null && typeof v !== 'object').map(String) : undefined;
      requirements.push(values ? { key: e.key, operator: e.operator, values } : { key: e.key, operator: e.operator });
    }
    selector.matchExpressions = requirements;
  }
  return { selector };
}

/**
 * A metav1.LabelSelector from untrusted input. Missing (null/undefined) → {} (for a NetworkPolicy's
 * podSelector that is the zero value, which selects every pod); invalid (see parseLabelSelector) →
 * undefined (the API server would reject it, so it selects nothing).
 */
export function toLabelSelector(value: unknown): LabelSelector | undefined {
  const parsed = parseLabelSelector(value, 'selector');
  return 'selector' in parsed ? parsed.selector : undefined;
}

/** "the unset namespace (kubectl's current)" or `namespace "prod"`, for messages. */
export function describeNamespace(nsKey: string): string {
  return nsKey === '' ? 'the namespace kubectl targets (metadata.namespace unset)' : `namespace "${nsKey}"`;
}

export function describeLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '(none)';
}
