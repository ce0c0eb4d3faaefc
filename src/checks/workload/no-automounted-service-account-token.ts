import { podServiceAccount, serviceAccountUsage, tokenMount } from '../../analyzers/service-account-usage.js';
import { namespaceOf, podTemplate } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';

export const noAutomountedServiceAccountToken = defineCheck({
  meta: {
    id: 'no-automounted-service-account-token',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must not automount a service account token they do not need.',
    rationale:
      'By default Kubernetes mounts a token for the pod\'s service account into every container at /var/run/secrets/kubernetes.io/serviceaccount. An attacker who gets code execution in the container reads it and talks to the API server as that account: enough to enumerate the cluster and to use any permission later granted to the account. When no RoleBinding or ClusterRoleBinding in the input grants the account anything, the workload does not appear to use the API and the token is only attack surface.',
    remediation:
      'Set automountServiceAccountToken: false in the pod template spec (or on the ServiceAccount, when no pod using it needs the API); if the workload does call the API, bind its ServiceAccount to a Role with the permissions it needs.',
    references: [{ cis: '5.1.6' }, { nsa: 'C-0034' }, { url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting' }],
    messages: {
      podEnables:
        'The pod sets automountServiceAccountToken: true, yet no RoleBinding or ClusterRoleBinding in the input grants service account "{{serviceAccount}}" anything.',
      serviceAccountEnables:
        'ServiceAccount "{{serviceAccount}}" sets automountServiceAccountToken: true and the pod does not override it, yet no RoleBinding or ClusterRoleBinding in the input grants the account anything.',
      defaultMount:
        'The token of service account "{{serviceAccount}}" is mounted by default (automountServiceAccountToken is set neither on the pod nor on the ServiceAccount), yet no RoleBinding or ClusterRoleBinding in the input grants the account anything.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    const usage = ctx.facts.get(serviceAccountUsage);
    const nsKey = namespaceOf(obj) ?? '';
    const mount = tokenMount(t, nsKey, usage);
    if (!mount.mounted) return;
    const sa = podServiceAccount(t).name;
    if (usage.isBound(nsKey, sa)) return;
    const messageId = mount.decidedBy === 'pod' ? 'podEnables' : mount.decidedBy === 'serviceAccount' ? 'serviceAccountEnables' : 'defaultMount';
    ctx.report({ messageId, data: { serviceAccount: sa }, path: mount.pointer });
  },
});
