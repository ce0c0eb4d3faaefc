import { CheckTester } from '../../testing/check-tester.js';
import { requireApkNoCache } from './require-apk-no-cache.js';

// Deliberately accepts `rm -rf /var/cache/apk/*` in the same RUN (hadolint DL3019 does not): the
// layer ends up without the cache either way.
CheckTester.run(requireApkNoCache, {
  valid: [
    { name: '--no-cache', dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0\n' },
    { name: 'cache mount', dockerfile: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add -U curl\n' },
    { name: 'removed in the same RUN', dockerfile: 'FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n' },
    { name: 'apk del / build stage', dockerfile: 'FROM alpine:3.20 AS b\nRUN apk add gcc\nFROM alpine:3.20\nRUN apk del curl\n' },
  ],
  invalid: [
    {
      name: 'apk add without --no-cache',
      dockerfile: 'FROM alpine:3.20\nRUN apk update && \\\n    apk add --virtual .deps curl\n',
      findings: [{ messageId: 'cacheLeft', path: '/spec/instructions/1', line: 3 }],
    },
    {
      name: 'two adds, lower-case and sudo',
      dockerfile: 'FROM alpine:3.20\nrun sudo apk add -U git; apk --no-cache add bash; apk add make\n',
      findings: [
        { messageId: 'cacheLeft', path: '/spec/instructions/1', line: 2 },
        { messageId: 'cacheLeft', path: '/spec/instructions/1', line: 2 },
      ],
    },
  ],
});
