/**
 * Custom policies (and, optionally, the built-in checks that have a CEL rendition) as Kubernetes
 * ValidatingAdmissionPolicies: one `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy and one
 * ValidatingAdmissionPolicyBinding per policy, so the API server enforces them without the webhook.
 * What cannot be expressed there is listed in `skipped` with a one-line reason.
 */
import yaml from 'js-yaml';
import type { Check } from '../../checks/define-check.js';
import { expandKinds } from '../../kinds/kind-groups.js';
import type { Enforcement, JsonObject, K8sObject, Severity } from '../../model/types.js';
import type { BulwarkConfig } from '../config.js';
import type { AdmissionOperation, CustomPolicy, LabelSelectorSpec, PolicyMatch } from '../custom/policy-types.js';
import { enforcementOf, severityOf } from '../enforcement.js';
import { bindingProblems, minimumKubernetesVersion, policyProblems } from './api-rules.js';
import { builtinRendition, celString, notExportableReason, type CelRendition } from './builtin-cel.js';

export interface VapExport {
  objects: K8sObject[];
  yaml: string;
  skipped: { id: string; reason: string }[];
}

export interface VapExportInput {
  policies: CustomPolicy[];
  builtins: Check[];
  config: BulwarkConfig;
  includeBuiltins: boolean;
}

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const SEVERITY_ANNOTATION = 'bulwark.dev/severity';
export const SOURCE_ANNOTATION = 'bulwark.dev/source';
/** Set when the policy's CEL needs a newer API server than ValidatingAdmissionPolicy v1 itself (1.30). */
export const MIN_KUBERNETES_ANNOTATION = 'bulwark.dev/minimum-kubernetes-version';
const API_VERSION = 'admissionregistration.k8s.io/v1';

/** The API resource of a kind: group, version, plural (plus subresources that carry the same object). */
interface ApiResource {
  group: string;
  version: string;
  resources: string[];
}

/**
 * The built-in kinds Bulwark knows, as the API serves them. Pods include `pods/ephemeralcontainers`:
 * ephemeral containers are added through that subresource, whose object is the whole Pod.
 */
export const KIND_RESOURCES: Readonly<Record<string, ApiResource>> = {
  Pod: { group: '', version: 'v1', resources: ['pods', 'pods/ephemeralcontainers'] },
  ReplicationController: { group: '', version: 'v1', resources: ['replicationcontrollers'] },
  Service: { group: '', version: 'v1', resources: ['services'] },
  Namespace: { group: '', version: 'v1', resources: ['namespaces'] },
  Secret: { group: '', version: 'v1', resources: ['secrets'] },
  ConfigMap: { group: '', version: 'v1', resources: ['configmaps'] },
  ServiceAccount: { group: '', version: 'v1', resources: ['serviceaccounts'] },
  Node: { group: '', version: 'v1', resources: ['nodes'] },
  PersistentVolume: { group: '', version: 'v1', resources: ['persistentvolumes'] },
  PersistentVolumeClaim: { group: '', version: 'v1', resources: ['persistentvolumeclaims'] },
  Endpoints: { group: '', version: 'v1', resources: ['endpoints'] },
  LimitRange: { group: '', version: 'v1', resources: ['limitranges'] },
  ResourceQuota: { group: '', version: 'v1', resources: ['resourcequotas'] },
  Deployment: { group: 'apps', version: 'v1', resources: ['deployments'] },
  ReplicaSet: { group: 'apps', version: 'v1', resources: ['replicasets'] },
  StatefulSet: { group: 'apps', version: 'v1', resources: ['statefulsets'] },
  DaemonSet: { group: 'apps', version: 'v1', resources: ['daemonsets'] },
  Job: { group: 'batch', version: 'v1', resources: ['jobs'] },
  CronJob: { group: 'batch', version: 'v1', resources: ['cronjobs'] },
  DeploymentConfig: { group: 'apps.openshift.io', version: 'v1', resources: ['deploymentconfigs'] },
  NetworkPolicy: { group: 'networking.k8s.io', version: 'v1', resources: ['networkpolicies'] },
  Ingress: { group: 'networking.k8s.io', version: 'v1', resources: ['ingresses'] },
  IngressClass: { group: 'networking.k8s.io', version: 'v1', resources: ['ingressclasses'] },
  Role: { group: 'rbac.authorization.k8s.io', version: 'v1', resources: ['roles'] },
  ClusterRole: { group: 'rbac.authorization.k8s.io', version: 'v1', resources: ['clusterroles'] },
  RoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resources: ['rolebindings'] },
  ClusterRoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resources: ['clusterrolebindings'] },
  HorizontalPodAutoscaler: { group: 'autoscaling', version: 'v2', resources: ['horizontalpodautoscalers'] },
  PodDisruptionBudget: { group: 'policy', version: 'v1', resources: ['poddisruptionbudgets'] },
  StorageClass: { group: 'storage.k8s.io', version: 'v1', resources: ['storageclasses'] },
  PriorityClass: { group: 'scheduling.k8s.io', version: 'v1', resources: ['priorityclasses'] },
  RuntimeClass: { group: 'node.k8s.io', version: 'v1', resources: ['runtimeclasses'] },
  CustomResourceDefinition: { group: 'apiextensions.k8s.io', version: 'v1', resources: ['customresourcedefinitions'] },
  ValidatingWebhookConfiguration: { group: 'admissionregistration.k8s.io', version: 'v1', resources: ['validatingwebhookconfigurations'] },
  MutatingWebhookConfiguration: { group: 'admissionregistration.k8s.io', version: 'v1', resources: ['mutatingwebhookconfigurations'] },
  ValidatingAdmissionPolicy: { group: 'admissionregistration.k8s.io', version: 'v1', resources: ['validatingadmissionpolicies'] },
  ValidatingAdmissionPolicyBinding: { group: 'admissionregistration.k8s.io', version: 'v1', resources: ['validatingadmissionpolicybindings'] },
};

type ResourceRule = { apiGroups: string[]; apiVersions: string[]; operations: AdmissionOperation[]; resources: string[] };

/** One rule per API group and version, in the table's order; '*' is every resource. Throws on an unknown kind. */
export function resourceRules(kinds: string[], operations: AdmissionOperation[]): ResourceRule[] {
  const expanded = [...new Set(expandKinds(kinds))];
  if (expanded.includes('*')) return [{ apiGroups: ['*'], apiVersions: ['*'], operations: [...operations], resources: ['*'] }];
  const rules = new Map<string, ResourceRule>();
  for (const kind of expanded) {
    const api = KIND_RESOURCES[kind];
    if (!api) throw new UnexportableError(`kind ${kind}: its API resource is unknown to Bulwark`);
    const key = `${api.group}/${api.version}`;
    let rule = rules.get(key);
    if (!rule) rules.set(key, (rule = { apiGroups: [api.group], apiVersions: [api.version], operations: [...operations], resources: [] }));
    for (const r of api.resources) if (!rule.resources.includes(r)) rule.resources.push(r);
  }
  return [...rules.values()];
}

class UnexportableError extends Error {}

// ───────────────────────────── match → matchConditions ─────────────────────────────

const GLOB_CHARS = /[*?]/;

/** A shell glob (`*`, `?`; the whole string, as policy/glob.ts) as an anchored RE2 pattern. */
export function globToRegex(glob: string): string {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return `^${out}$`;
}

/** `value` is one of `patterns`: exact names with `in [...]`, globs with `matches`. */
function nameTest(value: string, patterns: string[]): string {
  const exact = patterns.filter((p) => !GLOB_CHARS.test(p));
  const globs = patterns.filter((p) => GLOB_CHARS.test(p));
  const parts: string[] = [];
  if (exact.length > 0) parts.push(`${value} in [${exact.map(celString).join(', ')}]`);
  if (globs.length > 0) parts.push(`${value}.matches(${celString(globs.length === 1 ? globToRegex(globs[0]) : `^(${globs.map((g) => globToRegex(g).slice(1, -1)).join('|')})$`)})`);
  return parts.length === 0 ? 'false' : parts.join(' || ');
}

/** The object's name: the new object's, or the old one's on DELETE (where `object` is null). */
const OBJECT_NAME = "(object != null ? object : oldObject).?metadata.?name.orValue('')";

function matchConditionsOf(match: PolicyMatch): { name: string; expression: string }[] {
  const out: { name: string; expression: string }[] = [];
  // As in a scan: a `namespaces` list never matches cluster-scoped objects (empty request.namespace), and
  // `excludeNamespaces` never excludes them, whatever the globs.
  if (match.namespaces) out.push({ name: 'bulwark-namespaces', expression: `request.namespace != '' && (${nameTest('request.namespace', match.namespaces)})` });
  if (match.excludeNamespaces?.length) out.push({ name: 'bulwark-exclude-namespaces', expression: `request.namespace == '' || !(${nameTest('request.namespace', match.excludeNamespaces)})` });
  if (match.names) out.push({ name: 'bulwark-names', expression: nameTest(OBJECT_NAME, match.names) });
  if (match.excludeNames?.length) out.push({ name: 'bulwark-exclude-names', expression: `!(${nameTest(OBJECT_NAME, match.excludeNames)})` });
  return out;
}

function selector(s: LabelSelectorSpec): JsonObject {
  const out: JsonObject = {};
  if (s.matchLabels) out.matchLabels = { ...s.matchLabels };
  if (s.matchExpressions) out.matchExpressions = s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values ? { values: [...e.values] } : {}) }));
  return out;
}

// ───────────────────────────── objects ─────────────────────────────

/** Kubernetes forbids Deny together with Warn: a denying binding denies (and records), the others warn and audit. */
export function validationActions(enforcement: Enforcement): string[] {
  return enforcement === 'deny' ? ['Deny'] : ['Warn', 'Audit'];
}

interface PolicySpec {
  id: string;
  severity: Severity;
  source?: string;
  enforcement: Enforcement;
  failurePolicy: 'Fail' | 'Ignore';
  match: PolicyMatch;
  matchConditions: { name: string; expression: string }[];
  variables: { name: string; expression: string }[];
  validations: JsonObject[];
}

function policyObjects(p: PolicySpec): K8sObject[] {
  const name = `bulwark-${p.id}`;
  const labels = { [MANAGED_BY_LABEL]: 'bulwark' };
  const annotations: Record<string, string> = { [SEVERITY_ANNOTATION]: p.severity };
  if (p.source) annotations[SOURCE_ANNOTATION] = p.source;
  const expressions = [
    ...[...p.matchConditions, ...p.variables].map((e) => e.expression),
    ...p.validations.flatMap((v) => [v.expression, v.messageExpression].filter((x): x is string => typeof x === 'string')),
  ];
  const minimum = minimumKubernetesVersion(expressions);
  if (minimum) annotations[MIN_KUBERNETES_ANNOTATION] = minimum;
  const matchConstraints: JsonObject = { resourceRules: resourceRules(p.match.kinds, p.match.operations) };
  if (p.match.labelSelector) matchConstraints.objectSelector = selector(p.match.labelSelector);
  if (p.match.namespaceSelector) matchConstraints.namespaceSelector = selector(p.match.namespaceSelector);
  const spec: JsonObject = { failurePolicy: p.failurePolicy, matchConstraints };
  const conditions = [...matchConditionsOf(p.match), ...p.matchConditions];
  if (conditions.length > 0) spec.matchConditions = conditions;
  if (p.variables.length > 0) spec.variables = p.variables;
  spec.validations = p.validations;
  return [
    { apiVersion: API_VERSION, kind: 'ValidatingAdmissionPolicy', metadata: { name, labels, annotations }, spec },
    {
      apiVersion: API_VERSION,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name, labels: { ...labels } },
      spec: { policyName: name, validationActions: validationActions(p.enforcement) },
    },
  ];
}

function customSpec(policy: CustomPolicy, config: BulwarkConfig): PolicySpec {
  if (policy.params !== undefined) throw new UnexportableError('uses params: inline parameters have no cluster counterpart without a parameter resource');
  if (policy.stage === 'build') throw new UnexportableError("stage 'build': Dockerfiles are not admitted");
  return {
    id: policy.id,
    severity: severityOf(policy, config),
    source: `${policy.file}:${policy.line}`,
    enforcement: enforcementOf(policy, config),
    failurePolicy: policy.failurePolicy,
    match: policy.match,
    matchConditions: policy.matchConditions.map((c) => ({ name: c.name, expression: c.expression })),
    variables: policy.variables.map((v) => ({ name: v.name, expression: v.expression })),
    validations: policy.validations.map((v) => {
      const out: JsonObject = { expression: v.expression };
      if (v.message !== undefined) out.message = v.message;
      if (v.messageExpression !== undefined) out.messageExpression = v.messageExpression;
      out.reason = v.reason;
      return out;
    }),
  };
}

function builtinSpec(check: Check, rendition: CelRendition, config: BulwarkConfig): PolicySpec {
  return {
    id: check.meta.id,
    severity: severityOf(check.meta, config),
    enforcement: enforcementOf(check.meta, config),
    failurePolicy: 'Fail',
    match: { kinds: rendition.kinds, operations: ['CREATE', 'UPDATE'] },
    matchConditions: (rendition.matchConditions ?? []).map((c) => ({ ...c })),
    variables: rendition.variables.map((v) => ({ ...v })),
    validations: rendition.validations.map((v) => {
      const out: JsonObject = { expression: v.expression, message: v.message };
      if (v.messageExpression) out.messageExpression = v.messageExpression;
      out.reason = 'Forbidden';
      return out;
    }),
  };
}

/**
 * The policies as ValidatingAdmissionPolicies and bindings, in input order (custom policies, then the
 * built-ins), and the YAML of all of them as one multi-document stream. Checks disabled in the config
 * are skipped, as scans skip them.
 */
export function exportVap(input: VapExportInput): VapExport {
  const { config } = input;
  const objects: K8sObject[] = [];
  const skipped: { id: string; reason: string }[] = [];
  const add = (id: string, build: () => PolicySpec): void => {
    if (config.checks[id]?.enabled === false) {
      skipped.push({ id, reason: 'disabled in the config' });
      return;
    }
    try {
      const built = policyObjects(build());
      // What the API server would refuse is not written out: `kubectl apply` of the whole file would fail.
      const problems = built.flatMap((o) => (o.kind === 'ValidatingAdmissionPolicy' ? policyProblems(o) : bindingProblems(o)));
      if (problems.length > 0) {
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
        throw new UnexportableError(`the API server would reject it: ${problems[0]}${more}`);
      }
      objects.push(...built);
    } catch (err) {
      if (!(err instanceof UnexportableError)) throw err;
      skipped.push({ id, reason: err.message });
    }
  };
  for (const policy of input.policies) add(policy.id, () => customSpec(policy, config));
  if (input.includeBuiltins) {
    for (const check of input.builtins) {
      // Renditions of checks with options (trusted registries) are built from the config's options.
      const rendition = builtinRendition(check.meta.id, config.options);
      if (rendition) add(check.meta.id, () => builtinSpec(check, rendition, config));
      else skipped.push({ id: check.meta.id, reason: notExportableReason(check.meta, config.options) });
    }
  }
  const text = objects.map((o) => yaml.dump(o, { lineWidth: -1, noRefs: true, quotingType: '"' })).join('---\n');
  return { objects, yaml: text, skipped };
}
