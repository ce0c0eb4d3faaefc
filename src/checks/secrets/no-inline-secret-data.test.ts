import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noInlineSecretData } from './no-inline-secret-data.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUB\n-----END CERTIFICATE-----\n';

CheckTester.run(noInlineSecretData, {
  valid: [
    { name: 'no data', yaml: `apiVersion: v1\nkind: Secret\nmetadata: {name: argocd-secret}\ntype: Opaque\n` },
    {
      name: 'service-account-token Secret, filled in by the token controller',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: reader-token
  annotations: {kubernetes.io/service-account.name: reader}
type: kubernetes.io/service-account-token
`,
    },
    {
      name: 'empty values, references and placeholders to fill in at deploy time',
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: s}
data:
  password: ""
  token: ${b64('<your-token>')}
stringData:
  api-key: \${API_KEY}
  username: ""
  webhook: "{{ .Values.webhook }}"
  other: null
`,
    },
    {
      name: 'config documents without credentials, public certificates',
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: grafana-config, namespace: monitoring}
stringData:
  grafana.ini: |
    [date_formats]
    default_timezone = UTC
  ca.crt: |
${CERT.replace(/^/gm, '    ').trimEnd()}
type: Opaque
`,
    },
    {
      name: 'encrypted and external secrets are other kinds',
      yaml: `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: s}
spec: {encryptedData: {password: AgBy3i4OJSWK+PiTySYZZA==}}
---
apiVersion: example.com/v1
kind: Secret
metadata: {name: not-core}
data: {password: ${b64('hunter22')}}
`,
    },
  ],
  invalid: [
    {
      name: 'base64 data (the mysql-secret sample)',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: mysql-secret
type: Opaque
data:
  password: UGFzc3dvcmQkMTIzNDU2
  admin-password: UGFzc3dvcmQkMTIzNDU2
`,
      findings: [{ messageId: 'inlineData', path: '/data/password', line: 7 }],
    },
    {
      name: 'stringData, a config document with a credential, and a TLS key',
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: alertmanager-main}
type: Opaque
stringData:
  alertmanager.yaml: |
    global:
      smtp_auth_username: alerts
      smtp_auth_password: Tr0ub4dor
    route: {receiver: default}
  notes.txt: |
    nothing
    secret here
`,
      findings: [{ messageId: 'inlineData', path: '/stringData/alertmanager.yaml', line: 6 }],
    },
    {
      name: 'a service-account token exported from a cluster; ca.crt and namespace are not confidential',
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: reader-token}
type: kubernetes.io/service-account-token
data:
  ca.crt: ${b64(CERT)}
  namespace: ${b64('default')}
  token: ${b64('eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJl')}
`,
      findings: [{ messageId: 'inlineData', path: '/data/token', line: 8 }],
    },
    {
      name: 'keys with a slash are escaped in the pointer; binary data counts',
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: s}
data:
  keystore.jks: ${Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]).toString('base64')}
stringData:
  a/b: hunter22
`,
      findings: [{ messageId: 'inlineData', path: '/data/keystore.jks', line: 5 }],
    },
  ],
});

describe('no-inline-secret-data messages', () => {
  it('list the keys, never the values; escape keys in the pointer', () => {
    const yaml = `apiVersion: v1
kind: Secret
metadata: {name: s}
stringData:
  a/b~c: hunter22
  user: admin
`;
    const [finding, ...rest] = runCheck(noInlineSecretData, yaml).findings;
    assert.equal(rest.length, 0);
    assert.equal(finding.message, 'Secret values are committed in the manifest (keys "a/b~c", "user").');
    assert.equal(finding.path, '/stringData/a~1b~0c');
    assert.ok('line' in finding.location && finding.location.line === 5, JSON.stringify(finding.location));
  });
});
