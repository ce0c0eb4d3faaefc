import { rbacAnalyzer } from '../../analyzers/rbac/rbac-analyzer.js';
import { namespaceKey } from '../../inventory/inventory.js';
import { isRecord } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';
import { describeNamespace, RBAC_GROUP } from './rbac-check-helpers.js';

export const noBindingToMissingRole = defineCheck({
  meta: {
    id: 'no-binding-to-missing-role',
    category: 'rbac',
    severity: 'high',
    kinds: ['ClusterRoleBinding', 'RoleBinding'],
    stage: 'deploy',
    summary: 'A binding\'s roleRef must name a Role or ClusterRole that the input or Kubernetes itself defines.',
    rationale:
      'A binding to a role that does not exist grants nothing today, so the subjects silently lack the access they were meant to have. It is also a loaded gun: roleRef cannot be changed after creation, and whoever later creates a role with that name (a Helm chart, a tenant with create on roles, a copy-pasted manifest) decides what the subjects can do. A ClusterRoleBinding whose roleRef is a Role is rejected by the API server.',
    remediation:
      'Fix roleRef.kind and roleRef.name to reference the intended Role or ClusterRole (a Role must be in the RoleBinding\'s namespace), add the missing role to the manifests, or delete the binding.',
    references: [{ url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding' }],
    messages: {
      missingRole: 'roleRef names Role "{{name}}", which neither the input nor Kubernetes defines in {{namespace}}.',
      missingClusterRole: 'roleRef names ClusterRole "{{name}}", which neither the input nor Kubernetes\' default policy defines.',
      invalidKind: 'roleRef.kind "{{kind}}" is invalid in a {{binding}}, which can only reference {{allowed}}: the API server rejects the binding.',
    },
  },
  check(obj, ctx) {
    const ref = obj.roleRef;
    if (!isRecord(ref) || typeof ref.name !== 'string' || ref.name === '') return;
    // A roleRef in another API group is rejected by the API server for that reason, not this one.
    if (ref.apiGroup !== undefined && ref.apiGroup !== null && ref.apiGroup !== '' && ref.apiGroup !== RBAC_GROUP) return;
    const isCluster = obj.kind === 'ClusterRoleBinding';
    const allowed = isCluster ? ['ClusterRole'] : ['Role', 'ClusterRole'];
    if (typeof ref.kind !== 'string' || !allowed.includes(ref.kind)) {
      ctx.report({
        messageId: 'invalidKind',
        data: { kind: String(ref.kind ?? ''), binding: obj.kind, allowed: isCluster ? 'a ClusterRole' : 'a Role or a ClusterRole' },
        path: '/roleRef/kind',
      });
      return;
    }
    const facts = ctx.facts.get(rbacAnalyzer);
    const ns = namespaceKey(obj);
    if (facts.role(ref.kind as 'Role' | 'ClusterRole', ref.kind === 'Role' ? ns : undefined, ref.name)) return;
    if (ref.kind === 'Role') ctx.report({ messageId: 'missingRole', data: { name: ref.name, namespace: describeNamespace(ns) }, path: '/roleRef/name' });
    else ctx.report({ messageId: 'missingClusterRole', data: { name: ref.name }, path: '/roleRef/name' });
  },
});
