import { defineAllowAllCheck } from './network-policy-helpers.js';

export const noAllowAllIngressPolicy = defineAllowAllCheck('ingress', {
  id: 'no-allow-all-ingress-policy',
  severity: 'medium',
  summary: 'NetworkPolicy ingress rules must not allow every source on every port.',
  rationale:
    'An ingress rule with no from and no ports allows connections from every pod of every namespace and from every address outside the cluster, on every port, to the pods the policy selects; one with namespaceSelector: {} and no ports allows every pod of the cluster. Because NetworkPolicies are additive, such a rule overrides every default-deny and every narrower policy for those pods: an attacker in any compromised pod (or on any network that reaches the nodes) can reach every port of them, debug and admin ports included, and move laterally from there.',
  remediation:
    'Replace the rule with rules that name the sources and ports the pods need, e.g. `from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}, podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}}], ports: [{port: 8080, protocol: TCP}]`, or delete the rule (and the policy, if it exists only to allow everything).',
  references: [
    { cis: '5.3.2' },
    { url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic' },
  ],
  messages: {
    allowAll:
      'Rule {{rule}} of NetworkPolicy "{{policy}}" has no from and no ports: it allows connections from every pod of the cluster and every address outside it, on every port, to {{pods}}.',
    allowAllPods:
      'Rule {{rule}} of NetworkPolicy "{{policy}}" allows every pod of every namespace (namespaceSelector: {}) on every port to {{pods}}.',
  },
});
