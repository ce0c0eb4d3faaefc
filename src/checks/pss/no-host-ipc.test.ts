import { CheckTester } from '../../testing/check-tester.js';
import { noHostIpc } from './no-host-ipc.js';

CheckTester.run(noHostIpc, {
  valid: [
    { name: 'unset', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx:1.27}]
` },
    { name: 'explicit false on a Deployment', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      hostIPC: false
      containers: [{name: app, image: nginx:1.27}]
` },
    { name: 'a string is not true (the API server would reject it)', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {hostIPC: "true", containers: [{name: app, image: nginx:1.27}]}
` },
    { name: 'custom resource reusing the Deployment kind', yaml: `apiVersion: example.com/v1
kind: Deployment
metadata: {name: d}
spec: {template: {spec: {hostIPC: true, containers: [{name: a}]}}}
` },
  ],
  invalid: [
    {
      name: 'pod',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostIPC: true
  containers: [{name: app, image: nginx:1.27}]
`,
      findings: [{ messageId: 'hostIPC', path: '/spec/hostIPC', line: 5 }],
    },
    {
      name: 'cronjob with init, regular and ephemeral containers: one finding per object',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostIPC: true
          initContainers: [{name: init, image: busybox}]
          containers: [{name: a, image: busybox}, {name: b, image: busybox}]
          ephemeralContainers: [{name: dbg, image: busybox}]
`,
      findings: [{ messageId: 'hostIPC', path: '/spec/jobTemplate/spec/template/spec/hostIPC', line: 10 }],
    },
    {
      name: 'daemonset',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec: {template: {spec: {hostIPC: true, containers: [{name: agent, image: agent:1}]}}}
`,
      findings: [{ messageId: 'hostIPC', path: '/spec/template/spec/hostIPC' }],
    },
  ],
});
