import { CheckTester } from '../../testing/check-tester.js';
import { noUnsafeApparmorProfile } from './no-unsafe-apparmor-profile.js';

CheckTester.run(noUnsafeApparmorProfile, {
  valid: [
    { name: 'unset', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
` },
    { name: 'RuntimeDefault at pod level, Localhost at container level', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      securityContext: {appArmorProfile: {type: RuntimeDefault}}
      containers:
      - name: app
        image: app:1
        securityContext: {appArmorProfile: {type: Localhost, localhostProfile: k8s-app}}
` },
    { name: 'allowed legacy annotations on the pod template', yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: runtime/default
        container.apparmor.security.beta.kubernetes.io/side: localhost/k8s-side
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
    spec:
      containers: [{name: app, image: app:1}, {name: side, image: side:1}]
` },
  ],
  invalid: [
    {
      name: 'pod level Unconfined is reported once even if the container overrides it',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    appArmorProfile:
      type: Unconfined
  containers:
  - name: a
    image: app:1
  - name: b
    image: app:1
    securityContext:
      appArmorProfile: {type: RuntimeDefault}
`,
      findings: [{ messageId: 'profile', path: '/spec/securityContext/appArmorProfile/type', line: 7 }],
    },
    {
      name: 'cronjob: container overrides an allowed pod profile with Unconfined; profile without type',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {appArmorProfile: {type: RuntimeDefault}}
          initContainers: [{name: init, image: app:1, securityContext: {appArmorProfile: {}}}]
          containers: [{name: app, image: app:1}]
          ephemeralContainers: [{name: dbg, image: app:1, securityContext: {appArmorProfile: {type: Unconfined}}}]
`,
      findings: [
        { messageId: 'profile', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/appArmorProfile/type', line: 11 },
        { messageId: 'profile', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/appArmorProfile/type', line: 13 },
      ],
    },
    {
      name: 'legacy annotations on a Pod and on a Deployment template',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
    container.apparmor.security.beta.kubernetes.io/side: runtime/default
spec:
  containers: [{name: app, image: app:1}, {name: side, image: side:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: ""
    spec:
      containers: [{name: app, image: app:1}]
`,
      findings: [
        { messageId: 'annotation', path: '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app', line: 6 },
        { messageId: 'annotation', path: '/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app', line: 18 },
      ],
    },
  ],
});
