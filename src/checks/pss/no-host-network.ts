import { defineCheck } from '../define-check.js';
import { podTemplate } from '../../kinds/workloads.js';

export const noHostNetwork = defineCheck({
  meta: {
    id: 'no-host-network',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must not share the node\'s network namespace.',
    rationale:
      'With hostNetwork the pod sees every interface of the node: it can sniff or spoof node traffic, reach services bound to localhost (the kubelet read-only port, cloud metadata proxies, node-local daemons) and bypass NetworkPolicies, which do not apply to host-network pods. Pod Security Standards (baseline) forbid it.',
    remediation: 'Remove spec.hostNetwork or set it to false; expose the workload through a Service instead.',
    references: [{ pss: 'baseline' }, { cis: '5.2.5' }],
    messages: { hostNetwork: 'The pod shares the host network namespace (hostNetwork: true).' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (t && t.spec.hostNetwork === true) ctx.report({ messageId: 'hostNetwork', path: `${t.specPointer}/hostNetwork` });
  },
});
