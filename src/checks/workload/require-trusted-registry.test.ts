import { CheckTester } from '../../testing/check-tester.js';
import { requireTrustedRegistry } from './require-trusted-registry.js';

const TRUSTED = { trustedRegistries: ['registry.example.com', 'ghcr.io/acme/', 'docker.io/library/'] };

const MIXED = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: app
        image: registry.example.com/team/app:1.0
      - name: evil
        image: registry.example.com.evil.io/team/app:1.0
      - name: acme
        image: ghcr.io/acme/tool:2
      - name: acme-evil
        image: ghcr.io/acme-evil/tool:2
      - name: official
        image: nginx:1.27
      - name: hub-user
        image: bitnami/redis:7.2
`;

CheckTester.run(requireTrustedRegistry, {
  valid: [
    { name: 'no option: the check is off', yaml: MIXED },
    { name: 'an empty list: the check is off', yaml: MIXED, options: { trustedRegistries: [] } },
    {
      name: 'docker.io trusts images without an explicit registry',
      options: { trustedRegistries: ['docker.io'] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: busybox:1.36}]
  containers: [{name: app, image: bitnami/redis:7.2}, {name: legacy, image: index.docker.io/library/nginx:1.27}]
  ephemeralContainers: [{name: dbg, image: docker.io/library/busybox:1.36}]
`,
    },
    {
      name: 'registry with port, and a missing image is left to no-latest-image-tag',
      options: { trustedRegistries: ['localhost:5000'] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: app, image: "localhost:5000/app:1"}, {name: none}]}
`,
    },
  ],
  invalid: [
    {
      name: 'exact host and path-component matching, never string prefixes',
      options: TRUSTED,
      yaml: MIXED,
      findings: [
        { messageId: 'untrusted', path: '/spec/template/spec/containers/1/image', line: 11 },
        { messageId: 'untrusted', path: '/spec/template/spec/containers/3/image', line: 15 },
        { messageId: 'untrusted', path: '/spec/template/spec/containers/5/image', line: 19 },
      ],
    },
    {
      name: 'cronjob: init and ephemeral containers; docker.io is not trusted unless listed',
      options: { trustedRegistries: ['registry.example.com'] },
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
          containers: [{name: app, image: "registry.example.com/app:1"}]
          ephemeralContainers: [{name: dbg, image: "quay.io/debug/tools:1"}]
`,
      findings: [
        { messageId: 'untrusted', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/image', line: 10 },
        { messageId: 'untrusted', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/image', line: 12 },
      ],
    },
    {
      name: 'a non-empty list of unusable entries trusts nothing',
      options: { trustedRegistries: [''] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: app, image: "registry.example.com/app:1"}]}
`,
      findings: [{ messageId: 'untrusted', path: '/spec/containers/0/image' }],
    },
  ],
});
