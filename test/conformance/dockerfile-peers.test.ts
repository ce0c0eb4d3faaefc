/**
 * Conformance of the Dockerfile checks with the overlapping rules of other Dockerfile linters: hadolint
 * (DLxxxx, and its ShellCheck-based piping advice), Checkov (CKV_DOCKER_*) and Trivy (DSxxx). The cases are
 * our own small Dockerfiles, written from each rule's documented semantics and the edge cases its test
 * suite covers (no text of theirs is copied). Each row gives the peer's verdict (`expect`); Bulwark must
 * agree, unless the row is marked `deliberate` (with the reason), in which case Bulwark must give the
 * other verdict (so the list cannot go stale).
 *
 * A case "has a finding" when the mapped Bulwark check reports at least once on the file (restricted to
 * `messageIds` when given: one Bulwark check may cover several peer rules).
 *
 * Not mapped (no Bulwark counterpart, by design): DL3011 (port out of range: Docker rejects the build),
 * DL4006 (`SHELL -o pipefail` before pipes: build robustness, not image security; piping a download into a
 * shell is no-curl-pipe-to-shell), CKV_DOCKER_5 (`apt-get update` alone: layer caching), CKV_DOCKER_9 (`apt`
 * vs `apt-get`: style), CKV_DOCKER_11 (duplicate stage alias: BuildKit refuses it). Hadolint's current DL3062
 * is "npm install/ci without --omit=dev"; pinning of `go install` is listed as `go-install-pin`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_CHECKS } from '../../src/checks/index.js';
import { runDockerfileCheck } from '../../src/testing/check-tester.js';
import { formatTable, percent } from './oracle-support.js';

export interface PeerCase {
  /** The peer rule (hadolint DLxxxx, CKV_DOCKER_n, Trivy DSxxx, SC-pipe). */
  peerRule: string;
  /** The Bulwark check id. */
  ourCheck: string;
  /** Only these message ids of `ourCheck` count (default: any). */
  messageIds?: string[];
  dockerfile: string;
  /** The peer's verdict. */
  expect: 'finding' | 'none';
  note: string;
  /** Bulwark gives the other verdict on purpose: why. */
  deliberate?: string;
}

const df = (...lines: string[]): string => lines.join('\n') + '\n';

export const PEER_CASES: PeerCase[] = [
  // ---- DL3000 / CKV_DOCKER_10 / DS013: WORKDIR must be absolute -------------------------------------
  { peerRule: 'DL3000', ourCheck: 'require-absolute-workdir', dockerfile: df('FROM alpine:3.19', 'WORKDIR app'), expect: 'finding', note: 'relative path' },
  { peerRule: 'DL3000', ourCheck: 'require-absolute-workdir', dockerfile: df('FROM alpine:3.19', 'WORKDIR /srv/app'), expect: 'none', note: 'absolute path' },
  { peerRule: 'DL3000', ourCheck: 'require-absolute-workdir', dockerfile: df('FROM alpine:3.19', 'WORKDIR $HOME/app'), expect: 'none', note: 'starts with a variable' },
  { peerRule: 'DL3000', ourCheck: 'require-absolute-workdir', dockerfile: df('FROM alpine:3.19', 'WORKDIR ${APP_DIR}'), expect: 'none', note: 'braced variable' },
  { peerRule: 'DL3000', ourCheck: 'require-absolute-workdir', dockerfile: df('FROM alpine:3.19', 'WORKDIR "/srv/my app"'), expect: 'none', note: 'quoted absolute path' },
  { peerRule: 'DL3000', ourCheck: 'require-absolute-workdir', dockerfile: df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'WORKDIR C:\\\\app'), expect: 'none', note: 'Windows drive path' },
  { peerRule: 'DL3000', ourCheck: 'require-absolute-workdir', dockerfile: df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'WORKDIR c:/app'), expect: 'none', note: 'Windows drive path, forward slash, lower-case drive' },
  { peerRule: 'DL3000', ourCheck: 'require-absolute-workdir', dockerfile: df('FROM alpine:3.19', 'WORKDIR ./build'), expect: 'finding', note: 'dot-relative path' },
  { peerRule: 'DL3000', ourCheck: 'require-absolute-workdir', dockerfile: df('FROM alpine:3.19', 'workdir src'), expect: 'finding', note: 'lower-case instruction' },
  { peerRule: 'CKV_DOCKER_10', ourCheck: 'require-absolute-workdir', dockerfile: df('FROM alpine:3.19', 'WORKDIR /a', 'WORKDIR b'), expect: 'finding', note: 'second WORKDIR relative' },

  // ---- DL3002 / CKV_DOCKER_8 / DS002: last USER must not be root -------------------------------------
  { peerRule: 'DL3002', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM alpine:3.19', 'USER root'), expect: 'finding', note: 'USER root' },
  { peerRule: 'DL3002', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM alpine:3.19', 'USER app'), expect: 'none', note: 'named user' },
  { peerRule: 'DL3002', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM alpine:3.19', 'USER 0'), expect: 'finding', note: 'UID 0' },
  { peerRule: 'DL3002', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM alpine:3.19', 'USER root:root'), expect: 'finding', note: 'root with group' },
  { peerRule: 'DL3002', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM alpine:3.19', 'USER 0:0'), expect: 'finding', note: 'UID:GID 0:0' },
  { peerRule: 'DL3002', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM alpine:3.19', 'USER root', 'RUN apk add --no-cache curl=8.5.0-r0', 'USER 10001'), expect: 'none', note: 'switches back to non-root' },
  { peerRule: 'DL3002', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM alpine:3.19', 'USER app', 'USER root'), expect: 'finding', note: 'back to root last' },
  { peerRule: 'DL3002', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM debian:12 AS base', 'USER root', 'FROM base', 'RUN true'), expect: 'finding', note: 'root inherited from a parent stage' },
  { peerRule: 'DL3002', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM debian:12 AS base', 'USER root', 'USER app', 'FROM base', 'RUN true'), expect: 'none', note: 'parent stage ends non-root' },
  {
    peerRule: 'DL3002',
    ourCheck: 'require-non-root-user',
    messageIds: ['rootUser', 'backToRoot'],
    dockerfile: df('FROM debian:12 AS build', 'USER root', 'RUN make', 'FROM gcr.io/distroless/static:nonroot', 'USER app', 'COPY --from=build /out /app'),
    expect: 'finding',
    note: 'root in a build stage that does not ship',
    deliberate: 'only the USER the final image runs as matters; a build stage running as root does not ship',
  },
  { peerRule: 'CKV_DOCKER_8', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM alpine:3.19', 'user ROOT'), expect: 'finding', note: 'lower-case instruction, upper-case name (root is case-insensitive for us)' },
  { peerRule: 'CKV_DOCKER_8', ourCheck: 'require-non-root-user', messageIds: ['rootUser', 'backToRoot'], dockerfile: df('FROM alpine:3.19', 'USER 1000:0'), expect: 'none', note: 'non-root UID with root group' },

  // ---- CKV_DOCKER_3 / DS002: a USER at all ----------------------------------------------------------
  { peerRule: 'CKV_DOCKER_3', ourCheck: 'require-non-root-user', messageIds: ['noUser'], dockerfile: df('FROM alpine:3.19', 'RUN true'), expect: 'finding', note: 'no USER' },
  { peerRule: 'CKV_DOCKER_3', ourCheck: 'require-non-root-user', messageIds: ['noUser'], dockerfile: df('FROM alpine:3.19', 'USER app'), expect: 'none', note: 'USER set' },
  { peerRule: 'CKV_DOCKER_3', ourCheck: 'require-non-root-user', messageIds: ['noUser'], dockerfile: df('FROM golang:1.22 AS build', 'USER app', 'FROM alpine:3.19', 'COPY --from=build /x /x'), expect: 'finding', note: 'USER only in a build stage' },
  {
    peerRule: 'CKV_DOCKER_3',
    ourCheck: 'require-non-root-user',
    messageIds: ['noUser'],
    dockerfile: df('FROM gcr.io/distroless/static-debian12:nonroot', 'COPY app /app'),
    expect: 'finding',
    note: 'non-root base image without USER',
    deliberate: 'the distroless :nonroot base image already runs as UID 65532; the final image is not root',
  },

  // ---- DL3003 / DS013: cd in RUN --------------------------------------------------------------------
  { peerRule: 'DL3003', ourCheck: 'no-run-cd', dockerfile: df('FROM alpine:3.19', 'RUN cd /opt'), expect: 'finding', note: 'plain cd' },
  { peerRule: 'DL3003', ourCheck: 'no-run-cd', dockerfile: df('FROM alpine:3.19', 'WORKDIR /opt'), expect: 'none', note: 'WORKDIR instead' },
  { peerRule: 'DL3003', ourCheck: 'no-run-cd', dockerfile: df('FROM alpine:3.19', 'RUN mkdir -p /src && cd /src && make'), expect: 'finding', note: 'cd chained with &&' },
  { peerRule: 'DL3003', ourCheck: 'no-run-cd', dockerfile: df('FROM alpine:3.19', 'RUN make \\', '  && cd /tmp \\', '  && ls'), expect: 'finding', note: 'cd on a continuation line' },
  { peerRule: 'DL3003', ourCheck: 'no-run-cd', dockerfile: df('FROM alpine:3.19', 'RUN echo cd /opt'), expect: 'none', note: '"cd" only as an argument' },
  { peerRule: 'DL3003', ourCheck: 'no-run-cd', dockerfile: df('FROM alpine:3.19', 'RUN abcd /opt'), expect: 'none', note: 'a program whose name ends in cd' },
  { peerRule: 'DL3003', ourCheck: 'no-run-cd', dockerfile: df('FROM alpine:3.19', 'RUN ["sh", "-c", "cd /opt && ls"]'), expect: 'finding', note: 'exec form with sh -c' },

  // ---- DL3004 / DS010: sudo -------------------------------------------------------------------------
  { peerRule: 'DL3004', ourCheck: 'no-sudo', dockerfile: df('FROM debian:12', 'RUN sudo apt-get install -y curl'), expect: 'finding', note: 'sudo prefix' },
  { peerRule: 'DL3004', ourCheck: 'no-sudo', dockerfile: df('FROM debian:12', 'RUN apt-get update && sudo make install'), expect: 'finding', note: 'sudo later in a chain' },
  { peerRule: 'DL3004', ourCheck: 'no-sudo', dockerfile: df('FROM debian:12', 'RUN apt-get install -y curl'), expect: 'none', note: 'no sudo' },
  { peerRule: 'DL3004', ourCheck: 'no-sudo', dockerfile: df('FROM debian:12', 'RUN echo "use sudo wisely"'), expect: 'none', note: 'sudo inside a string argument' },
  { peerRule: 'DL3004', ourCheck: 'no-sudo', dockerfile: df('FROM debian:12', 'RUN apt-get install -y sudo=1.9.13p3-1'), expect: 'none', note: 'installing sudo is not running it (no-sudo-or-ssh-server-installed covers that)' },
  { peerRule: 'DL3004', ourCheck: 'no-sudo', dockerfile: df('FROM debian:12', 'RUN if [ -x /usr/bin/make ]; then sudo make install; fi'), expect: 'finding', note: 'inside an if' },
  { peerRule: 'DL3003', ourCheck: 'no-run-cd', dockerfile: df('FROM alpine:3.19', 'RUN (cd /src && make)'), expect: 'finding', note: 'cd in a subshell' },
  { peerRule: 'DS010', ourCheck: 'no-sudo', dockerfile: df('FROM debian:12', 'RUN /usr/bin/sudo -u app ls'), expect: 'finding', note: 'sudo by full path with options' },

  // ---- DL3006: untagged image; DL3007 / CKV_DOCKER_7 / DS001: latest ---------------------------------
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('FROM debian'), expect: 'finding', note: 'untagged' },
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('FROM debian AS builder', 'RUN true', 'FROM debian:12', 'COPY --from=builder /a /a'), expect: 'finding', note: 'untagged with alias' },
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('FROM ruby@sha256:8f2c3c9a6e0f2d4c7f0b9d2b1a6c5e4d3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c'), expect: 'none', note: 'digest without tag' },
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('FROM ruby:3'), expect: 'none', note: 'tagged' },
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('FROM ${BASE_IMAGE}'), expect: 'none', note: 'image from an ARG without default' },
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('FROM scratch'), expect: 'none', note: 'scratch' },
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('FROM golang:1.22 AS build', 'RUN go build', 'FROM build AS test', 'RUN go test', 'FROM alpine:3.19'), expect: 'none', note: 'FROM a stage alias' },
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('FROM golang:1.22 AS Build', 'FROM build'), expect: 'none', note: 'stage alias in another case' },
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('FROM localhost:5000/app'), expect: 'finding', note: 'registry port is not a tag' },
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('FROM --platform=$BUILDPLATFORM node AS deps'), expect: 'finding', note: 'with --platform flag' },
  { peerRule: 'DL3006', ourCheck: 'no-latest-base-image', dockerfile: df('ARG BASE=node', 'FROM ${BASE}'), expect: 'none', note: 'hadolint skips variables', deliberate: 'the ARG default resolves to an untagged image: the default build pulls latest' },
  { peerRule: 'DL3007', ourCheck: 'no-latest-base-image', dockerfile: df('FROM debian:latest'), expect: 'finding', note: 'latest tag' },
  { peerRule: 'DL3007', ourCheck: 'no-latest-base-image', dockerfile: df('FROM debian:latest AS builder', 'FROM debian:12'), expect: 'finding', note: 'latest in a build stage' },
  { peerRule: 'DL3007', ourCheck: 'no-latest-base-image', dockerfile: df('FROM debian:12-slim'), expect: 'none', note: 'versioned tag' },
  { peerRule: 'DL3007', ourCheck: 'no-latest-base-image', dockerfile: df('FROM debian:latest@sha256:8f2c3c9a6e0f2d4c7f0b9d2b1a6c5e4d3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c'), expect: 'none', note: 'latest pinned by digest' },
  { peerRule: 'DL3007', ourCheck: 'no-latest-base-image', dockerfile: df('FROM registry.example.com:5000/team/app:latest'), expect: 'finding', note: 'latest with registry port' },
  { peerRule: 'DL3007', ourCheck: 'no-latest-base-image', dockerfile: df('FROM node:latest-alpine'), expect: 'none', note: 'a tag merely starting with latest' },
  { peerRule: 'CKV_DOCKER_7', ourCheck: 'no-latest-base-image', dockerfile: df('FROM alpine'), expect: 'finding', note: 'untagged means latest' },
  { peerRule: 'CKV_DOCKER_7', ourCheck: 'no-latest-base-image', dockerfile: df('FROM alpine:3.19 AS base', 'FROM base'), expect: 'none', note: 'stage reference' },

  // ---- DL3008 / DL3018 / DL3013 / DL3016 / DL3028 / DL3033 / DL3041 / DL3062: pinning -----------------
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get install -y --no-install-recommends python'), expect: 'finding', note: 'apt unpinned' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get install -y --no-install-recommends python=3.11.2-1'), expect: 'none', note: 'apt pinned' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get install -y ./pkg.deb'), expect: 'none', note: 'local .deb file' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get install -y /tmp/pkg.deb'), expect: 'none', note: 'absolute .deb path' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get -y install python=3.11* curl=7.88.1-10'), expect: 'none', note: 'pinned with a wildcard' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get install -y -t bookworm-backports curl'), expect: 'finding', note: 'a release option is not a version' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt install -y curl'), expect: 'finding', note: 'apt (not apt-get)' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get update && apt-get upgrade -y'), expect: 'none', note: 'no install' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get install -y curl/bookworm-backports'), expect: 'finding', note: 'a release suffix is not a version' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache curl'), expect: 'finding', note: 'apk unpinned' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache curl=8.5.0-r0'), expect: 'none', note: 'apk pinned' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache curl~=8.5'), expect: 'none', note: 'apk fuzzy pin' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20231014-r0'), expect: 'none', note: '--virtual name is not a package' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache ./local.apk'), expect: 'none', note: 'local .apk file' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache --repository https://dl-cdn.alpinelinux.org/alpine/edge/main musl=1.2.4-r2'), expect: 'none', note: '--repository value is not a package' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk upgrade --no-cache'), expect: 'none', note: 'no add' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir requests'), expect: 'finding', note: 'pip unpinned' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir requests==2.31.0'), expect: 'none', note: 'pip ==' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir -r requirements.txt'), expect: 'none', note: 'requirements file' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir .'), expect: 'none', note: 'local project' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir ./dist/app-1.0-py3-none-any.whl'), expect: 'none', note: 'local wheel' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir "requests>=2.31,<3"'), expect: 'none', note: 'bounded range' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir "requests>=2.31"'), expect: 'none', note: 'hadolint accepts any comparison', deliberate: 'an open lower bound takes whatever newer release exists: not a pin' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir git+https://github.com/psf/requests@v2.31.0'), expect: 'none', note: 'VCS URL at a ref' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN python -m pip install --no-cache-dir flask'), expect: 'finding', note: 'python -m pip' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip3 install --no-cache-dir --upgrade pip==24.0'), expect: 'none', note: 'pip3 pinned upgrade' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir "uvicorn[standard]==0.29.0"'), expect: 'none', note: 'extras pinned' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir -c constraints.txt flask'), expect: 'none', note: 'constraints file pins' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install -g express'), expect: 'finding', note: 'npm unpinned' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install -g express@4.19.2'), expect: 'none', note: 'npm pinned' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install'), expect: 'none', note: 'from package.json' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm ci'), expect: 'none', note: 'npm ci' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install -g @angular/cli@17.3.0'), expect: 'none', note: 'scoped package pinned' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install -g @angular/cli'), expect: 'finding', note: 'scoped package unpinned' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm i -g typescript@latest'), expect: 'none', note: 'hadolint accepts any @<spec>', deliberate: '@latest is a moving dist-tag, not a version' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install git+https://github.com/org/repo.git#v1.2.3'), expect: 'none', note: 'git URL at a tag' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install ./local-pkg'), expect: 'none', note: 'local folder' },
  { peerRule: 'DL3028', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM ruby:3.3-slim', 'RUN gem install bundler'), expect: 'finding', note: 'gem unpinned' },
  { peerRule: 'DL3028', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM ruby:3.3-slim', 'RUN gem install bundler:2.5.6'), expect: 'none', note: 'gem name:version' },
  { peerRule: 'DL3028', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM ruby:3.3-slim', 'RUN gem install bundler -v 2.5.6'), expect: 'none', note: 'gem -v' },
  { peerRule: 'DL3028', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM ruby:3.3-slim', 'RUN gem install bundler --version 2.5.6'), expect: 'none', note: 'gem --version' },
  { peerRule: 'DL3028', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM ruby:3.3-slim', 'RUN gem update --system'), expect: 'none', note: 'not an install' },
  { peerRule: 'DL3033', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM rockylinux:9', 'RUN yum install -y httpd && yum clean all'), expect: 'finding', note: 'yum unpinned' },
  { peerRule: 'DL3033', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM rockylinux:9', 'RUN yum install -y httpd-2.4.57 && yum clean all'), expect: 'none', note: 'yum name-version' },
  { peerRule: 'DL3033', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM rockylinux:9', 'RUN yum install -y /tmp/pkg.rpm'), expect: 'none', note: 'local rpm' },
  { peerRule: 'DL3041', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM fedora:40', 'RUN dnf install -y httpd && dnf clean all'), expect: 'finding', note: 'dnf unpinned' },
  { peerRule: 'DL3041', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM fedora:40', 'RUN dnf install -y httpd-2.4.59-1.fc40 && dnf clean all'), expect: 'none', note: 'dnf pinned' },
  { peerRule: 'DL3041', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM fedora:40', 'RUN microdnf install -y httpd'), expect: 'finding', note: 'microdnf unpinned' },
  { peerRule: 'DL3041', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM fedora:40', 'RUN dnf module install -y nodejs:20'), expect: 'none', note: 'module stream is a version' },
  { peerRule: 'go-install-pin', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM golang:1.22', 'RUN go install github.com/go-delve/delve/cmd/dlv@latest'), expect: 'finding', note: 'go install @latest' },
  { peerRule: 'go-install-pin', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM golang:1.22', 'RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1'), expect: 'none', note: 'go install @version' },
  { peerRule: 'go-install-pin', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM golang:1.22', 'RUN go install github.com/go-delve/delve/cmd/dlv'), expect: 'finding', note: 'no version, go.mod decides', deliberate: 'without @version `go install` builds the module required by the current go.mod (pinned there); outside a module it fails' },
  { peerRule: 'go-install-pin', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM golang:1.22', 'RUN go install ./cmd/server'), expect: 'none', note: 'local package' },
  { peerRule: 'go-install-pin', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM golang:1.22', 'RUN go get github.com/pkg/errors'), expect: 'finding', note: 'go get without version', deliberate: 'go get only edits go.mod in module mode (no install), it is not what ships' },

  // More edge cases of the pinning rules (hadolint's parsing of each package manager's options).
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get update \\', ' && apt-get -yqq --no-install-recommends install nginx=1.22.1-9 \\', ' && rm -rf /var/lib/apt/lists/*'), expect: 'none', note: 'pinned over continuations, clustered -yqq' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get install --no-install-recommends -y \\', '  libpq5=15.6* \\', '  git=1:2.39.2* \\', '  tini=0.19.*'), expect: 'none', note: 'epoch and wildcard pins, one per line' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get install -y --no-install-recommends -t bookworm-backports golang-1.21=1.21.8-1~bpo12+1'), expect: 'none', note: '-t release with a pinned package' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN set -e && echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/bp.list && apt-get update && apt-get install -y jq=1.6-2.1'), expect: 'none', note: 'echo/redirect words are not packages' },
  { peerRule: 'DL3008', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM debian:12', 'RUN apt-get install -y jq=1.6-2.1 \\', '  curl'), expect: 'finding', note: 'one unpinned package on a continuation line' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache git~2.43'), expect: 'none', note: 'tilde pin' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache \\', '  bash=5.2.21-r0 \\', '  tzdata \\', '  tini=0.19.0-r2'), expect: 'finding', note: 'one missed among continuation lines' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/testing just=1.25.2-r0'), expect: 'none', note: '-X repository value' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache --repository=https://dl-cdn.alpinelinux.org/alpine/edge/testing just=1.25.2-r0'), expect: 'none', note: '--repository=value' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --virtual .deps musl-dev=1.2.4-r2 && pip install -r requirements.txt && apk del .deps'), expect: 'none', note: 'virtual name and chained pip -r' },
  { peerRule: 'DL3018', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache tool-1.0.0.apk'), expect: 'none', note: '.apk file without a path' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip2 install Flask'), expect: 'finding', note: 'pip2' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install Flask===3.0.3'), expect: 'none', note: '=== arbitrary equality' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install Flask~=3.0.3'), expect: 'none', note: '~= compatible release' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --requirement reqs/prod.txt'), expect: 'none', note: '--requirement' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install app-2.0.tar.gz'), expect: 'none', note: 'sdist file' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --target /opt/deps --prefix /usr/local --root /x --build /tmp/b attrs==23.2.0'), expect: 'none', note: 'option values are not packages' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --trusted-host pypi.internal -i https://pypi.internal/simple --extra-index-url https://u:p@mirror.example/simple attrs==23.2.0'), expect: 'none', note: 'index options with values' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN python -m pip install --index-url https://pypi.internal/simple attrs'), expect: 'finding', note: 'unpinned after --index-url value' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install git+https://github.com/org/tool.git#egg=tool'), expect: 'finding', note: 'VCS URL without a ref' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install attrs==23.2.0 --user --disable-pip-version-check'), expect: 'none', note: 'flags after the package' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', 'RUN pip install attrs --constraint https://example.com/constraints.txt'), expect: 'none', note: '--constraint after the package' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', "RUN pip install 'attrs<24'"), expect: 'none', note: 'hadolint accepts an upper bound', deliberate: 'an upper bound alone still floats across every older release' },
  { peerRule: 'DL3013', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM python:3.12-slim', "RUN pip install 'attrs!=23.1.0'"), expect: 'none', note: 'hadolint accepts an exclusion', deliberate: 'excluding one version pins nothing' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install --no-audit --progress=false'), expect: 'none', note: 'package.json with flags' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install left-pad@"1.3.0" chalk@5.3.0'), expect: 'none', note: 'quoted version, several packages' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install left-pad chalk@5.3.0'), expect: 'finding', note: 'one of two unpinned' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install --global left-pad'), expect: 'finding', note: '--global unpinned' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install @acme/lib@">=1.0.0 <2.0.0"'), expect: 'none', note: 'scoped range' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install ./vendor/acme-1.0.0.tgz /opt/pkg ../shared ~/lib'), expect: 'none', note: 'tarballs and folders' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install acme-2.1.0.tar.gz'), expect: 'none', note: 'tarball without a path' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install git+ssh://git@github.com:acme/tool.git#v2.0.1'), expect: 'none', note: 'git+ssh at a tag' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install git+https://github.com/acme/tool.git'), expect: 'finding', note: 'git URL without a ref' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install git://github.com/acme/tool.git'), expect: 'finding', note: 'git:// without a ref' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm run --silent install'), expect: 'none', note: 'npm run install is a script' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install --loglevel warn chalk@5.3.0'), expect: 'none', note: '--loglevel value' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install --registry https://npm.internal chalk@5.3.0'), expect: 'none', note: '--registry value' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install --registry https://npm.internal chalk'), expect: 'finding', note: 'unpinned after --registry value' },
  { peerRule: 'DL3016', ourCheck: 'require-pinned-package-versions', dockerfile: df('FROM node:20-slim', 'RUN npm install --registry=https://npm.internal chalk'), expect: 'finding', note: 'unpinned after --registry=value' },

  // ---- DL3062 (current hadolint): npm install/ci without --omit=dev / --production --------------------
  { peerRule: 'DL3062', ourCheck: 'no-build-tools-in-final-image', messageIds: ['devDependencies'], dockerfile: df('FROM node:20-slim', 'RUN npm ci'), expect: 'finding', note: 'npm ci with dev dependencies' },
  { peerRule: 'DL3062', ourCheck: 'no-build-tools-in-final-image', messageIds: ['devDependencies'], dockerfile: df('FROM node:20-slim', 'RUN npm install --no-audit'), expect: 'finding', note: 'npm install with other flags' },
  { peerRule: 'DL3062', ourCheck: 'no-build-tools-in-final-image', messageIds: ['devDependencies'], dockerfile: df('FROM node:20-slim', 'RUN npm ci --omit=dev'), expect: 'none', note: '--omit=dev' },
  { peerRule: 'DL3062', ourCheck: 'no-build-tools-in-final-image', messageIds: ['devDependencies'], dockerfile: df('FROM node:20-slim', 'RUN npm install --production --no-audit'), expect: 'none', note: '--production' },
  { peerRule: 'DL3062', ourCheck: 'no-build-tools-in-final-image', messageIds: ['devDependencies'], dockerfile: df('FROM node:20-slim', 'RUN npm run build'), expect: 'none', note: 'npm run' },
  { peerRule: 'DL3062', ourCheck: 'no-build-tools-in-final-image', messageIds: ['devDependencies'], dockerfile: df('FROM node:20-slim', 'ENV NODE_ENV=production', 'RUN npm ci'), expect: 'finding', note: 'hadolint ignores NODE_ENV', deliberate: 'with NODE_ENV=production npm omits dev dependencies' },
  { peerRule: 'DL3062', ourCheck: 'no-build-tools-in-final-image', messageIds: ['devDependencies'], dockerfile: df('FROM node:20 AS build', 'RUN npm ci && npm run build', 'FROM node:20-slim', 'COPY --from=build /app/dist /app'), expect: 'finding', note: 'dev install in a build stage', deliberate: 'a build stage needs its dev dependencies; they do not ship' },
  { peerRule: 'DL3062', ourCheck: 'no-build-tools-in-final-image', messageIds: ['devDependencies'], dockerfile: df('FROM node:20-slim', 'RUN npm install -g pnpm@9.1.0'), expect: 'finding', note: 'global tool install', deliberate: 'installing a named global package installs no devDependencies' },

  // ---- DL3009 / DS017-ish: apt lists -----------------------------------------------------------------
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN apt-get update && apt-get install -y python'), expect: 'finding', note: 'no cleanup' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN apt-get update && apt-get install -y python && rm -rf /var/lib/apt/lists/*'), expect: 'none', note: 'cleanup' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12 AS build', 'RUN apt-get update && apt-get install -y python', 'FROM scratch', 'COPY --from=build /x /x'), expect: 'none', note: 'build stage not reused' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12 AS base', 'RUN apt-get update && apt-get install -y python', 'FROM base', 'RUN true'), expect: 'finding', note: 'intermediate stage reused by FROM' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12 AS base', 'RUN true', 'FROM debian:12', 'RUN apt-get update && apt-get install -y python'), expect: 'finding', note: 'last stage' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y python'), expect: 'none', note: 'cache mount over the lists' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y python'), expect: 'none', note: 'cache mount over /var/lib/apt' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y python'), expect: 'finding', note: 'cache mount over the archive only' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN apt-get update \\', ' && apt-get install -y python \\', ' && rm -rf /var/lib/apt/lists/*'), expect: 'none', note: 'cleanup on a continuation line' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN apt-get update && apt-get install -y python', 'RUN rm -rf /var/lib/apt/lists/*'), expect: 'finding', note: 'cleanup in a later layer does not shrink the image' },

  // ---- DL3011 / DS008: port range -- no Bulwark counterpart (Docker itself rejects it); not mapped -----

  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN apt-get update && apt-get install -y python && apt-get clean'), expect: 'finding', note: 'apt-get clean keeps the lists' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'RUN --mount=type=cache,target=/var/cache/apt \\', '    --mount=type=cache,target=/var/lib/apt \\', '    apt-get update && apt-get install -y python'), expect: 'none', note: 'cache mounts over both directories' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN apt-get update && apt-get install -y python && rm -rf /var/lib/apt/lists'), expect: 'none', note: 'removes the lists directory itself' },
  { peerRule: 'DL3009', ourCheck: 'require-apt-lists-cleanup', dockerfile: df('FROM debian:12', 'RUN apt-get install -y python=3.11.2-1'), expect: 'none', note: 'no update, no lists fetched' },

  // ---- DL3015 / DS029: --no-install-recommends -------------------------------------------------------
  { peerRule: 'DL3015', ourCheck: 'require-apt-no-install-recommends', dockerfile: df('FROM debian:12', 'RUN apt-get install -y python=3.11.2-1'), expect: 'finding', note: 'missing' },
  { peerRule: 'DL3015', ourCheck: 'require-apt-no-install-recommends', dockerfile: df('FROM debian:12', 'RUN apt-get install -y --no-install-recommends python=3.11.2-1'), expect: 'none', note: 'present' },
  { peerRule: 'DL3015', ourCheck: 'require-apt-no-install-recommends', dockerfile: df('FROM debian:12', 'RUN apt-get -o APT::Install-Recommends=false install -y python'), expect: 'none', note: 'apt option' },
  { peerRule: 'DL3015', ourCheck: 'require-apt-no-install-recommends', dockerfile: df('FROM debian:12', 'RUN apt-get -y install python && apt-get -y --no-install-recommends install curl'), expect: 'finding', note: 'only one install has it' },
  { peerRule: 'DL3015', ourCheck: 'require-apt-no-install-recommends', dockerfile: df('FROM debian:12', 'RUN apt-get update'), expect: 'none', note: 'no install' },
  { peerRule: 'DL3015', ourCheck: 'require-apt-no-install-recommends', dockerfile: df('FROM debian:12', 'RUN apt install -y python'), expect: 'finding', note: 'apt install' },

  // ---- DL3019 / DS025: apk --no-cache ----------------------------------------------------------------
  { peerRule: 'DL3019', ourCheck: 'require-apk-no-cache', dockerfile: df('FROM alpine:3.19', 'RUN apk add curl=8.5.0-r0'), expect: 'finding', note: 'missing --no-cache' },
  { peerRule: 'DL3019', ourCheck: 'require-apk-no-cache', dockerfile: df('FROM alpine:3.19', 'RUN apk add --no-cache curl=8.5.0-r0'), expect: 'none', note: '--no-cache' },
  { peerRule: 'DL3019', ourCheck: 'require-apk-no-cache', dockerfile: df('FROM alpine:3.19', 'RUN apk --no-cache add curl=8.5.0-r0'), expect: 'none', note: 'global option before add' },
  { peerRule: 'DL3019', ourCheck: 'require-apk-no-cache', dockerfile: df('FROM alpine:3.19', 'RUN --mount=type=cache,target=/var/cache/apk apk add curl=8.5.0-r0'), expect: 'none', note: 'cache mount' },
  { peerRule: 'DL3019', ourCheck: 'require-apk-no-cache', dockerfile: df('FROM alpine:3.19', 'RUN apk update && apk add curl=8.5.0-r0 && rm -rf /var/cache/apk/*'), expect: 'finding', note: 'hadolint wants --no-cache', deliberate: 'removing /var/cache/apk in the same RUN leaves no cache in the layer' },

  // ---- DL3020 / CKV_DOCKER_4 / DS005: ADD instead of COPY --------------------------------------------
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD app.jar /app/'), expect: 'finding', note: 'local file' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD rootfs.tar.gz /'), expect: 'none', note: 'local archive is extracted' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD https://example.com/tool.tgz /opt/'), expect: 'none', note: 'URL' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD ["app.jar", "/app/"]'), expect: 'finding', note: 'JSON form' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD --chown=1000:1000 config.yaml /etc/app/'), expect: 'finding', note: 'with --chown' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'COPY app.jar /app/'), expect: 'none', note: 'COPY' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD image.tar.xz /'), expect: 'none', note: '.tar.xz archive' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD git@github.com:org/repo.git /src'), expect: 'none', note: 'git source' },
  {
    peerRule: 'CKV_DOCKER_4',
    ourCheck: 'no-add-for-local-files',
    dockerfile: df('FROM alpine:3.19', 'ADD https://example.com/tool.tgz /opt/'),
    expect: 'finding',
    note: 'Checkov flags every ADD',
    deliberate: 'ADD of a URL or archive has no COPY equivalent; URLs are judged by no-add-url-without-checksum',
  },

  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD bundle.zip /opt/'), expect: 'finding', note: 'zip is not extracted by ADD' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD "bundle.zip" /opt/'), expect: 'finding', note: 'quoted zip' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD "layer.tgz" /'), expect: 'none', note: 'quoted archive' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD "https://example.com/x" /opt/'), expect: 'none', note: 'quoted URL' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD data.bz2 /d/', 'ADD data.gz /d/', 'ADD data.xz /d/', 'ADD data.tar /d/'), expect: 'none', note: 'compressed and tar files' },
  { peerRule: 'DL3020', ourCheck: 'no-add-for-local-files', dockerfile: df('FROM alpine:3.19', 'ADD src/ /app/src/'), expect: 'finding', note: 'a folder' },

  // ---- DL3022: COPY --from an unknown stage; DL3023: COPY --from itself ------------------------------
  { peerRule: 'DL3022', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM golang:1.22 AS build', 'FROM alpine:3.19', 'COPY --from=biuld /out /app'), expect: 'finding', note: 'misspelt stage name' },
  { peerRule: 'DL3022', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM golang:1.22 AS build', 'FROM alpine:3.19', 'COPY --from=build /out /app'), expect: 'none', note: 'known stage' },
  { peerRule: 'DL3022', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM golang:1.22 AS build', 'FROM alpine:3.19', 'COPY --from=0 /out /app'), expect: 'none', note: 'stage index' },
  { peerRule: 'DL3022', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM alpine:3.19', 'COPY --from=nginx:1.25 /etc/nginx/nginx.conf /etc/nginx/'), expect: 'none', note: 'an image reference (has a tag)' },
  { peerRule: 'DL3022', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM alpine:3.19', 'COPY --from=docker.io/library/nginx:1.25 /x /x'), expect: 'none', note: 'fully qualified image' },
  { peerRule: 'DL3022', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM alpine:3.19', 'COPY --from=${BUILDER} /x /x'), expect: 'none', note: 'variable' },
  { peerRule: 'DL3022', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM golang:1.22 AS Build', 'FROM alpine:3.19', 'COPY --from=build /out /app'), expect: 'none', note: 'stage names are case-insensitive' },
  { peerRule: 'DL3022', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM alpine:3.19', 'COPY --from=5 /x /x'), expect: 'finding', note: 'stage index out of range' },
  { peerRule: 'DL3022', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM alpine:3.19', 'COPY --from=build /x /x', 'FROM golang:1.22 AS build'), expect: 'finding', note: 'stage defined later' },
  { peerRule: 'DL3023', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM golang:1.22 AS build', 'COPY --from=build /a /b'), expect: 'finding', note: 'COPY --from its own stage' },
  { peerRule: 'DL3023', ourCheck: 'no-copy-from-unknown-stage', dockerfile: df('FROM golang:1.22 AS build', 'FROM alpine:3.19 AS final', 'COPY --from=build /a /b'), expect: 'none', note: 'other stage' },

  // ---- DL3025 / DS023-ish: JSON form CMD / ENTRYPOINT ------------------------------------------------
  { peerRule: 'DL3025', ourCheck: 'require-exec-form-cmd-entrypoint', dockerfile: df('FROM alpine:3.19', 'CMD node server.js'), expect: 'finding', note: 'shell-form CMD' },
  { peerRule: 'DL3025', ourCheck: 'require-exec-form-cmd-entrypoint', dockerfile: df('FROM alpine:3.19', 'ENTRYPOINT /entrypoint.sh'), expect: 'finding', note: 'shell-form ENTRYPOINT' },
  { peerRule: 'DL3025', ourCheck: 'require-exec-form-cmd-entrypoint', dockerfile: df('FROM alpine:3.19', 'CMD ["node", "server.js"]'), expect: 'none', note: 'JSON form' },
  { peerRule: 'DL3025', ourCheck: 'require-exec-form-cmd-entrypoint', dockerfile: df('FROM alpine:3.19', 'ENTRYPOINT [ "/entrypoint.sh" ]'), expect: 'none', note: 'JSON form with spaces' },
  { peerRule: 'DL3025', ourCheck: 'require-exec-form-cmd-entrypoint', dockerfile: df('FROM alpine:3.19', "CMD ['node', 'server.js']"), expect: 'finding', note: 'single quotes are not JSON' },
  { peerRule: 'DL3025', ourCheck: 'require-exec-form-cmd-entrypoint', dockerfile: df('FROM alpine:3.19', 'CMD ["node", \\', '     "server.js"]'), expect: 'none', note: 'JSON form over a continuation' },

  // ---- DL4000 / DS022: MAINTAINER --------------------------------------------------------------------
  { peerRule: 'DL4000', ourCheck: 'no-maintainer', dockerfile: df('FROM alpine:3.19', 'MAINTAINER ops@example.com'), expect: 'finding', note: 'MAINTAINER' },
  { peerRule: 'DL4000', ourCheck: 'no-maintainer', dockerfile: df('FROM alpine:3.19', 'LABEL maintainer="ops@example.com"'), expect: 'none', note: 'LABEL instead' },
  { peerRule: 'DL4000', ourCheck: 'no-maintainer', dockerfile: df('FROM alpine:3.19', 'maintainer ops@example.com'), expect: 'finding', note: 'lower case' },

  // ---- DL4003 / DS016 / DL4004: multiple CMD / ENTRYPOINT --------------------------------------------
  { peerRule: 'DL4003', ourCheck: 'no-multiple-cmd-entrypoint-healthcheck', dockerfile: df('FROM alpine:3.19', 'CMD ["a"]', 'CMD ["b"]'), expect: 'finding', note: 'two CMDs' },
  { peerRule: 'DL4003', ourCheck: 'no-multiple-cmd-entrypoint-healthcheck', dockerfile: df('FROM alpine:3.19', 'CMD ["a"]'), expect: 'none', note: 'one CMD' },
  { peerRule: 'DL4003', ourCheck: 'no-multiple-cmd-entrypoint-healthcheck', dockerfile: df('FROM alpine:3.19 AS a', 'CMD ["a"]', 'FROM alpine:3.19', 'CMD ["b"]'), expect: 'none', note: 'one per stage' },
  { peerRule: 'DL4003', ourCheck: 'no-multiple-cmd-entrypoint-healthcheck', dockerfile: df('FROM alpine:3.19', 'ONBUILD CMD ["a"]', 'CMD ["b"]'), expect: 'none', note: 'ONBUILD trigger is another image\'s' },
  { peerRule: 'DL4004', ourCheck: 'no-multiple-cmd-entrypoint-healthcheck', dockerfile: df('FROM alpine:3.19', 'ENTRYPOINT ["a"]', 'ENTRYPOINT ["b"]'), expect: 'finding', note: 'two ENTRYPOINTs' },
  { peerRule: 'DL4004', ourCheck: 'no-multiple-cmd-entrypoint-healthcheck', dockerfile: df('FROM alpine:3.19', 'ENTRYPOINT ["a"]', 'CMD ["b"]'), expect: 'none', note: 'ENTRYPOINT plus CMD' },
  { peerRule: 'DS016', ourCheck: 'no-multiple-cmd-entrypoint-healthcheck', dockerfile: df('FROM alpine:3.19', 'HEALTHCHECK CMD true', 'HEALTHCHECK NONE'), expect: 'finding', note: 'two HEALTHCHECKs (DL3012)' },

  // ---- DL3042 / DS030-ish: pip --no-cache-dir --------------------------------------------------------
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN pip install requests==2.31.0'), expect: 'finding', note: 'missing' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --no-cache-dir requests==2.31.0'), expect: 'none', note: 'present' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install requests==2.31.0'), expect: 'none', note: 'env var' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN PIP_NO_CACHE_DIR=1 pip install requests==2.31.0'), expect: 'none', note: 'inline env var' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN --mount=type=cache,target=/root/.cache/pip pip install requests==2.31.0'), expect: 'none', note: 'cache mount' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN pipenv install'), expect: 'none', note: 'pipenv is not pip' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN python3 -m pip install requests==2.31.0'), expect: 'finding', note: 'python -m pip' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN pip install --upgrade pip==24.0 && pip install --no-cache-dir flask==3.0.3'), expect: 'finding', note: 'one of two installs without it' },

  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN pip3 install attrs==23.2.0 --no-cache-dir'), expect: 'none', note: 'flag after the package' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN pipx install black==24.4.2'), expect: 'none', note: 'pipx is not pip' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'ENV PIP_NO_CACHE_DIR=off', 'RUN pip install attrs==23.2.0'), expect: 'finding', note: 'falsy ENV value', deliberate: 'pip turns the cache off for any boolean value of PIP_NO_CACHE_DIR, false and 0 included (pip keeps that for backward compatibility)' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'ENV PIP_NO_CACHE_DIR=true', 'RUN pip install attrs==23.2.0'), expect: 'none', note: 'truthy ENV value' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN PIP_NO_CACHE_DIR=0 pip install attrs==23.2.0'), expect: 'finding', note: 'falsy inline value', deliberate: 'pip turns the cache off for any boolean value of PIP_NO_CACHE_DIR, false and 0 included (pip keeps that for backward compatibility)' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN export PIP_NO_CACHE_DIR=yes && pip install attrs==23.2.0'), expect: 'none', note: 'exported in the same RUN' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim', 'RUN export PIP_NO_CACHE_DIR=no && pip install attrs==23.2.0'), expect: 'finding', note: 'exported falsy', deliberate: 'pip turns the cache off for any boolean value of PIP_NO_CACHE_DIR, false and 0 included (pip keeps that for backward compatibility)' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim AS base', 'ENV PIP_NO_CACHE_DIR=1', 'FROM base', 'RUN pip install attrs==23.2.0'), expect: 'none', note: 'ENV inherited from the parent stage' },
  { peerRule: 'DL3042', ourCheck: 'require-pip-no-cache-dir', dockerfile: df('FROM python:3.12-slim AS base', 'ENV PIP_NO_CACHE_DIR=1', 'FROM python:3.12-slim', 'RUN pip install attrs==23.2.0'), expect: 'finding', note: 'ENV of an unrelated stage' },

  // ---- CKV_DOCKER_1 / DS004: EXPOSE 22 ---------------------------------------------------------------
  { peerRule: 'CKV_DOCKER_1', ourCheck: 'no-ssh-port-exposed', dockerfile: df('FROM alpine:3.19', 'EXPOSE 22'), expect: 'finding', note: 'port 22' },
  { peerRule: 'CKV_DOCKER_1', ourCheck: 'no-ssh-port-exposed', dockerfile: df('FROM alpine:3.19', 'EXPOSE 80 22/tcp'), expect: 'finding', note: 'among others, with protocol' },
  { peerRule: 'CKV_DOCKER_1', ourCheck: 'no-ssh-port-exposed', dockerfile: df('FROM alpine:3.19', 'EXPOSE 2222'), expect: 'none', note: 'another port containing 22' },
  { peerRule: 'CKV_DOCKER_1', ourCheck: 'no-ssh-port-exposed', dockerfile: df('FROM alpine:3.19', 'EXPOSE 8022 220'), expect: 'none', note: 'ports ending/starting with 22' },
  { peerRule: 'DS004', ourCheck: 'no-ssh-port-exposed', dockerfile: df('FROM alpine:3.19', 'EXPOSE 20-30'), expect: 'finding', note: 'a range covering 22' },
  { peerRule: 'DS004', ourCheck: 'no-ssh-port-exposed', dockerfile: df('FROM alpine:3.19', 'EXPOSE 22/udp'), expect: 'finding', note: 'Trivy flags any 22', deliberate: 'SSH is TCP; UDP 22 is not the SSH service' },
  { peerRule: 'CKV_DOCKER_1', ourCheck: 'no-ssh-port-exposed', dockerfile: df('FROM alpine:3.19 AS tools', 'EXPOSE 22', 'FROM alpine:3.19', 'COPY --from=tools /x /x'), expect: 'finding', note: 'EXPOSE in a build stage', deliberate: 'EXPOSE of a stage that does not ship has no effect on the final image' },

  // ---- CKV_DOCKER_2 / DS026: HEALTHCHECK -------------------------------------------------------------
  { peerRule: 'CKV_DOCKER_2', ourCheck: 'require-healthcheck', dockerfile: df('FROM alpine:3.19', 'CMD ["app"]'), expect: 'finding', note: 'none' },
  { peerRule: 'CKV_DOCKER_2', ourCheck: 'require-healthcheck', dockerfile: df('FROM alpine:3.19', 'HEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1'), expect: 'none', note: 'present' },
  { peerRule: 'CKV_DOCKER_2', ourCheck: 'require-healthcheck', dockerfile: df('FROM alpine:3.19', 'HEALTHCHECK --interval=30s CMD ["/healthz"]'), expect: 'none', note: 'with options, exec form' },
  { peerRule: 'CKV_DOCKER_2', ourCheck: 'require-healthcheck', dockerfile: df('FROM alpine:3.19', 'healthcheck CMD true'), expect: 'none', note: 'lower case' },

  // ---- CKV_DOCKER_5 / DS017: apt-get update alone ----------------------------------------------------
  // Bulwark reads the same concern through require-apt-lists-cleanup (a lone update leaves lists). Checkov's
  // cache-busting concern (a stale update layer) has no separate Bulwark check: not mapped.

  // ---- CKV_DOCKER_9 / DS029: apt (not apt-get) -- style, no Bulwark counterpart; not mapped ----------

  // ---- CKV_DOCKER_11 / DS012: duplicate FROM alias -----------------------------------------------------
  // No Bulwark check (BuildKit refuses duplicate stage names, so the build fails): not mapped.

  // ---- Trivy DS031 / CKV_DOCKER_*: secrets --------------------------------------------------------------
  { peerRule: 'DS031', ourCheck: 'no-secret-in-dockerfile', dockerfile: df('FROM alpine:3.19', 'ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYq9'), expect: 'finding', note: 'credential-named ENV' },
  { peerRule: 'DS031', ourCheck: 'no-secret-in-dockerfile', dockerfile: df('FROM alpine:3.19', 'ENV DB_PASSWORD_FILE=/run/secrets/db'), expect: 'none', note: '_FILE points to a file' },
  { peerRule: 'DS031', ourCheck: 'no-secret-in-dockerfile', dockerfile: df('FROM node:20-slim', 'RUN echo "//registry.npmjs.org/:_authToken=3f9c2a7e-41b2-4d8e-9a6f-0c1d2e3f4a5b" > ~/.npmrc'), expect: 'finding', note: 'npm auth token written in RUN' },
  { peerRule: 'DS031', ourCheck: 'no-secret-in-dockerfile', dockerfile: df('FROM node:20-slim', 'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc'), expect: 'none', note: 'token from a variable' },

  // ---- SC-pipe (hadolint DL4006 + ShellCheck advice, Trivy DS-curl): curl | sh ------------------------
  { peerRule: 'curl|sh', ourCheck: 'no-curl-pipe-to-shell', dockerfile: df('FROM debian:12', 'RUN curl -fsSL https://get.example.com | sh'), expect: 'finding', note: 'curl to sh' },
  { peerRule: 'curl|sh', ourCheck: 'no-curl-pipe-to-shell', dockerfile: df('FROM debian:12', 'RUN wget -qO- https://get.example.com | sudo bash -s -- --yes'), expect: 'finding', note: 'wget to sudo bash' },
  { peerRule: 'curl|sh', ourCheck: 'no-curl-pipe-to-shell', dockerfile: df('FROM debian:12', 'RUN curl -fsSL https://example.com/key.gpg | gpg --dearmor -o /usr/share/keyrings/x.gpg'), expect: 'none', note: 'piped to gpg' },
  { peerRule: 'curl|sh', ourCheck: 'no-curl-pipe-to-shell', dockerfile: df('FROM debian:12', 'RUN curl -fsSL -o install.sh https://get.example.com && sha256sum -c install.sh.sha256 && sh install.sh'), expect: 'none', note: 'downloaded, verified, run' },
  { peerRule: 'curl|sh', ourCheck: 'no-curl-pipe-to-shell', dockerfile: df('FROM debian:12', 'RUN sh -c "$(curl -fsSL https://get.example.com)"'), expect: 'finding', note: 'command substitution' },
  { peerRule: 'curl|sh', ourCheck: 'no-curl-pipe-to-shell', dockerfile: df('FROM debian:12', 'RUN curl -fsSL https://get.example.com \\', '  | bash'), expect: 'finding', note: 'pipe on a continuation line' },
  { peerRule: 'curl|sh', ourCheck: 'no-curl-pipe-to-shell', dockerfile: df('FROM debian:12', 'RUN curl -fsSL https://x.example.com/a.tgz | tar -xz -C /opt'), expect: 'none', note: 'piped to tar' },
  { peerRule: 'curl|sh', ourCheck: 'no-curl-pipe-to-shell', dockerfile: df('FROM python:3.12-slim', 'RUN curl -sSL https://install.python-poetry.org | python3 -'), expect: 'finding', note: 'piped to an interpreter' },
];

/** Case names as printed: rule, index within the rule, note. */
function caseName(c: PeerCase, i: number): string {
  return `${c.peerRule} #${i + 1} (${c.ourCheck}): ${c.note}`;
}

test('Dockerfile peer-rule conformance', () => {
  const checks = new Map(BUILTIN_CHECKS.map((c) => [c.meta.id, c]));
  const perRule = new Map<string, { ourCheck: Set<string>; cases: number; agree: number; deliberate: number }>();
  const failures: string[] = [];
  const deliberateRows: string[][] = [];
  PEER_CASES.forEach((c, i) => {
    const check = checks.get(c.ourCheck);
    const row = perRule.get(c.peerRule) ?? { ourCheck: new Set<string>(), cases: 0, agree: 0, deliberate: 0 };
    perRule.set(c.peerRule, row);
    row.ourCheck.add(c.ourCheck);
    row.cases++;
    if (!check) {
      failures.push(`${caseName(c, i)}: check not registered`);
      return;
    }
    const result = runDockerfileCheck(check, c.dockerfile);
    const errors = result.problems?.filter((p) => p.level === 'error') ?? [];
    const own = result.findings.filter((f) => f.checkId === c.ourCheck && !f.suppressed && (!c.messageIds || c.messageIds.includes(f.messageId)));
    const ours: PeerCase['expect'] = own.length > 0 ? 'finding' : 'none';
    if (errors.length > 0) failures.push(`${caseName(c, i)}: input errors ${errors.map((e) => e.message).join('; ')}`);
    if (c.deliberate) {
      if (ours !== c.expect) {
        row.deliberate++;
        deliberateRows.push([c.peerRule, c.ourCheck, c.note, c.deliberate]);
      } else failures.push(`${caseName(c, i)}: marked deliberate but Bulwark now agrees (${ours}); drop the mark`);
    } else if (ours === c.expect) row.agree++;
    else failures.push(`${caseName(c, i)}: peer ${c.expect}, Bulwark ${ours}${own.length ? ` — ${own.map((f) => f.message).join(' | ')}` : ''}`);
  });
  const rows = [...perRule.entries()].map(([rule, r]) => [rule, [...r.ourCheck].join(', '), String(r.cases), String(r.agree), String(r.deliberate), percent(r.agree, r.cases - r.deliberate)]);
  const total = [...perRule.values()].reduce((a, r) => ({ cases: a.cases + r.cases, agree: a.agree + r.agree, deliberate: a.deliberate + r.deliberate }), { cases: 0, agree: 0, deliberate: 0 });
  rows.push(['TOTAL', '', String(total.cases), String(total.agree), String(total.deliberate), percent(total.agree, total.cases - total.deliberate)]);
  console.log(formatTable(['peer rule', 'Bulwark check', 'cases', 'agree', 'deliberate', 'agreement'], rows));
  if (deliberateRows.length) console.log('\nDeliberate differences:\n' + formatTable(['peer rule', 'Bulwark check', 'case', 'why'], deliberateRows));
  assert.deepEqual(failures, [], `disagreements:\n${failures.join('\n')}`);
});

test('every peer case names a registered Dockerfile check and a known message id', () => {
  const checks = new Map(BUILTIN_CHECKS.map((c) => [c.meta.id, c]));
  for (const c of PEER_CASES) {
    const check = checks.get(c.ourCheck);
    assert.ok(check, `unknown check ${c.ourCheck}`);
    assert.equal(check.meta.category, 'dockerfile');
    for (const m of c.messageIds ?? []) assert.ok(m in check.meta.messages, `${c.ourCheck} has no message ${m}`);
  }
});
