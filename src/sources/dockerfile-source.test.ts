import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isDockerfileName, parseDockerfile } from './dockerfile-source.js';
import { readInputs } from './read-inputs.js';

describe('isDockerfileName', () => {
  it('knows Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile(.*) and leaves companions alone', () => {
    for (const name of ['Dockerfile', 'dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'Containerfile', 'Containerfile.dev', 'x/y/Dockerfile']) {
      assert.ok(isDockerfileName(name), name);
    }
    for (const name of ['Dockerfile.dockerignore', 'Dockerfile.md', 'Dockerfiles', 'MyDockerfile', 'docker-compose.yml', 'Dockerfile.yaml']) {
      assert.ok(!isDockerfileName(name), name);
    }
  });
});

describe('parseDockerfile', () => {
  it('makes one synthetic object listing the instructions', () => {
    const { objects, problems } = parseDockerfile('# syntax=docker/dockerfile:1\nFROM alpine:3.20\nrun apk add \\\n  curl\nUSER app\n', 'app/Dockerfile');
    assert.deepEqual(problems, []);
    assert.deepEqual(objects[0].object, {
      apiVersion: 'bulwark.dev/v1',
      kind: 'Dockerfile',
      metadata: { name: 'app/Dockerfile' },
      spec: { instructions: [{ keyword: 'FROM', line: 2, arguments: 'alpine:3.20' }, { keyword: 'RUN', line: 3, arguments: 'apk add   curl' }, { keyword: 'USER', line: 5, arguments: 'app' }] },
    });
    assert.deepEqual(objects[0].source, { file: 'app/Dockerfile', docIndex: 0, startLine: 1 });
    assert.equal(objects[0].span, undefined);
  });

  it('reads stacked # bulwark-ignore comments directly above an instruction, over all its lines', () => {
    const text = [
      'FROM alpine:3.20',
      '# bulwark-ignore no-sudo the build needs it',
      '# a plain comment',
      '# bulwark-ignore require-pinned-package-versions',
      'RUN apk add sudo \\',
      '  curl',
      '',
      '# bulwark-ignore no-sudo separated by a blank line',
      '',
      'USER app',
    ].join('\n');
    const [obj] = parseDockerfile(text, 'Dockerfile').objects;
    assert.deepEqual(obj.lineSuppressions, [
      { checkId: 'no-sudo', reason: 'the build needs it', fromLine: 5, toLine: 6, line: 2, path: '/spec/instructions/1' },
      { checkId: 'require-pinned-package-versions', reason: '', fromLine: 5, toLine: 6, line: 4, path: '/spec/instructions/1' },
    ]);
  });

  it('reports what docker build would reject, at the chosen level', () => {
    assert.deepEqual(parseDockerfile('FROM alpine\nFOO bar\n', 'Dockerfile').problems, [{ level: 'error', file: 'Dockerfile', line: 2, message: 'unknown instruction "FOO" (not a Dockerfile instruction)' }]);
    assert.deepEqual(parseDockerfile('ARG V=1\nRUN echo\nFROM alpine:${V}\n', 'Dockerfile').problems, [{ level: 'error', file: 'Dockerfile', line: 2, message: 'RUN before the first FROM (only ARG may come first)' }]);
    assert.deepEqual(parseDockerfile('# c\nENV A=1\n', 'x', { problemLevel: 'notice' }).problems.map((p) => [p.level, p.line, p.message.split(':')[0]]), [['notice', 2, 'ENV before the first FROM (only ARG may come first)'], ['notice', 2, 'no FROM instruction']]);
    assert.deepEqual(parseDockerfile('RUN echo\n', 'x').problems.map((p) => [p.line, p.message.split(' (')[0]]), [[1, 'RUN before the first FROM'], [1, 'no FROM instruction: not a Dockerfile, or one that builds no image']]);
    assert.match(parseDockerfile('# just a comment\n', 'x').problems[0].message, /no FROM/);
    assert.deepEqual(parseDockerfile('hello world\n', 'x', { problemLevel: 'notice' }).problems.map((p) => [p.level, p.message.split(':')[0]]), [['notice', 'unknown instruction "hello" (not a Dockerfile instruction)'], ['notice', 'no FROM instruction']]);
  });
});

describe('readInputs with Dockerfiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-dockerfiles-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'svc'), { recursive: true });
  writeFileSync(join(dir, 'svc', 'Dockerfile'), 'FROM node:20\n');
  writeFileSync(join(dir, 'svc', 'worker.Dockerfile'), 'FROM python:3.12\n');
  writeFileSync(join(dir, 'svc', 'Containerfile.dev'), 'FROM alpine\n');
  writeFileSync(join(dir, 'svc', 'Dockerfile.dockerignore'), 'node_modules\n');
  writeFileSync(join(dir, 'svc', 'Dockerfile.bin'), Buffer.from([0, 1, 2]));
  writeFileSync(join(dir, 'svc', 'deploy.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
  writeFileSync(join(dir, 'build.df'), 'FROM alpine\n');

  it('finds Dockerfiles next to manifests; bad ones become one problem each', async () => {
    const inputs = await readInputs([dir]);
    const name = (o: (typeof inputs.objects)[number]) => (o.object.kind === 'Dockerfile' ? String(o.object.metadata.name).slice(dir.length + 1) : o.object.metadata.name);
    assert.deepEqual(inputs.objects.map((o) => `${o.object.kind} ${name(o)}`), ['Dockerfile svc/Containerfile.dev', 'Dockerfile svc/Dockerfile', 'ConfigMap c', 'Dockerfile svc/worker.Dockerfile']);
    assert.deepEqual(inputs.problems.map((p) => [p.file.slice(dir.length + 1), p.message]), [['svc/Dockerfile.bin', 'binary file (contains NUL bytes); skipped']]);
    assert.equal(inputs.virtualFiles.get(join(dir, 'svc', 'Dockerfile')), 'FROM node:20\n');
  });

  it('reads any named file as a Dockerfile in Dockerfile mode, and only Dockerfiles from directories', async () => {
    const inputs = await readInputs([join(dir, 'build.df'), join(dir, 'svc'), '-'], { onlyDockerfiles: true, readStdin: async () => Buffer.from('FROM scratch\n') });
    assert.deepEqual(inputs.objects.map((o) => o.object.kind), ['Dockerfile', 'Dockerfile', 'Dockerfile', 'Dockerfile', 'Dockerfile']);
    assert.equal(inputs.objects[4].object.metadata.name, '<stdin>');
  });

  it('refuses huge Dockerfiles with one problem', async () => {
    const big = join(dir, 'big', 'Dockerfile');
    mkdirSync(join(dir, 'big'));
    writeFileSync(big, `FROM alpine\n${'RUN echo x\n'.repeat(500_000)}`);
    const inputs = await readInputs([big]);
    assert.equal(inputs.objects.length, 0);
    assert.match(inputs.problems[0].message, /limit for Dockerfiles; skipped/);
  });
});
