import { CheckTester } from '../../testing/check-tester.js';
import { requireMemoryLimits } from './require-memory-limits.js';

CheckTester.run(requireMemoryLimits, {
  valid: [
    {
      name: 'every container has a memory limit; ephemeral containers cannot have resources',
      yaml: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      initContainers: [{name: init, image: busybox:1.36, resources: {limits: {memory: 64Mi}}}]
      containers: [{name: app, image: busybox:1.36, resources: {limits: {memory: 1e9}}}]
      ephemeralContainers: [{name: dbg, image: busybox:1.36}]
`,
    },
    {
      name: 'a pod-level memory limit bounds every container',
      yaml: `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec:
  template:
    spec:
      resources: {limits: {memory: 2Gi}}
      containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'pod: request only, zero limit, limit of the other resource',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {memory: 128Mi}
  - name: zero
    image: nginx:1.27
    resources:
      limits: {memory: "0Gi", cpu: 500m}
  - name: cpu-only
    image: nginx:1.27
    resources:
      limits: {cpu: 500m}
`,
      findings: [
        { messageId: 'missing', path: '/spec/containers/0/resources/limits', line: 8 },
        { messageId: 'zero', path: '/spec/containers/1/resources/limits/memory', line: 13 },
        { messageId: 'missing', path: '/spec/containers/2/resources/limits', line: 17 },
      ],
    },
    {
      name: 'cronjob init container; a zero pod-level limit covers nothing',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          resources: {limits: {memory: "0"}}
          initContainers: [{name: init, image: busybox:1.36}]
          containers: [{name: app, image: busybox:1.36, resources: {limits: {memory: 32Mi}}}]
          ephemeralContainers: [{name: dbg, image: busybox:1.36}]
`,
      findings: [{ messageId: 'missing', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/resources/limits', line: 11 }],
    },
  ],
});
