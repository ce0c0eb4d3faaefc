import { CheckTester } from '../../testing/check-tester.js';
import { noUnsafeCapabilities } from './no-unsafe-capabilities.js';

CheckTester.run(noUnsafeCapabilities, {
  valid: [
    { name: 'no capabilities', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1}]
` },
    { name: 'baseline set, any spelling', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        securityContext:
          capabilities:
            drop: [ALL]
            add: [NET_BIND_SERVICE, CAP_CHOWN, setuid, cap_kill, AUDIT_WRITE, SYS_CHROOT]
` },
    { name: 'dropping dangerous capabilities is fine', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: app:1, securityContext: {capabilities: {drop: [SYS_ADMIN, NET_RAW]}}}]
` },
    { name: 'malformed add list is tolerated', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: app:1, securityContext: {capabilities: {add: SYS_ADMIN}}}
  - {name: b, image: app:1, securityContext: {capabilities: [SYS_ADMIN]}}
  - {name: c, image: app:1, securityContext: {capabilities: {add: [42, null, {x: 1}]}}}
` },
  ],
  invalid: [
    {
      name: 'one finding per capability, pointing at the list item',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        add:
        - CHOWN
        - SYS_ADMIN
        - cap_net_raw
`,
      findings: [
        { messageId: 'unsafe', path: '/spec/containers/0/securityContext/capabilities/add/1', line: 12 },
        { messageId: 'unsafe', path: '/spec/containers/0/securityContext/capabilities/add/2', line: 13 },
      ],
    },
    {
      name: 'ALL, any case, in a cronjob init and ephemeral container',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: app:1, securityContext: {capabilities: {add: [all]}}}]
          containers: [{name: app, image: app:1, securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}}]
          ephemeralContainers: [{name: dbg, image: app:1, securityContext: {capabilities: {add: [SYS_PTRACE, ALL]}}}]
`,
      findings: [
        { messageId: 'all', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/capabilities/add/0', line: 10 },
        { messageId: 'unsafe', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/capabilities/add/0', line: 12 },
        { messageId: 'all', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/capabilities/add/1', line: 12 },
      ],
    },
    {
      name: 'statefulset, prefixed name',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec: {template: {spec: {containers: [{name: db, image: db:1, securityContext: {capabilities: {add: [CAP_SYS_ADMIN]}}}]}}}
`,
      findings: [{ messageId: 'unsafe', path: '/spec/template/spec/containers/0/securityContext/capabilities/add/0' }],
    },
  ],
});
