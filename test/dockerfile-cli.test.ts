import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../src/testing/repo-root.js';

const bin = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-dockerfile-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function bulwark(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

mkdirSync(join(dir, 'app'));
writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM node:20\n# bulwark-ignore require-suppression-reason\nRUN npm ci\n');
writeFileSync(join(dir, 'app', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: x, securityContext: {privileged: true}}]}\n');
writeFileSync(join(dir, 'build.df'), 'FROM alpine:3.20\nRUN echo ok\n');
writeFileSync(join(dir, 'not-a-dockerfile.txt'), 'hello: world\n');
mkdirSync(join(dir, 'empty'));

type Json = { findings: { checkId: string; category: string; location: { file: string; line: number } }[] };

describe('bulwark dockerfile', () => {
  it('checks Dockerfiles only, with Dockerfile and config checks, at the right lines', () => {
    const r = bulwark(['dockerfile', 'app', '-f', 'json', '--fail-on', 'critical']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Json;
    assert.ok(out.findings.length > 0);
    assert.ok(out.findings.every((f) => f.category === 'dockerfile' || f.category === 'config'), 'no Kubernetes checks and no pod.yaml');
    assert.deepEqual(out.findings.filter((f) => f.checkId === 'require-suppression-reason').map((f) => [f.location.file, f.location.line]), [[join('app', 'Dockerfile'), 2]]);
  });

  it('exits 1 at the --fail-on threshold and renders sarif and junit', () => {
    assert.equal(bulwark(['dockerfile', 'app/Dockerfile', '--fail-on', 'info']).code, 1);
    assert.equal((JSON.parse(bulwark(['dockerfile', 'app/Dockerfile', '-f', 'sarif']).stdout) as { version: string }).version, '2.1.0');
    assert.match(bulwark(['dockerfile', 'app/Dockerfile', '-f', 'junit']).stdout, /^<\?xml/);
  });

  it('reads a named file of any name, and stdin, as a Dockerfile', () => {
    assert.equal(bulwark(['dockerfile', 'build.df', '--fail-on', 'critical']).code, 0);
    assert.equal(bulwark(['dockerfile', '-', '--fail-on', 'critical'], 'FROM alpine:3.20\n').code, 0);
  });

  it('exits 2 for input that is not a Dockerfile, or when none is found', () => {
    const r = bulwark(['dockerfile', 'not-a-dockerfile.txt']);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /no FROM instruction/);
    assert.match(bulwark(['dockerfile', 'empty']).stdout, /no Dockerfile found/);
    assert.equal(bulwark(['dockerfile', 'empty']).code, 2);
    assert.equal(bulwark(['dockerfile']).code, 2, 'a path is required');
  });

  it('is found by bulwark scan next to manifests; Kubernetes checks leave it alone', () => {
    const out = JSON.parse(bulwark(['scan', 'app', '-f', 'json']).stdout) as Json;
    const onDockerfile = out.findings.filter((f) => f.location.file.endsWith('Dockerfile'));
    assert.ok(onDockerfile.length > 0);
    assert.ok(onDockerfile.every((f) => f.category === 'dockerfile' || f.category === 'config'));
    assert.ok(out.findings.some((f) => f.location.file.endsWith('pod.yaml')));
  });
});
