import { defineDefaultDenyCheck } from './network-policy-helpers.js';

export const requireNamespaceDefaultDenyEgress = defineDefaultDenyCheck('egress', {
  id: 'require-namespace-default-deny-egress',
  severity: 'low',
  summary: 'Every namespace should have a default-deny egress NetworkPolicy: podSelector {} with Egress in policyTypes and no allow-all rule.',
  rationale:
    'Pods may open connections to any address until some NetworkPolicy selects them for egress. A compromised pod then exfiltrates data to the internet, downloads tooling and talks to its command-and-control server, scans and attacks other pods and the Kubernetes API server, and on cloud nodes asks the instance metadata endpoint (169.254.169.254) for the node\'s credentials. A policy that selects all pods of the namespace and isolates Egress makes "deny" the default, so every destination must be allowed explicitly (DNS included). A namespace-wide policy whose rules allow everything (a rule with no to and no ports) denies nothing and does not count.',
  remediation:
    'Add to the namespace a NetworkPolicy that selects every pod and allows no egress, `{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: default-deny-egress, namespace: <namespace>}, spec: {podSelector: {}, policyTypes: [Egress]}}`, then allow DNS (UDP and TCP port 53 to the kube-dns pods in kube-system) and only the destinations each workload needs.',
  references: [
    { cis: '5.3.2' },
    { url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-egress-traffic' },
  ],
  messages: {
    missing:
      'Namespace "{{namespace}}" has no default-deny egress NetworkPolicy (podSelector: {} with Egress in policyTypes; NetworkPolicies in the namespace: {{count}}), so pods no other policy selects may connect to any address, inside or outside the cluster.',
    missingUndeclared:
      'Namespace "{{namespace}}" (used by {{workload}}; the input has no Namespace object for it, so this is reported on its first workload) has no default-deny egress NetworkPolicy (podSelector: {} with Egress in policyTypes; NetworkPolicies in the namespace: {{count}}), so pods no other policy selects may connect anywhere.',
    allowsAll:
      'NetworkPolicy "{{policy}}" selects every pod of {{namespace}} for egress, but its rule {{rule}} has no to and no ports, so it allows all egress and the namespace has no default deny.',
  },
});
