import { CheckTester } from '../../testing/check-tester.js';
import { requireMemoryRequests } from './require-memory-requests.js';

CheckTester.run(requireMemoryRequests, {
  valid: [
    {
      name: 'every container requests memory; ephemeral containers cannot have resources',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  template:
    spec:
      initContainers: [{name: init, image: busybox:1.36, resources: {requests: {memory: 32Mi}}}]
      containers: [{name: db, image: postgres:16, resources: {requests: {memory: 1Gi}}}]
      ephemeralContainers: [{name: dbg, image: busybox:1.36}]
`,
    },
    {
      name: 'an unset request defaults to the limit',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx:1.27, resources: {limits: {memory: 128Mi}}}]
`,
    },
    {
      name: 'pod-level memory limit defaults the pod-level request',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {limits: {memory: 1Gi}}
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'pod: CPU request only, zero memory request, pod-level CPU only',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources:
    requests: {cpu: "1"}
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: 100m}
  - name: zero
    image: nginx:1.27
    resources:
      requests: {memory: 0Mi}
`,
      findings: [
        { messageId: 'missing', path: '/spec/containers/0/resources/requests', line: 11 },
        { messageId: 'zero', path: '/spec/containers/1/resources/requests/memory', line: 15 },
      ],
    },
    {
      name: 'cronjob init container without requests',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: migrate
            image: migrate:4
          containers: [{name: app, image: busybox:1.36, resources: {requests: {memory: 16Mi}}}]
          ephemeralContainers: [{name: dbg, image: busybox:1.36}]
`,
      findings: [{ messageId: 'missing', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/resources/requests', line: 11 }],
    },
  ],
});
