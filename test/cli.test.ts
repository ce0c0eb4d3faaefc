import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../src/testing/repo-root.js';

const bin = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function bulwark(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const privileged = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {privileged: true}
`;
const cleanConfigMap = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\ndata: {color: blue}\n`;
writeFileSync(join(dir, 'privileged.yaml'), privileged);
writeFileSync(join(dir, 'clean.yaml'), cleanConfigMap);
writeFileSync(join(dir, 'broken.yaml'), 'kind: [\n');

describe('bulwark CLI', () => {
  it('exits 1 when a finding is at or above --fail-on (default high), with file:line in the text report', () => {
    const r = bulwark(['scan', 'privileged.yaml']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /privileged\.yaml:8:/);
    assert.match(r.stdout, /no-privileged-container/);
  });
  it('exits 0 when findings are below --fail-on', () => {
    assert.equal(bulwark(['scan', 'privileged.yaml', '--checks', 'no-privileged-container', '--fail-on', 'critical']).code, 1);
    assert.equal(bulwark(['scan', 'clean.yaml', '--fail-on', 'critical']).code, 0);
  });
  it('exits 2 on input errors but still reports the rest', () => {
    const r = bulwark(['scan', 'broken.yaml', 'privileged.yaml', '--format', 'json']);
    assert.equal(r.code, 2);
    const report = JSON.parse(r.stdout) as { findings: { checkId: string }[]; problems: { file: string; line: number }[] };
    assert.ok(report.findings.some((f) => f.checkId === 'no-privileged-container'));
    assert.equal(report.problems[0].line, 2);
    assert.match(r.stderr, /broken\.yaml:2: invalid YAML/);
  });
  it('locates findings exactly in a file that starts with a byte-order mark', () => {
    writeFileSync(join(dir, 'bom.yaml'), `\uFEFF${cleanConfigMap}---\n${privileged}`);
    const r = bulwark(['scan', 'bom.yaml', '--format', 'json', '--checks', 'no-privileged-container']);
    const report = JSON.parse(r.stdout) as { findings: { location: { line: number; column: number } }[] };
    assert.deepEqual(report.findings[0].location, { file: 'bom.yaml', line: 13, column: 23 });
  });
  it('reads stdin for "-"', () => {
    const r = bulwark(['scan', '-', '--format', 'json', '--checks', 'no-privileged-container'], privileged);
    const report = JSON.parse(r.stdout) as { findings: { location: { file: string; line: number } }[] };
    assert.deepEqual(report.findings[0].location, { file: '<stdin>', line: 8, column: 23 });
  });
  it('exits 2 with one line on usage errors', () => {
    for (const args of [['scan', '--format', 'xml'], ['scan', '--fail-on', 'severe'], ['scan', '--checks', 'nope'], ['frobnicate'], ['checks', 'explain', 'nope']]) {
      const r = bulwark(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
    }
  });
  it('exits 2 with file:line on a bad config file', () => {
    writeFileSync(join(dir, 'bad-config.yaml'), 'exceptions:\n  - checks: [x]\n');
    const r = bulwark(['scan', 'clean.yaml', '--config', 'bad-config.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^bulwark: bad-config\.yaml:2: an exception needs a reason\n$/);
  });
  it('lists and explains checks', () => {
    const list = bulwark(['checks', 'list', '--format', 'json']);
    const metas = JSON.parse(list.stdout) as { id: string }[];
    assert.ok(metas.some((m) => m.id === 'no-privileged-container'));
    const explain = bulwark(['checks', 'explain', 'no-privileged-container']);
    assert.equal(explain.code, 0);
    assert.match(explain.stdout, /## How to fix/);
  });
  it('writes SARIF and JUnit', () => {
    const sarif = JSON.parse(bulwark(['scan', 'privileged.yaml', '--format', 'sarif']).stdout) as { version: string };
    assert.equal(sarif.version, '2.1.0');
    assert.match(bulwark(['scan', 'privileged.yaml', '--format', 'junit']).stdout, /^<\?xml/);
  });
});
