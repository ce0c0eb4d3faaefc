import { CheckTester } from '../../testing/check-tester.js';
import { requireSuppressionReason } from './require-suppression-reason.js';

CheckTester.run(requireSuppressionReason, {
  valid: [
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
  ],
});
