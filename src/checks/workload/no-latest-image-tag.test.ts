import { CheckTester } from '../../testing/check-tester.js';
import { noLatestImageTag } from './no-latest-image-tag.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

CheckTester.run(noLatestImageTag, {
  valid: [
    {
      name: 'fixed tags and digests everywhere',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: "busybox@${DIGEST}"}]
  containers:
  - {name: app, image: "registry.example.com:5000/team/app:1.4.2"}
  - {name: side, image: "envoyproxy/envoy:v1.30.1"}
  - {name: pinned, image: "nginx:latest@${DIGEST}"}
  ephemeralContainers: [{name: dbg, image: "busybox:1.36"}]
`,
    },
    { name: 'a registry port is not a tag', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: app, image: "localhost:5000/app:2.0"}]}
` },
  ],
  invalid: [
    {
      name: 'deployment: no tag, latest, registry port without tag, Docker Hub latest',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
      - name: side
        image: ghcr.io/acme/side:latest
      - name: ported
        image: registry.example.com:5000/team/app
      - name: hub
        image: docker.io/library/redis:latest
`,
      findings: [
        { messageId: 'noTag', path: '/spec/template/spec/containers/0/image', line: 9 },
        { messageId: 'latest', path: '/spec/template/spec/containers/1/image', line: 11 },
        { messageId: 'noTag', path: '/spec/template/spec/containers/2/image', line: 13 },
        { messageId: 'latest', path: '/spec/template/spec/containers/3/image', line: 15 },
      ],
    },
    {
      name: 'cronjob: init and ephemeral containers, missing and blank images',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: "busybox:latest"}]
          containers: [{name: app}, {name: blank, image: "  "}]
          ephemeralContainers: [{name: dbg, image: busybox}]
`,
      findings: [
        { messageId: 'latest', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/image', line: 10 },
        { messageId: 'noImage', path: '/spec/jobTemplate/spec/template/spec/containers/0/image', line: 11 },
        { messageId: 'noImage', path: '/spec/jobTemplate/spec/template/spec/containers/1/image', line: 11 },
        { messageId: 'noTag', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/image', line: 12 },
      ],
    },
  ],
});
