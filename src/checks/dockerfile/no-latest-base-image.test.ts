import { CheckTester } from '../../testing/check-tester.js';
import { noLatestBaseImage } from './no-latest-base-image.js';

CheckTester.run(noLatestBaseImage, {
  valid: [
    'FROM node:20.18-slim\n',
    { name: 'latest pinned by digest', dockerfile: `FROM node:latest@sha256:${'a'.repeat(64)}\n` },
    { name: 'digest only', dockerfile: `FROM node@sha256:${'b'.repeat(64)}\n` },
    { name: 'scratch and stage names are not images', dockerfile: 'FROM golang:1.22 AS build\nFROM build AS test\nFROM scratch\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\n' },
    { name: 'tag from an unresolved ARG', dockerfile: 'ARG VERSION\nFROM node:${VERSION}\n' },
    { name: 'tag from an ARG default', dockerfile: 'ARG VERSION=20\nFROM node:${VERSION}\n' },
    { name: 'registry port is not a tag', dockerfile: 'FROM localhost:5000/app:1.2\n' },
  ],
  invalid: [
    { name: 'untagged', dockerfile: 'FROM ubuntu\n', findings: [{ messageId: 'noTag', path: '/spec/instructions/0', line: 1 }] },
    { name: 'registry with port, untagged', dockerfile: 'FROM localhost:5000/app\n', findings: [{ messageId: 'noTag', path: '/spec/instructions/0', line: 1 }] },
    { name: 'latest in a build stage, lower-case from', dockerfile: 'from golang:latest as build\nFROM alpine:3.20\n', findings: [{ messageId: 'latest', path: '/spec/instructions/0', line: 1 }] },
    { name: 'ARG default without tag', dockerfile: 'ARG BASE=python\nFROM ${BASE}\n', findings: [{ messageId: 'noTag', path: '/spec/instructions/1', line: 2 }] },
    { name: 'COPY --from an external image', dockerfile: 'FROM alpine:3.20\nCOPY --from=nginx:latest /etc/nginx/nginx.conf /x\n', findings: [{ messageId: 'latest', path: '/spec/instructions/1', line: 2, message: /COPY --from/ }] },
  ],
});
