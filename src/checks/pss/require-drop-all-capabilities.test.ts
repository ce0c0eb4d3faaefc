import { CheckTester } from '../../testing/check-tester.js';
import { requireDropAllCapabilities } from './require-drop-all-capabilities.js';

CheckTester.run(requireDropAllCapabilities, {
  valid: [
    { name: 'every container drops ALL, any case', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers: [{name: init, image: app:1, securityContext: {capabilities: {drop: [all]}}}]
      containers:
      - {name: app, image: app:1, securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}}
      - {name: side, image: side:1, securityContext: {capabilities: {drop: [NET_RAW, All]}}}
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
      name: 'missing and incomplete drop lists',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: none
    image: app:1
  - name: some
    image: app:1
    securityContext:
      capabilities:
        drop: [NET_RAW, SYS_ADMIN]
  - name: empty
    image: app:1
    securityContext:
      capabilities:
        add: [NET_BIND_SERVICE]
`,
      findings: [
        { messageId: 'missing', path: '/spec/containers/0/securityContext/capabilities/drop', line: 6 },
        { messageId: 'incomplete', path: '/spec/containers/1/securityContext/capabilities/drop', line: 12 },
        { messageId: 'missing', path: '/spec/containers/2/securityContext/capabilities/drop', line: 16 },
      ],
    },
    {
      name: 'cronjob init and ephemeral containers; a pod securityContext cannot drop capabilities',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {capabilities: {drop: [ALL]}}
          initContainers: [{name: init, image: app:1}]
          containers: [{name: app, image: app:1, securityContext: {capabilities: {drop: [ALL]}}}]
          ephemeralContainers: [{name: dbg, image: app:1, securityContext: {capabilities: {drop: []}}}]
`,
      findings: [
        { messageId: 'missing', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/capabilities/drop', line: 11 },
        { messageId: 'incomplete', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/capabilities/drop', line: 13 },
      ],
    },
  ],
});
