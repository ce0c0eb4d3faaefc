import { CheckTester } from '../../testing/check-tester.js';
import { noUnmaskedProcMount } from './no-unmasked-proc-mount.js';

CheckTester.run(noUnmaskedProcMount, {
  valid: [
    { name: 'unset', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
` },
    { name: 'Default', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: app, image: app:1, securityContext: {procMount: Default}}]
` },
  ],
  invalid: [
    {
      name: 'pod, also with hostUsers: false (restricted forbids it regardless)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  containers:
  - name: app
    image: app:1
    securityContext:
      procMount: Unmasked
`,
      findings: [{ messageId: 'procMount', path: '/spec/containers/0/securityContext/procMount', line: 10 }],
    },
    {
      name: 'cronjob init and ephemeral containers',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: app:1, securityContext: {procMount: Unmasked}}]
          containers: [{name: app, image: app:1, securityContext: {procMount: Default}}]
          ephemeralContainers: [{name: dbg, image: app:1, securityContext: {procMount: unmasked}}]
`,
      findings: [
        { messageId: 'procMount', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/procMount', line: 10 },
        { messageId: 'procMount', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/procMount', line: 12 },
      ],
    },
  ],
});
