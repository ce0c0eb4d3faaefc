import { CheckTester } from '../../testing/check-tester.js';
import { requireTrustedBaseRegistry } from './require-trusted-base-registry.js';

const TRUSTED = { trustedRegistries: ['registry.example.com', 'ghcr.io/acme/', 'docker.io/library/'] };
const MIXED = 'FROM evil.io/app:1 AS build\nFROM ghcr.io/acme-evil/tool:2\nCOPY --from=quay.io/x/y:1 /a /a\n';

CheckTester.run(requireTrustedBaseRegistry, {
  valid: [
    { name: 'no option: off', dockerfile: MIXED },
    { name: 'empty list: off', dockerfile: MIXED, options: { trustedRegistries: [] } },
    {
      name: 'trusted hosts and prefixes; stages and scratch are not images',
      options: TRUSTED,
      dockerfile: 'FROM registry.example.com/base/go:1.22 AS build\nFROM ghcr.io/acme/tool:2 AS tool\nFROM python:3.12-slim\nCOPY --from=build /app /app\nCOPY --from=1 /t /t\nFROM scratch\nCOPY --from=tool /t /t\n',
    },
    { name: 'unresolved ARG image is unknown', options: TRUSTED, dockerfile: 'ARG REG\nFROM ${REG}/app:1\n' },
  ],
  invalid: [
    {
      name: 'untrusted FROM, look-alike host and path, COPY --from and RUN --mount images',
      options: TRUSTED,
      dockerfile: 'FROM registry.example.com.evil.io/app:1 AS build\nFROM ghcr.io/acme-evil/tool:2\nCOPY --from=quay.io/x/y:1 /a /a\nRUN --mount=type=bind,from=bitnami/kubectl:1.30,target=/k true\n',
      findings: [
        { messageId: 'untrusted', path: '/spec/instructions/0', line: 1 },
        { messageId: 'untrusted', path: '/spec/instructions/1', line: 2, message: /ghcr.io\/acme-evil\/tool/ },
        { messageId: 'untrusted', path: '/spec/instructions/2', line: 3, message: /COPY --from/ },
        { messageId: 'untrusted', path: '/spec/instructions/3', line: 4, message: /docker.io\/bitnami\/kubectl/ },
      ],
    },
    {
      name: 'Docker Hub user images are not library images; ARG default resolves',
      options: TRUSTED,
      dockerfile: 'ARG IMG=bitnami/redis:7.2\nFROM $IMG\n',
      findings: [{ messageId: 'untrusted', path: '/spec/instructions/1', line: 2 }],
    },
  ],
});
