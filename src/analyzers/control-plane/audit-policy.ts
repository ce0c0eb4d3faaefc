/**
 * Audit Policy semantics (audit.k8s.io/v1 `Policy`), as kube-apiserver's policy checker applies them:
 * rules are evaluated in order and the FIRST matching rule decides the level; a request no rule matches is not
 * logged (level None). A rule matches when every non-empty selector matches:
 * - `users` (user name), `userGroups` (any of the user's groups), `verbs`;
 * - `namespaces` / `resources` make it a resource-request rule (never matches non-resource URLs); `namespaces`
 *   compares exactly ('' for cluster-scoped); `resources[]` entries compare `group` exactly ('' = core), then each
 *   resource: `name` or `name/sub` exactly, `*` (everything, subresources included), `*` + `/sub` (that subresource of anything), `name/*`; a non-empty
 *   `resourceNames` also requires the object name;
 * - otherwise `nonResourceURLs` (a rule with them never matches resource requests): `*`, exact, or `prefix*`.
 *
 * Sources:
 * https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/ (audit policy, levels, first match)
 * https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/#audit-k8s-io-v1-Policy
 * https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apiserver/pkg/audit/policy/checker.go
 */
import { isRecord } from '../../kinds/workloads.js';

export const AUDIT_LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
export type AuditLevel = (typeof AUDIT_LEVELS)[number];

export interface AuditRule {
  index: number;
  pointer: string;
  /** The rule's level; an unknown or missing level is kept as written and treated as None by `levelRank`. */
  level: string;
  users: string[];
  userGroups: string[];
  verbs: string[];
  namespaces: string[];
  resources: { group: string; resources: string[]; resourceNames: string[] }[];
  nonResourceURLs: string[];
}

export interface AuditRequest {
  user: string;
  groups: string[];
  verb: string;
  /** Resource requests: resource (and subresource), group ('' = core), namespace ('' = cluster-scoped), name. */
  resource?: { group: string; resource: string; subresource?: string; namespace: string; name: string };
  /** Non-resource requests. */
  path?: string;
}

export interface AuditDecision {
  level: AuditLevel;
  /** The deciding rule; undefined = no rule matched (None). */
  rule?: AuditRule;
}

export interface AuditProbeResult {
  request: AuditRequest;
  decision: AuditDecision;
}

export interface AuditPolicyAnalysis {
  rules: AuditRule[];
  problems: { pointer: string; message: string }[];
  decide(request: AuditRequest): AuditDecision;
  /** Some request (any user, group, verb, namespace, resource or URL the policy names) reaches a level other than None. */
  logsAnything: boolean;
  /** A generic authenticated user in namespace 'default': the decision per verb for a core/other-group resource. */
  probeGeneric(group: string, resource: string, subresource?: string): AuditProbeResult[];
  /**
   * Every request for `group`/`resource` (any user, group, namespace, verb, name the policy can tell apart) whose
   * decision logs bodies (Request or RequestResponse), one per deciding rule: empty = bodies are never logged.
   */
  bodyLogging(group: string, resource: string): AuditProbeResult[];
}

export const PROBE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;
export const GENERIC_USER = 'bulwark-probe-user';
export const GENERIC_GROUPS = ['system:authenticated'];

export function isAuditPolicy(obj: { apiVersion?: unknown; kind?: unknown }): boolean {
  return obj.kind === 'Policy' && typeof obj.apiVersion === 'string' && /^audit\.k8s\.io\/v1(alpha1|beta1)?$/.test(obj.apiVersion);
}

export function levelRank(level: string): number {
  const i = (AUDIT_LEVELS as readonly string[]).indexOf(level);
  return i < 0 ? 0 : i;
}

export function ruleMatches(rule: AuditRule, req: AuditRequest): boolean {
  if (rule.users.length > 0 && !rule.users.includes(req.user)) return false;
  if (rule.userGroups.length > 0 && !req.groups.some((g) => rule.userGroups.includes(g))) return false;
  if (rule.verbs.length > 0 && !rule.verbs.includes(req.verb)) return false;
  if (rule.namespaces.length > 0 || rule.resources.length > 0) return resourceMatches(rule, req);
  if (rule.nonResourceURLs.length > 0) {
    if (req.resource || req.path === undefined) return false;
    const path = req.path;
    return rule.nonResourceURLs.some((spec) => spec === '*' || spec === path || (spec.endsWith('*') && path.startsWith(spec.replace(/\*+$/, ''))));
  }
  return true;
}

function resourceMatches(rule: AuditRule, req: AuditRequest): boolean {
  const r = req.resource;
  if (!r) return false;
  if (rule.namespaces.length > 0 && !rule.namespaces.includes(r.namespace)) return false;
  if (rule.resources.length === 0) return true;
  const combined = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  for (const gr of rule.resources) {
    if (gr.group !== r.group) continue;
    if (gr.resources.length === 0) return true;
    for (const res of gr.resources) {
      if (gr.resourceNames.length > 0 && !gr.resourceNames.includes(r.name)) continue;
      if (res === combined || res === '*') return true;
      if (r.subresource && res.startsWith('*/') && r.subresource === res.replace(/^[*/]+/, '')) return true;
      if (res.endsWith('/*') && r.resource === res.replace(/[/*]+$/, '')) return true;
    }
  }
  return false;
}

const auditPolicyMemo = new WeakMap<object, Map<string, AuditPolicyAnalysis>>();

/** analyzeAuditPolicy, memoised per document object and pointer prefix (checks and CIS hints read the same docs). */
export function auditPolicyOf(data: unknown, pointerPrefix = ''): AuditPolicyAnalysis {
  if (typeof data !== 'object' || data === null) return analyzeAuditPolicy(data, pointerPrefix);
  let byPrefix = auditPolicyMemo.get(data);
  if (!byPrefix) auditPolicyMemo.set(data, (byPrefix = new Map()));
  let analysis = byPrefix.get(pointerPrefix);
  if (!analysis) byPrefix.set(pointerPrefix, (analysis = analyzeAuditPolicy(data, pointerPrefix)));
  return analysis;
}

export function analyzeAuditPolicy(data: unknown, pointerPrefix = ''): AuditPolicyAnalysis {
  const problems: { pointer: string; message: string }[] = [];
  const rules: AuditRule[] = [];
  const root = isRecord(data) ? data : {};
  if (root.rules !== undefined && !Array.isArray(root.rules)) problems.push({ pointer: `${pointerPrefix}/rules`, message: 'rules must be a list' });
  (Array.isArray(root.rules) ? root.rules : []).forEach((raw, index) => {
    const pointer = `${pointerPrefix}/rules/${index}`;
    if (!isRecord(raw)) {
      problems.push({ pointer, message: 'rule must be a mapping' });
      return;
    }
    const level = typeof raw.level === 'string' ? raw.level : '';
    if (!(AUDIT_LEVELS as readonly string[]).includes(level)) problems.push({ pointer: `${pointer}/level`, message: `unknown audit level "${level}"` });
    rules.push({
      index,
      pointer,
      level,
      users: strings(raw.users),
      userGroups: strings(raw.userGroups),
      verbs: strings(raw.verbs),
      namespaces: strings(raw.namespaces),
      resources: (Array.isArray(raw.resources) ? raw.resources : []).filter(isRecord).map((gr) => ({
        group: typeof gr.group === 'string' ? gr.group : '',
        resources: strings(gr.resources),
        resourceNames: strings(gr.resourceNames),
      })),
      nonResourceURLs: strings(raw.nonResourceURLs),
    });
  });

  const decide = (request: AuditRequest): AuditDecision => {
    for (const rule of rules) {
      if (ruleMatches(rule, request)) return { level: (AUDIT_LEVELS[levelRank(rule.level)] ?? 'None') as AuditLevel, rule };
    }
    return { level: 'None' };
  };

  // Values the policy can tell apart, plus one it never names: enough to reach every rule that is reachable.
  // The fresh value comes first so that examples name a generic request when one exists.
  const named = (pick: (r: AuditRule) => string[], fresh: string): string[] => [...new Set([fresh, ...rules.flatMap(pick)])];
  const users = named((r) => r.users, GENERIC_USER);
  const groupSets = [GENERIC_GROUPS, ...[...new Set(rules.flatMap((r) => r.userGroups))].map((g) => [...new Set([...GENERIC_GROUPS, g])])];
  const verbs = [...new Set([...PROBE_VERBS, ...rules.flatMap((r) => r.verbs)])];
  const namespaces = [...new Set([...named((r) => r.namespaces, 'default'), ''])];

  const bodyLogging = (group: string, resource: string): AuditProbeResult[] => {
    const names = named((r) => r.resources.flatMap((gr) => gr.resourceNames), '');
    const seen = new Set<AuditRule>();
    const out: AuditProbeResult[] = [];
    for (const user of users)
      for (const groups of groupSets)
        for (const verb of verbs)
          for (const namespace of namespaces)
            for (const name of names) {
              const request: AuditRequest = { user, groups, verb, resource: { group, resource, namespace, name } };
              const decision = decide(request);
              if (levelRank(decision.level) >= levelRank('Request') && decision.rule && !seen.has(decision.rule)) {
                seen.add(decision.rule);
                out.push({ request, decision });
              }
            }
    return out.sort((a, b) => (a.decision.rule?.index ?? 0) - (b.decision.rule?.index ?? 0));
  };

  const probeGeneric = (group: string, resource: string, subresource?: string): AuditProbeResult[] =>
    PROBE_VERBS.map((verb) => {
      const request: AuditRequest = { user: GENERIC_USER, groups: GENERIC_GROUPS, verb, resource: { group, resource, subresource, namespace: 'default', name: '' } };
      return { request, decision: decide(request) };
    });

  const logsAnything = (): boolean => {
    if (!rules.some((r) => levelRank(r.level) > 0)) return false;
    const targets: { group: string; resource: string; subresource?: string }[] = [{ group: '', resource: 'pods' }];
    for (const gr of rules.flatMap((r) => r.resources)) {
      if (gr.resources.length === 0) targets.push({ group: gr.group, resource: 'pods' });
      for (const res of gr.resources) {
        const [resource, sub] = res.split('/', 2);
        targets.push({ group: gr.group, resource: resource === '*' ? 'pods' : resource, subresource: sub === undefined ? undefined : sub === '*' ? 'status' : sub });
      }
    }
    const names = named((r) => r.resources.flatMap((gr) => gr.resourceNames), '');
    const paths = named((r) => r.nonResourceURLs.map((u) => u.replace(/\*+$/, '')), '/healthz');
    for (const user of users)
      for (const groups of groupSets)
        for (const verb of verbs) {
          for (const path of paths) if (decide({ user, groups, verb, path }).level !== 'None') return true;
          for (const t of targets)
            for (const namespace of namespaces)
              for (const name of names) if (decide({ user, groups, verb, resource: { ...t, namespace, name } }).level !== 'None') return true;
        }
    return false;
  };

  return { rules, problems, decide, logsAnything: logsAnything(), probeGeneric, bodyLogging };
}

/** 'get secrets in default' / 'create pods/exec' / 'get /healthz', for messages. */
export function describeRequest(req: AuditRequest): string {
  if (!req.resource) return `${req.verb} ${req.path ?? ''}`.trim();
  const r = req.resource;
  const what = (r.group ? `${r.group}/` : '') + (r.subresource ? `${r.resource}/${r.subresource}` : r.resource) + (r.name ? ` "${r.name}"` : '');
  const who = req.user === GENERIC_USER ? (req.groups.length > GENERIC_GROUPS.length ? `a member of ${req.groups[req.groups.length - 1]}` : 'any user') : `user ${req.user}`;
  return `${who}: ${req.verb} ${what}${r.namespace ? ` in ${r.namespace}` : ''}`;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
