import { CheckTester } from '../../testing/check-tester.js';
import { requireBaseImageDigest } from './require-base-image-digest.js';

const D = `sha256:${'c'.repeat(64)}`;

CheckTester.run(requireBaseImageDigest, {
  valid: [
    `FROM python:3.12-slim@${D}\n`,
    { name: 'stages, scratch, unresolved', dockerfile: `FROM golang:1.22@${D} AS b\nFROM b AS t\nFROM scratch\nCOPY --from=b /a /a\nFROM \${UNSET}\n` },
  ],
  invalid: [
    {
      dockerfile: `FROM golang:1.22 AS build\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /a /a\nCOPY --from=busybox:1.36 /bin/sh /sh\n`,
      findings: [
        { messageId: 'noDigest', path: '/spec/instructions/0', line: 1 },
        { messageId: 'noDigest', path: '/spec/instructions/1', line: 2 },
        { messageId: 'noDigest', path: '/spec/instructions/3', line: 4 },
      ],
    },
    {
      name: 'a malformed digest is not a pin',
      dockerfile: `FROM python:3.12-slim@sha256:abc\nCOPY --from=busybox@sha256:${'C'.repeat(64)} /bin/sh /sh\n`,
      findings: [
        { messageId: 'noDigest', path: '/spec/instructions/0', line: 1, message: /"python:3.12-slim@sha256:abc" is not pinned/ },
        { messageId: 'noDigest', path: '/spec/instructions/1', line: 2, message: /COPY --from image "busybox@sha256:C{64}"/ },
      ],
    },
  ],
});
