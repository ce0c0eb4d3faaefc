import { defineDefaultDenyCheck } from './network-policy-helpers.js';

export const requireNamespaceDefaultDenyIngress = defineDefaultDenyCheck('ingress', {
  id: 'require-namespace-default-deny-ingress',
  severity: 'medium',
  summary: 'Every namespace must have a default-deny ingress NetworkPolicy: podSelector {} with Ingress in policyTypes and no allow-all rule.',
  rationale:
    'Pods are open to connections from every pod of the cluster, and from outside it through any node or load balancer that routes to them, until some NetworkPolicy selects them for ingress. Per-workload policies leave every new workload, and every workload whose labels drift from its policy\'s selector, open: an attacker who compromises one pod (a vulnerable web app, a poisoned dependency) then moves laterally to databases, caches, internal admin APIs and metrics endpoints that were never meant to be reachable. A policy that selects all pods of the namespace and allows nothing makes "deny" the default, so only traffic an explicit policy allows gets through. A namespace-wide policy whose rules allow everything (a rule with no from and no ports) denies nothing and does not count.',
  remediation:
    'Add to the namespace a NetworkPolicy that selects every pod and allows no ingress, `{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: default-deny-ingress, namespace: <namespace>}, spec: {podSelector: {}, policyTypes: [Ingress]}}`, then add policies that allow only the connections each workload needs.',
  references: [
    { cis: '5.3.2' },
    { url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic' },
  ],
  messages: {
    missing:
      'Namespace "{{namespace}}" has no default-deny ingress NetworkPolicy (podSelector: {} with Ingress in policyTypes; NetworkPolicies in the namespace: {{count}}), so pods no other policy selects accept connections from every pod of the cluster and from outside it.',
    missingUndeclared:
      'Namespace "{{namespace}}" (used by {{workload}}; the input has no Namespace object for it, so this is reported on its first workload) has no default-deny ingress NetworkPolicy (podSelector: {} with Ingress in policyTypes; NetworkPolicies in the namespace: {{count}}), so pods no other policy selects accept connections from anywhere.',
    allowsAll:
      'NetworkPolicy "{{policy}}" selects every pod of {{namespace}} for ingress, but its rule {{rule}} has no from and no ports, so it allows all ingress and the namespace has no default deny.',
  },
});
