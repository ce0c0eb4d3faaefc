import { CheckTester } from '../../testing/check-tester.js';
import { requireRunAsNonRoot } from './require-run-as-non-root.js';

CheckTester.run(requireRunAsNonRoot, {
  valid: [
    { name: 'pod level true is inherited by every container', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true}
      initContainers: [{name: init, image: app:1}]
      containers: [{name: app, image: app:1}]
` },
    { name: 'container level true suffices without a pod level value', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: app:1, securityContext: {runAsNonRoot: true}}
  - {name: b, image: app:1, securityContext: {runAsNonRoot: true, runAsUser: 1000}}
` },
    { name: 'pods in their own user namespace are exempt', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostUsers: false
  containers: [{name: app, image: app:1}]
` },
  ],
  invalid: [
    {
      name: 'unset everywhere: reported per container, where the field belongs',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: app:1
  - name: b
    image: app:1
    securityContext:
      runAsUser: 1000
`,
      findings: [
        { messageId: 'unset', path: '/spec/containers/0/securityContext/runAsNonRoot', line: 6 },
        { messageId: 'unset', path: '/spec/containers/1/securityContext/runAsNonRoot', line: 10 },
      ],
    },
    {
      name: 'container false overrides pod true',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true}
      containers:
      - name: app
        image: app:1
        securityContext:
          runAsNonRoot: false
`,
      findings: [{ messageId: 'container', path: '/spec/template/spec/containers/0/securityContext/runAsNonRoot', line: 12 }],
    },
    {
      name: 'cronjob: pod false is one finding for the inheriting containers; a container true does not excuse it',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext:
            runAsNonRoot: false
          initContainers: [{name: init, image: app:1}]
          containers: [{name: app, image: app:1}, {name: ok, image: app:1, securityContext: {runAsNonRoot: true}}]
          ephemeralContainers: [{name: dbg, image: app:1, securityContext: {runAsNonRoot: false}}]
`,
      findings: [
        { messageId: 'pod', path: '/spec/jobTemplate/spec/template/spec/securityContext/runAsNonRoot', line: 11 },
        { messageId: 'container', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/runAsNonRoot', line: 14 },
      ],
    },
    {
      name: 'hostUsers true is no exemption',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {hostUsers: true, containers: [{name: app, image: app:1}]}
`,
      findings: [{ messageId: 'unset', path: '/spec/containers/0/securityContext/runAsNonRoot' }],
    },
  ],
});
