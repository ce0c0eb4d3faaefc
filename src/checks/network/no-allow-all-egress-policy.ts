import { defineAllowAllCheck } from './network-policy-helpers.js';

export const noAllowAllEgressPolicy = defineAllowAllCheck('egress', {
  id: 'no-allow-all-egress-policy',
  severity: 'medium',
  summary: 'NetworkPolicy egress rules must not allow every destination on every port.',
  rationale:
    'An egress rule with no to and no ports lets the pods the policy selects connect to every pod of the cluster and every address outside it, on every port; one with namespaceSelector: {} and no ports lets them reach every pod of the cluster. Because NetworkPolicies are additive, such a rule cancels every default-deny egress policy for those pods: a compromised pod can exfiltrate data, fetch tooling from and report to its command-and-control server, attack other pods and the API server, and read node credentials from the cloud metadata endpoint (169.254.169.254).',
  remediation:
    'Replace the rule with rules that name the destinations and ports the pods need, e.g. `to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]`, or delete the rule (and the policy, if it exists only to allow everything).',
  references: [
    { cis: '5.3.2' },
    { url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-egress-traffic' },
  ],
  messages: {
    allowAll:
      'Rule {{rule}} of NetworkPolicy "{{policy}}" has no to and no ports: it lets {{pods}} connect to every pod of the cluster and every address outside it, on every port.',
    allowAllPods:
      'Rule {{rule}} of NetworkPolicy "{{policy}}" lets {{pods}} connect to every pod of every namespace (namespaceSelector: {}) on every port.',
  },
});
