import { CheckTester } from '../../testing/check-tester.js';
import { noDanglingService } from './no-dangling-service.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata:
      labels: {app: web, tier: front, version: "2"}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`;

CheckTester.run(noDanglingService, {
  valid: [
    { name: 'labels the Job and StatefulSet controllers add to their pods', yaml: `apiVersion: batch/v1
kind: Job
metadata: {name: train, namespace: ml}
spec: {template: {spec: {containers: [{name: a, image: a:1}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: train, namespace: ml}
spec: {clusterIP: None, selector: {job-name: train}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: redis, namespace: ml}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: redis}}
    spec: {containers: [{name: a, image: a:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: redis-2, namespace: ml}
spec: {selector: {app: redis, statefulset.kubernetes.io/pod-name: redis-2}}
` },
    { name: 'pods created by an operator for a custom resource named in the selector', yaml: `apiVersion: v1
kind: Service
metadata: {name: alertmanager-main, namespace: monitoring}
spec:
  selector: {app.kubernetes.io/name: alertmanager, app.kubernetes.io/instance: main}
  ports: [{port: 9093}]
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec: {replicas: 3}
` },
    { name: 'selector is a subset of the pod labels', yaml: `${DEPLOYMENT}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web, tier: front}
  ports: [{port: 80}]
` },
    { name: 'numeric label value matches its string form', yaml: `${DEPLOYMENT}---
apiVersion: v1
kind: Service
metadata: {name: web-v2, namespace: shop}
spec:
  selector: {version: 2}
` },
    { name: 'no selector (manual Endpoints), empty selector, ExternalName', yaml: `apiVersion: v1
kind: Service
metadata: {name: manual}
spec: {ports: [{port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec: {selector: {}}
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: db.example.com, selector: {app: db}}
` },
    { name: 'matches a bare Pod and a CronJob without namespace', yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app: p}
spec: {containers: [{name: app, image: nginx:1.27}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: c}}
        spec: {containers: [{name: app, image: busybox}]}
---
apiVersion: v1
kind: Service
metadata: {name: p}
spec: {selector: {app: p}}
---
apiVersion: v1
kind: Service
metadata: {name: c}
spec: {selector: {app: c}}
` },
    { name: 'template with labels but no pod spec (a partial manifest) still counts', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    metadata:
      labels: {app.kubernetes.io/name: d}
---
apiVersion: v1
kind: Service
metadata: {name: d}
spec:
  selector: {app.kubernetes.io/name: d}
` },
  ],
  invalid: [
    {
      name: 'a StatefulSet ordinal beyond its replicas has no pod',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: redis, namespace: ml}
spec:
  replicas: 2
  template:
    metadata: {labels: {app: redis}}
    spec: {containers: [{name: a, image: a:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: redis-2, namespace: ml}
spec: {selector: {statefulset.kubernetes.io/pod-name: redis-2}}
`,
      findings: [{ messageId: 'noMatch', path: '/spec/selector', line: 13 }],
    },
    {
      name: 'a custom resource in another namespace, or with another name, owns no pods here',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: alertmanager-main, namespace: monitoring}
spec:
  selector: {app.kubernetes.io/instance: main}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: other}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: secondary, namespace: monitoring}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: main, namespace: monitoring}
spec: {template: {metadata: {labels: {app: x}}, spec: {containers: [{name: a, image: a:1}]}}}
`,
      findings: [{ messageId: 'noMatch', path: '/spec/selector', line: 5 }],
    },
    {
      name: 'selector value differs from the pod label',
      yaml: `${DEPLOYMENT}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector:
    app: webb
  ports: [{port: 80}]
`,
      findings: [{ messageId: 'noMatch', path: '/spec/selector', line: 15 }],
    },
    {
      name: 'pods with the labels live in another namespace; one label of the selector is missing',
      yaml: `${DEPLOYMENT}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: other}
spec: {selector: {app: web}}
---
apiVersion: v1
kind: Service
metadata: {name: web-canary, namespace: shop}
spec: {selector: {app: web, track: canary}}
---
apiVersion: v1
kind: Service
metadata: {name: unset-namespace}
spec: {selector: {app: web}}
`,
      findings: [
        { messageId: 'noMatch', path: '/spec/selector', line: 14 },
        { messageId: 'noMatch', path: '/spec/selector', line: 19 },
        { messageId: 'noMatch', path: '/spec/selector', line: 24 },
      ],
    },
    {
      name: 'custom resource reusing the Deployment kind does not provide pods',
      yaml: `apiVersion: example.com/v1
kind: Deployment
metadata: {name: custom}
spec:
  template:
    metadata: {labels: {app: d}}
    spec: {containers: [{name: a}]}
---
apiVersion: v1
kind: Service
metadata: {name: d}
spec: {type: LoadBalancer, selector: {app: d}}
`,
      findings: [{ messageId: 'noMatch', path: '/spec/selector' }],
    },
  ],
});
