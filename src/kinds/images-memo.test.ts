import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasPinnedDigest, parseImageReference, type ImageReference } from './images.js';

describe('parseImageReference memo', () => {
  it('gives each caller its own copy: changing one result does not change the next', () => {
    const first = parseImageReference('ghcr.io/acme/app:v1') as ImageReference;
    first.tag = 'changed';
    first.registry = 'evil.example.com';
    assert.deepEqual(parseImageReference('ghcr.io/acme/app:v1'), { raw: 'ghcr.io/acme/app:v1', registry: 'ghcr.io', explicitRegistry: true, repository: 'acme/app', tag: 'v1' });
  });

  it('remembers blank images as blank', () => {
    for (let i = 0; i < 2; i++) assert.equal(parseImageReference('   '), undefined);
  });

  it('parses long references the same way without remembering them', () => {
    const repository = `acme/${'a'.repeat(600)}`;
    const expected = { raw: `ghcr.io/${repository}:1`, registry: 'ghcr.io', explicitRegistry: true, repository, tag: '1' };
    assert.deepEqual(parseImageReference(`ghcr.io/${repository}:1`), expected);
    assert.deepEqual(parseImageReference(`ghcr.io/${repository}:1`), expected);
  });

  it('stays correct beyond the bound of remembered images', () => {
    for (let i = 0; i < 5000; i++) assert.equal(parseImageReference(`app${i}:${i}`)?.tag, String(i));
    assert.equal(parseImageReference('app0:0')?.repository, 'library/app0');
  });
});

describe('hasPinnedDigest', () => {
  /** The test as it was, on a sliced string with a regex: the reference. */
  const reference = (digest: string): boolean => {
    const colon = digest.indexOf(':');
    if (colon < 0) return false;
    const length = ({ sha256: 64, sha512: 128 } as Record<string, number>)[digest.slice(0, colon)];
    const hex = digest.slice(colon + 1);
    return length !== undefined && hex.length === length && /^[a-f0-9]+$/.test(hex);
  };
  const hex64 = '0123456789abcdef'.repeat(4);
  const cases: [string, boolean][] = [
    [`sha256:${hex64}`, true],
    [`sha512:${hex64}${hex64}`, true],
    [`sha256:${hex64.slice(1)}`, false],
    [`sha256:${hex64}0`, false],
    [`sha256:${hex64.toUpperCase()}`, false],
    [`sha256:${hex64.slice(1)}g`, false],
    [`sha256:${hex64.slice(1)}/`, false],
    [`sha256:${hex64.slice(1)}:`, false],
    [`sha256:${hex64.slice(1)}\``, false],
    [`sha384:${hex64}`, false],
    [`constructor:${hex64}`, false],
    [`__proto__:${hex64}`, false],
    [hex64, false],
    ['sha256:', false],
  ];
  for (const [digest, expected] of cases) {
    it(digest.length > 30 ? `${digest.slice(0, 30)}… (${digest.length})` : digest, () => {
      const ref: ImageReference = { raw: `app@${digest}`, registry: 'docker.io', explicitRegistry: false, repository: 'library/app', digest };
      assert.equal(hasPinnedDigest(ref), expected);
      assert.equal(reference(digest), expected);
    });
  }
});
