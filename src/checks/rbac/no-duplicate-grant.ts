import { rbacAnalyzer } from '../../analyzers/rbac/rbac-analyzer.js';
import type { BindingInfo, PolicyRule, RbacFacts, RoleInfo } from '../../analyzers/rbac/rbac-types.js';
import { objectMemo } from '../../model/object-memo.js';
import type { K8sObject } from '../../model/types.js';
import type { Report } from '../define-check.js';
import { defineCheck } from '../define-check.js';
import {
  bindingSubjects,
  compareStrings,
  describeBinding,
  describeNamespace,
  describeRoleRef,
  describeSubject,
  identityKey,
  joinList,
} from './rbac-check-helpers.js';

/** Above this many (verb, group, resource, name) combinations a role is compared by identity only. */
const MAX_ATOMS = 20_000;

/**
 * A string equal for roles granting exactly the same permissions as written: the set of
 * (verb, API group, resource, resource name) and (verb, non-resource URL) combinations their rules list.
 * Wildcards are compared literally, so '*' and an explicit list of every verb differ.
 */
function permissionsKey(rules: PolicyRule[]): string | undefined {
  const atoms = new Set<string>();
  for (const r of rules) {
    if (r.nonResourceURLs.length > 0) {
      for (const v of r.verbs) for (const u of r.nonResourceURLs) atoms.add(JSON.stringify(['N', v, u]));
    } else {
      const names = r.resourceNames.length > 0 ? r.resourceNames : [''];
      for (const v of r.verbs) for (const g of r.apiGroups) for (const res of r.resources) for (const n of names) atoms.add(JSON.stringify(['R', v, g, res, n]));
    }
    if (atoms.size > MAX_ATOMS) return undefined;
  }
  return atoms.size === 0 ? undefined : [...atoms].sort().join('\n');
}

interface Entry {
  binding: BindingInfo;
  /** Index of the subject in the binding's written `subjects`. */
  index: number;
  subject: string;
  roleRef: string;
}

/** Per input binding object, the reports for the subjects it grants again. Computed once per scan. */
const duplicates = objectMemo((facts: RbacFacts): Map<K8sObject, Report[]> => {
  const result = new Map<K8sObject, Report[]>();

  // Roles' permission sets, interned to short ids: the full text can be thousands of lines, and it is
  // part of a map key for every (binding, subject).
  const roleKeys = new Map<RoleInfo, string | undefined>();
  const interned = new Map<string, string>();
  const groups = new Map<string, Entry[]>();
  for (const binding of facts.bindings) {
    if (binding.bootstrap || !binding.source) continue;
    const { role, roleRef } = binding;
    const refNs = roleRef.kind === 'Role' ? binding.namespace : undefined;
    const roleRefText = describeRoleRef(roleRef.kind, refNs, roleRef.name);
    let permission: string | undefined;
    if (role) {
      if (!roleKeys.has(role)) {
        const full = permissionsKey(role.rules);
        if (full !== undefined && !interned.has(full)) interned.set(full, String(interned.size));
        roleKeys.set(role, full === undefined ? undefined : interned.get(full));
      }
      permission = roleKeys.get(role);
    }
    // A role without rules (or missing) grants nothing yet: only bindings to that very role repeat each other.
    const permissionKey = permission !== undefined ? `rules\u0000${permission}` : `ref\u0000${roleRefText}`;
    const scope = binding.kind === 'ClusterRoleBinding' ? '' : `ns\u0000${binding.namespace ?? ''}`;
    const seen = new Set<string>();
    for (const { index, subject } of bindingSubjects(binding.source.object)) {
      const subjectKey = identityKey(subject);
      if (seen.has(subjectKey)) continue;
      seen.add(subjectKey);
      const key = `${binding.kind}\u0000${scope}\u0000${subjectKey}\u0000${permissionKey}`;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push({ binding, index, subject: describeSubject(subject), roleRef: roleRefText });
    }
  }

  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => compareStrings(a.binding.name, b.binding.name));
    const sameRole = list.every((e) => e.roleRef === list[0].roleRef);
    const bindings = joinList(list.map((e) => (sameRole ? describeBinding(e.binding) : `${describeBinding(e.binding)} → ${e.roleRef}`)));
    const first = list[0].binding;
    const scope = first.kind === 'ClusterRoleBinding' ? 'the cluster' : describeNamespace(first.namespace);
    for (const e of list.slice(1)) {
      const data = { subject: e.subject, role: e.roleRef, bindings, count: list.length, scope, first: describeBinding(first) };
      const report: Report = { messageId: sameRole ? 'sameRole' : 'equivalentRole', data, path: `/subjects/${e.index}` };
      const obj = (e.binding.source as NonNullable<BindingInfo['source']>).object;
      let reports = result.get(obj);
      if (!reports) result.set(obj, (reports = []));
      reports.push(report);
    }
  }
  return result;
});

export const noDuplicateGrant = defineCheck({
  meta: {
    id: 'no-duplicate-grant',
    category: 'rbac',
    severity: 'low',
    kinds: ['ClusterRoleBinding', 'RoleBinding'],
    stage: 'deploy',
    summary: 'A subject should receive a permission through one binding, not several in the same scope.',
    rationale:
      'When the same user, group or service account gets the same role (or a role with identical rules) from several bindings in the same namespace or cluster-wide, removing one binding to revoke access silently changes nothing: the other still grants it. Duplicates also hide who granted what and when, and make access reviews miss live permissions.',
    remediation: 'Keep one binding per subject and permission: remove the subject from the redundant binding (or delete the binding if it has no other subjects).',
    references: [{ url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#periodic-review' }],
    messages: {
      sameRole: '{{subject}} already receives {{role}} in {{scope}} through {{first}}; it is granted {{count}} times, by {{bindings}}.',
      equivalentRole:
        '{{subject}} already receives the same permissions in {{scope}} through {{first}}: the roles have identical rules. It is granted {{count}} times, by {{bindings}}.',
    },
  },
  check(obj, ctx) {
    const list = duplicates(ctx.facts.get(rbacAnalyzer)).get(obj);
    if (list) for (const report of list) ctx.report(report);
  },
});
