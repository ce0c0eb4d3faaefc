import { CheckTester } from '../../testing/check-tester.js';
import { requireNetworkPolicy } from './require-network-policy.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`;

CheckTester.run(requireNetworkPolicy, {
  valid: [
    { name: 'policyTypes: [] is defaulted by the API server and includes Ingress', yaml: `${DEPLOYMENT}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  podSelector: {}
  policyTypes: []
` },
    { name: 'default-deny policy with an empty podSelector', yaml: `${DEPLOYMENT}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
` },
    { name: 'policy without spec selects every pod of its namespace', yaml: `${DEPLOYMENT}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
` },
    { name: 'matchLabels selects the pods', yaml: `${DEPLOYMENT}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: web}
` },
    { name: 'matchExpressions select the pods (CronJob)', yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: report}}
        spec: {containers: [{name: app, image: busybox}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: batch, namespace: shop}
spec:
  podSelector:
    matchExpressions:
    - {key: app, operator: In, values: [report, export]}
    - {key: legacy, operator: DoesNotExist}
` },
    { name: 'pod and policy without a namespace land in the same one', yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app: web}
spec: {containers: [{name: app, image: nginx:1.27}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web}
spec: {podSelector: {matchLabels: {app: web}}}
` },
    { name: 'policyTypes omitted: Ingress is implied even with only egress rules', yaml: `${DEPLOYMENT}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-rules, namespace: shop}
spec:
  podSelector: {}
  egress: [{to: [{podSelector: {}}]}]
` },
    { name: 'host-network pods are out of NetworkPolicy\'s reach', yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers: [{name: agent, image: agent:1}]
` },
  ],
  invalid: [
    {
      name: 'an Egress-only policy does not isolate the pods for ingress',
      yaml: `${DEPLOYMENT}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-only, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
`,
      findings: [{ messageId: 'notSelected', path: '/spec/template/metadata/labels', line: 7 }],
    },
    {
      name: 'no policy in the namespace',
      yaml: DEPLOYMENT,
      findings: [{ messageId: 'noPolicy', path: '/spec/template/metadata/labels', line: 7 }],
    },
    {
      name: 'policies that select other pods, other namespaces, or are malformed',
      yaml: `${DEPLOYMENT}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: not-front, namespace: shop}
spec:
  podSelector:
    matchExpressions: [{key: tier, operator: NotIn, values: [front]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: shop}
spec:
  podSelector: {matchExpressions: {key: app}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: other}
spec: {podSelector: {}}
`,
      findings: [{ messageId: 'notSelected', path: '/spec/template/metadata/labels', line: 7 }],
    },
    {
      name: 'a policy in "default" does not cover a pod without namespace; pod without labels',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: app, image: nginx:1.27}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: default}
spec: {podSelector: {}}
`,
      findings: [{ messageId: 'noPolicy', path: '/metadata/labels', line: 3 }],
    },
    {
      name: 'CronJob pointer',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate: {spec: {template: {spec: {containers: [{name: app, image: busybox}]}}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web}
spec: {podSelector: {matchLabels: {app: web}}}
`,
      findings: [{ messageId: 'notSelected', path: '/spec/jobTemplate/spec/template/metadata/labels' }],
    },
  ],
});
