import { CheckTester } from '../../testing/check-tester.js';
import { noBuildToolsInFinalImage } from './no-build-tools-in-final-image.js';

// A package removed in a later RUN also counts as gone (it is no longer in the container's
// filesystem, though a lower layer still holds it: image size is not this check's concern).
CheckTester.run(noBuildToolsInFinalImage, {
  valid: [
    { name: 'multi-stage: gcc only in the build stage', dockerfile: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc make\nRUN make\nFROM debian:12-slim\nCOPY --from=build /src/app /app\n' },
    { name: 'apk virtual build deps deleted in the same RUN', dockerfile: 'FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install --no-cache-dir cryptography==42.0.5 \\\n && apk del .build-deps\n' },
    { name: 'apt purge', dockerfile: 'FROM debian:12-slim\nRUN apt-get install -y build-essential && make && apt-get purge -y --auto-remove build-essential\n' },
    { name: 'apt-get purge after an option that takes a value', dockerfile: 'FROM debian:12-slim\nRUN apt-get install -y gcc && make && apt-get -o Dpkg::Use-Pty=0 purge -y gcc\n' },
    { name: 'dnf/apk/zypper removals after options with values, in a later RUN', dockerfile: 'FROM fedora:40\nRUN dnf install -y gdb-14.2 strace\nRUN dnf -c /etc/dnf/dnf.conf remove -y gdb && zypper -R / rm strace\n' },
    { name: 'pacman -S then pacman -Rns', dockerfile: 'FROM archlinux:base\nRUN pacman -Sy --noconfirm base-devel && make && pacman -Rns --noconfirm base-devel\n' },
    { name: 'npm ci --omit=dev and NODE_ENV', dockerfile: 'FROM node:20-slim\nRUN npm ci --omit=dev\nENV NODE_ENV=production\nRUN npm install\n' },
    { name: 'npm prune after the build', dockerfile: 'FROM node:20-slim\nRUN npm ci && npm run build && npm prune --omit=dev\n' },
    { name: 'global tool install', dockerfile: 'FROM node:20-slim\nRUN npm install -g pm2@5.3.1\n' },
    { name: 'runtime libraries that only look similar', dockerfile: 'FROM debian:12-slim\nRUN apt-get install -y libgcc-s1 makedev gosu netbase\n' },
  ],
  invalid: [
    {
      name: 'single stage with build-essential and golang',
      dockerfile: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential golang-go=2:1.22~2\n',
      findings: [
        { messageId: 'buildTool', path: '/spec/instructions/1', line: 2, message: /"build-essential" \(a compiler toolchain\)/ },
        { messageId: 'buildTool', path: '/spec/instructions/1', line: 2, message: /"golang-go" \(the Go toolchain\)/ },
      ],
    },
    {
      name: 'debuggers and network tools, sudo-wrapped apk, lower-case',
      dockerfile: 'FROM alpine:3.20\nrun sudo apk add --no-cache strace tcpdump netcat-openbsd\n',
      findings: [
        { messageId: 'debugTool', path: '/spec/instructions/1', line: 2, message: /strace/ },
        { messageId: 'debugTool', path: '/spec/instructions/1', line: 2, message: /tcpdump/ },
        { messageId: 'debugTool', path: '/spec/instructions/1', line: 2, message: /netcat-openbsd/ },
      ],
    },
    {
      name: 'installed in the stage the final one is built FROM; versioned rpm and gcc-12',
      dockerfile: 'FROM fedora:40 AS base\nRUN dnf install -y gcc-14.1.1 gdb\nFROM base\nRUN apt-get install -y g++-12\n',
      findings: [
        { messageId: 'buildTool', path: '/spec/instructions/1', line: 2, message: /"gcc"/ },
        { messageId: 'debugTool', path: '/spec/instructions/1', line: 2, message: /"gdb"/ },
        { messageId: 'buildTool', path: '/spec/instructions/3', line: 4, message: /"g\+\+-12"/ },
      ],
    },
    {
      name: 'packages on continuation lines are reported on their own lines',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    ca-certificates \\\n    gcc \\\n    strace\n',
      findings: [
        { messageId: 'buildTool', path: '/spec/instructions/1', line: 4, message: /"gcc"/ },
        { messageId: 'debugTool', path: '/spec/instructions/1', line: 5, message: /"strace"/ },
      ],
    },
    {
      name: 'pacman -S and -Syu install; removing another package or pip uninstall leaves them',
      dockerfile: 'FROM archlinux:base\nRUN pacman -Syu --noconfirm \\\n    gdb \\\n    make && pacman -Rs --noconfirm vim && pip uninstall -y gdb\n',
      findings: [
        { messageId: 'debugTool', path: '/spec/instructions/1', line: 3, message: /"gdb" .* by pacman/ },
        { messageId: 'buildTool', path: '/spec/instructions/1', line: 4, message: /"make"/ },
      ],
    },
    {
      name: 'virtual group not deleted',
      dockerfile: 'FROM alpine:3.20\nRUN apk add --virtual .build-deps make\n',
      findings: [{ messageId: 'buildTool', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'npm ci and npm install ship devDependencies',
      dockerfile: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nRUN NODE_ENV=development npm install --omit=optional\n',
      findings: [
        { messageId: 'devDependencies', path: '/spec/instructions/3', line: 4, message: /`npm ci`/ },
        { messageId: 'devDependencies', path: '/spec/instructions/4', line: 5 },
      ],
    },
  ],
});
