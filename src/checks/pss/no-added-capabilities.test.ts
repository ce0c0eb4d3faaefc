import { CheckTester } from '../../testing/check-tester.js';
import { noAddedCapabilities } from './no-added-capabilities.js';

CheckTester.run(noAddedCapabilities, {
  valid: [
    { name: 'only NET_BIND_SERVICE, any spelling', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - {name: a, image: app:1, securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}}
      - {name: b, image: app:1, securityContext: {capabilities: {drop: [ALL], add: [cap_net_bind_service]}}}
` },
    { name: 'capabilities outside the baseline set are no-unsafe-capabilities\' job', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1, securityContext: {capabilities: {add: [SYS_ADMIN, NET_RAW, ALL]}}}]
` },
    { name: 'windows pods are exempt', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  os: {name: windows}
  containers: [{name: app, image: app:1, securityContext: {capabilities: {add: [CHOWN]}}}]
` },
  ],
  invalid: [
    {
      name: 'baseline-allowed capabilities other than NET_BIND_SERVICE',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        drop: [ALL]
        add:
        - NET_BIND_SERVICE
        - CHOWN
        - SYS_ADMIN
        - cap_setuid
`,
      findings: [
        { messageId: 'added', path: '/spec/containers/0/securityContext/capabilities/add/1', line: 13 },
        { messageId: 'added', path: '/spec/containers/0/securityContext/capabilities/add/3', line: 15 },
      ],
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
          initContainers: [{name: init, image: app:1, securityContext: {capabilities: {add: [DAC_OVERRIDE]}}}]
          containers: [{name: app, image: app:1}]
          ephemeralContainers: [{name: dbg, image: app:1, securityContext: {capabilities: {add: [KILL]}}}]
`,
      findings: [
        { messageId: 'added', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/capabilities/add/0', line: 10 },
        { messageId: 'added', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/capabilities/add/0', line: 12 },
      ],
    },
  ],
});
