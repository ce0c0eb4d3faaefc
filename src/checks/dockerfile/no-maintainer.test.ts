import { CheckTester } from '../../testing/check-tester.js';
import { noMaintainer } from './no-maintainer.js';

CheckTester.run(noMaintainer, {
  valid: [{ name: 'OCI label', dockerfile: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Ops <ops@example.com>"\n' }],
  invalid: [
    {
      name: 'MAINTAINER, any case',
      dockerfile: 'FROM alpine:3.20\nMAINTAINER Ops <ops@example.com>\nFROM alpine:3.20\nmaintainer someone\n',
      findings: [
        { messageId: 'maintainer', path: '/spec/instructions/1', line: 2 },
        { messageId: 'maintainer', path: '/spec/instructions/3', line: 4 },
      ],
    },
  ],
});
