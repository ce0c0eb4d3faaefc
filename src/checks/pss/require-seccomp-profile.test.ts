import { CheckTester } from '../../testing/check-tester.js';
import { requireSeccompProfile } from './require-seccomp-profile.js';

CheckTester.run(requireSeccompProfile, {
  valid: [
    { name: 'pod level RuntimeDefault is inherited', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {seccompProfile: {type: RuntimeDefault}}
      initContainers: [{name: init, image: app:1}]
      containers: [{name: app, image: app:1}]
` },
    { name: 'every container sets its own profile without a pod level one', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: app:1, securityContext: {seccompProfile: {type: RuntimeDefault}}}
  - {name: b, image: app:1, securityContext: {seccompProfile: {type: Localhost, localhostProfile: profiles/b.json}}}
` },
    { name: 'Unconfined is left to no-unconfined-seccomp', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {seccompProfile: {type: Unconfined}}
  containers:
  - {name: a, image: app:1}
  - {name: b, image: app:1, securityContext: {seccompProfile: {type: Unconfined}}}
` },
    { name: 'windows pods are exempt', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
` },
  ],
  invalid: [
    {
      name: 'no profile anywhere: per container, where it belongs',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: a
    image: app:1
  - name: b
    image: app:1
    securityContext:
      runAsUser: 1000
`,
      findings: [
        { messageId: 'missing', path: '/spec/containers/0/securityContext/seccompProfile', line: 8 },
        { messageId: 'missing', path: '/spec/containers/1/securityContext/seccompProfile', line: 12 },
      ],
    },
    {
      name: 'cronjob: only the containers that neither set it nor inherit it',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: app:1}]
          containers: [{name: app, image: app:1, securityContext: {seccompProfile: {type: RuntimeDefault}}}]
          ephemeralContainers: [{name: dbg, image: app:1}]
`,
      findings: [
        { messageId: 'missing', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/seccompProfile', line: 10 },
        { messageId: 'missing', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/seccompProfile', line: 12 },
      ],
    },
    {
      name: 'an invalid pod level type is reported once, overriding containers do not hide it',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext:
        seccompProfile: {type: runtime/default}
      containers:
      - {name: a, image: app:1}
      - {name: b, image: app:1}
      - {name: c, image: app:1, securityContext: {seccompProfile: {type: RuntimeDefault}}}
`,
      findings: [{ messageId: 'invalid', path: '/spec/template/spec/securityContext/seccompProfile/type', line: 8 }],
    },
    {
      name: 'a container profile without a type does not inherit the pod one',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {seccompProfile: {type: RuntimeDefault}}
  containers: [{name: app, image: app:1, securityContext: {seccompProfile: {localhostProfile: x.json}}}]
`,
      findings: [{ messageId: 'invalid', path: '/spec/containers/0/securityContext/seccompProfile/type' }],
    },
  ],
});
