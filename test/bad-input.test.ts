import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scan } from '../src/scan.js';

// Every bad input becomes a one-line problem naming the file (and line where there is one); the good
// files beside it are still scanned; nothing throws or hangs. Runs the full registry of checks.
const dir = mkdtempSync(join(tmpdir(), 'bulwark-bad-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const good = `apiVersion: v1\nkind: Pod\nmetadata: {name: good, namespace: shop}\nspec:\n  containers: [{name: a, image: nginx, securityContext: {privileged: true}}]\n`;

function write(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('bad input, scanned alongside a good file with all checks', () => {
  const cases: [string, string | Buffer, RegExp, 'error' | 'notice'][] = [
    ['invalid.yaml', `${good}---\nkind: [\n`, /invalid YAML/, 'error'],
    ['empty.yaml', '', /empty file/, 'notice'],
    ['binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /binary file/, 'error'],
    ['latin1.yaml', Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf'), Buffer.from([0xe9]), Buffer.from('}\n')]), /invalid UTF-8/, 'error'],
    ['deep.yaml', `${'['.repeat(10000)}${']'.repeat(10000)}`, /nested deeper than/, 'error'],
    ['bomb.yaml', bomb(), /alias bomb/, 'error'],
    ['values.yaml', 'replicaCount: 3\nimage: {repository: nginx}\n', /no apiVersion\/kind/, 'notice'],
  ];
  for (const [name, content, pattern, level] of cases) {
    it(name, async () => {
      const bad = write(name, content);
      const goodFile = write(`good-beside-${name}`, good);
      const started = performance.now();
      const result = await scan([bad, goodFile]);
      assert.ok(performance.now() - started < 5000, 'must not hang');
      const problem = result.problems.find((p) => p.file === bad);
      assert.ok(problem, 'a problem names the bad file');
      assert.equal(problem.level, level);
      assert.match(problem.message, pattern);
      assert.doesNotMatch(problem.message, /\n|\bat .*\.js:\d+/, 'one line, no stack trace');
      assert.ok(result.findings.some((f) => f.checkId === 'no-privileged-container' && 'file' in f.location && f.location.file === goodFile), 'the good file is still scanned');
    });
  }

  it('a 50 MB file is scanned in bounded time', async () => {
    const value = 'a'.repeat(50 * 1024 * 1024);
    const big = write('big.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: shop}\ndata:\n  blob: ${value}\n`);
    const started = performance.now();
    const result = await scan([big]);
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds < 30, `took ${seconds.toFixed(1)} s`);
    assert.deepEqual(result.problems.filter((p) => p.level === 'error'), []);
    assert.equal(result.objectCount, 1);
  });
});

function bomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 12; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}
