import { CheckTester } from '../../testing/check-tester.js';
import { noSudo } from './no-sudo.js';

// Like hadolint DL3004, every stage is checked (any stage can be a --target). Installing the sudo
// package is no-sudo-or-ssh-server-installed's finding, not this one's.
CheckTester.run(noSudo, {
  valid: [
    { name: 'root work before USER', dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo\nUSER app\n' },
    { name: 'sudo as an argument, not a command', dockerfile: 'FROM alpine:3.20\nRUN echo sudo && grep sudo /etc/group\n' },
    { name: 'gosu to drop privileges', dockerfile: 'FROM debian:12-slim\nRUN gosu nobody true\n' },
  ],
  invalid: [
    {
      name: 'sudo in an && chain on a continuation line',
      dockerfile: 'FROM ubuntu:24.04\nUSER app\nRUN echo start && \\\n    sudo apt-get update\n',
      findings: [{ messageId: 'sudo', path: '/spec/instructions/2', line: 4, message: /sudo to run "apt-get"/ }],
    },
    {
      name: 'sudo with options behind an assignment, lower-case RUN',
      dockerfile: 'FROM ubuntu:24.04\nrun DEBIAN_FRONTEND=noninteractive sudo -E -u root /usr/bin/make install\n',
      findings: [{ messageId: 'sudo', path: '/spec/instructions/1', line: 2, message: /"make"/ }],
    },
    {
      name: 'heredoc and a build stage',
      dockerfile: 'FROM alpine:3.20 AS build\nRUN <<EOF\nset -e\ndoas apk add gcc\nEOF\nFROM alpine:3.20\n',
      findings: [{ messageId: 'sudo', path: '/spec/instructions/1', line: 4, message: /doas/ }],
    },
    {
      name: 'inside sh -c',
      dockerfile: 'FROM alpine:3.20\nRUN sh -c "sudo chown app /data"\n',
      findings: [{ messageId: 'sudo', path: '/spec/instructions/1', line: 2 }],
    },
  ],
});
