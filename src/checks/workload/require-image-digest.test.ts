import { CheckTester } from '../../testing/check-tester.js';
import { requireImageDigest } from './require-image-digest.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

CheckTester.run(requireImageDigest, {
  valid: [
    {
      name: 'every image pinned, with or without a tag',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: "busybox@${DIGEST}"}]
  containers: [{name: app, image: "registry.example.com:5000/app:1.2@${DIGEST}"}]
  ephemeralContainers: [{name: dbg, image: "busybox:1.36@${DIGEST}"}]
`,
    },
    { name: 'a missing image is another check\'s finding', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: app}]}
` },
  ],
  invalid: [
    {
      name: 'deployment: tags only, and a truncated digest',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
      - name: side
        image: ghcr.io/acme/side@sha256:abc123
`,
      findings: [
        { messageId: 'notPinned', path: '/spec/template/spec/containers/0/image', line: 9 },
        { messageId: 'invalidDigest', path: '/spec/template/spec/containers/1/image', line: 11 },
      ],
    },
    {
      name: 'cronjob: init and ephemeral containers',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: "busybox:1.36"}]
          containers: [{name: app, image: "app@${DIGEST}"}]
          ephemeralContainers: [{name: dbg, image: busybox}]
`,
      findings: [
        { messageId: 'notPinned', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/image', line: 10 },
        { messageId: 'notPinned', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/image', line: 12 },
      ],
    },
  ],
});
