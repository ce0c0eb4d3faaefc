import { CheckTester } from '../../testing/check-tester.js';
import { requireSuppressionReason } from './require-suppression-reason.js';

CheckTester.run(requireSuppressionReason, {
  valid: [
    { name: 'a Dockerfile comment with a reason', dockerfile: 'FROM alpine:3.20\n# bulwark-ignore require-suppression-reason the reason\nRUN echo hi\n' },
    `apiVersion: v1
kind: Service
metadata:
  name: s
  annotations:
    ignore.bulwark.dev/require-suppression-reason: "a reason"
`,
  ],
  invalid: [
    {
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: s
  annotations:
    ignore.bulwark.dev/require-suppression-reason: "  "
    ignore.bulwark.dev/no-such-check: "typo"
`,
      findings: [
        { messageId: 'emptyReason', path: '/metadata/annotations/ignore.bulwark.dev~1require-suppression-reason', line: 6 },
        { messageId: 'unknownCheck', path: '/metadata/annotations/ignore.bulwark.dev~1no-such-check', line: 7 },
      ],
    },
    {
      name: 'Dockerfile comments: a missing reason and an unknown check id, each at its comment line',
      dockerfile: `FROM alpine:3.20
# bulwark-ignore require-suppression-reason
# bulwark-ignore no-such-check because
RUN echo hi
`,
      findings: [
        { messageId: 'emptyCommentReason', path: '/spec/instructions/1', line: 2 },
        { messageId: 'unknownCommentCheck', path: '/spec/instructions/1', line: 3 },
      ],
    },
  ],
});
