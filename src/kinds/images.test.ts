import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveTag, hasPinnedDigest, parseImageReference, parseRegistryPattern, registryPatternMatches, trustedPatterns, type ImageReference } from './images.js';

const DIGEST = 'sha256:' + 'a'.repeat(64);

describe('parseImageReference', () => {
  const cases: [string, Omit<ImageReference, 'raw'>][] = [
    ['nginx', { registry: 'docker.io', explicitRegistry: false, repository: 'library/nginx' }],
    ['nginx:1.27', { registry: 'docker.io', explicitRegistry: false, repository: 'library/nginx', tag: '1.27' }],
    ['bitnami/redis:7.2', { registry: 'docker.io', explicitRegistry: false, repository: 'bitnami/redis', tag: '7.2' }],
    ['docker.io/nginx', { registry: 'docker.io', explicitRegistry: true, repository: 'library/nginx' }],
    ['index.docker.io/library/nginx:latest', { registry: 'docker.io', explicitRegistry: true, repository: 'library/nginx', tag: 'latest' }],
    ['ghcr.io/acme/app:v1', { registry: 'ghcr.io', explicitRegistry: true, repository: 'acme/app', tag: 'v1' }],
    ['localhost/app', { registry: 'localhost', explicitRegistry: true, repository: 'app' }],
    ['localhost:5000/team/app:2', { registry: 'localhost:5000', explicitRegistry: true, repository: 'team/app', tag: '2' }],
    // A port without a path is not a registry: "localhost:5000" is image "localhost" with tag "5000".
    ['localhost:5000', { registry: 'docker.io', explicitRegistry: false, repository: 'library/localhost', tag: '5000' }],
    ['registry:5000/app', { registry: 'registry:5000', explicitRegistry: true, repository: 'app' }],
    // No '.', ':' or localhost: a Docker Hub namespace, not a registry.
    ['myregistry/app', { registry: 'docker.io', explicitRegistry: false, repository: 'myregistry/app' }],
    ['MyRegistry/app', { registry: 'myregistry', explicitRegistry: true, repository: 'app' }],
    [`nginx@${DIGEST}`, { registry: 'docker.io', explicitRegistry: false, repository: 'library/nginx', digest: DIGEST }],
    [`quay.io/org/app:1.0@${DIGEST}`, { registry: 'quay.io', explicitRegistry: true, repository: 'org/app', tag: '1.0', digest: DIGEST }],
    ['Registry.Example.COM:443/a/b/c:tag', { registry: 'registry.example.com:443', explicitRegistry: true, repository: 'a/b/c', tag: 'tag' }],
    ['  nginx:1  ', { registry: 'docker.io', explicitRegistry: false, repository: 'library/nginx', tag: '1' }],
    ['nginx:', { registry: 'docker.io', explicitRegistry: false, repository: 'library/nginx' }],
  ];
  for (const [image, expected] of cases) {
    it(image, () => assert.deepEqual(parseImageReference(image), { raw: image.trim(), ...expected }));
  }
  it('rejects blank and non-string images without throwing', () => {
    for (const v of [undefined, null, '', '   ', 42, ['nginx'], { name: 'nginx' }]) assert.equal(parseImageReference(v), undefined);
  });
});

describe('digests and tags', () => {
  const ref = (image: string) => parseImageReference(image) as ImageReference;
  it('accepts well-formed sha256 and sha512 digests only', () => {
    assert.equal(hasPinnedDigest(ref(`nginx@${DIGEST}`)), true);
    assert.equal(hasPinnedDigest(ref(`nginx@sha512:${'0'.repeat(128)}`)), true);
    assert.equal(hasPinnedDigest(ref('nginx@sha256:abc')), false);
    assert.equal(hasPinnedDigest(ref(`nginx@sha256:${'A'.repeat(64)}`)), false);
    assert.equal(hasPinnedDigest(ref(`nginx@md5:${'a'.repeat(64)}`)), false);
    assert.equal(hasPinnedDigest(ref('nginx:1.27')), false);
  });
  it('pulls latest when there is neither tag nor digest', () => {
    assert.equal(effectiveTag(ref('nginx')), 'latest');
    assert.equal(effectiveTag(ref('nginx:1')), '1');
    assert.equal(effectiveTag(ref(`nginx@${DIGEST}`)), undefined);
  });
});

describe('registry patterns', () => {
  const matches = (entry: string, image: string) => {
    const pattern = parseRegistryPattern(entry);
    const ref = parseImageReference(image);
    assert.ok(pattern && ref);
    return registryPatternMatches(pattern, ref);
  };
  it('matches hosts exactly, never by string prefix', () => {
    assert.equal(matches('registry.example.com', 'registry.example.com/app:1'), true);
    assert.equal(matches('registry.example.com', 'registry.example.com.evil.io/app:1'), false);
    assert.equal(matches('registry.example.com', 'registry.example.comx/app'), false);
    assert.equal(matches('registry.example.com', 'evil.io/registry.example.com/app'), false);
    assert.equal(matches('registry.example.com', 'registry.example.com:5000/app'), false);
    assert.equal(matches('registry.example.com:5000', 'registry.example.com:5000/app'), true);
    assert.equal(matches('Registry.Example.com', 'registry.example.COM/app'), true);
    assert.equal(matches('https://registry.example.com', 'registry.example.com/app'), true);
  });
  it('docker.io matches images without an explicit registry', () => {
    assert.equal(matches('docker.io', 'nginx'), true);
    assert.equal(matches('docker.io', 'bitnami/redis'), true);
    assert.equal(matches('index.docker.io', 'docker.io/library/nginx'), true);
    assert.equal(matches('docker.io', 'ghcr.io/acme/app'), false);
    assert.equal(matches('docker.io/library/', 'nginx:1'), true);
    assert.equal(matches('docker.io/library/', 'bitnami/redis'), false);
  });
  it('matches host/path prefixes by whole path components', () => {
    assert.equal(matches('ghcr.io/acme/', 'ghcr.io/acme/app:1'), true);
    assert.equal(matches('ghcr.io/acme/', 'ghcr.io/acme/team/app'), true);
    assert.equal(matches('ghcr.io/acme/', 'ghcr.io/acme-evil/app'), false);
    assert.equal(matches('ghcr.io/acme/', 'ghcr.io/other/acme/app'), false);
    assert.equal(matches('ghcr.io/acme', 'ghcr.io/acmeevil/app'), false);
    assert.equal(matches('ghcr.io/acme', 'ghcr.io/acme/app'), true);
  });
  it('ignores unusable entries', () => {
    for (const v of ['', '  ', '/acme/', 3, null]) assert.equal(parseRegistryPattern(v), undefined);
  });
});

describe('trustedPatterns', () => {
  it('is off when the option is unset, not a list or empty', () => {
    for (const trustedRegistries of [undefined, 'ghcr.io', [], { a: 1 }]) assert.equal(trustedPatterns({ trustedRegistries }), undefined);
  });
  it('keeps the usable entries; all unusable trusts nothing', () => {
    assert.deepEqual(trustedPatterns({ trustedRegistries: ['ghcr.io/acme', 3, ''] })?.map((p) => [p.host, p.pathPrefix]), [['ghcr.io', 'acme/']]);
    assert.deepEqual(trustedPatterns({ trustedRegistries: [null, '  '] }), []);
  });
  it('parses a list once', () => {
    const trustedRegistries = ['docker.io'];
    assert.equal(trustedPatterns({ trustedRegistries }), trustedPatterns({ trustedRegistries }));
  });
});

