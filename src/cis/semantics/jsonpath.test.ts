import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateJsonPath, jsonPathPointer } from './jsonpath.js';

const data = {
  authentication: { anonymous: { enabled: false }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } },
  readOnlyPort: 0,
  eventRecordQPS: 5.5,
  streamingConnectionIdleTimeout: '0s',
  tlsCipherSuites: ['TLS_A', 'TLS_B'],
  featureGates: { RotateKubeletServerCertificate: true },
  empty: '',
  nothing: null,
  'dotted.key': 'v',
};

test('jsonpath renders the values kube-bench sees', () => {
  const table: [string, string][] = [
    ['{.authentication.anonymous.enabled}', 'false'],
    ['{.authentication.x509.clientCAFile}', '/etc/kubernetes/pki/ca.crt'],
    ['{.readOnlyPort}', '0'],
    ['{.eventRecordQPS}', '5.5'],
    ['{.streamingConnectionIdleTimeout}', '0s'],
    ['{.featureGates.RotateKubeletServerCertificate}', 'true'],
    ['{range .tlsCipherSuites[:]}{}{\',\'}{end}', 'TLS_A,TLS_B,'],
    ['{range .tlsCipherSuites[*]}{@}-{end}', 'TLS_A-TLS_B-'],
    ['{.tlsCipherSuites[1]}', 'TLS_B'],
    ['{.tlsCipherSuites[-1]}', 'TLS_B'],
    ['{.tlsCipherSuites[:]}', 'TLS_A TLS_B'],
    ['{.tlsCipherSuites}', '["TLS_A","TLS_B"]'],
    ["{.['dotted.key']}", 'v'],
    ['{.missing.deeper}', ''],
    ['{.empty}', ''],
    ['{.nothing}', ''],
    ['{.readOnlyPort.sub}', ''],
    ['', ''],
    ['port={.readOnlyPort}', 'port=0'],
  ];
  for (const [template, want] of table) {
    assert.deepEqual(evaluateJsonPath(template, data), { ok: true, text: want }, template);
  }
});

test('jsonpath template errors are reported, not thrown', () => {
  for (const bad of ['{.a', '{range .a}', '{end}', '{..a}', '{.a[?(@.x)]}', '{foo}', '{.a[x]}']) {
    const r = evaluateJsonPath(bad, data);
    assert.equal(r.ok, false, bad);
  }
});

test('jsonpath on non-object data finds nothing', () => {
  assert.deepEqual(evaluateJsonPath('{.a.b}', 'a string'), { ok: true, text: '' });
  assert.deepEqual(evaluateJsonPath('{.a.b}', null), { ok: true, text: '' });
});

test('jsonPathPointer maps plain field paths', () => {
  assert.equal(jsonPathPointer('{.authentication.anonymous.enabled}'), '/authentication/anonymous/enabled');
  assert.equal(jsonPathPointer('{range .tlsCipherSuites[:]}{}{end}'), undefined);
});
