import { CheckTester } from '../../testing/check-tester.js';
import { requireHealthcheck } from './require-healthcheck.js';

// HEALTHCHECK NONE is an explicit decision (e.g. Kubernetes probes instead) and passes, as in
// Checkov CKV_DOCKER_2. Scratch/distroless final stages are still reported: exec form needs no shell.
CheckTester.run(requireHealthcheck, {
  valid: [
    { name: 'HEALTHCHECK CMD', dockerfile: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n' },
    { name: 'HEALTHCHECK NONE', dockerfile: 'FROM alpine:3.20\nhealthcheck NONE\n' },
    { name: 'inherited from the stage the final one is built FROM', dockerfile: 'FROM alpine:3.20 AS base\nHEALTHCHECK CMD ["/app", "health"]\nFROM base\nCMD ["/app"]\n' },
  ],
  invalid: [
    {
      name: 'none',
      dockerfile: 'FROM node:20-slim\nCMD ["node", "server.js"]\n',
      findings: [{ messageId: 'missing', path: '/spec/stages/0', line: 1, message: /FROM node:20-slim/ }],
    },
    {
      name: 'only in a build stage; final is scratch',
      dockerfile: 'FROM golang:1.22 AS build\nHEALTHCHECK CMD ["true"]\nFROM scratch\nCOPY --from=build /app /app\n',
      findings: [{ messageId: 'missing', path: '/spec/stages/1', line: 3 }],
    },
  ],
});
