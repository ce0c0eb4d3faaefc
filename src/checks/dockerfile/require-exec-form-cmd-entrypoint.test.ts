import { CheckTester } from '../../testing/check-tester.js';
import { requireExecFormCmdEntrypoint } from './require-exec-form-cmd-entrypoint.js';

CheckTester.run(requireExecFormCmdEntrypoint, {
  valid: [
    { name: 'exec form', dockerfile: 'FROM node:20-slim\nENTRYPOINT ["node"]\nCMD ["server.js"]\n' },
    { name: 'exec form with a shell on purpose, continuation', dockerfile: 'FROM alpine:3.20\nCMD ["/bin/sh", \\\n     "-c", "exec /app"]\n' },
    { name: 'RUN shell form is fine', dockerfile: 'FROM alpine:3.20\nRUN echo hi\nCMD ["/app"]\n' },
  ],
  invalid: [
    {
      name: 'shell-form CMD',
      dockerfile: 'FROM node:20-slim\nCMD node server.js\n',
      findings: [{ messageId: 'shellForm', path: '/spec/instructions/1', line: 2, message: /^CMD uses the shell form/ }],
    },
    {
      name: 'single quotes are not JSON, lower-case entrypoint',
      dockerfile: "FROM alpine:3.20\nentrypoint ['/app', '--serve']\n",
      findings: [{ messageId: 'shellForm', path: '/spec/instructions/1', line: 2, message: /^ENTRYPOINT/ }],
    },
    {
      name: 'every stage',
      dockerfile: 'FROM alpine:3.20 AS dev\nCMD sh\nFROM alpine:3.20\nCMD ["/app"]\n',
      findings: [{ messageId: 'shellForm', path: '/spec/instructions/1', line: 2 }],
    },
  ],
});
