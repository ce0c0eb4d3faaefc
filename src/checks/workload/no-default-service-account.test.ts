import { CheckTester } from '../../testing/check-tester.js';
import { noDefaultServiceAccount } from './no-default-service-account.js';

CheckTester.run(noDefaultServiceAccount, {
  valid: [
    { name: 'dedicated service account', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: web
      containers: [{name: app, image: nginx:1.27}]
` },
    { name: 'deprecated serviceAccount field naming a dedicated account', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccount: web
  containers: [{name: app, image: nginx:1.27}]
` },
    { name: 'serviceAccountName wins over the deprecated field', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccountName: web
  serviceAccount: default
  containers: [{name: app, image: nginx:1.27}]
` },
    { name: 'default account without a token mounted (pod opts out)', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  automountServiceAccountToken: false
  containers: [{name: app, image: nginx:1.27}]
` },
    { name: 'default account whose ServiceAccount opts out of automounting', yaml: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: shop}
automountServiceAccountToken: false
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  schedule: "* * * * *"
  jobTemplate: {spec: {template: {spec: {containers: [{name: app, image: busybox}]}}}}
` },
    { name: 'custom resource is not a workload', yaml: `apiVersion: example.com/v1
kind: Deployment
metadata: {name: d}
spec: {template: {spec: {containers: [{name: a}]}}}
` },
  ],
  invalid: [
    {
      name: 'serviceAccountName unset',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1.27}]
`,
      findings: [{ messageId: 'unset', path: '/spec/template/spec/serviceAccountName', line: 6 }],
    },
    {
      name: 'explicit default in a CronJob',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: default
          containers: [{name: app, image: busybox}]
`,
      findings: [{ messageId: 'explicitDefault', path: '/spec/jobTemplate/spec/template/spec/serviceAccountName', line: 10 }],
    },
    {
      name: 'deprecated serviceAccount: default',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccount: default
  containers: [{name: app, image: nginx:1.27}]
`,
      findings: [{ messageId: 'explicitDefault', path: '/spec/serviceAccount', line: 5 }],
    },
    {
      name: 'pod re-enables the token the default ServiceAccount disables',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default}
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      automountServiceAccountToken: true
      containers: [{name: app, image: nginx:1.27}]
`,
      findings: [{ messageId: 'unset', path: '/spec/template/spec/serviceAccountName' }],
    },
    {
      name: 'ServiceAccount in another namespace does not apply',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: other}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  serviceAccountName: ""
  containers: [{name: app, image: nginx:1.27}]
`,
      findings: [{ messageId: 'unset', path: '/spec/serviceAccountName' }],
    },
  ],
});
