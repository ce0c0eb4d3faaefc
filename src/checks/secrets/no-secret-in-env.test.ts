import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noSecretInEnv } from './no-secret-in-env.js';

// Assembled at run time so that secret scanners do not flag this file; not real credentials.
const AWS_KEY_ID = 'AK' + 'IA' + 'Z7Q2M4X9W1V3B5N8';
const PEM_HEADER = '-----BEGIN EC ' + 'PRIVATE KEY-----';

CheckTester.run(noSecretInEnv, {
  valid: [
    {
      name: 'non-secret values, references, paths and placeholders',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: app:1.0
    env:
    - {name: greeting, value: hello}
    - {name: TOKEN_PATH, value: /var/run/secrets/kubernetes.io/serviceaccount/token}
    - {name: SECRET_NAME, value: db-secret}
    - {name: PASSWORD_FILE, value: /run/secrets/password}
    - {name: DB_PASSWORD, value: "$(PASSWORD_FROM_SECRET)"}
    - {name: DB_PASSWORD_CONFIRM, value: "\${DB_PASSWORD}"}
    - {name: REDIS_PASSWORD, value: ""}
    - {name: HF_TOKEN, value: "<your-token>"}
    - {name: AWS_SECRET_ACCESS_KEY, value: xxx}
    - {name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "1"}
    - {name: MAX_TOTAL_TOKENS, value: "2048"}
    - {name: AUTH_ENABLED, value: "true"}
    - {name: DATABASE_URL, value: "postgres://app:\${DB_PASSWORD}@db:5432/app"}
    - name: token
      valueFrom: {secretKeyRef: {name: a-secret, key: token}}
`,
    },
    {
      name: 'a name that is not a credential is not judged by entropy (kube-linter: dont-fire)',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire}
spec:
  template:
    spec:
      containers:
      - name: app
        env:
        - {name: BLAH, value: secretsquirrels}
        - {name: COMMIT_SHA, value: 3c0d9c0320bb34888c2df5757c718ce6ca992ce6}
`,
    },
    {
      name: 'a custom resource reusing the Deployment kind is not a workload',
      yaml: `apiVersion: example.com/v1
kind: Deployment
metadata: {name: d}
spec: {template: {spec: {containers: [{name: a, env: [{name: PASSWORD, value: hunter22}]}]}}}
`,
    },
    {
      name: 'malformed env entries are tolerated',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    env: "PASSWORD=hunter22"
  - name: b
    env: [null, "x", {name: PASSWORD, value: {nested: true}}, {name: PASSWORD}]
`,
    },
  ],
  invalid: [
    {
      name: 'a password in a Pod (Polaris: key_password)',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: test-pod
spec:
  containers:
  - name: nginx
    env:
    - name: user_name
      value: postgres
    - name: my_password
      value: abc123
    image: nginx
`,
      findings: [{ messageId: 'literalSecret', path: '/spec/containers/0/env/1/value', line: 12 }],
    },
    {
      name: 'a private key whatever the name (Polaris: value_private_key)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: test-pod}
spec:
  containers:
  - name: nginx
    env:
    - name: the_good_stuff
      value: |
        ---BEGIN OPENSSH PRIVATE KEY---
        xxxxx
        ---END  OPENSSH PRIVATE KEY---
`,
      findings: [{ messageId: 'literalSecret', path: '/spec/containers/0/env/0/value', line: 9 }],
    },
    {
      name: 'secret-named variables in a Deployment and a DeploymentConfig (kube-linter: env-var-secret)',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  template:
    spec:
      containers:
      - name: app
        env:
        - name: SECRET_BLAH
          value: secretsquirrels
---
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata: {name: app}
spec:
  template:
    spec:
      containers:
      - name: app
        env:
        - name: SECRET_BLAH
          value: secretsquirrels
`,
      findings: [
        { messageId: 'literalSecret', path: '/spec/template/spec/containers/0/env/0/value', line: 11 },
        { messageId: 'literalSecret', path: '/spec/template/spec/containers/0/env/0/value', line: 23 },
      ],
    },
    {
      name: 'CronJob init and ephemeral containers: patterns need no credential name',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: fetch
            env:
            - {name: AWS_ACCESS_KEY_ID, value: ${AWS_KEY_ID}}
            - {name: AWS_REGION, value: eu-west-1}
          containers:
          - name: backup
            env:
            - {name: DATABASE_URL, value: "postgres://backup:Tr0ub4dor@db:5432/app"}
          ephemeralContainers:
          - name: debug
            env:
            - name: SIGNER
              value: "${PEM_HEADER}\\nMHcCAQEEIBk\\n"
`,
      findings: [
        { messageId: 'literalSecret', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/env/0/value', line: 13 },
        { messageId: 'literalSecret', path: '/spec/jobTemplate/spec/template/spec/containers/0/env/0/value', line: 18 },
        { messageId: 'literalSecret', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/env/0/value', line: 23 },
      ],
    },
    {
      name: 'a credential inside a larger value (JVM options, connection string)',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  template:
    spec:
      containers:
      - name: api
        env:
        - name: JAVA_OPTS
          value: "-Xmx1g -Dspring.datasource.password=s3cr3tpw"
        - name: PG_CONN
          value: "host=db user=app password=Zx9pL2qW sslmode=require"
`,
      findings: [
        { messageId: 'embeddedSecret', path: '/spec/template/spec/containers/0/env/0/value', line: 11 },
        { messageId: 'embeddedSecret', path: '/spec/template/spec/containers/0/env/1/value', line: 13 },
      ],
    },
    {
      name: 'random-looking token under a token name; a number typed as a YAML integer',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      containers:
      - name: agent
        env:
        - {name: AGENT_API_TOKEN, value: "Xk9mQ2vL7pR4tW8zB3nF6hJ1"}
        - {name: ADMIN_PIN_PASSWORD, value: 123456}
`,
      findings: [
        { messageId: 'literalSecret', path: '/spec/template/spec/containers/0/env/0/value' },
        { messageId: 'literalSecret', path: '/spec/template/spec/containers/0/env/1/value' },
      ],
    },
  ],
});

describe('no-secret-in-env messages', () => {
  it('name the variable and the kind of secret, never the value', () => {
    const values = ['hunter22', AWS_KEY_ID, 'Tr0ub4dor', 's3cr3tpw'];
    const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    env:
    - {name: DB_PASSWORD, value: ${values[0]}}
    - {name: KEY, value: ${values[1]}}
    - {name: DATABASE_URL, value: "mysql://root:${values[2]}@db/app"}
    - {name: JAVA_OPTS, value: "-Dapp.password=${values[3]}"}
`;
    const messages = runCheck(noSecretInEnv, yaml).findings.map((f) => f.message);
    assert.deepEqual(messages.sort(), [
      'Env var "DATABASE_URL" of the container "app" holds a hard-coded URL with a password.',
      'Env var "DB_PASSWORD" of the container "app" holds a hard-coded password.',
      'Env var "JAVA_OPTS" of the container "app" embeds a hard-coded password ("app.password").',
      'Env var "KEY" of the container "app" holds a hard-coded AWS access key id.',
    ]);
    for (const v of values) assert.ok(!messages.some((m) => m.includes(v)), v);
  });
});
