/**
 * PolicyRule matching exactly as the Kubernetes RBAC authorizer does it (plugin/pkg/auth/authorizer/rbac
 * RuleAllows and the rbacv1 helpers VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches,
 * NonResourceURLMatches).
 */
import { isRecord } from '../../kinds/workloads.js';
import type { AccessRequest, PolicyRule, ResourceRequest } from './rbac-types.js';

/** Every verb, group, resource or non-resource URL ('*'). */
export const ALL = '*';

/**
 * A rule from untrusted input: lists that are missing or not lists become [], non-string items are
 * dropped (the API server would reject them). Undefined when the rule is not a mapping.
 */
export function normalizeRule(raw: unknown): PolicyRule | undefined {
  if (!isRecord(raw)) return undefined;
  return {
    verbs: stringList(raw.verbs),
    apiGroups: stringList(raw.apiGroups),
    resources: stringList(raw.resources),
    resourceNames: stringList(raw.resourceNames),
    nonResourceURLs: stringList(raw.nonResourceURLs),
  };
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string');
}

/** A string equal for semantically equal rules (lists compared in order, as equality.Semantic.DeepEqual). */
export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]);
}

export function isResourceRequest(request: AccessRequest): request is ResourceRequest {
  return 'resource' in request && typeof (request as ResourceRequest).resource === 'string';
}

/**
 * True when the rule allows the request. A rule naming nonResourceURLs never matches a resource request
 * and a rule without them never matches a non-resource request (the API server rejects rules that mix
 * both, so every stored rule is one or the other).
 */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (isResourceRequest(request)) {
    if (rule.nonResourceURLs.length > 0) return false;
    const subresource = request.subresource ?? '';
    const combined = subresource ? `${request.resource}/${subresource}` : request.resource;
    return (
      verbMatches(rule, request.verb) &&
      apiGroupMatches(rule, request.group) &&
      resourceMatches(rule, combined, subresource) &&
      resourceNameMatches(rule, request.name ?? '')
    );
  }
  if (rule.nonResourceURLs.length === 0) return false;
  return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const v of rule.verbs) if (v === ALL || v === verb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const g of rule.apiGroups) if (g === ALL || g === group) return true;
  return false;
}

/**
 * `combined` is "resource" or "resource/subresource". A rule resource matches when it is '*', equal to
 * the combined resource, or of the form "*\/<subresource>". There is no "pods/*" wildcard: such a rule
 * resource only matches a request for the literal subresource "*".
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === ALL || r === combined) return true;
    if (subresource.length === 0) continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

/** No resourceNames: any name. Otherwise the request's name ('' when it has none) must be listed. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.includes(name);
}

/** '*' matches every path, an exact URL that path, and a URL ending in '*' every path with that prefix. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const url of rule.nonResourceURLs) {
    if (url === ALL || url === path) return true;
    if (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))) return true;
  }
  return false;
}
