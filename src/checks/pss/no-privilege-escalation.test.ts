import { CheckTester } from '../../testing/check-tester.js';
import { noPrivilegeEscalation } from './no-privilege-escalation.js';

CheckTester.run(noPrivilegeEscalation, {
  valid: [
    { name: 'every container sets false', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers: [{name: init, image: app:1, securityContext: {allowPrivilegeEscalation: false}}]
      containers: [{name: app, image: app:1, securityContext: {allowPrivilegeEscalation: false, privileged: false}}]
` },
    { name: 'windows pods are exempt', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
` },
    { name: 'a pod without containers', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: []}
` },
  ],
  invalid: [
    {
      name: 'unset (defaults to true), explicit true, privileged',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: linux}
  containers:
  - name: unset
    image: app:1
  - name: allowed
    image: app:1
    securityContext:
      allowPrivilegeEscalation: true
  - name: priv
    image: app:1
    securityContext:
      allowPrivilegeEscalation: false
      privileged: true
`,
      findings: [
        { messageId: 'unset', path: '/spec/containers/0/securityContext/allowPrivilegeEscalation', line: 7 },
        { messageId: 'allowed', path: '/spec/containers/1/securityContext/allowPrivilegeEscalation', line: 12 },
        { messageId: 'privileged', path: '/spec/containers/2/securityContext/privileged', line: 17 },
      ],
    },
    {
      name: 'cronjob: a pod-level securityContext cannot set it; init and ephemeral containers count',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false}
          initContainers: [{name: init, image: app:1, securityContext: {runAsUser: 1000}}]
          containers: [{name: app, image: app:1, securityContext: {allowPrivilegeEscalation: false}}]
          ephemeralContainers: [{name: dbg, image: app:1}]
`,
      findings: [
        { messageId: 'unset', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/allowPrivilegeEscalation', line: 11 },
        { messageId: 'unset', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/allowPrivilegeEscalation', line: 13 },
      ],
    },
  ],
});
