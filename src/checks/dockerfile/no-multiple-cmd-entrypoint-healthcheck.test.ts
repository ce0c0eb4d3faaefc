import { CheckTester } from '../../testing/check-tester.js';
import { noMultipleCmdEntrypointHealthcheck } from './no-multiple-cmd-entrypoint-healthcheck.js';

CheckTester.run(noMultipleCmdEntrypointHealthcheck, {
  valid: [
    { name: 'one of each', dockerfile: 'FROM alpine:3.20\nHEALTHCHECK CMD ["/app", "health"]\nENTRYPOINT ["/app"]\nCMD ["serve"]\n' },
    { name: 'one per stage', dockerfile: 'FROM alpine:3.20 AS a\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]\n' },
    { name: 'ONBUILD CMD not counted', dockerfile: 'FROM alpine:3.20\nONBUILD CMD ["x"]\nCMD ["y"]\n' },
  ],
  invalid: [
    {
      name: 'two CMDs',
      dockerfile: 'FROM alpine:3.20\nCMD ["a"]\nRUN true\nCMD ["b"]\n',
      findings: [{ messageId: 'repeated', path: '/spec/instructions/3', line: 4, message: /overrides the CMD on line 2/ }],
    },
    {
      name: 'three ENTRYPOINTs and two HEALTHCHECKs, mixed case',
      dockerfile: 'FROM alpine:3.20\nENTRYPOINT ["a"]\nentrypoint ["b"]\nHEALTHCHECK NONE\nENTRYPOINT ["c"]\nhealthcheck CMD ["/x"]\n',
      findings: [
        { messageId: 'repeated', path: '/spec/instructions/2', line: 3 },
        { messageId: 'repeated', path: '/spec/instructions/4', line: 5, message: /line 3/ },
        { messageId: 'repeated', path: '/spec/instructions/5', line: 6, message: /HEALTHCHECK on line 4/ },
      ],
    },
  ],
});
