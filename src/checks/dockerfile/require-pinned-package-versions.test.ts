import { CheckTester } from '../../testing/check-tester.js';
import { requirePinnedPackageVersions } from './require-pinned-package-versions.js';

/*
 * Deliberate differences from hadolint:
 * - yum/dnf (DL3033/DL3041): hadolint accepts any "-" in the name, so `python3-devel` or `epel-release`
 *   count as pinned; rpm's name-version[-release] form needs the part after the last "-" to be a version
 *   (start with a digit), so those are reported here and `tomcat-9.2`, `nginx-1:1.20.1-1.el9` are not.
 * - pip (DL3013): hadolint accepts any comparison (`>=1.0`); an open range installs whatever is newest,
 *   so only ==, ===, ~= or a range bounded on both sides pin. hadolint skips the whole command when
 *   `-r` is present; packages named next to `-r` are still judged here (they are installed unpinned).
 * - go install (DL3062): without @version the version comes from the main module's go.mod (outside a
 *   module go refuses to run), so only @latest/@branch-style queries are reported.
 * - A whole-word variable or substitution (`apt-get install $PACKAGES`, `$(cat list)`) hides the list:
 *   not reported (unknown), while a variable version (`curl=${CURL_VERSION}`) is a pin.
 */
CheckTester.run(requirePinnedPackageVersions, {
  valid: [
    { name: 'apt-get with options around the subcommand', dockerfile: 'FROM debian:12-slim\nRUN apt-get -y --no-install-recommends install -q curl=7.88.1-10 ca-certificates=20230311\n' },
    { name: 'apt and variable versions, local .deb', dockerfile: 'FROM debian:12-slim\nARG CURL_VERSION=7.88.1-10\nRUN apt install -y curl=${CURL_VERSION} ./pkg.deb /tmp/x.deb\n' },
    { name: 'apt -t release consumes its argument', dockerfile: 'FROM debian:12-slim\nRUN apt-get install -t bookworm-backports -y git=1:2.43.0-1~bpo12+1\n' },
    { name: 'apk --virtual name is not a package', dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2\n' },
    { name: 'yum/dnf/microdnf name-version, rpm files, groups', dockerfile: 'FROM rockylinux:9\nRUN yum install -y tomcat-9.2 nginx-1:1.20.1-1.el9 ./local.rpm @development && dnf -y install --setopt=tsflags=nodocs httpd-2.4.57 && microdnf install -y curl-7.76.1\n' },
    { name: 'pip: pins, requirements, local, VCS with ref, constraints', dockerfile: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 "requests[socks]~=2.32" && pip3 install --user -r requirements.txt && python -m pip install . && pip install -e ./lib && pip install git+https://github.com/a/b.git@v1.2#egg=b && pip install -c constraints.txt django\n' },
    { name: 'pip bounded range and wheel', dockerfile: 'FROM python:3.12-slim\nRUN pip install "numpy>=1.26,<1.27" dist/app-1.0-py3-none-any.whl\n' },
    { name: 'npm ci, npm install without packages, pinned names', dockerfile: 'FROM node:20-slim\nRUN npm ci --omit=dev && npm install && npm install -g typescript@5.6.2 @angular/cli@18.2.1 ./local-pkg && yarn add left-pad@1.3.0 && pnpm add zod@3.23.8\n' },
    { name: 'gem with -v or name:version', dockerfile: 'FROM ruby:3.3-slim\nRUN gem install bundler -v 2.5.22 && gem install rails:7.2.1 --no-document\n' },
    { name: 'go install with a version, or from go.mod', dockerfile: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.2 && go install ./cmd/... && go install -ldflags "-s -w" example.com/tool\n' },
    { name: 'cargo with --version or name@version', dockerfile: 'FROM rust:1.80\nRUN cargo install ripgrep@14.1.0 && cargo install --locked cargo-audit --version 0.20.0\n' },
    { name: 'package list in a variable is unknown', dockerfile: 'FROM debian:12-slim\nRUN apt-get install -y $PACKAGES $(cat /pkgs.txt)\n' },
    { name: 'not an install', dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get remove -y curl && pip download flask && npm run build\n' },
  ],
  invalid: [
    {
      name: 'apt-get with sudo and env prefix, chained',
      dockerfile: 'FROM ubuntu:22.04\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y --no-install-recommends curl git=1:2.34.1-1ubuntu1\n',
      findings: [{ messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /apt-get installs "curl".*curl=<version>/ }],
    },
    {
      name: 'apt target release is not a version',
      dockerfile: 'FROM debian:12-slim\nRUN apt install -y curl/bookworm-backports\n',
      findings: [{ messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /curl=<version>/ }],
    },
    {
      name: 'apk add with --virtual: gcc is unpinned, repository tag is not a version',
      dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0 edge-pkg@testing\n',
      findings: [
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /"gcc"/ },
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /"edge-pkg@testing"/ },
      ],
    },
    {
      name: 'yum/dnf names with dashes are still names',
      dockerfile: 'FROM rockylinux:9\nRUN yum install -y epel-release python3-devel && dnf install -y java-17-openjdk\n',
      findings: [
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /"epel-release".*epel-release-<version>/ },
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /"python3-devel"/ },
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /"java-17-openjdk"/ },
      ],
    },
    {
      name: 'pip variants: pip3 --user, python -m pip, -U, open range, -r next to a named package, VCS without ref',
      dockerfile: 'FROM python:3.12-slim\nRUN pip3 install --user flask && python3 -m pip install -U pip\nRUN pip install "django>=4" -r requirements.txt && pip install git+https://github.com/a/b.git\n',
      findings: [
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /pip3 installs "flask".*flask==<version>/ },
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /python3 -m pip installs "pip"/ },
        { messageId: 'unpinned', path: '/spec/instructions/2', line: 3, message: /"django>=4"/ },
        { messageId: 'unpinned', path: '/spec/instructions/2', line: 3, message: /git\+https/ },
      ],
    },
    {
      name: 'npm, yarn global, dist-tags',
      dockerfile: 'FROM node:20-slim\nRUN npm install -g typescript @angular/cli@latest && yarn global add nodemon\n',
      findings: [
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /"typescript".*typescript@<version>/ },
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /"@angular\/cli@latest".*@angular\/cli@<version>/ },
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /yarn installs "nodemon"/ },
      ],
    },
    {
      name: 'gem, go @latest, cargo',
      dockerfile: 'FROM golang:1.22\nRUN gem install bundler && go install golang.org/x/tools/gopls@latest && cargo install ripgrep\n',
      findings: [
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /gem installs "bundler"/ },
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /go installs "golang.org\/x\/tools\/gopls@latest"/ },
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 2, message: /cargo installs "ripgrep"/ },
      ],
    },
    {
      name: 'heredoc, lower-case run, multi-stage: build stages count too',
      dockerfile: 'FROM debian:12 AS build\nrun <<EOF\napt-get update\napt-get install -y gcc\nEOF\nFROM debian:12-slim\nCOPY --from=build /a /a\n',
      findings: [{ messageId: 'unpinned', path: '/spec/instructions/1', line: 4 }],
    },
    {
      name: 'each package on a continuation line: reported on its own line',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install -y \\\n      curl \\\n      wget=1.21.3-1+b2 \\\n      jq\n',
      findings: [
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 4, message: /"curl"/ },
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 6, message: /"jq"/ },
      ],
    },
    {
      name: 'a package whose name is a prefix of an earlier one is found on its own line',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get install -y \\\n      gcc-12 \\\n      gcc\n',
      findings: [
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 3, message: /"gcc-12"/ },
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 4, message: /"gcc"/ },
      ],
    },
    {
      name: 'a comment line inside the continuation does not shift the lines',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get install -y \\\n# pinned below: jq\n      jq=1.6-2.1 \\\n      curl\n',
      findings: [{ messageId: 'unpinned', path: '/spec/instructions/1', line: 5, message: /"curl"/ }],
    },
    {
      name: 'exec form with sh -c and # escape=` directive',
      dockerfile: '# escape=`\nFROM debian:12-slim\nRUN apt-get install -y `\n    curl\nRUN ["/bin/sh", "-c", "apk add tini"]\n',
      findings: [
        { messageId: 'unpinned', path: '/spec/instructions/1', line: 4, message: /"curl"/ },
        { messageId: 'unpinned', path: '/spec/instructions/2', line: 5, message: /"tini"/ },
      ],
    },
  ],
});
