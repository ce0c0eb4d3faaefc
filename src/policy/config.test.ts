import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, findConfig, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('reads checks, options, exceptions and failOn', () => {
    const c = parseConfig(
      `failOn: medium
checks:
  no-host-network: off
  require-image-digest: high
  no-host-pid: {enabled: true, severity: low}
options:
  trustedRegistries: [registry.example.com, ghcr.io/acme/]
exceptions:
  - checks: [no-host-network]
    kinds: [DaemonSet]
    reason: CNI
    expires: 2027-01-01
`,
      'c.yaml',
    );
    assert.equal(c.failOn, 'medium');
    assert.deepEqual(c.checks, {
      'no-host-network': { enabled: false },
      'require-image-digest': { enabled: true, severity: 'high' },
      'no-host-pid': { enabled: true, severity: 'low' },
    });
    assert.deepEqual(c.options.trustedRegistries, ['registry.example.com', 'ghcr.io/acme/']);
    assert.deepEqual(c.exceptions[0], { checks: ['no-host-network'], namespaces: undefined, kinds: ['DaemonSet'], names: undefined, paths: undefined, reason: 'CNI', expires: '2027-01-01', line: 9, index: 0 });
  });

  it('reads path globs of exceptions', () => {
    const c = parseConfig('exceptions:\n  - paths: ["services/*/Dockerfile", legacy/**]\n    reason: vendored\n', 'c.yaml');
    assert.deepEqual(c.exceptions[0].paths, ['services/*/Dockerfile', 'legacy/**']);
  });

  const errors: [string, string, RegExp, number][] = [
    ['unknown top-level key', 'chekcs: {}\n', /unknown key "chekcs"/, 1],
    ['exception without reason', 'exceptions:\n  - checks: [a]\n', /needs a reason/, 2],
    ['exception matching everything', 'exceptions:\n  - reason: x\n', /must name checks/, 2],
    ['paths not a list', 'exceptions:\n  - paths: Dockerfile\n    reason: x\n', /paths must be a list/, 2],
    ['bad severity', 'checks:\n  a: severe\n', /check "a"/, 2],
    ['bad date', 'exceptions:\n  - checks: [a]\n    reason: x\n    expires: soon\n', /YYYY-MM-DD/, 4],
    ['invalid YAML', 'checks: [\n', /invalid YAML/, 2],
  ];
  for (const [name, text, pattern, line] of errors) {
    it(`rejects ${name} with file:line`, () => {
      assert.throws(() => parseConfig(text, 'c.yaml'), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, pattern);
        assert.equal(err.line, line);
        assert.ok(err.message.startsWith(`c.yaml:${line}: `));
        return true;
      });
    });
  }
});

describe('findConfig', () => {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-config-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  it('finds the nearest .bulwark.yaml at or above the scanned path', () => {
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, '.bulwark.yaml'), '');
    writeFileSync(join(root, 'a', 'b', 'x.yaml'), '');
    assert.equal(findConfig(join(root, 'a', 'b', 'x.yaml')), join(root, '.bulwark.yaml'));
    writeFileSync(join(root, 'a', '.bulwark.yml'), '');
    assert.equal(findConfig(join(root, 'a', 'b')), join(root, 'a', '.bulwark.yml'));
  });
});
