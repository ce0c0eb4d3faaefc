import { CheckTester } from '../../testing/check-tester.js';
import { noNetworkPolicySelectingNothing } from './no-network-policy-selecting-nothing.js';

// Edge cases decided here:
// - Only judged when the input holds at least one workload of the policy's namespace and no custom resource
//   there (an operator may create the pods from it: Prometheus, Argo Rollouts...), and never in kube-system
//   (the cluster installer's pods): otherwise the pods the policy is for may be deployed by other means.
// - An empty podSelector selects every pod (even none) and is never reported; a missing spec is the zero value.
// - Selector terms on labels controllers add at run time (pod-template-hash, statefulset.kubernetes.io/pod-name,
//   job-name of a CronJob's Jobs, ...) are assumed to match.
// - An invalid podSelector (not a map, bad operator, In without values, ...) or a spec that is not a map is
//   reported whatever the workloads, since the API server rejects the policy.

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata:
      labels: {app: web, tier: front, version: "2"}
    spec:
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: report}}
        spec: {containers: [{name: app, image: busybox}]}
`;

const policy = (podSelector: string, ns = 'shop'): string => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: ${ns}
spec:
  podSelector: ${podSelector}
`;

CheckTester.run(noNetworkPolicySelectingNothing, {
  valid: [
    { name: 'matchLabels select the Deployment', yaml: WORKLOADS + policy('{matchLabels: {app: web}}') },
    { name: 'a number in matchLabels matches the quoted label', yaml: WORKLOADS + policy('{matchLabels: {version: 2}}') },
    { name: 'matchLabels select the CronJob\'s pods', yaml: WORKLOADS + policy('{matchLabels: {app: report}}') },
    {
      name: 'matchExpressions In, NotIn, Exists, DoesNotExist',
      yaml: WORKLOADS + policy('{matchExpressions: [{key: app, operator: In, values: [db, web]}, {key: tier, operator: NotIn, values: [back]}, {key: version, operator: Exists}, {key: legacy, operator: DoesNotExist}]}'),
    },
    { name: 'empty podSelector', yaml: WORKLOADS + policy('{}') },
    { name: 'null podSelector is the zero value', yaml: WORKLOADS + policy('null') },
    { name: 'no workload of the namespace in the input', yaml: WORKLOADS + policy('{matchLabels: {app: db}}', 'data') },
    {
      name: 'a custom resource in the namespace: an operator may create the pods',
      yaml: `${WORKLOADS}---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: shop}
${policy('{matchLabels: {app.kubernetes.io/name: prometheus}}')}`,
    },
    {
      name: 'kube-system pods are the installer\'s',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cni, namespace: kube-system}
spec: {template: {metadata: {labels: {k8s-app: cni}}, spec: {containers: [{name: a, image: a:1}]}}}
${policy('{matchLabels: {k8s-app: kube-dns}}', 'kube-system')}`,
    },
    { name: 'labels controllers add at run time', yaml: WORKLOADS + policy('{matchLabels: {app: report, job-name: report-28912345}}') },
    {
      name: 'StatefulSet pod name',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres:16}]}
${policy('{matchLabels: {app: db, statefulset.kubernetes.io/pod-name: db-0}}')}`,
    },
    {
      name: 'Pod and policy without namespace, and a policy in explicit "default"',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: solo}}
spec: {containers: [{name: a, image: a:1}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: solo}
spec: {podSelector: {matchLabels: {app: solo}}}
${policy('{matchLabels: {app: solo}}', 'default')}`,
    },
    { name: 'policy without spec', yaml: `${WORKLOADS}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\n` },
  ],
  invalid: [
    {
      name: 'typo in a label value',
      yaml: WORKLOADS + policy('{matchLabels: {app: wbe}}'),
      findings: [{ messageId: 'selectsNothing', path: '/spec/podSelector', line: 28 }],
    },
    {
      name: 'matchExpressions that exclude every workload',
      yaml: WORKLOADS + policy('{matchExpressions: [{key: app, operator: NotIn, values: [web, report]}]}'),
      findings: [{ messageId: 'selectsNothing', path: '/spec/podSelector' }],
    },
    {
      name: 'selector matching a workload of another namespace only',
      yaml: `${WORKLOADS}---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: data, labels: {app: db}}
spec: {containers: [{name: a, image: a:1}]}
${policy('{matchLabels: {app: db}}')}`,
      findings: [{ messageId: 'selectsNothing', path: '/spec/podSelector' }],
    },
    {
      name: 'policy without namespace does not select a workload of an explicit namespace',
      yaml: `${WORKLOADS}---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: other}}
spec: {containers: [{name: a, image: a:1}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web}
spec:
  podSelector: {matchLabels: {app: web}}
`,
      findings: [{ messageId: 'selectsNothing', path: '/spec/podSelector', line: 31 }],
    },
    {
      name: 'built-in kinds from dotted *.k8s.io groups are not custom resources',
      yaml: `${WORKLOADS}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
${policy('{matchLabels: {app: nope}}')}`,
      findings: [{ messageId: 'selectsNothing', path: '/spec/podSelector' }],
    },
    {
      name: 'podSelector that is not a map',
      yaml: policy('app=web', 'empty'),
      findings: [{ messageId: 'malformedSelector', path: '/spec/podSelector', line: 8 }],
    },
    {
      name: 'unknown operator',
      yaml: WORKLOADS + policy('{matchExpressions: [{key: app, operator: Equals, values: [web]}]}'),
      findings: [{ messageId: 'malformedSelector', path: '/spec/podSelector' }],
    },
    {
      name: 'In without values, Exists with values, matchLabels as a list',
      yaml: policy('{matchExpressions: [{key: app, operator: In}]}') + policy('{matchExpressions: [{key: app, operator: Exists, values: [x]}]}') + policy('{matchLabels: [app]}'),
      findings: [
        { messageId: 'malformedSelector', path: '/spec/podSelector', line: 8 },
        { messageId: 'malformedSelector', path: '/spec/podSelector', line: 16 },
        { messageId: 'malformedSelector', path: '/spec/podSelector', line: 24 },
      ],
    },
    {
      name: 'spec that is not a map',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec: [podSelector]
`,
      findings: [{ messageId: 'malformedSelector', path: '/spec', line: 4 }],
    },
  ],
});
