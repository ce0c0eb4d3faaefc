import { CheckTester } from '../../testing/check-tester.js';
import { requireNamespaceDefaultDenyEgress } from './require-namespace-default-deny-egress.js';

// Edge cases decided here (the ingress twin's test has the rest):
// - Egress counts only when it is among the policy's effective policyTypes: listed explicitly, or implied
//   because policyTypes is omitted and the policy has egress rules. Egress rules of a policy with
//   policyTypes: [Ingress] are ignored by Kubernetes and do not make a default deny.
// - A namespace-wide egress policy that allows DNS, or any destination on some ports, is still a default deny;
//   one with a rule that has no to and no ports is not.

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: shop}
`;

const policy = (spec: string, name = 'p', ns = 'shop'): string => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${ns}}
${spec}
`;

const DNS = '{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}';

CheckTester.run(requireNamespaceDefaultDenyEgress, {
  valid: [
    { name: 'default-deny egress', yaml: NAMESPACE + policy('spec: {podSelector: {}, policyTypes: [Egress]}') },
    { name: 'default-deny both directions', yaml: NAMESPACE + policy('spec: {podSelector: {}, policyTypes: [Ingress, Egress]}') },
    { name: 'policyTypes omitted, egress rules present: Egress is implied', yaml: NAMESPACE + policy(`spec: {podSelector: {}, egress: [${DNS}]}`) },
    {
      name: 'namespace-wide egress to every address on port 443 only (IPv4 and IPv6)',
      yaml: NAMESPACE + policy('spec: {podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}, {ipBlock: {cidr: "::/0"}}], ports: [{port: 443}]}]}'),
    },
    {
      name: 'Pod without namespace and an egress deny in "default"',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: a, image: a:1}]}
${policy('spec: {podSelector: {}, policyTypes: [Egress]}', 'deny', 'default')}`,
    },
  ],
  invalid: [
    {
      name: 'only an ingress default deny',
      yaml: NAMESPACE + policy('spec: {podSelector: {}}'),
      findings: [{ messageId: 'missing', path: '/metadata/name', line: 4 }],
    },
    {
      name: 'egress rules ignored because policyTypes is [Ingress]',
      yaml: NAMESPACE + policy(`spec: {podSelector: {}, policyTypes: [Ingress], egress: [${DNS}]}`),
      findings: [{ messageId: 'missing', path: '/metadata/name', line: 4 }],
    },
    {
      name: 'egress deny for some pods only',
      yaml: NAMESPACE + policy('spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Egress]}'),
      findings: [{ messageId: 'missing', path: '/metadata/name' }],
    },
    {
      name: 'namespace-wide egress policy with an allow-all rule next to a DNS rule',
      yaml: NAMESPACE + policy(`spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ${DNS}\n  - {ports: []}`),
      findings: [{ messageId: 'allowsAll', path: '/metadata/name', line: 4 }],
    },
    {
      name: 'StatefulSet in an undeclared namespace',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: data
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres:16}]}
${policy('spec: {podSelector: {}, policyTypes: [Egress]}')}`,
      findings: [{ messageId: 'missingUndeclared', path: '/metadata/namespace', line: 5 }],
    },
  ],
});
