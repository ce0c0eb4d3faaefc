import { CheckTester } from '../../testing/check-tester.js';
import { noPrivilegedContainer } from './no-privileged-container.js';

CheckTester.run(noPrivilegedContainer, {
  valid: [
    `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {privileged: false}
`,
    { name: 'custom resource with a privileged-looking field is not a workload', yaml: `apiVersion: example.com/v1
kind: Deployment
metadata: {name: d}
spec: {template: {spec: {containers: [{name: a, securityContext: {privileged: true}}]}}}
` },
  ],
  invalid: [
    {
      name: 'deployment, regular container',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          privileged: true
`,
      findings: [{ messageId: 'privileged', path: '/spec/template/spec/containers/0/securityContext/privileged', line: 11 }],
    },
    {
      name: 'cronjob init and ephemeral containers',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: busybox, securityContext: {privileged: true}}]
          containers: [{name: app, image: busybox}]
          ephemeralContainers: [{name: dbg, image: busybox, securityContext: {privileged: true}}]
`,
      findings: [
        { messageId: 'privileged', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/privileged', line: 10 },
        { messageId: 'privileged', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/privileged', line: 12 },
      ],
    },
  ],
});
