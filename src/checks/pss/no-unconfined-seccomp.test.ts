import { CheckTester } from '../../testing/check-tester.js';
import { noUnconfinedSeccomp } from './no-unconfined-seccomp.js';

CheckTester.run(noUnconfinedSeccomp, {
  valid: [
    { name: 'unset is allowed by baseline (require-seccomp-profile covers restricted)', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
` },
    { name: 'RuntimeDefault and Localhost', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {seccompProfile: {type: RuntimeDefault}}
      containers: [{name: app, image: app:1, securityContext: {seccompProfile: {type: Localhost, localhostProfile: profiles/app.json}}}]
` },
  ],
  invalid: [
    {
      name: 'pod level Unconfined: one finding, even though one container overrides it',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: Unconfined
      containers:
      - {name: a, image: app:1}
      - {name: b, image: app:1}
      - {name: c, image: app:1, securityContext: {seccompProfile: {type: RuntimeDefault}}}
`,
      findings: [{ messageId: 'unconfined', path: '/spec/template/spec/securityContext/seccompProfile/type', line: 9 }],
    },
    {
      name: 'cronjob: containers override RuntimeDefault with Unconfined',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {seccompProfile: {type: RuntimeDefault}}
          initContainers: [{name: init, image: app:1, securityContext: {seccompProfile: {type: Unconfined}}}]
          containers: [{name: app, image: app:1}]
          ephemeralContainers: [{name: dbg, image: app:1, securityContext: {seccompProfile: {type: Unconfined}}}]
`,
      findings: [
        { messageId: 'unconfined', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/seccompProfile/type', line: 11 },
        { messageId: 'unconfined', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/seccompProfile/type', line: 13 },
      ],
    },
  ],
});
