import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifySecretName, detectSecretsInText } from './secret-detector.js';

describe('classifySecretName memo', () => {
  const cases: [string, ReturnType<typeof classifySecretName>][] = [
    ['DB_PASSWORD', { kind: 'password', origin: 'chosen' }],
    ['HF_TOKEN', { kind: 'token', origin: 'generated' }],
    ['TOKEN_PATH', undefined],
    ['LOG_LEVEL', undefined],
  ];
  for (const [name, expected] of cases) {
    it(`${name}: the same answer on every call`, () => {
      for (let i = 0; i < 3; i++) assert.deepEqual(classifySecretName(name), expected);
    });
  }

  it('gives each caller its own object: changing one answer does not change the next', () => {
    const first = classifySecretName('API_KEY');
    assert.ok(first);
    first.kind = 'changed';
    first.origin = 'chosen';
    assert.deepEqual(classifySecretName('API_KEY'), { kind: 'API key', origin: 'generated' });
  });

  it('classifies long names the same way without remembering them', () => {
    const name = `${'X_'.repeat(200)}PASSWORD`;
    assert.deepEqual(classifySecretName(name), { kind: 'password', origin: 'chosen' });
    assert.deepEqual(classifySecretName(name), { kind: 'password', origin: 'chosen' });
  });

  it('stays correct beyond the bound of remembered names', () => {
    for (let i = 0; i < 5000; i++) assert.equal(classifySecretName(`SERVICE${i}_HOST`), undefined);
    assert.deepEqual(classifySecretName('DB_PASSWORD'), { kind: 'password', origin: 'chosen' });
  });
});

describe('detectSecretsInText without any hint', () => {
  const cases: [string, string, number][] = [
    ['log level', 'info', 0],
    ['URL without credentials', 'http://otel-collector.observability:4317', 0],
    ['several plain lines', 'a: 1\nb: two\n', 0],
    // A credential word on a later line, or a pattern's marker, still reach the full scan.
    ['credential word on line 2', 'a: 1\npassword: hunter2hunter2', 1],
    ['pattern marker only', 'url: https://user:s3cr3tP4ss@db.example.com/x', 1],
  ];
  for (const [name, text, hits] of cases) {
    it(name, () => assert.equal(detectSecretsInText(text).length, hits));
  }

  it('returns a new array each time', () => {
    const a = detectSecretsInText('info');
    a.push({ kind: 'x', by: 'name', line: 1 });
    assert.deepEqual(detectSecretsInText('info'), []);
  });
});
