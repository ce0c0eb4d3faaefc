import { CheckTester } from '../../testing/check-tester.js';
import { requireReadOnlyRootFilesystem } from './require-read-only-root-filesystem.js';

CheckTester.run(requireReadOnlyRootFilesystem, {
  valid: [
    {
      name: 'every container read-only, including init and ephemeral',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: busybox:1.36, securityContext: {readOnlyRootFilesystem: true}}]
  containers: [{name: app, image: nginx:1.27, securityContext: {readOnlyRootFilesystem: true}}]
  ephemeralContainers: [{name: dbg, image: busybox:1.36, securityContext: {readOnlyRootFilesystem: true}}]
`,
    },
    {
      name: 'windows pods cannot set the field',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      os: {name: windows}
      containers: [{name: app, image: mcr.microsoft.com/windows/servercore:ltsc2022}]
`,
    },
    { name: 'not a workload', yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n` },
  ],
  invalid: [
    {
      name: 'deployment: unset, no securityContext at all, and explicitly false',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          runAsNonRoot: true
      - name: sidecar
        image: envoy:1.30
      - name: writer
        image: busybox:1.36
        securityContext:
          readOnlyRootFilesystem: false
`,
      findings: [
        { messageId: 'missing', path: '/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem', line: 10 },
        { messageId: 'missing', path: '/spec/template/spec/containers/1/securityContext/readOnlyRootFilesystem', line: 12 },
        { messageId: 'writable', path: '/spec/template/spec/containers/2/securityContext/readOnlyRootFilesystem', line: 17 },
      ],
    },
    {
      name: 'a pod-level readOnlyRootFilesystem does not exist and protects nothing',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {readOnlyRootFilesystem: true, runAsNonRoot: true}
  containers: [{name: app, image: nginx:1.27}]
`,
      findings: [{ messageId: 'missing', path: '/spec/containers/0/securityContext/readOnlyRootFilesystem', line: 6 }],
    },
    {
      name: 'cronjob: init and ephemeral containers count, a string "true" is not true',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: busybox:1.36}]
          containers: [{name: app, image: busybox:1.36, securityContext: {readOnlyRootFilesystem: true}}]
          ephemeralContainers: [{name: dbg, image: busybox:1.36, securityContext: {readOnlyRootFilesystem: "true"}}]
`,
      findings: [
        { messageId: 'missing', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/readOnlyRootFilesystem', line: 10 },
        { messageId: 'writable', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/securityContext/readOnlyRootFilesystem', line: 12 },
      ],
    },
  ],
});
