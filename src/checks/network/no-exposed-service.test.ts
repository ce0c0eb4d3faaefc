import { CheckTester } from '../../testing/check-tester.js';
import { noExposedService } from './no-exposed-service.js';

CheckTester.run(noExposedService, {
  valid: [
    { name: 'ClusterIP (default type)', yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  selector: {app: web}
  ports: [{port: 80}]
` },
    { name: 'LoadBalancer restricted by source ranges', yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: [203.0.113.0/24, 2001:db8::/32]
` },
    { name: 'LoadBalancer restricted by the legacy annotation', yaml: `apiVersion: v1
kind: Service
metadata:
  name: s
  annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: "203.0.113.0/24, 198.51.100.0/24"}
spec: {type: LoadBalancer}
` },
    { name: 'internal load balancers (GKE, AWS, Azure)', yaml: `apiVersion: v1
kind: Service
metadata:
  name: gke
  annotations: {networking.gke.io/load-balancer-type: Internal}
spec: {type: LoadBalancer}
---
apiVersion: v1
kind: Service
metadata:
  name: aws
  annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internal}
spec: {type: LoadBalancer}
---
apiVersion: v1
kind: Service
metadata:
  name: azure
  annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: "true"}
spec: {type: LoadBalancer}
` },
    { name: 'ExternalName and a malformed spec', yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec: {type: ExternalName, externalName: db.example.com}
---
apiVersion: v1
kind: Service
metadata: {name: t}
spec: NodePort
` },
    { name: 'custom resource named Service', yaml: `apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: s}
spec: {type: NodePort}
` },
  ],
  invalid: [
    {
      name: 'NodePort',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  type: NodePort
  ports: [{port: 80, nodePort: 30080}]
`,
      findings: [{ messageId: 'nodePort', path: '/spec/type', line: 5 }],
    },
    {
      name: 'LoadBalancer without source ranges; an internal annotation set to false does not count',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: s
  annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: "false"}
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: []
`,
      findings: [{ messageId: 'loadBalancer', path: '/spec/type', line: 7 }],
    },
    {
      name: 'source range open to everyone, in the field and in the annotation',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  type: LoadBalancer
  loadBalancerSourceRanges:
  - 10.0.0.0/8
  - 0.0.0.0/0
---
apiVersion: v1
kind: Service
metadata:
  name: t
  annotations:
    service.beta.kubernetes.io/load-balancer-source-ranges: "::/0"
spec: {type: LoadBalancer}
`,
      findings: [
        { messageId: 'openSourceRange', path: '/spec/loadBalancerSourceRanges/1', line: 8 },
        { messageId: 'openSourceRange', path: '/metadata/annotations/service.beta.kubernetes.io~1load-balancer-source-ranges', line: 15 },
      ],
    },
    {
      name: 'any address with prefix length 0 admits everyone (1.2.3.4/0, ::0/0); /8 and /32 do not',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  type: LoadBalancer
  loadBalancerSourceRanges:
  - 1.2.3.4/0
  - 10.0.0.0/8
  - 203.0.113.7/32
  - ::0/0
  - 2001:db8::/0
`,
      findings: [
        { messageId: 'openSourceRange', path: '/spec/loadBalancerSourceRanges/0', line: 7 },
        { messageId: 'openSourceRange', path: '/spec/loadBalancerSourceRanges/3', line: 10 },
        { messageId: 'openSourceRange', path: '/spec/loadBalancerSourceRanges/4', line: 11 },
      ],
    },
  ],
});
