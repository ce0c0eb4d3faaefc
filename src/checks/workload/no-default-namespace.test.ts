import { CheckTester } from '../../testing/check-tester.js';
import { noDefaultNamespace } from './no-default-namespace.js';

CheckTester.run(noDefaultNamespace, {
  valid: [
    { name: 'deployment in its own namespace', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: shop}
spec: {template: {spec: {containers: [{name: app, image: nginx:1.27}]}}}
` },
    { name: 'cluster-scoped kinds have no namespace', yaml: `apiVersion: v1
kind: Namespace
metadata: {name: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
---
apiVersion: networking.k8s.io/v1
kind: IPAddress
metadata: {name: 10.0.0.1}
` },
    { name: 'custom resource without its CRD in the input is skipped', yaml: `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: p}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: m, namespace: default}
` },
    { name: 'custom resource whose CRD is cluster-scoped', yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Cluster
  names: {kind: Widget, plural: widgets}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
` },
    { name: 'every namespaced kind in a named namespace', yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: s, namespace: shop}
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: svc, namespace: shop}
` },
  ],
  invalid: [
    {
      name: 'explicit default namespace',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  namespace: default
spec: {template: {spec: {containers: [{name: app, image: nginx:1.27}]}}}
`,
      findings: [{ messageId: 'defaultNamespace', path: '/metadata/namespace', line: 5 }],
    },
    {
      name: 'namespace unset on workload, service and RBAC objects',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  schedule: "* * * * *"
  jobTemplate: {spec: {template: {spec: {containers: [{name: app, image: busybox}]}}}}
---
apiVersion: v1
kind: Service
metadata: {name: svc}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: ""}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
`,
      findings: [
        { messageId: 'unsetNamespace', path: '/metadata/namespace', line: 3 },
        { messageId: 'unsetNamespace', path: '/metadata/namespace', line: 11 },
        { messageId: 'unsetNamespace', path: '/metadata/namespace', line: 15 },
      ],
    },
    {
      name: 'List items are located inside the list',
      yaml: `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: c
    namespace: default
`,
      findings: [{ messageId: 'defaultNamespace', path: '/items/0/metadata/namespace', line: 8 }],
    },
    {
      name: 'custom resource whose CRD in the input is namespaced',
      yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: default}
`,
      findings: [{ messageId: 'defaultNamespace', path: '/metadata/namespace' }],
    },
    {
      name: 'OpenShift DeploymentConfig is a namespaced workload',
      yaml: `apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata: {name: dc}
spec: {template: {spec: {containers: [{name: app, image: nginx}]}}}
`,
      findings: [{ messageId: 'unsetNamespace', path: '/metadata/namespace' }],
    },
  ],
});
