import { podServiceAccount, serviceAccountUsage, tokenMount } from '../../analyzers/service-account-usage.js';
import { namespaceOf, podTemplate } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';

export const noDefaultServiceAccount = defineCheck({
  meta: {
    id: 'no-default-service-account',
    category: 'workload',
    severity: 'low',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods that mount a service account token must run as a dedicated service account, not "default".',
    rationale:
      'Every namespace has a "default" service account that all pods use unless they name another, so any role bound to it for one application is granted to every pod of the namespace, and a compromised pod acts with the union of those permissions. A dedicated service account per workload keeps API permissions least-privilege and auditable.',
    remediation:
      'Create a ServiceAccount for the workload and set spec.serviceAccountName to it in the pod template, or set automountServiceAccountToken: false if the pods never call the Kubernetes API.',
    references: [{ cis: '5.1.5' }, { url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/' }],
    messages: {
      unset: 'The pods run as the "default" service account: serviceAccountName is not set and the API token is mounted.',
      explicitDefault: 'The pods run as the "default" service account ({{field}}: default) and the API token is mounted.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    const sa = podServiceAccount(t);
    if (sa.name !== 'default') return;
    // Without a token the pod cannot act as the account, so sharing it grants nothing.
    if (!tokenMount(t, namespaceOf(obj) ?? '', ctx.facts.get(serviceAccountUsage)).mounted) return;
    if (sa.field) ctx.report({ messageId: 'explicitDefault', data: { field: sa.field }, path: sa.pointer });
    else ctx.report({ messageId: 'unset', path: sa.pointer });
  },
});
