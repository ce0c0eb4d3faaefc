import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeEncryption, base64Length, isEncryptionConfig, resourceMatches } from './encryption.js';

const KEY32 = Buffer.alloc(32, 7).toString('base64');
const KEY24 = Buffer.alloc(24, 7).toString('base64');
const KEY16 = Buffer.alloc(16, 7).toString('base64');
const KEY20 = Buffer.alloc(20, 7).toString('base64');

describe('base64Length', () => {
  const cases: [string, number | undefined][] = [
    [KEY32, 32], [KEY16, 16], ['YQ==', 1], ['YWI=', 2], ['YWJj', 3], ['', 0],
    ['YWJj\nZGVm', 6], // Go's decoder skips newlines
    ['YQ', undefined], ['YW=j', undefined], ['YWJj!', undefined], ['YQ===', undefined], ['-_-_', undefined],
  ];
  for (const [text, expected] of cases) it(JSON.stringify(text), () => assert.equal(base64Length(text), expected));
});

describe('resourceMatches', () => {
  const cases: [string, string, string, boolean][] = [
    ['secrets', 'secrets', '', true],
    ['secrets.', 'secrets', '', true],
    ['*.', 'secrets', '', true],
    ['*.*', 'secrets', '', true],
    ['*.*', 'deployments', 'apps', true],
    ['*.apps', 'deployments', 'apps', true],
    ['*.apps', 'secrets', '', false],
    ['*.', 'deployments', 'apps', false],
    ['deployments.apps', 'deployments', 'apps', true],
    ['deployments', 'deployments', 'apps', false],
    ['configmaps', 'secrets', '', false],
    ['Secrets', 'secrets', '', false],
  ];
  for (const [value, resource, group, expected] of cases) it(`${value} ~ ${resource}.${group} = ${expected}`, () => assert.equal(resourceMatches(value, resource, group), expected));
});

describe('analyzeEncryption', () => {
  const config = (resources: unknown) => ({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources });
  const aescbc = (secret = KEY32) => ({ aescbc: { keys: [{ name: 'k1', secret }] } });

  const secretsCases: { name: string; resources: unknown; encrypted: boolean; writer?: string; entry?: number }[] = [
    { name: 'aescbc first, identity fallback', resources: [{ resources: ['secrets'], providers: [aescbc(), { identity: {} }] }], encrypted: true, writer: 'aescbc', entry: 0 },
    { name: 'identity first = plaintext', resources: [{ resources: ['secrets'], providers: [{ identity: {} }, aescbc()] }], encrypted: false, writer: 'identity', entry: 0 },
    { name: 'secrets not listed', resources: [{ resources: ['configmaps'], providers: [aescbc()] }], encrypted: false },
    { name: 'earlier entry wins over a later wildcard', resources: [{ resources: ['secrets'], providers: [{ identity: {} }] }, { resources: ['*.*'], providers: [aescbc()] }], encrypted: false, writer: 'identity', entry: 0 },
    { name: 'core wildcard covers secrets', resources: [{ resources: ['events'], providers: [{ identity: {} }] }, { resources: ['*.'], providers: [{ secretbox: { keys: [{ name: 'k', secret: KEY32 }] } }] }], encrypted: true, writer: 'secretbox', entry: 1 },
    { name: 'group wildcard does not cover core', resources: [{ resources: ['*.apps'], providers: [aescbc()] }], encrypted: false },
    { name: 'kms v2', resources: [{ resources: ['secrets'], providers: [{ kms: { apiVersion: 'v2', name: 'vault', endpoint: 'unix:///kms.sock' } }] }], encrypted: true, writer: 'kms', entry: 0 },
    { name: 'unknown provider first is not encryption', resources: [{ resources: ['secrets'], providers: [{ aes256: {} }] }], encrypted: false, writer: 'aes256', entry: 0 },
    { name: 'resources not a list', resources: 'secrets', encrypted: false },
  ];
  for (const c of secretsCases) {
    it(`secrets: ${c.name}`, () => {
      const a = analyzeEncryption(config(c.resources));
      assert.equal(a.secrets.encrypted, c.encrypted);
      assert.equal(a.secrets.writer?.type, c.writer);
      assert.equal(a.secrets.entry?.index, c.entry);
    });
  }

  it('reports the matching resources[] value with its pointer', () => {
    const a = analyzeEncryption(config([{ resources: ['configmaps', 'secrets'], providers: [aescbc()] }]), '/x');
    assert.deepEqual(a.secrets.matchedBy, { value: 'secrets', pointer: '/x/resources/0/resources/1' });
    assert.equal(a.forResource('deployments', 'apps').encrypted, false);
    assert.equal(a.forResource('configmaps').writer?.pointer, '/x/resources/0/providers/0');
  });

  const weaknessCases: { name: string; providers: unknown[]; expected: [string, string][] }[] = [
    { name: 'strong config has none', providers: [aescbc(), { aesgcm: { keys: [{ name: 'g', secret: KEY16 }] } }, { secretbox: { keys: [{ name: 's', secret: KEY32 }] } }, { identity: {} }], expected: [] },
    { name: 'aescbc 16-byte key is short (docs: 32)', providers: [aescbc(KEY16)], expected: [['shortKey', '/resources/0/providers/0/aescbc/keys/0/secret']] },
    { name: 'aesgcm 24-byte key is fine', providers: [{ aesgcm: { keys: [{ name: 'g', secret: KEY24 }] } }], expected: [] },
    { name: 'aesgcm 20-byte key is rejected', providers: [{ aesgcm: { keys: [{ name: 'g', secret: KEY20 }] } }], expected: [['badKeyLength', '/resources/0/providers/0/aesgcm/keys/0/secret']] },
    { name: 'secretbox 16-byte key is rejected', providers: [{ secretbox: { keys: [{ name: 's', secret: KEY16 }] } }], expected: [['badKeyLength', '/resources/0/providers/0/secretbox/keys/0/secret']] },
    { name: 'not base64', providers: [aescbc('not base64!')], expected: [['notBase64', '/resources/0/providers/0/aescbc/keys/0/secret']] },
    { name: 'missing secret', providers: [{ aescbc: { keys: [{ name: 'k' }] } }], expected: [['missingSecret', '/resources/0/providers/0/aescbc/keys/0']] },
    { name: 'empty keys', providers: [{ aescbc: { keys: [] } }], expected: [['noKeys', '/resources/0/providers/0/aescbc/keys']] },
    { name: 'no keys field', providers: [{ secretbox: {} }], expected: [['noKeys', '/resources/0/providers/0/secretbox']] },
    { name: 'kms without apiVersion is v1', providers: [{ kms: { name: 'k', endpoint: 'unix:///s' } }], expected: [['kmsV1', '/resources/0/providers/0/kms']] },
    { name: 'kms v1 explicit', providers: [{ kms: { apiVersion: 'v1', name: 'k' } }], expected: [['kmsV1', '/resources/0/providers/0/kms/apiVersion']] },
    { name: 'two provider types in one element', providers: [{ aescbc: { keys: [] }, identity: {} }], expected: [['unknownProvider', '/resources/0/providers/0']] },
    { name: 'typo provider', providers: [{ 'aes-cbc': {} }], expected: [['unknownProvider', '/resources/0/providers/0']] },
    { name: 'provider not a mapping', providers: ['aescbc'], expected: [['unknownProvider', '/resources/0/providers/0']] },
  ];
  for (const c of weaknessCases) {
    it(`weaknesses: ${c.name}`, () => {
      const a = analyzeEncryption(config([{ resources: ['secrets'], providers: c.providers }]));
      assert.deepEqual(a.weaknesses.map((w) => [w.id, w.pointer]), c.expected);
    });
  }

  it('describes key lengths in weaknesses', () => {
    const [short] = analyzeEncryption(config([{ resources: ['secrets'], providers: [aescbc(KEY16)] }])).weaknesses;
    assert.deepEqual([short.bytes, short.expected, short.key], [16, '32 bytes', 'k1']);
    const [bad] = analyzeEncryption(config([{ resources: ['secrets'], providers: [{ aesgcm: { keys: [{ name: 'g', secret: KEY20 }] } }] }])).weaknesses;
    assert.deepEqual([bad.bytes, bad.expected], [20, '16, 24 or 32 bytes']);
  });

  it('tolerates garbage without throwing', () => {
    for (const data of [null, 3, 'x', [], { resources: [null, 5, { resources: 'secrets', providers: 'aescbc' }] }]) {
      const a = analyzeEncryption(data);
      assert.equal(a.secrets.encrypted, false);
      assert.ok(a.problems.length > 0);
    }
  });

  it('recognises the current and the legacy kind', () => {
    assert.equal(isEncryptionConfig({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration' }), true);
    assert.equal(isEncryptionConfig({ apiVersion: 'v1', kind: 'EncryptionConfig' }), true);
    assert.equal(isEncryptionConfig({ apiVersion: 'example.com/v1', kind: 'EncryptionConfiguration' }), false);
  });
});
