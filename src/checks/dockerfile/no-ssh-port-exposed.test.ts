import { CheckTester } from '../../testing/check-tester.js';
import { noSshPortExposed } from './no-ssh-port-exposed.js';

// Differences: 22/udp is not SSH and a stage that does not ship is not reported (Checkov CKV_DOCKER_1
// looks at every EXPOSE); ranges and ARG/ENV defaults are resolved.
CheckTester.run(noSshPortExposed, {
  valid: [
    { name: 'web ports', dockerfile: 'FROM nginx:1.27\nEXPOSE 80 443/tcp 2222\n' },
    { name: 'udp 22', dockerfile: 'FROM alpine:3.20\nEXPOSE 22/udp\n' },
    { name: 'range without 22', dockerfile: 'FROM alpine:3.20\nEXPOSE 8000-8100\n' },
    { name: 'build stage', dockerfile: 'FROM alpine:3.20 AS b\nEXPOSE 22\nFROM alpine:3.20\nEXPOSE 8080\n' },
  ],
  invalid: [
    {
      name: 'EXPOSE 22 among others',
      dockerfile: 'FROM ubuntu:24.04\nEXPOSE 80 22\n',
      findings: [{ messageId: 'sshPort', path: '/spec/instructions/1', line: 2, message: /EXPOSE 22 / }],
    },
    {
      name: '22/tcp, lower-case',
      dockerfile: 'FROM ubuntu:24.04\nexpose 22/tcp\n',
      findings: [{ messageId: 'sshPort', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'range including 22',
      dockerfile: 'FROM ubuntu:24.04\nEXPOSE 20-25/tcp\n',
      findings: [{ messageId: 'sshPort', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'ARG default, inherited from the base stage',
      dockerfile: 'FROM ubuntu:24.04 AS base\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}\nFROM base\nCMD ["/usr/sbin/sshd", "-D"]\n',
      findings: [{ messageId: 'sshPort', path: '/spec/instructions/2', line: 3, message: /\$\{SSH_PORT\}/ }],
    },
  ],
});
