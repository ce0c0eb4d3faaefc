import { rbacAnalyzer } from '../../analyzers/rbac/rbac-analyzer.js';
import type { RbacFacts } from '../../analyzers/rbac/rbac-types.js';
import { objectMemo } from '../../model/object-memo.js';
import { defineCheck } from '../define-check.js';
import { describeNamespace, joinList, pointerSegment, roleOf } from './rbac-check-helpers.js';

const AGGREGATE_LABEL_PREFIX = 'rbac.authorization.k8s.io/aggregate-to-';
/** The label the API server puts on its own bootstrap roles; such roles are Kubernetes', not the input's. */
const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

interface Usage {
  /** 'Role\0ns\0name' and 'ClusterRole\0\0name' of every role some binding (input or bootstrap) references. */
  bound: Set<string>;
  /** Names of ClusterRoles an aggregated ClusterRole collects. */
  aggregated: Set<string>;
}

const usage = objectMemo((facts: RbacFacts): Usage => {
  const u: Usage = { bound: new Set(), aggregated: new Set() };
  for (const b of facts.bindings) {
    // A ClusterRoleBinding can only reference a ClusterRole (the API server rejects roleRef.kind Role).
    if (b.kind === 'ClusterRoleBinding' && b.roleRef.kind !== 'ClusterRole') continue;
    u.bound.add(key(b.roleRef.kind, b.roleRef.kind === 'Role' ? (b.namespace ?? '') : '', b.roleRef.name));
  }
  for (const r of facts.roles) for (const name of r.aggregatedFrom) u.aggregated.add(name);
  return u;
});

function key(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

export const noUnusedRole = defineCheck({
  meta: {
    id: 'no-unused-role',
    category: 'rbac',
    severity: 'low',
    kinds: ['Role', 'ClusterRole'],
    stage: 'deploy',
    summary: 'Roles and ClusterRoles should be bound by some binding or aggregated into another ClusterRole.',
    rationale:
      'A role nobody is bound to grants nothing today, but it is dead policy that reviewers must still read, and it waits for someone to bind it later (a leftover powerful role bound by a copy-pasted binding is how forgotten permissions come back). A ClusterRole labelled to aggregate into a role that does not exist is usually a typo in the label, so the permissions it was meant to add are missing.',
    remediation:
      'Delete the unused role, or create the RoleBinding or ClusterRoleBinding that was meant to reference it (check roleRef.name and the namespace for typos), or fix its aggregate-to label to name an existing aggregated ClusterRole.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#periodic-review' }],
    messages: {
      unusedRole: 'Role "{{name}}" is referenced by no RoleBinding in {{namespace}}.',
      unusedClusterRole: 'ClusterRole "{{name}}" is referenced by no RoleBinding or ClusterRoleBinding and is aggregated into no other ClusterRole.',
      unmatchedAggregation:
        'ClusterRole "{{name}}" is labelled to aggregate into {{targets}}, but no ClusterRole selects it, and no binding references it.',
    },
  },
  check(obj, ctx) {
    const labels = obj.metadata.labels;
    if (labels && typeof labels === 'object' && BOOTSTRAP_LABEL in labels) return;
    const facts = ctx.facts.get(rbacAnalyzer);
    const role = roleOf(facts, obj);
    if (!role) return;
    const u = usage(facts);
    if (u.bound.has(key(role.kind, role.namespace ?? '', role.name))) return;
    if (role.kind === 'Role') {
      ctx.report({ messageId: 'unusedRole', data: { name: role.name, namespace: describeNamespace(role.namespace) }, path: '/metadata/name' });
      return;
    }
    if (role.aggregated || u.aggregated.has(role.name)) return;
    if (role.aggregatesInto.length > 0) {
      const targets = joinList(role.aggregatesInto.map((t) => `"${t}"`));
      const label = pointerSegment(AGGREGATE_LABEL_PREFIX + role.aggregatesInto[0]);
      ctx.report({ messageId: 'unmatchedAggregation', data: { name: role.name, targets }, path: `/metadata/labels/${label}` });
      return;
    }
    ctx.report({ messageId: 'unusedClusterRole', data: { name: role.name }, path: '/metadata/name' });
  },
});
