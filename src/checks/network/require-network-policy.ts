import { describeLabels, describeNamespace, workloadIndex } from '../../analyzers/workload-index.js';
import { namespaceOf, podTemplate } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';

export const requireNetworkPolicy = defineCheck({
  meta: {
    id: 'require-network-policy',
    category: 'network',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Every workload\'s pods must be isolated for ingress by a NetworkPolicy of their namespace.',
    rationale:
      'Pods that no NetworkPolicy with an Ingress policy type selects are non-isolated: they accept connections from every pod in every namespace and can connect anywhere. One compromised pod then reaches databases, internal admin APIs and the cloud metadata endpoint unhindered; a policy per workload (or a default-deny policy per namespace) limits that lateral movement.',
    remediation:
      'Add a NetworkPolicy in the workload\'s namespace whose spec.podSelector matches the pod template labels (or a default-deny policy with podSelector: {}), allowing only the traffic the workload needs.',
    references: [
      { cis: '5.3.2' },
      { url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/' },
    ],
    messages: {
      noPolicy: 'No NetworkPolicy exists in {{namespace}}, so the pods accept traffic from anywhere and may connect anywhere.',
      notSelected: 'None of the {{count}} NetworkPolicies in {{namespace}} selects the pods (labels {{labels}}) for ingress, so they accept traffic from anywhere.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    // NetworkPolicy does not apply to host-network pods (Kubernetes leaves it undefined); no policy can fix them.
    if (t.spec.hostNetwork === true) return;
    const index = ctx.facts.get(workloadIndex);
    const nsKey = namespaceOf(obj) ?? '';
    if (index.isSelectedByNetworkPolicy(nsKey, t.labels)) return;
    const count = index.networkPolicyCount(nsKey);
    const path = `${t.metadataPointer}/labels`;
    const namespace = describeNamespace(nsKey);
    if (count === 0) ctx.report({ messageId: 'noPolicy', data: { namespace }, path });
    else ctx.report({ messageId: 'notSelected', data: { namespace, count, labels: describeLabels(t.labels) }, path });
  },
});
