import type { Inventory } from '../../inventory/inventory.js';
import { isEmptySelector, selectorKey, selectorMatches, type LabelSelector, type Labels } from '../../inventory/label-selector.js';
import { isNamespaced, isWorkload } from '../../kinds/kind-groups.js';
import { podTemplate } from '../../kinds/workloads.js';
import type { K8sObject } from '../../model/types.js';
import { defineAnalyzer } from '../facts.js';
import { BUILT_IN_NAMESPACES } from '../namespace-accounts.js';
import { PodLabelIndex } from '../pod-label-index.js';
import { isCustomResource, toLabels, workloadPodLabels } from '../workload-index.js';
import { NAMESPACE_NAME_LABEL } from './endpoints.js';
import { networkNamespace, normalizePolicy, type PolicyRule } from './policies.js';

/**
 * Per-namespace NetworkPolicy coverage and "does anything match this selector?" answers, computed once per
 * scan for the NetworkPolicy hygiene checks (default deny, selectors matching nothing). Namespaces follow
 * the network analyzer: an object without metadata.namespace is in "default".
 */

/**
 * Pod labels whose values controllers generate at run time (hashes, uids, ordinals, the names of the Jobs a
 * CronJob creates). Manifests cannot show them, so selector requirements on these keys are taken as
 * possibly satisfied: "matches nothing" is only claimed when no value they could take would help.
 */
export const CONTROLLER_GENERATED_LABELS: ReadonlySet<string> = new Set([
  'pod-template-hash',
  'pod-template-generation',
  'controller-revision-hash',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/job-completion-index',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
]);

/** How one direction (ingress or egress) of a namespace is covered by namespace-wide policies. */
export interface DirectionCoverage {
  /** The first policy (input order) with podSelector {} that isolates the direction and has no allow-all rule. */
  denyPolicy?: string;
  /** The first policy with podSelector {} that isolates the direction but has an allow-all rule (index `rule`). */
  allowAll?: { policy: string; rule: number };
}

export interface NamespaceCoverage {
  name: string;
  /** The input holds a Namespace object of this name. */
  declared: boolean;
  /** Workload objects of the namespace in the input. */
  workloadCount: number;
  /** The first workload (input order) whose pods NetworkPolicy applies to, i.e. not on the host network. */
  firstIsolatable?: K8sObject;
  /** NetworkPolicy objects of the namespace in the input. */
  policyCount: number;
  ingress: DirectionCoverage;
  egress: DirectionCoverage;
}

export interface NetworkCoverage {
  /** Every namespace that has a Namespace object, a workload or a NetworkPolicy in the input. */
  namespaces: Map<string, NamespaceCoverage>;
  /**
   * The namespaces the input declares (with their labels) or uses (objects' metadata.namespace), and the
   * built-in ones; undeclared namespaces carry only their automatic kubernetes.io/metadata.name label.
   */
  knownNamespaces: Map<string, Labels>;
  /**
   * Whether the input shows the namespace's pods well enough to claim a selector matches none of them: it
   * holds at least one workload there, no custom resource there (operators create pods from those, e.g.
   * Prometheus or Argo Rollouts, with labels the input does not show), and the namespace is not kube-system
   * (whose DNS, proxy and CNI pods the cluster's installer creates).
   */
  podsKnown(namespace: string): boolean;
  /**
   * True when the pod labels of some workload of the namespace satisfy the selector, requirements on
   * controller-generated labels taken as satisfied. False when the namespace has no workload in the input.
   */
  anyWorkloadMatches(namespace: string, selector: LabelSelector): boolean;
  /** Names of the known namespaces whose labels the selector selects, in input order. */
  namespacesMatching(selector: LabelSelector): string[];
}

/** A rule without peers and without ports: it allows every source/destination on every port. */
function isAllowAllRule(rule: PolicyRule): boolean {
  return rule.peers === undefined && rule.ports === undefined;
}

export const networkCoverage = defineAnalyzer('network-coverage', (inventory: Inventory): NetworkCoverage => computeCoverage(inventory));

export function computeCoverage(inventory: Inventory): NetworkCoverage {
  const namespaces = new Map<string, NamespaceCoverage>();
  const entry = (name: string): NamespaceCoverage => {
    let e = namespaces.get(name);
    if (!e) namespaces.set(name, (e = { name, declared: false, workloadCount: 0, policyCount: 0, ingress: {}, egress: {} }));
    return e;
  };

  const knownNamespaces = new Map<string, Labels>();
  for (const { object } of inventory.ofKind('Namespace')) {
    const name = object.metadata.name;
    if (typeof name !== 'string' || name === '') continue;
    entry(name).declared = true;
    if (!knownNamespaces.has(name)) knownNamespaces.set(name, { ...toLabels(object.metadata.labels), [NAMESPACE_NAME_LABEL]: name });
  }
  // Namespaces holding custom resources: an operator may create pods there that the input does not show. A
  // custom resource without metadata.namespace may be cluster-scoped; counting it for "default" errs on the quiet side.
  const customResourceNamespaces = new Set<string>();
  for (const { object } of inventory.objects) {
    if (!isNamespaced(object.kind)) continue;
    const ns = object.metadata.namespace;
    if (typeof ns === 'string' && ns !== '' && !knownNamespaces.has(ns)) knownNamespaces.set(ns, { [NAMESPACE_NAME_LABEL]: ns });
    // Workload kinds from other groups (OpenShift's DeploymentConfig) are workloads, not operator input.
    if (isCustomResource(object) && !isWorkload(object)) customResourceNamespaces.add(networkNamespace(object));
  }
  // Namespaces every cluster has, known even when the input never mentions them.
  for (const ns of BUILT_IN_NAMESPACES) if (!knownNamespaces.has(ns)) knownNamespaces.set(ns, { [NAMESPACE_NAME_LABEL]: ns });

  const pods = new PodLabelIndex(networkNamespace);
  for (const { object } of inventory.workloads()) {
    const ns = networkNamespace(object);
    const e = entry(ns);
    e.workloadCount++;
    // NetworkPolicy does not apply to host-network pods; a namespace of only those has nothing to isolate.
    if (!e.firstIsolatable && podTemplate(object)?.spec.hostNetwork !== true) e.firstIsolatable = object;
    pods.add(object, workloadPodLabels(object) ?? {});
  }

  for (const { object } of inventory.ofKind('NetworkPolicy')) {
    const policy = normalizePolicy(object);
    const e = entry(policy.namespace);
    e.policyCount++;
    if (!policy.podSelector || !isEmptySelector(policy.podSelector)) continue;
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = policy[direction];
      if (!rules) continue;
      const allowAll = rules.findIndex(isAllowAllRule);
      if (allowAll < 0) e[direction].denyPolicy ??= policy.name;
      else e[direction].allowAll ??= { policy: policy.name, rule: allowAll };
    }
  }

  const namespaceMemo = new Map<string, string[]>();
  return {
    namespaces,
    knownNamespaces,
    podsKnown: (ns) => pods.has(ns) && !customResourceNamespaces.has(ns) && ns !== SYSTEM_NAMESPACE,
    anyWorkloadMatches: (ns, selector) => pods.has(ns) && pods.anyMatches(ns, withoutGeneratedKeys(selector)),
    namespacesMatching(selector) {
      const key = selectorKey(selector);
      let names = namespaceMemo.get(key);
      if (!names) {
        names = [];
        for (const [name, labels] of knownNamespaces) if (selectorMatches(selector, labels)) names.push(name);
        namespaceMemo.set(key, names);
      }
      return names;
    },
  };
}

const SYSTEM_NAMESPACE = 'kube-system';

function withoutGeneratedKeys(selector: LabelSelector): LabelSelector {
  const out: LabelSelector = {};
  const matchLabels = Object.entries(selector.matchLabels ?? {}).filter(([k]) => !CONTROLLER_GENERATED_LABELS.has(k));
  if (matchLabels.length) out.matchLabels = Object.fromEntries(matchLabels);
  const expressions = (selector.matchExpressions ?? []).filter((r) => !CONTROLLER_GENERATED_LABELS.has(r.key));
  if (expressions.length) out.matchExpressions = expressions;
  return out;
}
