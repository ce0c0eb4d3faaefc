import { rbacAnalyzer } from '../../analyzers/rbac/rbac-analyzer.js';
import { normalizeRule } from '../../analyzers/rbac/rule-match.js';
import { asArray } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';
import { describeRule, indexOf } from './risky-permission.js';

/**
 * Per rule of an input Role or ClusterRole: '*' among its verbs or its resources. Only '*' itself: a
 * '*\/scale' resource names one subresource of every resource, and '*' in apiGroups alone only widens
 * named resources to every group. Roles of the bootstrap policy are not input objects and never reported.
 */
export const noWildcardRbacRule = defineCheck({
  meta: {
    judgesObjectAlone: true,
    id: 'no-wildcard-rbac-rule',
    category: 'rbac',
    severity: 'medium',
    kinds: ['Role', 'ClusterRole'],
    stage: 'deploy',
    summary: 'Role and ClusterRole rules must list their verbs and resources instead of using "*".',
    rationale:
      'A "*" grants every verb or every resource, including ones nobody considered when writing the rule: escalate, bind and impersonate among verbs; secrets, pods/exec and every custom resource installed later among resources. Such rules grow silently with the API and hide which of the powers they grant are actually needed.',
    remediation: 'Replace "*" in the rule\'s verbs and resources with the specific verbs and resources the subject needs.',
    references: [{ cis: '5.1.3' }, { url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege' }],
    messages: {
      verbs: 'Rule {{rule}} of {{role}} allows every verb ("*") on its resources: {{text}}.',
      resources: 'Rule {{rule}} of {{role}} allows its verbs on every resource ("*"): {{text}}.',
      both: 'Rule {{rule}} of {{role}} allows every verb on every resource ("*" in both): {{text}}.',
    },
  },
  check(obj, ctx) {
    // An object that the analyzer dropped as a duplicate is not what the cluster would hold; every other
    // input role is checked, whether bound or not.
    const facts = ctx.facts.get(rbacAnalyzer);
    const role = indexOf(facts).roles.get(obj);
    if (!role) return;
    const label = `${role.kind} "${role.name}"`;
    asArray<unknown>(obj.rules).forEach((raw, i) => {
      const rule = normalizeRule(raw);
      if (!rule || rule.nonResourceURLs.length > 0) return;
      const verbs = rule.verbs.includes('*');
      const resources = rule.resources.includes('*');
      if (!verbs && !resources) return;
      const messageId = verbs && resources ? 'both' : verbs ? 'verbs' : 'resources';
      ctx.report({ messageId, data: { rule: i, role: label, text: describeRule(rule) }, path: `/rules/${i}/${verbs ? 'verbs' : 'resources'}` });
    });
  },
});
