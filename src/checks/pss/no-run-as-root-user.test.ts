import { CheckTester } from '../../testing/check-tester.js';
import { noRunAsRootUser } from './no-run-as-root-user.js';

CheckTester.run(noRunAsRootUser, {
  valid: [
    { name: 'unset (runAsNonRoot is another check)', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
` },
    { name: 'non-zero at pod and container level', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {runAsUser: 10001}
      containers: [{name: app, image: app:1, securityContext: {runAsUser: 1000}}]
` },
    { name: 'pods in their own user namespace are exempt', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  securityContext: {runAsUser: 0}
  containers: [{name: app, image: app:1}]
` },
  ],
  invalid: [
    {
      name: 'pod level 0 inherited by three containers is one finding',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext:
        runAsUser: 0
      containers:
      - {name: a, image: app:1}
      - {name: b, image: app:1}
      - {name: c, image: app:1}
`,
      findings: [{ messageId: 'pod', path: '/spec/template/spec/securityContext/runAsUser', line: 8 }],
    },
    {
      name: 'pod level 0 is forbidden even when every container overrides it',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {runAsUser: 0}
  containers: [{name: app, image: app:1, securityContext: {runAsUser: 1000}}]
`,
      findings: [{ messageId: 'pod', path: '/spec/securityContext/runAsUser', line: 5 }],
    },
    {
      name: 'cronjob: containers override a non-root pod user with 0',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {runAsUser: 1000}
          initContainers: [{name: init, image: app:1, securityContext: {runAsUser: 0}}]
          containers: [{name: app, image: app:1}]
          ephemeralContainers: [{name: dbg, image: app:1, securityContext: {runAsUser: 0}}]
`,
      findings: [
        { messageId: 'container', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/runAsUser', line: 11 },
        { messageId: 'container', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/runAsUser', line: 13 },
      ],
    },
  ],
});
