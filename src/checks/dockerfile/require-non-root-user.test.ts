// WP-C's test for scratch/wp-c/require-non-root-user.ts (see the note there).
import { CheckTester } from '../../testing/check-tester.js';
import { requireNonRootUser } from './require-non-root-user.js';

CheckTester.run(requireNonRootUser, {
  valid: [
    { name: 'non-root user last', dockerfile: 'FROM alpine:3.20\nRUN adduser -D app\nUSER app\nCMD ["/app"]\n' },
    { name: 'build stage as root does not matter', dockerfile: 'FROM golang:1.22 AS build\nUSER root\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\nUSER nobody\n' },
    { name: 'distroless nonroot tag', dockerfile: 'FROM golang:1.22 AS build\nRUN go build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n' },
    { name: 'ONBUILD USER root applies to child images only', dockerfile: 'FROM alpine:3.20\nUSER app\nONBUILD USER root\n' },
  ],
  invalid: [
    { name: 'multi-stage: USER only in the build stage', dockerfile: 'FROM golang:1.22 AS build\nUSER app\nRUN go build\n\nFROM alpine:3.20\nCOPY --from=build /app /app\n', findings: [{ messageId: 'noUser', path: '/spec/stages/1', line: 5 }] },
    { name: 'USER root:root, lower-case', dockerfile: 'from alpine:3.20\nuser root:root\n', findings: [{ messageId: 'rootUser', path: '/spec/instructions/1', line: 2 }] },
    { name: 'USER root after a non-root user is the last', dockerfile: 'FROM debian:12-slim\nUSER app\nRUN id\nUSER root\nCMD ["id"]\n', findings: [{ messageId: 'backToRoot', path: '/spec/instructions/3', line: 4, message: /after USER "app"/ }] },
    { name: 'root in the final stage after non-root in its base stage', dockerfile: 'FROM alpine:3.20 AS base\nUSER app\nFROM base\nUSER 0\n', findings: [{ messageId: 'backToRoot', path: '/spec/instructions/3', line: 4 }] },
    { name: 'variable that resolves to root', dockerfile: 'ARG RUNTIME_USER=root\nFROM alpine:3.20\nARG RUNTIME_USER\nUSER ${RUNTIME_USER}\n', findings: [{ messageId: 'rootUser', path: '/spec/instructions/3', line: 4, message: /"root"/ }] },
    { name: 'ENV-provided user with default substitution', dockerfile: 'FROM alpine:3.20\nENV U=\nUSER ${U:-0}\n', findings: [{ messageId: 'rootUser', path: '/spec/instructions/2', line: 3 }] },
  ],
});
