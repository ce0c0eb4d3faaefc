import { CheckTester } from '../../testing/check-tester.js';
import { noSecretKeyRefEnv } from './no-secret-key-ref-env.js';

CheckTester.run(noSecretKeyRefEnv, {
  valid: [
    {
      name: 'secret mounted as a file; env from ConfigMaps and fields',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      volumes:
      - name: creds
        secret: {secretName: db-credentials}
      containers:
      - name: app
        volumeMounts: [{name: creds, mountPath: /run/secrets/db, readOnly: true}]
        env:
        - {name: PASSWORD_FILE, value: /run/secrets/db/password}
        - name: LOG_LEVEL
          valueFrom: {configMapKeyRef: {name: app-config, key: level}}
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        envFrom:
        - configMapRef: {name: app-config}
`,
    },
    {
      name: 'malformed entries are tolerated',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    env: [null, {name: X, valueFrom: "secret"}, {name: Y, valueFrom: {secretKeyRef: null}}]
    envFrom: "secretRef"
`,
    },
  ],
  invalid: [
    {
      name: 'secretKeyRef in a Pod (what Polaris accepts as the safe form)',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: test-pod
spec:
  containers:
  - name: nginx
    env:
    - name: token
      valueFrom:
        secretKeyRef:
          key: token
          name: a-secret
    image: nginx
`,
      findings: [{ messageId: 'secretKeyRef', path: '/spec/containers/0/env/0/valueFrom/secretKeyRef', line: 11 }],
    },
    {
      name: 'CronJob: init and ephemeral containers, one finding per variable, envFrom',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: migrate
            env:
            - name: PGUSER
              valueFrom: {secretKeyRef: {name: pg-app, key: username}}
            - name: PGPASSWORD
              valueFrom: {secretKeyRef: {name: pg-app, key: password}}
          containers:
          - name: job
            envFrom:
            - secretRef: {name: job-env}
          ephemeralContainers:
          - name: debug
            env:
            - name: TOKEN
              valueFrom: {secretKeyRef: {name: debug-token, key: token, optional: true}}
`,
      findings: [
        { messageId: 'secretKeyRef', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/env/0/valueFrom/secretKeyRef', line: 14 },
        { messageId: 'secretKeyRef', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/env/1/valueFrom/secretKeyRef', line: 16 },
        { messageId: 'envFromSecret', path: '/spec/jobTemplate/spec/template/spec/containers/0/envFrom/0/secretRef', line: 20 },
        { messageId: 'secretKeyRef', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/env/0/valueFrom/secretKeyRef', line: 25 },
      ],
    },
  ],
});
