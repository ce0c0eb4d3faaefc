import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareOp, goRegExp, parseGoInt } from './compare-op.js';

const cases: [op: string, flag: string, cmp: string, pass: boolean, expected: string][] = [
  ['eq', 'TRUE', 'true', true, "'n' is equal to 'true'"],
  ['eq', 'False', 'false', true, "'n' is equal to 'false'"],
  ['eq', 'False', 'False', false, "'n' is equal to 'False'"],
  ['eq', 'Webhook', 'webhook', false, "'n' is equal to 'webhook'"],
  ['eq', '"30"', '30', false, "'n' is equal to '30'"],
  ['noteq', '0s', '0', true, "'n' is not equal to '0'"],
  ['noteq', 'FALSE', 'false', false, "'n' is not equal to 'false'"],
  ['gte', ' 30 ', '30', true, "'n' is greater or equal to 30"],
  ['gte', '30s', '30', false, "Invalid Number(s) used for comparison: '30s' '30'"],
  ['gte', '5.0', '1', false, "Invalid Number(s) used for comparison: '5.0' '1'"],
  ['gte', '+40', '30', true, "'n' is greater or equal to 30"],
  ['lt', '-1', '0', true, "'n' is lower than 0"],
  ['gt', '9223372036854775808', '0', false, "Invalid Number(s) used for comparison: '9223372036854775808' '0'"],
  ['has', 'NodeRestriction,RBAC', 'RBAC', true, "'n' has 'RBAC'"],
  ['has', 'Node,RBAC', 'rbac', false, "'n' has 'rbac'"],
  ['nothave', 'RotateKubeletServerCertificate=false,Other=true', 'RotateKubeletServerCertificate=false', false, "'n' does not have 'RotateKubeletServerCertificate=false'"],
  ['regex', '1.12.7', '^1\\.12.*$', true, "'n' matched by regex expression '^1\\.12.*$'"],
  ['regex', 'ABC', '(?i)abc', true, "'n' matched by regex expression '(?i)abc'"],
  ['regex', 'x', '(', false, "'n' matched by regex expression '('"],
  ['valid_elements', 'a, b,', 'a,b,c', true, "'n' contains valid elements from 'a,b,c'"],
  ['valid_elements', 'a,d', 'a,b,c', false, "'n' contains valid elements from 'a,b,c'"],
  ['bitmask', '600', '600', true, 'n has permissions 600, expected 600 or more restrictive'],
  ['bitmask', '400', '600', true, 'n has permissions 400, expected 600 or more restrictive'],
  ['bitmask', '644', '600', false, 'n has permissions 644, expected 600 or more restrictive'],
  ['bitmask', '4755', '600', false, 'n has permissions 4755, expected 600 or more restrictive'],
  ['bitmask', '700', '700', true, 'n has permissions 700, expected 700 or more restrictive'],
  ['bitmask', '680', '600', false, 'Not numeric value - flag: 680'],
  ['bitmask', '', '600', false, 'Not numeric value - flag: '],
  ['unknown', 'a', 'a', false, ''],
];

test('compareOp follows kube-bench for every operator', () => {
  for (const [op, flag, cmp, pass, expected] of cases) {
    assert.deepEqual(compareOp(op, flag, cmp, 'n'), { pass, expected }, `${op} ${JSON.stringify(flag)} ${JSON.stringify(cmp)}`);
  }
});

test('parseGoInt accepts what strconv.Atoi accepts', () => {
  const table: [string, bigint | undefined][] = [
    ['0', 0n], ['-12', -12n], ['+7', 7n], [' 8\n', 8n], ['1_000', undefined], ['0x10', undefined], ['', undefined], ['1e3', undefined],
  ];
  for (const [text, want] of table) assert.equal(parseGoInt(text), want, JSON.stringify(text));
});

test('goRegExp translates inline flags and rejects what RE2 would not compile here', () => {
  assert.equal(goRegExp('(?i)rbac')?.test('RBAC'), true);
  assert.equal(goRegExp('(?U)a'), undefined);
  assert.equal(goRegExp('[')?.source, undefined);
});
