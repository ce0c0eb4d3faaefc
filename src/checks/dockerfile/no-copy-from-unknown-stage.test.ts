import { CheckTester } from '../../testing/check-tester.js';
import { noCopyFromUnknownStage } from './no-copy-from-unknown-stage.js';

// Docker pulls any --from that is not a stage; we accept values that are clearly image references
// (registry, namespace, tag or digest) and report bare names that match no stage (a typo pulls
// docker.io/library/<typo>). hadolint DL3022 accepts any bare name containing ':' likewise.
CheckTester.run(noCopyFromUnknownStage, {
  valid: [
    { name: 'named stage, any case', dockerfile: 'FROM golang:1.22 AS Build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /out /app\nCOPY --from=BUILD /out2 /app2\n' },
    { name: 'stage index', dockerfile: 'FROM golang:1.22\nRUN go build\nFROM alpine:3.20\nCOPY --from=0 /out /app\n' },
    { name: 'image references', dockerfile: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /x\nCOPY --from=ghcr.io/acme/tools /bin/t /t\nCOPY --from=busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000 /bin/sh /sh\n' },
    { name: 'build arg', dockerfile: 'ARG SRC=build\nFROM alpine:3.20\nCOPY --from=${SRC} /a /a\n' },
  ],
  invalid: [
    {
      name: 'misspelt stage',
      dockerfile: 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=biuld /out /app\n',
      findings: [{ messageId: 'unknownStage', path: '/spec/instructions/3', line: 4, message: /"biuld"/ }],
    },
    {
      name: 'own stage, lower-case copy',
      dockerfile: 'FROM alpine:3.20 AS app\ncopy --from=app /a /b\n',
      findings: [{ messageId: 'selfReference', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'later stage and bad index',
      dockerfile: 'FROM alpine:3.20 AS first\nCOPY --from=second /a /a\nCOPY --from=3 /b /b\nFROM alpine:3.20 AS second\n',
      findings: [
        { messageId: 'laterStage', path: '/spec/instructions/1', line: 2, message: /line 4/ },
        { messageId: 'badIndex', path: '/spec/instructions/2', line: 3 },
      ],
    },
  ],
});
