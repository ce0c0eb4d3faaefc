import { CheckTester } from '../../testing/check-tester.js';
import { requireNamespaceDefaultDenyIngress } from './require-namespace-default-deny-ingress.js';

// Edge cases decided here:
// - Only a policy with an empty podSelector ({}, {matchLabels: {}}, or no spec at all) counts; a selector that
//   happens to match every workload (e.g. DoesNotExist on a rare key) does not, since new pods may not match.
// - A namespace-wide policy counts when it isolates Ingress and none of its ingress rules allows everything (no
//   from and no ports). Rules restricted by ports only, or by sources only, still make it a default deny.
// - Namespace objects are the anchor. A namespace the input uses without declaring (workloads only) is reported
//   once, on its first workload NetworkPolicy applies to (host-network pods are skipped); objects without
//   metadata.namespace are in "default". kube-system is reported like any namespace (suppress it if intended).
// - A policy whose podSelector is invalid selects nothing and does not count.

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

const deny = (spec: string, ns = 'shop'): string => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: ${ns}}
${spec}
`;

const deployment = (name: string, ns: string | undefined, extra = ''): string => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}
spec:
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      ${extra}containers: [{name: app, image: nginx:1.27}]
`;

CheckTester.run(requireNamespaceDefaultDenyIngress, {
  valid: [
    { name: 'default-deny ingress', yaml: NAMESPACE + deny('spec: {podSelector: {}, policyTypes: [Ingress]}') },
    { name: 'default-deny ingress and egress', yaml: NAMESPACE + deny('spec: {podSelector: {}, policyTypes: [Ingress, Egress]}') },
    { name: 'a policy without spec is the zero value: every pod, Ingress', yaml: NAMESPACE + deny('') },
    { name: 'empty matchLabels is an empty selector', yaml: NAMESPACE + deny('spec: {podSelector: {matchLabels: {}}}') },
    {
      name: 'policyTypes omitted with only egress rules still isolates ingress',
      yaml: NAMESPACE + deny('spec: {podSelector: {}, egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]}'),
    },
    {
      name: 'namespace-wide policy that allows only same-namespace sources',
      yaml: NAMESPACE + deny('spec: {podSelector: {}, ingress: [{from: [{podSelector: {}}]}]}'),
    },
    {
      name: 'namespace-wide policy that allows every source but only on port 443',
      yaml: NAMESPACE + deny('spec: {podSelector: {}, ingress: [{ports: [{port: 443}]}]}'),
    },
    {
      name: 'an allow-all policy next to a default deny (no-allow-all-ingress-policy reports it)',
      yaml: NAMESPACE + deny('spec: {podSelector: {}, ingress: [{}]}') + deny('spec: {podSelector: {}}').replace('name: p', 'name: q'),
    },
    { name: 'undeclared namespace with a default deny', yaml: deployment('web', 'shop') + deny('spec: {podSelector: {}}') },
    {
      name: 'workload and policy without namespace are both in "default"',
      yaml: deployment('web', undefined) + deny('spec: {podSelector: {}}').replace(', namespace: shop', ''),
    },
    {
      name: 'workload without namespace, policy in an explicit "default"',
      yaml: deployment('web', undefined) + deny('spec: {podSelector: {}}', 'default'),
    },
    {
      name: 'undeclared namespace whose only workloads run on the host network',
      yaml: deployment('agent', 'kube-system', 'hostNetwork: true\n      '),
    },
    { name: 'a workload of a declared namespace is not an anchor', yaml: NAMESPACE + deployment('web', 'shop') + deny('spec: {podSelector: {}}') },
    { name: 'a Namespace without a name is ignored', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata: {labels: {a: b}}\n' },
  ],
  invalid: [
    {
      name: 'Namespace without any NetworkPolicy',
      yaml: NAMESPACE,
      findings: [{ messageId: 'missing', path: '/metadata/name', line: 4 }],
    },
    {
      name: 'Egress-only, non-empty selector, other namespace, invalid selector and malformed spec do not count',
      yaml:
        NAMESPACE +
        deny('spec: {podSelector: {}, policyTypes: [Egress]}') +
        deny('spec: {podSelector: {matchLabels: {app: web}}}').replace('name: p', 'name: q') +
        deny('spec: {podSelector: {matchExpressions: [{key: x, operator: DoesNotExist}]}}').replace('name: p', 'name: r') +
        deny('spec: {podSelector: {matchLabels: [app]}}').replace('name: p', 'name: s') +
        deny('spec: [podSelector]').replace('name: p', 'name: t') +
        deny('spec: {podSelector: {}}', 'other'),
      findings: [{ messageId: 'missing', path: '/metadata/name', line: 4 }],
    },
    {
      name: 'namespace-wide policy whose rule allows everything',
      yaml: NAMESPACE + deny('spec: {podSelector: {}, ingress: [{from: [{podSelector: {}}]}, {}]}'),
      findings: [{ messageId: 'allowsAll', path: '/metadata/name', line: 4 }],
    },
    {
      name: 'empty from and empty ports allow everything too',
      yaml: NAMESPACE + deny('spec:\n  podSelector: {}\n  ingress:\n  - from: []\n    ports: []'),
      findings: [{ messageId: 'allowsAll', path: '/metadata/name' }],
    },
    {
      name: 'undeclared namespace: reported once, on its first non-host-network workload',
      yaml:
        deployment('agent', 'shop', 'hostNetwork: true\n      ') +
        deployment('web', 'shop') +
        deployment('api', 'shop') +
        deny('spec: {podSelector: {}, policyTypes: [Egress]}'),
      findings: [{ messageId: 'missingUndeclared', path: '/metadata/namespace', line: 14 }],
    },
    {
      name: 'undeclared namespace whose namespace-wide policy allows everything',
      yaml: deployment('web', 'shop') + deny('spec: {podSelector: {}, ingress: [{}]}'),
      findings: [{ messageId: 'allowsAll', path: '/metadata/namespace', line: 4 }],
    },
    {
      name: 'CronJob without namespace lands in "default"; a policy of another namespace does not cover it',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate: {spec: {template: {spec: {containers: [{name: app, image: busybox}]}}}}
${deny('spec: {podSelector: {}}')}`,
      findings: [{ messageId: 'missingUndeclared', path: '/metadata', line: 3 }],
    },
    {
      name: 'kube-system and a declared namespace, each reported on its Namespace object',
      yaml: `${NAMESPACE}---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
${deployment('coredns', 'kube-system')}`,
      findings: [
        { messageId: 'missing', path: '/metadata/name', line: 4 },
        { messageId: 'missing', path: '/metadata/name', line: 8 },
      ],
    },
  ],
});
