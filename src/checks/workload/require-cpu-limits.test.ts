import { CheckTester } from '../../testing/check-tester.js';
import { requireCpuLimits } from './require-cpu-limits.js';

CheckTester.run(requireCpuLimits, {
  valid: [
    {
      name: 'every container has a CPU limit; ephemeral containers cannot have resources',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec:
  template:
    spec:
      initContainers: [{name: init, image: busybox:1.36, resources: {limits: {cpu: 100m}}}]
      containers: [{name: agent, image: agent:2.1, resources: {limits: {cpu: 250m}}}]
      ephemeralContainers: [{name: dbg, image: busybox:1.36}]
`,
    },
    {
      name: 'a pod-level CPU limit bounds every container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {limits: {cpu: "2"}}
  containers: [{name: app, image: nginx:1.27}, {name: side, image: envoy:1.30}]
`,
    },
  ],
  invalid: [
    {
      name: 'deployment: a request is not a limit, and a zero limit means none',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests: {cpu: 100m}
      - name: zero
        image: nginx:1.27
        resources:
          limits:
            cpu: 0
`,
      findings: [
        { messageId: 'missing', path: '/spec/template/spec/containers/0/resources/limits', line: 10 },
        { messageId: 'zero', path: '/spec/template/spec/containers/1/resources/limits/cpu', line: 16 },
      ],
    },
    {
      name: 'cronjob: init container checked, ephemeral skipped; a pod-level request is not a limit',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          resources: {requests: {cpu: "1"}}
          initContainers: [{name: init, image: busybox:1.36}]
          containers: [{name: app, image: busybox:1.36, resources: {limits: {cpu: 1}}}]
          ephemeralContainers: [{name: dbg, image: busybox:1.36}]
`,
      findings: [{ messageId: 'missing', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/resources/limits', line: 11 }],
    },
  ],
});
