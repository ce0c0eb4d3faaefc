import { namespaceAccounts } from '../../analyzers/namespace-accounts.js';
import { asArray, isRecord } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';
import { bindingSubjects, canonicalSubject, joinList } from './rbac-check-helpers.js';

/** At most this many ServiceAccount names are listed in a message. */
const MAX_LISTED = 5;

export const noBindingToMissingSubject = defineCheck({
  meta: {
    id: 'no-binding-to-missing-subject',
    category: 'rbac',
    severity: 'medium',
    kinds: ['ClusterRoleBinding', 'RoleBinding'],
    stage: 'deploy',
    summary: 'Bindings should not name ServiceAccounts that the input shows do not exist.',
    rationale:
      'A binding to a ServiceAccount that does not exist grants nothing today, usually because of a typo in the subject\'s name or namespace, so the workload that needed the permission fails. Worse, the grant is waiting: whoever can later create that namespace or ServiceAccount (a tenant creating a namespace of that name, anyone with create on serviceaccounts) inherits the role. Users and groups are not judged: Kubernetes has no objects for them.',
    remediation:
      'Fix the subject\'s name and namespace to match the intended ServiceAccount, create the ServiceAccount (and its namespace) alongside the binding, or remove the stale subject.',
    references: [{ url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects' }],
    messages: {
      missingNamespace:
        'Subject ServiceAccount "{{namespace}}/{{name}}" is in namespace "{{namespace}}", which the input neither defines (it defines {{namespaces}}) nor uses, and which is not built in.',
      missingServiceAccount:
        'Subject ServiceAccount "{{namespace}}/{{name}}" does not exist: the input defines namespace "{{namespace}}" and its ServiceAccounts ({{accounts}}), but not "{{name}}".',
    },
  },
  check(obj, ctx) {
    const known = ctx.facts.get(namespaceAccounts);
    const raw = asArray<unknown>(obj.subjects);
    for (const { index, subject } of bindingSubjects(obj)) {
      const s = canonicalSubject(subject);
      if (s.kind !== 'ServiceAccount' || !s.namespace) continue;
      const ns = s.namespace;
      if (known.serviceAccountsIn(ns).has(s.name)) continue;
      // A ServiceAccount of that name without metadata.namespace lands wherever kubectl targets: maybe there.
      if (known.serviceAccountsIn('').has(s.name)) continue;
      const written = raw[index];
      const field = (f: string): string => (isRecord(written) && typeof written[f] === 'string' ? `/subjects/${index}/${f}` : `/subjects/${index}`);
      if (known.hasNamespaceObjects() && !known.namespaceKnown(ns)) {
        const namespaces = [...known.namespaces].sort();
        const listed = namespaces.slice(0, MAX_LISTED).map((n) => `"${n}"`);
        if (namespaces.length > MAX_LISTED) listed.push(`${namespaces.length - MAX_LISTED} more`);
        // A ServiceAccount written as the user system:serviceaccount:<ns>:<name> has no namespace field.
        ctx.report({ messageId: 'missingNamespace', data: { namespace: ns, name: s.name, namespaces: joinList(listed) }, path: field(subject.kind === 'ServiceAccount' ? 'namespace' : 'name') });
        continue;
      }
      const accounts = known.serviceAccountsIn(ns);
      if (!known.namespaces.has(ns) || accounts.size === 0 || s.name === 'default') continue;
      const names = [...accounts].sort();
      const listed = names.slice(0, MAX_LISTED).map((n) => `"${n}"`);
      if (names.length > MAX_LISTED) listed.push(`${names.length - MAX_LISTED} more`);
      ctx.report({ messageId: 'missingServiceAccount', data: { namespace: ns, name: s.name, accounts: joinList(listed) }, path: field('name') });
    }
  },
});
