import type { Grant, Identity, RbacFacts, Subject } from '../analyzers/rbac/rbac-types.js';
import { formatSubject, identityOf, subjectKey } from '../analyzers/rbac/subjects.js';
import { bindingJson, compareGrants, grantChain, groupName, plural, roleJson, ruleJson, ruleText, subjectJson } from './format.js';
import { compareText, table } from '../reporters/plain-text.js';

/** The grants that apply in one scope: cluster-wide (namespace undefined) or one namespace. */
export interface ScopeGrants {
  namespace: string | undefined;
  grants: Grant[];
  /** Rules of the bound role that grant nothing here: non-resource URLs bound by a RoleBinding. */
  ignored: Grant[];
}

export interface Explanation {
  subject: Subject;
  identity: Identity;
  /** Cluster-wide first, then namespaces in name order. */
  scopes: ScopeGrants[];
}

/** The authorizer only grants non-resource URLs through ClusterRoleBindings. */
function grantsNothing(grant: Grant): boolean {
  return grant.namespace !== undefined && grant.rule.resources.length === 0 && grant.rule.nonResourceURLs.length > 0;
}

/** Everything the subject may do (as itself and through its groups), grouped by where it applies. */
export function explainSubject(facts: RbacFacts, subject: Subject): Explanation {
  const identity = identityOf(subject);
  const byScope = new Map<string | undefined, ScopeGrants>();
  for (const grant of facts.grantsFor(identity)) {
    let scope = byScope.get(grant.namespace);
    if (!scope) byScope.set(grant.namespace, (scope = { namespace: grant.namespace, grants: [], ignored: [] }));
    (grantsNothing(grant) ? scope.ignored : scope.grants).push(grant);
  }
  const scopes = [...byScope.values()].sort((a, b) =>
    a.namespace === undefined ? -1 : b.namespace === undefined ? 1 : compareText(a.namespace, b.namespace),
  );
  for (const scope of scopes) {
    scope.grants.sort(compareGrants);
    scope.ignored.sort(compareGrants);
  }
  return { subject, identity, scopes };
}

const NON_RESOURCE = '(non-resource URLs)';

function identityText(identity: Identity): string {
  const parts: string[] = [];
  if (identity.user !== '') parts.push(`user ${identity.user}`);
  if (identity.groups.length > 0) parts.push(`groups ${identity.groups.join(', ')}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** One table per scope: VERBS, RESOURCES (or non-resource URLs), API GROUPS, NAMES, and the binding → role it comes from. */
export function renderExplainText(facts: RbacFacts, subject: Subject): string {
  const { identity, scopes } = explainSubject(facts, subject);
  const key = subjectKey(subject);
  const lines = [`Permissions of ${formatSubject(subject)}${identityText(identity)}`];
  const all = scopes.flatMap((s) => [...s.grants, ...s.ignored]);
  if (all.length === 0) {
    lines.push(`No binding names ${formatSubject(subject)} or its groups (names are case-sensitive), so it may do nothing.`);
    return `${lines.join('\n')}\n`;
  }
  if (!all.some((g) => subjectKey(g.subject) === key)) {
    lines.push(`Note: no binding names ${formatSubject(subject)} itself; everything below comes through its groups.`);
  }
  for (const { namespace, grants, ignored } of scopes) {
    lines.push('', namespace === undefined ? 'Cluster-wide (ClusterRoleBindings: every namespace and cluster-scoped resources)' : `Namespace ${namespace} (RoleBindings)`);
    const via = (g: Grant): string => `${grantChain(g, false)}${subjectKey(g.subject) === key ? '' : ` [as ${formatSubject(g.subject)}]`}`;
    const rows = grants.map((g) => {
      const { verbs, resources, apiGroups, resourceNames, nonResourceURLs } = g.rule;
      // A rule with non-resource URLs lists them as its resources, and says so where groups would be.
      const groups = nonResourceURLs.length > 0 && resources.length === 0 ? NON_RESOURCE : apiGroups.map(groupName).join(',');
      return [verbs.join(','), [...resources, ...nonResourceURLs].join(','), groups, resourceNames.join(','), via(g)];
    });
    if (rows.length > 0) lines.push(...table(['VERBS', 'RESOURCES', 'API GROUPS', 'NAMES', 'VIA'], rows, '  '));
    for (const g of ignored) lines.push(`  Ignored: ${ruleText(g.rule)} via ${via(g)} (a RoleBinding grants no non-resource URLs)`);
  }
  const effective = scopes.flatMap((s) => s.grants);
  const bindings = new Set(effective.map((g) => `${g.binding.kind}/${g.binding.namespace ?? ''}/${g.binding.name}`));
  lines.push('', `${plural(effective.length, 'rule')} through ${plural(bindings.size, 'binding')}`);
  return `${lines.join('\n')}\n`;
}

export function explainJson(facts: RbacFacts, subject: Subject): unknown {
  const { identity, scopes } = explainSubject(facts, subject);
  return {
    subject: subjectJson(subject),
    key: subjectKey(subject),
    identity,
    scopes: scopes.map(({ namespace, grants, ignored }) => ({
      namespace: namespace ?? null,
      rules: grants.map(ruleWithVia),
      // Non-resource URL rules of roles bound by RoleBindings: listed for completeness, granting nothing.
      ignored: ignored.map(ruleWithVia),
    })),
  };
}

function ruleWithVia(g: Grant): unknown {
  return {
    ...ruleJson(g.rule),
    via: { subject: subjectJson(g.subject), binding: bindingJson(g.binding), role: roleJson(g.role), ruleIndex: g.ruleIndex },
  };
}

export function renderExplainJson(facts: RbacFacts, subject: Subject): string {
  return `${JSON.stringify(explainJson(facts, subject), null, 2)}\n`;
}
