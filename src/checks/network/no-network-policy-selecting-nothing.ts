import { networkCoverage } from '../../analyzers/network/network-coverage.js';
import { networkNamespace } from '../../analyzers/network/policies.js';
import { policyModels } from '../../analyzers/network/policy-models.js';
import { describeSelector, isEmptySelector } from '../../inventory/label-selector.js';
import { defineCheck } from '../define-check.js';
import { describePolicy } from './network-policy-helpers.js';

export const noNetworkPolicySelectingNothing = defineCheck({
  meta: {
    id: 'no-network-policy-selecting-nothing',
    category: 'network',
    severity: 'low',
    kinds: ['NetworkPolicy'],
    stage: 'deploy',
    summary: 'A NetworkPolicy\'s podSelector should select at least one workload of its namespace.',
    rationale:
      'A NetworkPolicy applies only to the pods its spec.podSelector selects in its own namespace. A selector that matches no workload (a typo in a label, labels renamed in the Deployment but not in the policy, the policy created in the wrong namespace) protects nothing: the pods it was written for stay open to lateral movement and free to exfiltrate, while reviewers believe they are isolated. An invalid selector is worse: the API server rejects the whole policy. The check only judges namespaces where the input holds at least one workload and no custom resource (operators such as the Prometheus operator or Argo Rollouts create pods from those, with labels the input does not show), and never kube-system (whose DNS, proxy and CNI pods the cluster installer creates), since pods deployed by other means cannot be seen; selector terms on labels that controllers add at run time (pod-template-hash, controller-revision-hash, job-name, statefulset.kubernetes.io/pod-name and the like) are assumed to match.',
    remediation:
      'Set spec.podSelector.matchLabels (or matchExpressions) to labels that the target workload\'s pod template carries in metadata.labels, and create the policy in the workload\'s namespace; use podSelector: {} to select every pod of the namespace.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource' }],
    messages: {
      selectsNothing:
        'NetworkPolicy "{{policy}}" selects pods {{selector}}, but no workload of namespace "{{namespace}}" ({{count}} in the input) has such pod labels, so the policy applies to no pod.',
      malformedSelector:
        'NetworkPolicy "{{policy}}" has an invalid pod selector ({{reason}}): the API server rejects the policy, and as written it selects no pod.',
    },
  },
  check(obj, ctx) {
    const policy = describePolicy(obj);
    const coverage = ctx.facts.get(networkCoverage);
    const { podSelector, invalidPodSelector } = ctx.facts.get(policyModels).of(obj);
    if (invalidPodSelector) {
      ctx.report({ messageId: 'malformedSelector', data: { policy, reason: invalidPodSelector.reason }, path: invalidPodSelector.path });
      return;
    }
    if (!podSelector || isEmptySelector(podSelector)) return;
    const namespace = networkNamespace(obj);
    // Without workloads of the namespace in the input, the pods the policy is for may simply be elsewhere.
    if (!coverage.podsKnown(namespace) || coverage.anyWorkloadMatches(namespace, podSelector)) return;
    const count = coverage.namespaces.get(namespace)?.workloadCount ?? 0;
    ctx.report({ messageId: 'selectsNothing', data: { policy, selector: describeSelector(podSelector), namespace, count }, path: '/spec/podSelector' });
  },
});
