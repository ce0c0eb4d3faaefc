import { CheckTester } from '../../testing/check-tester.js';
import { noEgressToAnyAddress } from './no-egress-to-any-address.js';

// Edge cases decided here:
// - "Any address" is a prefix length of 0 in either family (0.0.0.0/0, ::/0, also 1.2.3.4/0 whose host bits
//   the API server clears). A rule with ports is narrowed and not reported.
// - except entries do not make the rule acceptable; they are named in the message (anyAddressExcept). If they
//   cover everything the peer matches nothing (no-network-policy-peer-matching-nothing reports that).
// - Invalid ipBlock peers (with selectors, a bad except) are left to no-network-policy-peer-matching-nothing.
// - Rules without to are no-allow-all-egress-policy's; egress rules of a policy that does not isolate Egress
//   (policyTypes: [Ingress]) are ignored by Kubernetes and not reported.

const policy = (spec: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
${spec}
`;

CheckTester.run(noEgressToAnyAddress, {
  valid: [
    { name: 'any address on port 443, IPv4 and IPv6', yaml: policy('  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}, {ipBlock: {cidr: "::/0"}}], ports: [{port: 443}]}]') },
    { name: 'narrow ranges on every port', yaml: policy('  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}, {ipBlock: {cidr: "2001:db8::/32"}}]}]') },
    { name: 'half of the space is not all of it', yaml: policy('  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/1}}, {ipBlock: {cidr: "::/1"}}]}]') },
    { name: 'no to at all (the allow-all check\'s)', yaml: policy('  egress: [{}]') },
    { name: 'ignored egress rules', yaml: policy('  policyTypes: [Ingress]\n  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]') },
    { name: 'ingress from anywhere is not egress', yaml: policy('  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]') },
    { name: 'invalid peer: ipBlock with a selector', yaml: policy('  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}, podSelector: {}}]}]') },
    { name: 'malformed: to and ipBlock of wrong types', yaml: policy('  egress: [{to: 0.0.0.0/0}, {to: [{ipBlock: 0.0.0.0/0}]}, {to: [{ipBlock: {cidr: [0.0.0.0/0]}}]}]') },
  ],
  invalid: [
    {
      name: 'IPv4 any address, policyTypes omitted',
      yaml: policy('  egress:\n  - to:\n    - podSelector: {}\n    - ipBlock: {cidr: 0.0.0.0/0}'),
      findings: [{ messageId: 'anyAddress', path: '/spec/egress/0/to/1/ipBlock/cidr', line: 9 }],
    },
    {
      name: 'IPv6 any address and a non-canonical IPv4 /0, empty ports',
      yaml: policy('  policyTypes: [Egress]\n  egress:\n  - ports: []\n    to:\n    - ipBlock:\n        cidr: "::/0"\n    - ipBlock: {cidr: 1.2.3.4/0}'),
      findings: [
        { messageId: 'anyAddress', path: '/spec/egress/0/to/0/ipBlock/cidr', line: 11 },
        { messageId: 'anyAddress', path: '/spec/egress/0/to/1/ipBlock/cidr', line: 12 },
      ],
    },
    {
      name: 'any address except the metadata endpoint and private ranges, IPv4 and IPv6',
      yaml: policy('  egress:\n  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]\n    ports: [{port: 5432}]\n  - to:\n    - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32, 10.0.0.0/8]}\n    - ipBlock: {cidr: "::/0", except: ["fd00::/8"]}'),
      findings: [
        { messageId: 'anyAddressExcept', path: '/spec/egress/1/to/0/ipBlock/cidr', line: 10 },
        { messageId: 'anyAddressExcept', path: '/spec/egress/1/to/1/ipBlock/cidr', line: 11 },
      ],
    },
  ],
});
