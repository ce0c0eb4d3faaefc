import { asArray, isRecord } from '../../kinds/workloads.js';
import type { K8sObject } from '../../model/types.js';
import { defineCheck } from '../define-check.js';

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
/** A prefix length of 0 admits every address, whatever address is written before it (1.2.3.4/0, ::0/0). */
export const OPEN_RANGE = /^[0-9A-Fa-f.:]+\/0$/;

/** Cloud annotations that make a LoadBalancer internal (reachable from the private network only). */
const INTERNAL_LB_ANNOTATIONS: [string, (value: string) => boolean][] = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', (v) => v !== '' && v.toLowerCase() !== 'false'],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', (v) => v.toLowerCase() === 'internal'],
  ['networking.gke.io/load-balancer-type', (v) => v.toLowerCase() === 'internal'],
  ['cloud.google.com/load-balancer-type', (v) => v.toLowerCase() === 'internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', (v) => v.toLowerCase() === 'true'],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', (v) => v.toLowerCase() === 'true'],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', (v) => v.toLowerCase() === 'true'],
];

export const noExposedService = defineCheck({
  meta: {
    id: 'no-exposed-service',
    category: 'network',
    severity: 'medium',
    kinds: ['Service'],
    stage: 'deploy',
    summary: 'Services must not be exposed outside the cluster through NodePort or an unrestricted LoadBalancer.',
    rationale:
      'A NodePort Service listens on a port of every node, reachable by anyone who can reach any node and bypassing the Ingress controller with its TLS, authentication and rate limits. A LoadBalancer Service gets a public address from the cloud provider; without loadBalancerSourceRanges any address on the internet can connect, so an internal or admin service becomes an attack surface the moment it is deployed.',
    remediation:
      'Use type: ClusterIP behind an Ingress or Gateway; if the Service must be a LoadBalancer, set spec.loadBalancerSourceRanges to the client CIDRs allowed to reach it, or make it an internal load balancer.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types' }],
    messages: {
      nodePort: 'Service type NodePort exposes the service on a port of every node\'s address.',
      loadBalancer: 'Service type LoadBalancer exposes the service outside the cluster and spec.loadBalancerSourceRanges is not set, so every address can reach it.',
      openSourceRange: 'The load balancer source range {{range}} admits every address.',
    },
  },
  check(obj, ctx) {
    const spec = isRecord(obj.spec) ? obj.spec : undefined;
    if (!spec) return;
    if (spec.type === 'NodePort') {
      ctx.report({ messageId: 'nodePort', path: '/spec/type' });
      return;
    }
    if (spec.type !== 'LoadBalancer' || isInternalLoadBalancer(obj)) return;
    const ranges = sourceRanges(obj, spec);
    if (!ranges) {
      ctx.report({ messageId: 'loadBalancer', path: '/spec/type' });
      return;
    }
    for (const r of ranges.values) {
      if (OPEN_RANGE.test(r.range)) ctx.report({ messageId: 'openSourceRange', data: { range: r.range }, path: r.path });
    }
  },
});

interface SourceRanges {
  values: { range: string; path: string }[];
}

/** spec.loadBalancerSourceRanges, else the legacy annotation (Kubernetes' own precedence). */
function sourceRanges(obj: K8sObject, spec: Record<string, unknown>): SourceRanges | undefined {
  const field = asArray<unknown>(spec.loadBalancerSourceRanges);
  if (field.length > 0) {
    return { values: field.map((r, i) => ({ range: String(r).trim(), path: `/spec/loadBalancerSourceRanges/${i}` })) };
  }
  const annotation = isRecord(obj.metadata.annotations) ? obj.metadata.annotations[SOURCE_RANGES_ANNOTATION] : undefined;
  if (typeof annotation !== 'string' || annotation.trim() === '') return undefined;
  const path = `/metadata/annotations/${SOURCE_RANGES_ANNOTATION.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return { values: annotation.split(',').map((r) => ({ range: r.trim(), path })).filter((r) => r.range !== '') };
}

function isInternalLoadBalancer(obj: K8sObject): boolean {
  const annotations = isRecord(obj.metadata.annotations) ? obj.metadata.annotations : {};
  return INTERNAL_LB_ANNOTATIONS.some(([key, isInternal]) => {
    const value = annotations[key];
    return typeof value === 'string' && isInternal(value.trim());
  });
}
