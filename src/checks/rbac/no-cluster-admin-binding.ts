import { rbacAnalyzer } from '../../analyzers/rbac/rbac-analyzer.js';
import { defineCheck } from '../define-check.js';
import { isSystemSubject } from '../../analyzers/rbac/subjects.js';
import {
  bindingOf,
  bindingSubjects,
  describeNamespace,
  describeRole,
  describeSubject,
  fullAccessRuleIndex,
  isBuiltInClusterAdmin,
} from './rbac-check-helpers.js';

export const noClusterAdminBinding = defineCheck({
  meta: {
    judgesObjectAlone: true,
    id: 'no-cluster-admin-binding',
    category: 'rbac',
    severity: 'critical',
    kinds: ['ClusterRoleBinding', 'RoleBinding'],
    stage: 'deploy',
    summary: 'Bindings must not grant cluster-admin, or a role with the same wildcard powers, to users, groups or service accounts.',
    rationale:
      'cluster-admin allows every verb on every resource: whoever holds it (or a role with verbs, apiGroups and resources all "*", or every read and write verb on every resource) reads every Secret, runs pods as any service account and rewrites RBAC itself, so one leaked token or compromised pod owns the cluster. Bound by a RoleBinding it still owns the namespace: its Secrets, its workloads and its RoleBindings. Only Kubernetes\' own components (system:masters and the like) should hold it.',
    remediation:
      'Bind a role that lists only the verbs, API groups and resources the subject needs (for people, the built-in view, edit or admin ClusterRoles through a RoleBinding in their namespace), and remove the subject from this binding.',
    references: [
      { cis: '5.1.1' },
      { nsa: 'C-0035' },
      { url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege' },
    ],
    messages: {
      clusterWide: '{{subject}} is granted {{role}} cluster-wide: full control of every resource in every namespace.',
      namespaceWide:
        '{{subject}} is granted {{role}} in {{namespace}}: full control of the namespace, including its Secrets, workloads and RoleBindings.',
    },
  },
  check(obj, ctx) {
    const facts = ctx.facts.get(rbacAnalyzer);
    const binding = bindingOf(facts, obj);
    if (!binding) return;
    const { roleRef, role } = binding;
    let roleText: string;
    if (isBuiltInClusterAdmin(roleRef.kind, roleRef.name, role)) {
      roleText = 'the cluster-admin ClusterRole';
    } else {
      const i = fullAccessRuleIndex(role);
      if (!role || i < 0) return;
      const verbs = role.rules[i].verbs.includes('*') ? 'every verb' : 'every read and write verb';
      roleText = `${describeRole(role)}, whose rule ${i} allows ${verbs} on every resource of every API group (equivalent to cluster-admin)`;
    }
    for (const { index, subject } of bindingSubjects(obj)) {
      if (isSystemSubject(subject)) continue;
      const data = { subject: describeSubject(subject), role: roleText };
      if (binding.kind === 'ClusterRoleBinding') ctx.report({ messageId: 'clusterWide', data, path: `/subjects/${index}` });
      else ctx.report({ messageId: 'namespaceWide', data: { ...data, namespace: describeNamespace(binding.namespace) }, path: `/subjects/${index}` });
    }
  },
});
