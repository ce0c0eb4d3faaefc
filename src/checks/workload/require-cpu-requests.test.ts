import { CheckTester } from '../../testing/check-tester.js';
import { requireCpuRequests } from './require-cpu-requests.js';

CheckTester.run(requireCpuRequests, {
  valid: [
    {
      name: 'init and regular containers request CPU; ephemeral containers cannot have resources',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: busybox:1.36, resources: {requests: {cpu: 50m}}}]
  containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: "0.5", memory: 64Mi}}}]
  ephemeralContainers: [{name: dbg, image: busybox:1.36}]
`,
    },
    {
      name: 'an unset request defaults to the limit',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1.27, resources: {limits: {cpu: 1}}}]
`,
    },
    {
      name: 'a pod-level CPU request covers every container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {requests: {cpu: 500m}}
  initContainers: [{name: init, image: busybox:1.36}]
  containers: [{name: app, image: nginx:1.27}, {name: side, image: envoy:1.30}]
`,
    },
  ],
  invalid: [
    {
      name: 'deployment: no resources, memory only, zero request',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
      - name: side
        image: envoy:1.30
        resources:
          requests:
            memory: 64Mi
      - name: zero
        image: busybox:1.36
        resources:
          requests:
            cpu: "0m"
`,
      findings: [
        { messageId: 'missing', path: '/spec/template/spec/containers/0/resources/requests', line: 8 },
        { messageId: 'missing', path: '/spec/template/spec/containers/1/resources/requests', line: 13 },
        { messageId: 'zero', path: '/spec/template/spec/containers/2/resources/requests/cpu', line: 19 },
      ],
    },
    {
      name: 'cronjob: init containers are checked, ephemeral ones are not',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: busybox:1.36}]
          containers: [{name: app, image: busybox:1.36, resources: {requests: {cpu: 100m}}}]
          ephemeralContainers: [{name: dbg, image: busybox:1.36}]
`,
      findings: [{ messageId: 'missing', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/resources/requests', line: 10 }],
    },
    {
      name: 'a zero limit defaults the request to zero; a zero pod-level request covers nothing',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources:
    requests: {cpu: "0"}
  containers:
  - name: app
    image: nginx:1.27
    resources:
      limits: {cpu: 0}
`,
      findings: [{ messageId: 'zero', path: '/spec/containers/0/resources/limits/cpu', line: 11 }],
    },
    {
      name: 'wrongly typed resources are tolerated and reported as missing',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: nginx:1.27, resources: "lots"}
  - {name: b, image: nginx:1.27, resources: {requests: [cpu]}}
`,
      findings: [
        { messageId: 'missing', path: '/spec/containers/0/resources/requests' },
        { messageId: 'missing', path: '/spec/containers/1/resources/requests' },
      ],
    },
  ],
});
