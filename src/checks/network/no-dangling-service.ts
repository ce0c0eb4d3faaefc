import { describeLabels, describeNamespace, toLabels, workloadIndex } from '../../analyzers/workload-index.js';
import { isRecord, namespaceOf } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';

export const noDanglingService = defineCheck({
  meta: {
    id: 'no-dangling-service',
    category: 'network',
    severity: 'low',
    kinds: ['Service'],
    stage: 'deploy',
    summary: 'A Service\'s selector must match the pod labels of some workload in its namespace.',
    rationale:
      'A Service whose selector matches no pods has no endpoints: clients get connection errors, and the mistake (usually a typo or a label renamed on one side only) is invisible until traffic fails. Worse, any pod later created in the namespace with matching labels, by anyone allowed to create pods, silently receives the Service\'s traffic.',
    remediation:
      'Make spec.selector equal to labels of the target workload\'s pod template (spec.template.metadata.labels), or delete the Service if nothing uses it.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors' }],
    messages: {
      noMatch: 'The selector {{selector}} matches the pod labels of no workload in {{namespace}}.',
    },
  },
  check(obj, ctx) {
    const spec = isRecord(obj.spec) ? obj.spec : undefined;
    // ExternalName Services have no pods; Services without a selector get their endpoints by hand.
    if (!spec || spec.type === 'ExternalName' || !isRecord(spec.selector)) return;
    const selector = toLabels(spec.selector);
    if (Object.keys(selector).length === 0) return;
    const nsKey = namespaceOf(obj) ?? '';
    const index = ctx.facts.get(workloadIndex);
    if (index.anyWorkloadMatches(nsKey, selector)) return;
    // Pods created by an operator (an Alertmanager, a CloudNativePG Cluster, a LeaderWorkerSet…) are not
    // in the manifests; operators label them with their custom resource's name, so such a match is
    // taken as the Service's target.
    if (index.hasCustomResourceNamed(nsKey, Object.values(selector))) return;
    ctx.report({
      messageId: 'noMatch',
      data: { selector: describeLabels(selector), namespace: describeNamespace(nsKey) },
      path: '/spec/selector',
    });
  },
});
