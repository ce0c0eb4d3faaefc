import { CheckTester } from '../../testing/check-tester.js';
import { requireAbsoluteWorkdir } from './require-absolute-workdir.js';

CheckTester.run(requireAbsoluteWorkdir, {
  valid: [
    { name: 'absolute', dockerfile: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR "/my app"\n' },
    { name: 'variables', dockerfile: 'FROM alpine:3.20\nENV APP=/srv\nWORKDIR $APP\nWORKDIR ${HOME}/x\n' },
    { name: 'windows', dockerfile: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n' },
  ],
  invalid: [
    {
      name: 'relative',
      dockerfile: 'FROM node:20-slim\nWORKDIR app\n',
      findings: [{ messageId: 'relative', path: '/spec/instructions/1', line: 2, message: /"app"/ }],
    },
    {
      name: 'dot-relative, quoted, lower-case',
      dockerfile: 'FROM node:20-slim\nworkdir "./src"\n',
      findings: [{ messageId: 'relative', path: '/spec/instructions/1', line: 2, message: /"\.\/src"/ }],
    },
  ],
});
