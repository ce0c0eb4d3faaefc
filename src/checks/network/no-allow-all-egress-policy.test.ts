import { CheckTester } from '../../testing/check-tester.js';
import { noAllowAllEgressPolicy } from './no-allow-all-egress-policy.js';

// Edge cases decided here (the ingress twin's test has the rest):
// - Egress rules count only when the policy isolates Egress: listed in policyTypes, or policyTypes omitted and
//   the policy has egress rules. With policyTypes: [Ingress] they are ignored by Kubernetes and not reported.
// - ipBlock 0.0.0.0/0 or ::/0 without ports is reported by no-egress-to-any-address, not here: this check is
//   about rules with no to at all, or with namespaceSelector: {} (every pod). A rule with both kinds of peers
//   gets one finding from each check, as they name different exposures.

const policy = (spec: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
${spec}
`;

CheckTester.run(noAllowAllEgressPolicy, {
  valid: [
    { name: 'default deny egress', yaml: policy('  policyTypes: [Egress]') },
    { name: 'DNS only', yaml: policy('  egress: [{ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}]') },
    { name: 'every address, IPv4 and IPv6 (the other check\'s)', yaml: policy('  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}, {ipBlock: {cidr: "::/0"}}]}]') },
    { name: 'egress rules ignored: policyTypes [Ingress]', yaml: policy('  policyTypes: [Ingress]\n  egress: [{}]') },
    { name: 'every pod of the cluster on port 443', yaml: policy('  egress: [{to: [{namespaceSelector: {}}], ports: [{port: 443}]}]') },
  ],
  invalid: [
    {
      name: 'empty rule with policyTypes omitted',
      yaml: policy('  egress:\n  - {}'),
      findings: [{ messageId: 'allowAll', path: '/spec/egress/0', line: 7 }],
    },
    {
      name: 'empty to, explicit policyTypes',
      yaml: policy('  policyTypes: [Ingress, Egress]\n  egress:\n  - to: []\n    ports: null'),
      findings: [{ messageId: 'allowAll', path: '/spec/egress/0', line: 8 }],
    },
    {
      name: 'every pod of the cluster, next to 0.0.0.0/0',
      yaml: policy('  egress:\n  - to: [{ipBlock: {cidr: 0.0.0.0/0}}, {namespaceSelector: {}}]'),
      findings: [{ messageId: 'allowAllPods', path: '/spec/egress/0', line: 7 }],
    },
  ],
});
