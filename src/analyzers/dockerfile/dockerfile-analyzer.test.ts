import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../../inventory/inventory.js';
import { Facts } from '../facts.js';
import { parseDockerfile } from '../../sources/dockerfile-source.js';
import { buildDockerfileModel, dockerfileAnalyzer } from './dockerfile-analyzer.js';
import { parseImageRef, substituteArgs } from './image-ref.js';

const model = (text: string) => buildDockerfileModel(text, 'Dockerfile');
const image = (ref: string) => parseImageRef(ref, ref, false);

describe('parseImageRef', () => {
  it('defaults to Docker Hub and strips library/', () => {
    assert.deepEqual(image('node:20-slim'), { raw: 'node:20-slim', resolved: 'node:20-slim', unresolved: false, registry: 'docker.io', explicitRegistry: false, repository: 'node', tag: '20-slim', scratch: false });
    assert.equal(image('library/node').repository, 'node');
    assert.equal(image('docker.io/library/node:20').repository, 'node');
    assert.equal(image('docker.io/library/node:20').explicitRegistry, true);
    assert.equal(image('bitnami/redis').repository, 'bitnami/redis');
    assert.equal(image('bitnami/redis').registry, 'docker.io');
  });
  it('detects registries (dot, port, localhost) and tells tag from port', () => {
    assert.deepEqual([image('gcr.io/distroless/static:nonroot').registry, image('gcr.io/distroless/static:nonroot').repository], ['gcr.io', 'distroless/static']);
    const local = image('localhost:5000/app');
    assert.deepEqual([local.registry, local.repository, local.tag], ['localhost:5000', 'app', undefined]);
    assert.equal(image('localhost/app:1').registry, 'localhost');
    assert.equal(image('myorg/app:1').registry, 'docker.io');
  });
  it('reads digests, with or without a tag, and scratch', () => {
    const d = image('alpine:3.20@sha256:abc');
    assert.deepEqual([d.repository, d.tag, d.digest], ['alpine', '3.20', 'sha256:abc']);
    assert.equal(image('alpine@sha256:abc').tag, undefined);
    assert.equal(image('scratch').scratch, true);
  });
});

describe('substituteArgs', () => {
  const args = new Map<string, string | undefined>([['BASE', 'node:20'], ['EMPTY', ''], ['NODEF', undefined]]);
  it('substitutes $VAR, ${VAR} and the default/alternative forms', () => {
    assert.deepEqual(substituteArgs('$BASE', args), { value: 'node:20', unresolved: false });
    assert.deepEqual(substituteArgs('${BASE}-slim', args), { value: 'node:20-slim', unresolved: false });
    assert.deepEqual(substituteArgs('${NODEF:-alpine}', args), { value: 'alpine', unresolved: false });
    assert.deepEqual(substituteArgs('${EMPTY:-alpine}', args), { value: 'alpine', unresolved: false });
    assert.deepEqual(substituteArgs('${EMPTY-alpine}', args), { value: '', unresolved: false });
    assert.deepEqual(substituteArgs('alpine${BASE:+:3.20}', args), { value: 'alpine:3.20', unresolved: false });
    assert.deepEqual(substituteArgs('alpine${EMPTY:+:3.20}', args), { value: 'alpine', unresolved: false });
  });
  it('marks values that depend on --build-arg as unresolved', () => {
    assert.equal(substituteArgs('$NODEF', args).unresolved, true);
    assert.equal(substituteArgs('${UNDECLARED}', args).unresolved, true);
    assert.equal(substituteArgs('${NODEF:+x}', args).unresolved, true);
  });
});

describe('buildDockerfileModel', () => {
  const multi = `# syntax=docker/dockerfile:1
ARG GO=1.22
ARG REG
FROM --platform=$BUILDPLATFORM golang:\${GO} AS Build
run --mount=type=cache,target=/root/.cache --mount=type=secret,id=npm apt-get update \\
  # dropped comment
  && apt-get install -y gcc
RUN <<EOF
set -e
curl -fsSL https://x | sh
EOF
FROM build AS test
RUN go test ./...
FROM alpine:3.20 AS unused
FROM gcr.io/distroless/static:nonroot
COPY --from=build --chown=1000:1000 /out/app /app
ONBUILD RUN echo hi
CMD ["/app"]
`;

  it('reads directives, global ARGs and stages (names lower-cased, ARGs substituted in FROM)', () => {
    const m = model(multi);
    assert.deepEqual(m.directives, [{ name: 'syntax', value: 'docker/dockerfile:1', line: 1 }]);
    assert.equal(m.escape, '\\');
    assert.deepEqual(m.globalArgs.map((a) => [a.name, a.value, a.instruction.line]), [['GO', '1.22', 2], ['REG', undefined, 3]]);
    assert.deepEqual(m.stages.map((s) => [s.index, s.name, s.image.resolved, s.from.line]), [[0, 'build', 'golang:1.22', 4], [1, 'test', 'build', 12], [2, 'unused', 'alpine:3.20', 14], [3, undefined, 'gcr.io/distroless/static:nonroot', 15]]);
    assert.equal(m.stages[0].image.raw, 'golang:${GO}');
    assert.equal(m.stages[0].platform, '$BUILDPLATFORM');
    assert.equal(m.stages[1].baseStage, 0);
  });

  it('knows the final stage, what ships in it and what it copies from', () => {
    const m = model(multi);
    assert.equal(m.finalStage, m.stages[3]);
    assert.deepEqual(m.stages.map((s) => [s.isFinal, s.shipsInFinalImage, s.copiedFromByFinal]), [[false, false, true], [false, false, false], [false, false, false], [true, true, false]]);
    const chained = model('FROM node:20 AS base\nFROM base AS app\nFROM app\n');
    assert.deepEqual(chained.stages.map((s) => s.shipsInFinalImage), [true, true, true]);
    const indexed = model('FROM golang:1.22\nRUN make\nFROM scratch\nCOPY --from=0 /x /x\n');
    assert.equal(indexed.stages[0].copiedFromByFinal, true);
    assert.equal(indexed.stages[1].image.scratch, true);
    const external = model('FROM alpine\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n');
    assert.equal(external.stages[0].copiedFromByFinal, false);
  });

  it('reads instructions: lines, lower-case keywords, flags, mounts, continuation comments dropped, exec form', () => {
    const m = model(multi);
    const run = m.instructions[3];
    assert.deepEqual([run.keyword, run.line, run.endLine, run.stage], ['RUN', 5, 7, 0]);
    assert.deepEqual(run.mounts, ['type=cache,target=/root/.cache', 'type=secret,id=npm']);
    assert.equal(run.args, 'apt-get update   && apt-get install -y gcc');
    assert.equal(m.stages[0].runs[0].instruction, run, 'one object per instruction');
    const copy = m.instructions.find((i) => i.keyword === 'COPY');
    assert.deepEqual(copy?.flags, { from: 'build', chown: '1000:1000' });
    assert.equal(copy?.args, '/out/app /app');
    assert.deepEqual(m.instructions.find((i) => i.keyword === 'CMD')?.execForm, ['/app']);
    const onbuild = m.instructions.find((i) => i.keyword === 'ONBUILD');
    assert.deepEqual([onbuild?.trigger?.keyword, onbuild?.trigger?.args], ['RUN', 'echo hi']);
    assert.equal(model('FROM alpine\nCMD [not json\n').instructions[1].execForm, undefined);
    assert.deepEqual(model('FROM alpine\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "x"]\n').instructions[1].execForm, ['curl', '-f', 'x']);
  });

  it('splits RUN into commands with file lines, including heredoc scripts', () => {
    const m = model(multi);
    const commands = m.stages[0].runs.flatMap((r) => r.commands.map((c) => [c.line, c.argv.join(' ')]));
    assert.deepEqual(commands, [[5, 'apt-get update'], [7, 'apt-get install -y gcc'], [9, 'set -e'], [10, 'curl -fsSL https://x'], [10, 'sh']]);
    assert.deepEqual(m.instructions[4].heredocs, [{ name: 'EOF', content: 'set -e\ncurl -fsSL https://x | sh\n', line: 9 }]);
  });

  it("treats heredocs after a command as that command's input, and non-shell #! scripts as opaque", () => {
    const m = model('FROM alpine\nRUN cat <<EOT > /etc/motd\napk add gcc\nEOT\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\nRUN python3 <<EOF\nprint(1)\nEOF\nRUN sh <<EOF\napk add gcc\nEOF\n');
    assert.deepEqual(m.stages[0].runs.map((r) => r.commands.map((c) => `${c.line}:${c.argv.join(' ')}`)), [['2:cat'], [], ['9:python3'], ['12:sh', '13:apk add gcc']]);
    const copy = model('FROM alpine\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\nUSER app\n');
    assert.deepEqual(copy.instructions[1].heredocs, [{ name: 'EOF', content: 'key=value\n', line: 3 }]);
    assert.equal(copy.instructions[1].args, '<<EOF /etc/app.conf');
    assert.equal(copy.instructions[2].line, 5);
  });

  it('expands exec-form sh -c scripts and keeps the wrapper', () => {
    const m = model('FROM alpine\nRUN ["sh", "-c", "apk add curl && curl x | sh"]\n');
    assert.deepEqual(m.stages[0].runs[0].commands.map((c) => c.argv.join(' ')), ['sh -c apk add curl && curl x | sh', 'apk add curl', 'curl x', 'sh']);
  });

  it('honours # escape=` for continuations', () => {
    const m = model('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN choco install git `\n    && echo done\nUSER ContainerUser\n');
    assert.equal(m.escape, '`');
    assert.deepEqual(m.stages[0].runs[0].commands.map((c) => [c.line, c.argv[0]]), [[3, 'choco'], [4, 'echo']]);
    assert.equal(m.instructions[2].line, 5);
  });

  it('reads global ARGs and FROM with the # escape= character', () => {
    const m = model('# escape=`\nARG TOOLS=C:\\tools\nARG BASE=mcr.microsoft.com/windows/servercore:ltsc2022\nFROM ${BASE} AS win\n');
    assert.deepEqual(m.globalArgs.map((a) => [a.name, a.value]), [['TOOLS', 'C:\\tools'], ['BASE', 'mcr.microsoft.com/windows/servercore:ltsc2022']]);
    assert.deepEqual([m.stages[0].name, m.stages[0].image.resolved], ['win', 'mcr.microsoft.com/windows/servercore:ltsc2022']);
  });

  it('leaves an ARG-dependent image unresolved', () => {
    const m = model('ARG BASE\nFROM ${BASE}\nFROM ${IMG:-node:20} AS x\n');
    assert.equal(m.stages[0].image.unresolved, true);
    assert.deepEqual([m.stages[1].image.unresolved, m.stages[1].image.repository, m.stages[1].image.tag], [false, 'node', '20']);
  });

  it('handles CRLF files', () => {
    const m = model('FROM alpine\r\nRUN apk add \\\r\n    curl\r\nUSER app\r\n');
    assert.deepEqual(m.stages[0].runs[0].commands.map((c) => c.argv), [['apk', 'add', 'curl']]);
    assert.equal(m.instructions[2].args, 'app');
  });
});

describe('dockerfileAnalyzer', () => {
  it('models each Dockerfile object of the inventory from its text', () => {
    const text = 'FROM node:20\nRUN npm ci\n';
    const parsed = parseDockerfile(text, 'app/Dockerfile');
    const facts = new Facts(new Inventory(parsed.objects, [], new Map([['app/Dockerfile', text]])));
    const df = facts.get(dockerfileAnalyzer);
    const obj = parsed.objects[0].object;
    assert.equal(df.of(obj)?.file, 'app/Dockerfile');
    assert.equal(df.of(obj), df.of(obj), 'computed once');
    assert.equal(df.of({}), undefined);
    assert.equal(df.all().length, 1);
  });
});

describe('ShellCommand.text', () => {
  it('keeps the line breaks (and continuation characters) of the command as written', () => {
    const m = model('FROM debian:12\nRUN apt-get update && apt-get install -y \\\n    curl \\\n    jq && echo done\n');
    const cmds = m.stages[0].runs[0].commands;
    assert.deepEqual(cmds.map((c) => c.text), ['apt-get update', 'apt-get install -y \\\n    curl \\\n    jq', 'echo done']);
    assert.deepEqual(cmds.map((c) => c.line), [2, 2, 4]);
  });
  it('keeps comment lines inside a continuation, and works with # escape=` and an indented RUN', () => {
    const m = model('# escape=`\nFROM debian:12\n  RUN apk add `\n# a comment\n    tini\n');
    assert.deepEqual(m.stages[0].runs[0].commands.map((c) => [c.text, c.line]), [['apk add `\n# a comment\n    tini', 3]]);
  });
  it('cuts heredoc tails from the file too', () => {
    const m = model('FROM alpine:3.20\nRUN cat <<EOF > /x && echo ok\nhello\nEOF\n');
    assert.deepEqual(m.stages[0].runs[0].commands.map((c) => c.text), ['cat <<EOF > /x', 'echo ok']);
  });
});
