import { CheckTester } from '../../testing/check-tester.js';
import { noAllowAllIngressPolicy } from './no-allow-all-ingress-policy.js';

// Edge cases decided here:
// - allowAll: an ingress rule whose from is missing, null or [] and whose ports is missing, null or [] (both
//   mean "everything" in the API). A rule with ports, or with any peer, is not allow-all. A rule that is not a
//   map, or whose from/ports are not lists, allows nothing and is not reported.
// - allowAllPods: no ports and a peer namespaceSelector: {} with no or an empty podSelector (every pod of the
//   cluster). Reported at the rule.
// - Only rules of a direction the policy isolates count: ingress rules of a policy with policyTypes: [Egress]
//   are ignored by Kubernetes (no-network-policy-peer-matching-nothing reports that).

const policy = (spec: string, podSelector = '{matchLabels: {app: web}}'): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: ${podSelector}
${spec}
`;

CheckTester.run(noAllowAllIngressPolicy, {
  valid: [
    { name: 'default deny', yaml: policy('  policyTypes: [Ingress]', '{}') },
    { name: 'all sources on one port', yaml: policy('  ingress: [{ports: [{port: 8080}]}]') },
    { name: 'ports: [{}] is every TCP port, not every port', yaml: policy('  ingress: [{ports: [{}]}]') },
    { name: 'some sources on every port', yaml: policy('  ingress: [{from: [{podSelector: {matchLabels: {app: front}}}]}]') },
    { name: 'every namespace, but only some pods', yaml: policy('  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: prometheus}}}]}]') },
    { name: 'every pod of the cluster, on one port', yaml: policy('  ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 9090}]}]') },
    { name: 'a rule that is not a map, from that is not a list', yaml: policy('  ingress: [allow-all, {from: everyone}]') },
    { name: 'ingress rules ignored: policyTypes [Egress]', yaml: policy('  policyTypes: [Egress]\n  ingress: [{}]') },
    { name: 'IPv4 and IPv6 everywhere, but on one port', yaml: policy('  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}, {ipBlock: {cidr: "::/0"}}], ports: [{port: 443}]}]') },
  ],
  invalid: [
    {
      name: 'empty rule',
      yaml: policy('  ingress:\n  - from: [{podSelector: {}}]\n  - {}'),
      findings: [{ messageId: 'allowAll', path: '/spec/ingress/1', line: 8 }],
    },
    {
      name: 'empty from and ports, null from',
      yaml: policy('  ingress:\n  - from: []\n    ports: []\n  - from: null', '{}'),
      findings: [
        { messageId: 'allowAll', path: '/spec/ingress/0', line: 7 },
        { messageId: 'allowAll', path: '/spec/ingress/1', line: 9 },
      ],
    },
    {
      name: 'policyTypes omitted and no spec.podSelector: all pods, allow all',
      yaml: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: open}\nspec:\n  ingress:\n  - {}\n',
      findings: [{ messageId: 'allowAll', path: '/spec/ingress/0', line: 6 }],
    },
    {
      name: 'every pod of every namespace',
      yaml: policy('  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: front}}\n    - namespaceSelector: {}\n  - from: [{namespaceSelector: {}, podSelector: {}}]'),
      findings: [
        { messageId: 'allowAllPods', path: '/spec/ingress/0', line: 7 },
        { messageId: 'allowAllPods', path: '/spec/ingress/1', line: 10 },
      ],
    },
  ],
});
