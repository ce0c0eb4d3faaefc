import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../config-error.js';
import { parseConfig, loadConfig } from '../config.js';
import { assertUniquePolicyIds, parsePolicyText } from './policy-file.js';

const policy = (spec: string, name = 'require-owner'): string =>
  `apiVersion: bulwark.dev/v1\nkind: BulwarkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
const MINIMAL = '  title: Owner label\n  match:\n    kinds: [Deployment]\n  validations:\n    - expression: has(object.metadata.labels)\n';

describe('BulwarkPolicy files', () => {
  it('reads a policy with defaults as Kubernetes and the issue define them', () => {
    const [p] = parsePolicyText(policy(MINIMAL), 'p.yaml');
    assert.equal(p.id, 'require-owner');
    assert.equal(p.severity, 'medium');
    assert.equal(p.stage, 'deploy');
    assert.equal(p.enforcement, 'fail-build');
    assert.equal(p.failurePolicy, 'Fail');
    assert.deepEqual(p.match, { kinds: ['Deployment'], operations: ['CREATE', 'UPDATE'] });
    assert.equal(p.validations[0].reason, 'Invalid');
    assert.equal(p.validations[0].line, 10);
    assert.equal(p.line, 1);
  });

  it('reads every field', () => {
    const [p] = parsePolicyText(
      policy(`  title: T
  description: D
  severity: high
  stage: build
  enforcement: deny
  failurePolicy: Ignore
  remediation: Fix it.
  params: {max: 3}
  match:
    kinds: [Workload]
    namespaces: [prod-*]
    excludeNamespaces: [prod-sandbox]
    names: [web*]
    excludeNames: [web-canary]
    labelSelector: {matchLabels: {tier: web}, matchExpressions: [{key: env, operator: In, values: [prod]}]}
    namespaceSelector: {matchExpressions: [{key: zone, operator: Exists}]}
    operations: [CREATE]
  matchConditions:
    - name: notDryRun
      expression: "!request.dryRun"
  variables:
    - name: replicas
      expression: object.spec.?replicas.orValue(1)
  validations:
    - expression: variables.replicas <= params.max
      messageExpression: "'too many replicas: ' + string(variables.replicas)"
      reason: Forbidden
`),
      'p.yaml',
    );
    assert.equal(p.enforcement, 'deny');
    assert.equal(p.stage, 'build');
    assert.deepEqual(p.params, { max: 3 });
    assert.deepEqual(p.match.namespaces, ['prod-*']);
    assert.deepEqual(p.match.labelSelector?.matchExpressions, [{ key: 'env', operator: 'In', values: ['prod'] }]);
    assert.equal(p.matchConditions[0].name, 'notDryRun');
    assert.equal(p.variables[0].line, 28);
    assert.equal(p.validations[0].reason, 'Forbidden');
  });

  it('puts a block scalar expression on the line where its text starts', () => {
    const [p] = parsePolicyText(policy('  title: T\n  match: {kinds: [Pod]}\n  validations:\n    - expression: |\n        true\n'), 'p.yaml');
    assert.equal(p.validations[0].line, 10);
  });

  it('skips other documents in the same file', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n${policy(MINIMAL)}`;
    assert.deepEqual(parsePolicyText(text, 'p.yaml').map((p) => p.id), ['require-owner']);
  });

  const invalid: [string, string, RegExp, number][] = [
    ['bad id', policy(MINIMAL, 'Require_Owner'), /metadata.name .* kebab-case/, 4],
    ['no title', policy('  match: {kinds: [Pod]}\n  validations: [{expression: "true"}]\n'), /spec.title/, 5],
    ['unknown spec key', policy(`${MINIMAL}  severty: high\n`), /unknown key "spec.severty"/, 11],
    ['bad severity', policy(`${MINIMAL}  severity: urgent\n`), /spec.severity/, 11],
    ['bad enforcement', policy(`${MINIMAL}  enforcement: block\n`), /inform, fail-build or deny/, 11],
    ['no kinds', policy('  title: T\n  match: {namespaces: [a]}\n  validations: [{expression: "true"}]\n'), /match.kinds is required/, 7],
    ['empty validations', policy('  title: T\n  match: {kinds: [Pod]}\n  validations: []\n'), /non-empty list/, 8],
    ['bad selector operator', policy('  title: T\n  match:\n    kinds: [Pod]\n    labelSelector:\n      matchExpressions: [{key: a, operator: Equals}]\n  validations: [{expression: "true"}]\n'), /operator must be In/, 10],
    ['In without values', policy('  title: T\n  match:\n    kinds: [Pod]\n    labelSelector:\n      matchExpressions:\n        - {key: a, operator: In}\n  validations: [{expression: "true"}]\n'), /In needs a non-empty values list/, 11],
    ['bad reason', policy('  title: T\n  match: {kinds: [Pod]}\n  validations:\n    - expression: "true"\n      reason: Nope\n'), /reason must be one of/, 10],
    ['reserved-word variable', policy('  title: T\n  match: {kinds: [Pod]}\n  variables:\n    - name: namespace\n      expression: request.namespace\n  validations:\n    - expression: "true"\n'), /variable name "namespace" is a CEL reserved word/, 9],
    // A Kubernetes status reason, but not one ValidatingAdmissionPolicy accepts (its API validation refuses it).
    ['Unauthorized reason', policy('  title: T\n  match: {kinds: [Pod]}\n  validations:\n    - expression: "true"\n      reason: Unauthorized\n'), /reason must be one of Forbidden, Invalid, RequestEntityTooLarge/, 10],
    ['multi-line message', policy('  title: T\n  match: {kinds: [Pod]}\n  validations:\n    - expression: "true"\n      message: "a\\nb"\n'), /one line/, 10],
    ['variable twice', policy(`${MINIMAL}  variables:\n    - {name: a, expression: "1"}\n    - {name: a, expression: "2"}\n`), /variables name "a" is used twice/, 13],
    ['bad variable name', policy(`${MINIMAL}  variables:\n    - {name: a-b, expression: "1"}\n`), /CEL identifier/, 12],
    ['wrong apiVersion', policy(MINIMAL).replace('bulwark.dev/v1', 'bulwark.dev/v2'), /apiVersion: bulwark.dev\/v1/, 1],
  ];
  for (const [name, text, message, line] of invalid) {
    it(`rejects ${name} with the file and line`, () => {
      assert.throws(() => parsePolicyText(text, 'p.yaml'), (err: unknown) => {
        assert.ok(err instanceof ConfigError, String(err));
        assert.match(err.message, message);
        assert.equal(err.line, line, err.message);
        assert.equal(err.file, 'p.yaml');
        return true;
      });
    });
  }

  it('rejects ids that clash with built-in checks or with each other', () => {
    const [a] = parsePolicyText(policy(MINIMAL, 'no-privileged-container'), 'a.yaml');
    assert.throws(() => assertUniquePolicyIds([a], new Set(['no-privileged-container'])), /id of a built-in check/);
    const [b] = parsePolicyText(policy(MINIMAL), 'b.yaml');
    const [c] = parsePolicyText(policy(MINIMAL), 'c.yaml');
    assert.throws(() => assertUniquePolicyIds([b, c], new Set()), /also defined at b.yaml:1/);
  });
});

describe('policies in the config file', () => {
  it('reads inline policies with lines in the config file', () => {
    const config = parseConfig(
      'failOn: high\npolicies:\n  - apiVersion: bulwark.dev/v1\n    kind: BulwarkPolicy\n    metadata: {name: x}\n    spec:\n      title: X\n      match: {kinds: [Pod]}\n      validations:\n        - expression: "true"\n',
      '.bulwark.yaml',
    );
    assert.equal(config.policies.length, 1);
    assert.equal(config.policies[0].validations[0].line, 10);
    assert.throws(
      () => parseConfig('policies:\n  - apiVersion: bulwark.dev/v1\n    kind: BulwarkPolicy\n    metadata: {name: x}\n    spec: {title: X, match: {kinds: [Pod]}}\n', '.bulwark.yaml'),
      /\.bulwark\.yaml:5: spec.validations/,
    );
  });

  it('loads policyPaths relative to the config, else a policies/ directory beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-policies-'));
    writeFileSync(join(dir, 'mine.yaml'), policy(MINIMAL, 'from-path'));
    writeFileSync(join(dir, '.bulwark.yaml'), 'policyPaths: [mine.yaml]\n');
    assert.deepEqual(loadConfig(join(dir, '.bulwark.yaml')).policies.map((p) => p.id), ['from-path']);

    const other = mkdtempSync(join(tmpdir(), 'bulwark-policies-'));
    mkdirSync(join(other, 'policies'));
    writeFileSync(join(other, 'policies', 'a.yaml'), policy(MINIMAL, 'from-dir'));
    writeFileSync(join(other, '.bulwark.yaml'), 'failOn: high\n');
    assert.deepEqual(loadConfig(join(other, '.bulwark.yaml')).policies.map((p) => p.id), ['from-dir']);
  });

  it('accepts an enforcement as a check setting', () => {
    const config = parseConfig('checks:\n  no-host-port: deny\n  require-cpu-limits: {severity: high, enforcement: inform}\n', '.bulwark.yaml');
    assert.deepEqual(config.checks['no-host-port'], { enabled: true, enforcement: 'deny' });
    assert.deepEqual(config.checks['require-cpu-limits'], { severity: 'high', enforcement: 'inform' });
    assert.throws(() => parseConfig('checks:\n  no-host-port: {enforcement: block}\n', '.bulwark.yaml'), /\.bulwark\.yaml:2/);
  });
});
