import { isRecord } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';

export const noServiceExternalIps = defineCheck({
  meta: {
    id: 'no-service-external-ips',
    category: 'network',
    severity: 'high',
    kinds: ['Service'],
    stage: 'deploy',
    summary: 'Services must not set spec.externalIPs.',
    rationale:
      'kube-proxy on every node routes traffic for a Service\'s externalIPs to that Service\'s pods, and the API server does not check who owns those addresses. Anyone allowed to create or edit a Service can therefore claim an address used by another workload or an external system and intercept its traffic from every pod and node of the cluster (CVE-2020-8554, a man-in-the-middle with no fix in Kubernetes itself).',
    remediation:
      'Remove spec.externalIPs and expose the Service through a LoadBalancer or an Ingress; enable the DenyServiceExternalIPs admission plugin so no Service can set the field.',
    references: [
      { url: 'https://github.com/kubernetes/kubernetes/issues/97076' },
      { url: 'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips' },
    ],
    messages: {
      externalIps: 'The Service sets spec.externalIPs ({{ips}}), so kube-proxy captures traffic to those addresses cluster-wide (CVE-2020-8554).',
    },
  },
  check(obj, ctx) {
    const spec = isRecord(obj.spec) ? obj.spec : undefined;
    const value = spec?.externalIPs;
    const ips = Array.isArray(value) ? value : typeof value === 'string' && value.trim() !== '' ? [value] : [];
    if (ips.length === 0) return;
    ctx.report({ messageId: 'externalIps', data: { ips: ips.map((ip) => String(ip)).join(', ') }, path: '/spec/externalIPs' });
  },
});
