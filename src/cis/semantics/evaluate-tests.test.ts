import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUBE_BENCH_ORACLE, ORACLE_MISSING } from '../oracle-path.js';
import type { Tests } from '../types.js';
import { compareOp } from './compare-op.js';
import { evaluateTests, evaluateTestsOnText } from './evaluate-tests.js';
import { findEnvInText, findFlagInText, textSource } from './text-source.js';

interface ExecuteCase {
  check_index: number;
  check_text: string;
  check_tests: { bin_op?: string; test_items: unknown[] };
  audit_output?: string;
  audit_config_output?: string;
  audit_env_output?: string;
  expect_pass: boolean;
  expected_result_text?: string;
}
interface CompareCase {
  label: string;
  op: string;
  flag_value: string;
  compare_value: string;
  flag_name: string;
  expected_result_text: string;
  expect_pass: boolean;
}
interface OperatorCases {
  execute_cases: ExecuteCase[];
  execute_exception_cases: ExecuteCase[];
  compare_op_cases: CompareCase[];
}

test('all 112 kube-bench operator cases', (t) => {
  if (KUBE_BENCH_ORACLE === undefined) {
    t.skip(ORACLE_MISSING);
    return;
  }
  const cases = JSON.parse(readFileSync(join(KUBE_BENCH_ORACLE, 'check', 'operator_test_cases.json'), 'utf8')) as OperatorCases;
  let count = 0;
  for (const c of cases.compare_op_cases) {
    const r = compareOp(c.op, c.flag_value, c.compare_value, c.flag_name);
    assert.equal(r.pass, c.expect_pass, `compare ${c.label}`);
    assert.equal(r.expected, c.expected_result_text, `compare text ${c.label}`);
    count++;
  }
  for (const c of [...cases.execute_cases, ...cases.execute_exception_cases]) {
    const r = evaluateTestsOnText(c.check_tests, {
      audit: c.audit_output ?? '',
      auditConfig: c.audit_config_output ?? '',
      auditEnv: c.audit_env_output ?? '',
    });
    assert.equal(r.pass, c.expect_pass, `execute #${c.check_index} ${c.check_text}`);
    if (c.expected_result_text !== undefined) assert.equal(r.expected, c.expected_result_text, `execute text #${c.check_index}`);
    count++;
  }
  assert.equal(count, 112);
});

test('flag lookup on text keeps kube-bench quirks', () => {
  const table: [text: string, flag: string, hasCompare: boolean, found: boolean, value: string][] = [
    ['kube-apiserver --profiling=false', '--profiling', true, true, 'false'],
    ['kube-apiserver --profiling', '--profiling', true, true, 'true'],
    ['kube-apiserver --audit-log-maxage 30 --x', '--audit-log-maxage', true, true, '30'],
    ['kube-apiserver --audit-log-maxage --x', '--audit-log-maxage', true, true, 'true'],
    ['kube-apiserver --audit-log-maxage 30', '--audit-log-maxage', false, true, 'true'],
    ['kube-apiserver --feature-gates=RotateKubeletServerCertificate=false,Other=true', 'RotateKubeletServerCertificate', true, true, 'false,Other=true'],
    ['kube-apiserver --a=1 --a=2', '--a', true, true, '1'],
    ['kube-apiserver --x="30"', '--x', true, true, '"30"'],
    ['root:root', 'root:root', false, true, 'root:root'],
    ['File not found', 'File not found', false, true, 'File not found'],
    ['ownership=root:root /etc/kubernetes/admin.conf', 'ownership', true, true, 'root:root'],
    ['', '--x', false, false, ''],
    ['kube-apiserver --y', '', false, false, ''],
    ['kube-apiserver --tls-cert-file=/a', '--tls-cert-file', false, true, '/a'],
  ];
  for (const [text, flag, hasCompare, found, value] of table) {
    assert.deepEqual(findFlagInText(text, flag, hasCompare), { found, value }, `${text} / ${flag}`);
  }
});

test('env lookup on text', () => {
  assert.deepEqual(findEnvInText('A=1\nETCD_CERT_FILE=/x\nB=2', 'ETCD_CERT_FILE'), { found: true, value: '/x' });
  assert.deepEqual(findEnvInText('ETCD_CERT_FILE=\nB=2', 'ETCD_CERT_FILE'), { found: false, value: '' });
  assert.deepEqual(findEnvInText('', 'X'), { found: false, value: '' });
});

const profilingFalse: Tests = { binOp: 'and', items: [{ flag: '--profiling', set: true, compare: { op: 'eq', value: 'false' } }] };
const bindLocal: Tests = {
  binOp: 'or',
  items: [
    { flag: '--bind-address', set: true, compare: { op: 'eq', value: '127.0.0.1' } },
    { flag: '--bind-address', set: false },
  ],
};
const anonOff: Tests = {
  binOp: 'and',
  items: [{ flag: '--anonymous-auth', path: '{.authentication.anonymous.enabled}', set: true, compare: { op: 'eq', value: 'false' } }],
};
const certAndKey: Tests = {
  binOp: 'and',
  items: [
    { flag: '--cert-file', env: 'ETCD_CERT_FILE', set: true },
    { flag: '--key-file', env: 'ETCD_KEY_FILE', set: true },
  ],
};

test('evaluateTests: bin_op, set, config fallback, env fallback', () => {
  const table: [name: string, tests: Tests, out: { audit?: string; auditConfig?: string; auditEnv?: string }, hasConfig: boolean, pass: boolean, expected: string][] = [
    ['eq passes', profilingFalse, { audit: 'kube-apiserver --profiling=false' }, false, true, "'--profiling' is equal to 'false'"],
    ['eq fails on bare bool', profilingFalse, { audit: 'kube-apiserver --profiling' }, false, false, "'--profiling' is equal to 'false'"],
    ['set true, not found', profilingFalse, { audit: 'kube-apiserver' }, false, false, "'--profiling' is present"],
    ['or: absent passes', bindLocal, { audit: 'kube-scheduler' }, false, true, "'--bind-address' is present OR '--bind-address' is not present"],
    ['or: wrong value fails', bindLocal, { audit: 'kube-scheduler --bind-address=0.0.0.0' }, false, false, "'--bind-address' is equal to '127.0.0.1' OR '--bind-address' is not present"],
    ['config used when the flag is absent', anonOff, { audit: 'kubelet', auditConfig: 'authentication: {anonymous: {enabled: false}}' }, true, true, "'{.authentication.anonymous.enabled}' is equal to 'false'"],
    ['flag overrides config', anonOff, { audit: 'kubelet --anonymous-auth=true', auditConfig: 'authentication: {anonymous: {enabled: false}}' }, true, false, "'--anonymous-auth' is equal to 'false'"],
    ['config ignored without audit_config', anonOff, { audit: 'kubelet', auditConfig: 'authentication: {anonymous: {enabled: false}}' }, false, false, "'--anonymous-auth' is present"],
    ['broken config fails', anonOff, { audit: 'kubelet', auditConfig: 'a: [' }, true, false, ''],
    ['and: env fallback for both', certAndKey, { audit: 'etcd', auditEnv: 'ETCD_CERT_FILE=/c\nETCD_KEY_FILE=/k' }, false, true, "'ETCD_CERT_FILE' is present AND 'ETCD_KEY_FILE' is present"],
    ['and: one missing fails', certAndKey, { audit: 'etcd --cert-file=/c', auditEnv: '' }, false, false, "'--cert-file' is present AND 'ETCD_KEY_FILE' is present"],
  ];
  for (const [name, tests, out, hasConfig, pass, expected] of table) {
    const r = evaluateTests(tests, textSource(out), { hasConfig });
    assert.equal(r.pass, pass, name);
    assert.equal(r.expectedResult, expected, name);
    assert.equal(r.lookups.length, tests.items.length, name);
  }
});

test('evaluateTests: use_multiple_values stops at the first failing line; empty output is one empty line', () => {
  const perms: Tests = { binOp: 'and', items: [{ flag: 'permissions', set: true, compare: { op: 'bitmask', value: '600' } }] };
  const owner: Tests = { binOp: 'and', items: [{ flag: 'root:root', set: true }] };
  const src = textSource({});
  const table: [string, Tests, string[], boolean, string][] = [
    ['all lines pass', perms, ['permissions=600', 'permissions=400'], true, 'permissions has permissions 400, expected 600 or more restrictive'],
    ['second line fails', perms, ['permissions=600', 'permissions=644', 'permissions=777'], false, 'permissions has permissions 644, expected 600 or more restrictive'],
    ['no lines: not present', perms, [], false, "'permissions' is present"],
    ['ownership per line', owner, ['root:root', 'etcd:etcd'], false, "'root:root' is present"],
  ];
  for (const [name, tests, lines, pass, expected] of table) {
    const r = evaluateTests(tests, src, { hasConfig: false, multipleLines: lines });
    assert.equal(r.pass, pass, name);
    assert.equal(r.expectedResult, expected, name);
  }
});

test('evaluateTestsOnText: unknown bin_op fails; multiple splits lines; set defaults to true', () => {
  assert.equal(evaluateTestsOnText({ bin_op: 'xor', test_items: [{ flag: '--a' }] }, { audit: '--a' }).pass, false);
  assert.equal(evaluateTestsOnText({ test_items: [{ flag: '--a' }] }, { audit: '--a' }).pass, true);
  assert.equal(
    evaluateTestsOnText({ test_items: [{ flag: 'permissions', compare: { op: 'bitmask', value: 600 } }] }, { audit: 'permissions=600\npermissions=644\n' }, { multiple: true }).pass,
    false,
  );
  assert.equal(
    evaluateTestsOnText({ test_items: [{ flag: 'permissions', compare: { op: 'bitmask', value: 600 } }] }, { audit: 'permissions=600\npermissions=644\n' }).pass,
    true,
  );
});
