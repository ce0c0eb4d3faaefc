import { CheckTester } from '../../testing/check-tester.js';
import { noSetuidChmod } from './no-setuid-chmod.js';

// No peer rule in hadolint/Checkov/Trivy. Build stages count only when their files reach the final image.
CheckTester.run(noSetuidChmod, {
  valid: [
    { name: 'ordinary modes', dockerfile: 'FROM alpine:3.20\nRUN chmod 755 /app && chmod -R u+rwX,go-w /srv && chmod 1777 /scratch\n' },
    { name: 'removing setuid', dockerfile: 'FROM debian:12-slim\nRUN chmod u-s /usr/bin/passwd && chmod -s /bin/mount && chmod 0755 /usr/bin/su\n' },
    { name: 'build stage never shipped', dockerfile: 'FROM alpine:3.20 AS tools\nRUN chmod u+s /bin/busybox\nFROM alpine:3.20\nCOPY app /app\n' },
    { name: '--reference', dockerfile: 'FROM alpine:3.20\nRUN chmod --reference=/bin/ls /app\n' },
  ],
  invalid: [
    {
      name: 'u+s and octal 4755',
      dockerfile: 'FROM debian:12-slim\nRUN chmod u+s /usr/local/bin/helper && \\\n    chmod 4755 /usr/local/bin/other\n',
      findings: [
        { messageId: 'setuid', path: '/spec/instructions/1', line: 2, message: /chmod sets the setuid bit \(mode u\+s\) on \/usr\/local\/bin\/helper/ },
        { messageId: 'setuid', path: '/spec/instructions/1', line: 3, message: /4755/ },
      ],
    },
    {
      name: 'recursive +s (both bits) and setgid 2775, sudo-wrapped',
      dockerfile: 'FROM alpine:3.20\nRUN sudo chmod -R +s /opt/bin; chmod 02775 /srv/shared\n',
      findings: [
        { messageId: 'setuid', path: '/spec/instructions/1', line: 2 },
        { messageId: 'setgid', path: '/spec/instructions/1', line: 2, message: /02775/ },
      ],
    },
    {
      name: 'COPY --chmod with setuid, and a copied-from build stage',
      dockerfile: 'FROM alpine:3.20 AS build\nRUN chmod 6755 /out/tool\nFROM alpine:3.20\nCOPY --from=build /out/tool /usr/bin/tool\nCOPY --chmod=4711 helper /usr/bin/helper\n',
      findings: [
        { messageId: 'setuid', path: '/spec/instructions/1', line: 2 },
        { messageId: 'setuid', path: '/spec/instructions/4', line: 5, message: /COPY --chmod/ },
      ],
    },
    {
      name: 'g+s alone, lower-case',
      dockerfile: 'FROM alpine:3.20\nrun chmod g+s /usr/bin/wall\n',
      findings: [{ messageId: 'setgid', path: '/spec/instructions/1', line: 2 }],
    },
  ],
});
