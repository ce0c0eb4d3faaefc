import { isAggregatedClusterRole, rbacAnalyzer } from '../../analyzers/rbac/rbac-analyzer.js';
import type { PolicyRule } from '../../analyzers/rbac/rbac-types.js';
import { apiGroupMatches, normalizeRule, resourceMatches, ruleKey, verbMatches } from '../../analyzers/rbac/rule-match.js';
import { asArray } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';
import { joinList, RBAC_GROUP, roleOf } from './rbac-check-helpers.js';

const LABEL_PREFIX = 'rbac.authorization.k8s.io/aggregate-to-';
const READ_VERBS = new Set(['get', 'list', 'watch']);

/** What a rule grants that the "view" ClusterRole must not: verbs other than get/list/watch, any access to Secrets. */
function viewProblems(rule: PolicyRule): string[] {
  const out: string[] = [];
  const writes = rule.verbs.filter((v) => !READ_VERBS.has(v));
  if (writes.length > 0) out.push(`the ${writes.length === 1 ? 'verb' : 'verbs'} ${joinList(writes.map((v) => `"${v}"`))}`);
  if (rule.nonResourceURLs.length === 0 && rule.verbs.length > 0 && apiGroupMatches(rule, '') && resourceMatches(rule, 'secrets', '')) {
    out.push('access to Secrets');
  }
  return out;
}

/**
 * What a rule grants beyond "edit"/"admin" that lets their holders raise their own privileges: bind or
 * escalate on Roles/ClusterRoles, impersonation of users or groups, every resource of every group.
 * (Impersonating service accounts is not listed: the built-in edit role grants it.)
 */
function escalationProblems(rule: PolicyRule): string[] {
  if (rule.nonResourceURLs.length > 0) return [];
  const out: string[] = [];
  if (rule.apiGroups.includes('*') && rule.resources.includes('*') && rule.verbs.length > 0) out.push('access to every resource of every API group');
  if (apiGroupMatches(rule, RBAC_GROUP)) {
    const verbs = ['bind', 'escalate'].filter((v) => verbMatches(rule, v));
    const resources = ['roles', 'clusterroles'].filter((r) => resourceMatches(rule, r, ''));
    if (verbs.length > 0 && resources.length > 0) out.push(`${joinList(verbs.map((v) => `"${v}"`))} on ${joinList(resources)}`);
  }
  if (verbMatches(rule, 'impersonate') && apiGroupMatches(rule, '')) {
    const targets = ['users', 'groups'].filter((r) => resourceMatches(rule, r, ''));
    if (targets.length > 0) out.push(`impersonation of ${joinList(targets)}`);
  }
  return out;
}

export const noImproperAggregation = defineCheck({
  meta: {
    id: 'no-improper-aggregation',
    category: 'rbac',
    severity: 'high',
    kinds: ['ClusterRole'],
    stage: 'deploy',
    summary: 'ClusterRoles aggregated into view must be read-only without Secrets, and those aggregated into edit or admin must not carry escalation rights.',
    rationale:
      'The aggregation controller copies the rules of every ClusterRole labelled rbac.authorization.k8s.io/aggregate-to-view, -edit or -admin: "true" into the built-in view, edit and admin roles, which are bound to many users and service accounts. A write verb or Secret access in a role aggregated into view silently turns every read-only user into a writer or a secret reader; bind, escalate, impersonation of users or groups, or wildcard resources aggregated into edit or admin let every namespace editor grant themselves cluster-admin.',
    remediation:
      'Remove the offending rule from the labelled ClusterRole (keep only get, list and watch, and no Secrets, for aggregate-to-view; no bind, escalate, user or group impersonation or "*" resources for aggregate-to-edit and aggregate-to-admin), or drop the aggregate-to label and bind the role explicitly to the subjects that need it.',
    references: [{ cis: '5.1.8' }, { url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles' }],
    messages: {
      view: 'ClusterRole "{{name}}" is aggregated into the read-only "view" ClusterRole, but rule {{rule}} grants {{grants}}.',
      escalation: 'ClusterRole "{{name}}" is aggregated into the "{{target}}" ClusterRole, but rule {{rule}} grants {{grants}}: every holder of "{{target}}" can escalate their privileges.',
      collected:
        'ClusterRole "{{name}}" is aggregated into the "{{target}}" ClusterRole and collects rule {{rule}} of ClusterRole "{{source}}", which grants {{grants}}.',
    },
  },
  check(obj, ctx) {
    const labels = obj.metadata.labels;
    if (!labels || typeof labels !== 'object') return;
    const isLabelled = (target: string): boolean => String((labels as Record<string, unknown>)[LABEL_PREFIX + target]) === 'true';
    const toView = isLabelled('view');
    const escalationTarget = isLabelled('edit') ? 'edit' : isLabelled('admin') ? 'admin' : undefined;
    if (!toView && !escalationTarget) return;
    const judge = (rule: PolicyRule): { target: string; grants: string[] } | undefined => {
      if (toView) {
        const grants = viewProblems(rule);
        if (grants.length > 0) return { target: 'view', grants };
      }
      if (escalationTarget) {
        const grants = escalationProblems(rule);
        if (grants.length > 0) return { target: escalationTarget, grants };
      }
      return undefined;
    };

    const name = String(obj.metadata.name ?? '');
    const judgeWrittenRules = (): void =>
      asArray<unknown>(obj.rules).forEach((raw, i) => {
        const rule = normalizeRule(raw);
        const problem = rule && judge(rule);
        if (!problem) return;
        const data = { name, rule: i, grants: joinList(problem.grants), target: problem.target };
        ctx.report({ messageId: problem.target === 'view' ? 'view' : 'escalation', data, path: `/rules/${i}` });
      });
    // Written rules need nothing but the object, so admission judges them too; only the rules an aggregated
    // role collects need the other ClusterRoles.
    if (!isAggregatedClusterRole(obj)) return judgeWrittenRules();
    // Alone (admission), an aggregated role has no rules of its own to judge: the controller fills them in.
    // Returning, not asking for the fact, keeps the check for the next ClusterRole (the engine drops a check
    // that asks for a whole-input fact from later lone objects).
    if (ctx.facts.isolated) return;
    const facts = ctx.facts.get(rbacAnalyzer);
    const role = roleOf(facts, obj);
    if (!role?.aggregated) return judgeWrittenRules();

    // The controller overwrites an aggregated ClusterRole's rules with those it collects: judge those.
    const reported = new Set<string>();
    for (const rule of role.rules) {
      const problem = judge(rule);
      const key = ruleKey(rule);
      if (!problem || reported.has(key)) continue;
      reported.add(key);
      for (const sourceName of role.aggregatedFrom) {
        const source = facts.role('ClusterRole', undefined, sourceName);
        const index = source ? source.rules.findIndex((r) => ruleKey(r) === key) : -1;
        if (index < 0) continue;
        ctx.report({
          messageId: 'collected',
          data: { name, rule: index, source: sourceName, grants: joinList(problem.grants), target: problem.target },
          path: '/aggregationRule',
        });
        break;
      }
    }
  },
});
