import { CheckTester } from '../../testing/check-tester.js';
import { noSudoOrSshServerInstalled } from './no-sudo-or-ssh-server-installed.js';

CheckTester.run(noSudoOrSshServerInstalled, {
  valid: [
    { name: 'ssh client only', dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-client git\n' },
    { name: 'build stage only', dockerfile: 'FROM alpine:3.20 AS b\nRUN apk add --no-cache sudo openssh\nFROM alpine:3.20\n' },
    { name: 'removed again in the same RUN', dockerfile: 'FROM debian:12-slim\nRUN apt-get install -y sudo && make && apt-get purge -y sudo\n' },
    { name: 'apk virtual group deleted', dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .tmp sudo && do-things && apk del .tmp\n' },
  ],
  invalid: [
    {
      name: 'apt-get sudo and openssh-server on their own lines',
      dockerfile: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y \\\n    sudo=1.9.15p5-3ubuntu5 \\\n    openssh-server\n',
      findings: [
        { messageId: 'installed', path: '/spec/instructions/1', line: 3, message: /"sudo" \(sudo\) is installed into the final image by apt-get/ },
        { messageId: 'installed', path: '/spec/instructions/1', line: 4, message: /SSH server/ },
      ],
    },
    {
      name: 'apk openssh (includes sshd), lower-case',
      dockerfile: 'FROM alpine:3.20\nrun apk add --no-cache openssh\n',
      findings: [{ messageId: 'installed', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'dnf with options, in the base stage of the final one',
      dockerfile: 'FROM fedora:40 AS base\nRUN dnf install -y --setopt=tsflags=nodocs sudo-1.9.15 && dnf clean all\nFROM base\n',
      findings: [{ messageId: 'installed', path: '/spec/instructions/1', line: 2, message: /"sudo"/ }],
    },
  ],
});
