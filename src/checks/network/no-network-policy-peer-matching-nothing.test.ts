import { CheckTester } from '../../testing/check-tester.js';
import { noNetworkPolicyPeerMatchingNothing } from './no-network-policy-peer-matching-nothing.js';

// Edge cases decided here:
// - Known namespaces: Namespace objects of the input (with their labels), namespaces any input object names in
//   metadata.namespace, and default, kube-system, kube-public and kube-node-lease. Namespaces without a Namespace
//   object carry only their automatic kubernetes.io/metadata.name label. A namespaceSelector matching no known
//   namespace is reported only when a value it asks for is a near miss (one or two edits, or a case difference) of a
//   value a known namespace carries for that key: manifests rarely hold every namespace of the cluster
//   (ingress-nginx, monitoring), so an unknown name alone is no evidence of a mistake.
// - A peer's podSelector is judged only when the input shows the pods of every namespace it applies to (its own
//   namespace without namespaceSelector; the matched namespaces with one; every known namespace with {}): the
//   namespace has workloads in the input and no custom resources (operators create pods from those), and is not
//   kube-system (CoreDNS, kube-proxy and the CNI come with the cluster, not the manifests). Selector terms on
//   controller-generated labels are assumed to match.
// - Invalid peers (ipBlock with selectors, a cidr or except that does not parse, an except not strictly inside
//   its cidr, no field set, a selector the API server rejects) are reported as invalidPeer: the API server
//   rejects the whole policy. An ipBlock whose excepts cover all of its cidr is valid but matches nothing.
// - Rules of a direction missing from the effective policyTypes (egress rules with policyTypes: [Ingress]) are
//   reported once as ignoredRules, and their peers are not judged (Kubernetes ignores them).

const INPUT = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: nginx:1.27}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: data, labels: {app: db}}
spec: {containers: [{name: db, image: postgres:16}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: monitoring}
`;

/** A policy in "shop"; in INPUT + policy(), its spec is on line 25. */
const policy = (spec: string): string => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
${spec}
`;

const ingress = (...peers: string[]): string => policy(`  podSelector: {}\n  ingress:\n  - from:\n${peers.map((p) => `    - ${p}\n`).join('')}`);
const egress = (...peers: string[]): string => policy(`  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n${peers.map((p) => `    - ${p}\n`).join('')}`);

CheckTester.run(noNetworkPolicyPeerMatchingNothing, {
  valid: [
    { name: 'pods of the own namespace', yaml: INPUT + ingress('podSelector: {matchLabels: {app: web}}') },
    { name: 'declared namespace by its label, with pods there', yaml: INPUT + ingress('{namespaceSelector: {matchLabels: {team: shop}}, podSelector: {matchLabels: {app: web}}}') },
    { name: 'used namespace by its name label', yaml: INPUT + ingress('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: data}}, podSelector: {matchLabels: {app: db}}}') },
    {
      name: 'built-in namespace, no workloads of it in the input',
      yaml: INPUT + egress('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}'),
    },
    { name: 'namespace used only by a ConfigMap, pods unknown', yaml: INPUT + ingress('{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [monitoring]}]}, podSelector: {matchLabels: {app: prometheus}}}') },
    { name: 'every namespace: pods of built-in namespaces unknown', yaml: INPUT + ingress('{namespaceSelector: {}, podSelector: {matchLabels: {app: prometheus}}}') },
    { name: 'one of two matched namespaces has the pods', yaml: INPUT + ingress('{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [shop, data]}]}, podSelector: {matchLabels: {app: db}}}') },
    {
      name: 'kube-dns in kube-system, even with some kube-system workloads in the input',
      yaml: INPUT + '---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: cni, namespace: kube-system}\nspec: {template: {metadata: {labels: {k8s-app: cni}}, spec: {containers: [{name: a, image: a}]}}}\n' + egress('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}'),
    },
    {
      name: 'pods an operator creates from a custom resource',
      yaml: INPUT + '---\napiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: shop}\n' + ingress('podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}'),
    },
    { name: 'controller-generated labels', yaml: INPUT + ingress('podSelector: {matchLabels: {app: web, pod-template-hash: 7d4b9c}}') },
    { name: 'ipBlocks, IPv4 and IPv6, with excepts', yaml: INPUT + egress('ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.2.3.4/32]}', 'ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}', 'ipBlock: {cidr: 10.0.0.1/8}') },
    { name: 'ipBlock: null is no ipBlock', yaml: INPUT + ingress('{ipBlock: null, podSelector: {matchLabels: {app: web}}}') },
    { name: 'no from, empty from', yaml: INPUT + policy('  podSelector: {}\n  ingress: [{}, {from: []}, {ports: [{port: 80}]}]') },
    { name: 'policyTypes omitted: egress rules count and their peers match', yaml: INPUT + policy('  podSelector: {}\n  egress: [{to: [{podSelector: {matchLabels: {app: web}}}]}]') },
    { name: 'a namespace the input does not hold, by name (it may exist in the cluster)', yaml: INPUT + ingress('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}') },
    { name: 'a namespace label the input does not hold (team: payments is no near miss of team: shop)', yaml: INPUT + ingress('{namespaceSelector: {matchLabels: {team: payments}}}') },
    { name: 'a namespace without workloads in the input', yaml: INPUT.replace(/namespace: shop/g, 'namespace: empty') + ingress('podSelector: {matchLabels: {app: nothing}}') },
  ],
  invalid: [
    {
      name: 'namespaceSelector misspelling a label value a namespace of the input has',
      yaml: INPUT + ingress('podSelector: {matchLabels: {app: web}}', '{namespaceSelector: {matchLabels: {team: shpo}}}'),
      findings: [{ messageId: 'namespaceSelectorMatchesNothing', path: '/spec/ingress/0/from/1', line: 30, message: /did you mean team=shop\?/ }],
    },
    {
      name: 'namespaceSelector misspelling a namespace name (matchExpressions In), or differing in case',
      yaml: INPUT + egress('{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [dta]}]}}', '{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: Shop}}}'),
      findings: [
        { messageId: 'namespaceSelectorMatchesNothing', path: '/spec/egress/0/to/0', message: /did you mean kubernetes\.io\/metadata\.name=data\?/ },
        { messageId: 'namespaceSelectorMatchesNothing', path: '/spec/egress/0/to/1', message: /did you mean kubernetes\.io\/metadata\.name=shop\?/ },
      ],
    },
    {
      name: 'undeclared namespaces carry only their name label (team: dat misses team=shop by too much; the name is a near miss of data)',
      yaml: INPUT + ingress('{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dat, team: data}}}'),
      findings: [{ messageId: 'namespaceSelectorMatchesNothing', path: '/spec/ingress/0/from/0' }],
    },
    {
      name: 'podSelector matching no workload of the own namespace',
      yaml: INPUT + ingress('podSelector: {matchLabels: {app: wbe}}'),
      findings: [{ messageId: 'podSelectorMatchesNothing', path: '/spec/ingress/0/from/0', line: 29 }],
    },
    {
      name: 'podSelector matching no workload of the matched namespaces',
      yaml: INPUT + egress('{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [shop, data]}]}, podSelector: {matchLabels: {app: cache}}}'),
      findings: [{ messageId: 'podSelectorMatchesNothing', path: '/spec/egress/0/to/0', line: 30 }],
    },
    {
      name: 'invalid peers, IPv4 and IPv6',
      yaml:
        INPUT +
        ingress(
          '{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}',
          'ipBlock: {cidr: 10.0.0.0/33}',
          'ipBlock: {cidr: "2001:db8::/129"}',
          'ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}',
          'ipBlock: {cidr: 10.0.0.0/16, except: [10.0.0.0/16]}',
          'ipBlock: {cidr: "2001:db8::/32", except: [10.0.0.0/24]}',
          'ipBlock: {cidr: "::/0", except: ["fe80::/10x"]}',
          'ipBlock: {except: [10.0.0.0/24]}',
          '{}',
          'just-a-string',
          'namespaceSelector: {matchExpressions: [{key: team, operator: in, values: [shop]}]}',
          'ipBlock: [10.0.0.0/8]',
        ),
      findings: Array.from({ length: 12 }, (_, j) => ({ messageId: 'invalidPeer', path: `/spec/ingress/0/from/${j}`, line: 29 + j })),
    },
    {
      name: 'excepts that cover the whole cidr, IPv4 and IPv6',
      yaml: INPUT + egress('ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/9, 10.128.0.0/9]}', 'ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8::/33", "2001:db8:8000::/33"]}'),
      findings: [
        { messageId: 'exceptCoversCidr', path: '/spec/egress/0/to/0', line: 30 },
        { messageId: 'exceptCoversCidr', path: '/spec/egress/0/to/1', line: 31 },
      ],
    },
    {
      name: 'egress rules of a policy with policyTypes [Ingress] are ignored, their peers not judged',
      yaml: INPUT + policy('  podSelector: {}\n  policyTypes: [Ingress]\n  egress:\n  - to: [{}]'),
      findings: [{ messageId: 'ignoredRules', path: '/spec/egress', line: 28 }],
    },
    {
      name: 'ingress rules of a policy with policyTypes [Egress]',
      yaml: INPUT + policy('  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]\n  egress: [{to: [{podSelector: {matchLabels: {app: nope}}}]}]'),
      findings: [
        { messageId: 'ignoredRules', path: '/spec/ingress', line: 28 },
        { messageId: 'podSelectorMatchesNothing', path: '/spec/egress/0/to/0', line: 29 },
      ],
    },
  ],
});
