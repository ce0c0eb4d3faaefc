import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noSecretInConfigmap } from './no-secret-in-configmap.js';

// Assembled at run time so that secret scanners do not flag this file; not real credentials.
const GITHUB_TOKEN = 'gh' + 'p_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const PEM_HEADER = '-----BEGIN ' + 'PRIVATE KEY-----';

CheckTester.run(noSecretInConfigmap, {
  valid: [
    {
      name: 'ordinary settings (Polaris: valid_keys_and_values)',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: test-config}
data:
  message: This is a test
  db_user: postgres
`,
    },
    { name: 'no data (Polaris: no_data)', yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: test-config}\n` },
    {
      name: 'config files that point at credentials instead of holding them',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: app}
data:
  TOKEN_PATH: /var/run/secrets/kubernetes.io/serviceaccount/token
  DB_PASSWORD_SECRET: db-secret
  AWS_SECRET_ACCESS_KEY: xxxxx
  prometheus.yml: |
    scrape_configs:
    - job_name: k8s
      bearer_token_file: /var/run/secrets/kubernetes.io/serviceaccount/token
      basic_auth:
        username: prom
        password_file: /etc/prom/password
  app.properties: |
    db.url=jdbc:postgresql://db:5432/app
    db.password=\${DB_PASSWORD}
  nsswitch.conf: |
    passwd:         files
    group:          files
  known_hosts: |
    github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
binaryData:
  logo.png: iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==
`,
    },
    {
      name: 'a ConfigMap kind in another API group is not a ConfigMap',
      yaml: `apiVersion: example.com/v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {password: hunter22}\n`,
    },
  ],
  invalid: [
    {
      name: 'credential-named keys (Polaris: key_password)',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: test-config
data:
  db_username: postgres
  db_password: abc123
  GITHUB: ${GITHUB_TOKEN}
`,
      findings: [
        { messageId: 'secretValue', path: '/data/db_password', line: 7 },
        { messageId: 'secretValue', path: '/data/GITHUB', line: 8 },
      ],
    },
    {
      name: 'a private key in a value (Polaris: value_private_key)',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: test-config
data:
  a_key: and value that are ok
  ssh_access: |
    ${PEM_HEADER}
    xxxxxxxx
    -----END OPENSSH PRIVATE KEY-----
`,
      findings: [{ messageId: 'embeddedSecret', path: '/data/ssh_access', line: 7 }],
    },
    {
      name: 'credentials inside embedded config files, and in binaryData',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: app, namespace: shop}
data:
  app.properties: |
    db.url=jdbc:postgresql://db:5432/app
    db.password=Tr0ub4dor
    api.token=Xk9mQ2vL7pR4tW8zB3nF6hJ1
  settings.json: '{"smtp": {"host": "mail", "password": "Zx9-pL2q"}}'
  DATABASE_DSN: "Server=db;Database=app;User Id=sa;Password=Str0ngPass;"
binaryData:
  creds.env: ${Buffer.from('API_KEY=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n').toString('base64')}
`,
      findings: [
        { messageId: 'embeddedSecret', path: '/data/app.properties', line: 5 },
        { messageId: 'embeddedSecret', path: '/data/settings.json', line: 9 },
        { messageId: 'embeddedSecret', path: '/data/DATABASE_DSN', line: 10 },
        { messageId: 'embeddedSecret', path: '/binaryData/creds.env', line: 12 },
      ],
    },
  ],
});

describe('no-secret-in-configmap messages', () => {
  it('name the key, the kind of secret and the setting holding it, never the value', () => {
    const yaml = `apiVersion: v1
kind: ConfigMap
metadata: {name: app}
data:
  db_password: hunter22
  app.properties: |
    db.password=Tr0ub4dor
    api.token=Xk9mQ2vL7pR4tW8zB3nF6hJ1
  id_rsa: |
    ${PEM_HEADER}
    MIIEowIBAAKCAQEA
`;
    const messages = runCheck(noSecretInConfigmap, yaml).findings.map((f) => f.message);
    assert.deepEqual(messages.sort(), [
      'Key "app.properties" contains a hard-coded password and token ("db.password", "api.token").',
      'Key "db_password" holds a hard-coded password.',
      'Key "id_rsa" contains a hard-coded private key (line 1 of the value).',
    ]);
    for (const v of ['hunter22', 'Tr0ub4dor', 'Xk9mQ2vL7pR4tW8zB3nF6hJ1', 'MIIEowIBAAKCAQEA']) assert.ok(!messages.some((m) => m.includes(v)), v);
  });
});
