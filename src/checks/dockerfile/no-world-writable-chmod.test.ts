import { CheckTester } from '../../testing/check-tester.js';
import { noWorldWritableChmod } from './no-world-writable-chmod.js';

// Deliberate: a bare `+w`/`=rwx` is filtered by umask 022 and does not grant others write; 1777
// (sticky, /tmp-like) is the intended way to share a directory.
CheckTester.run(noWorldWritableChmod, {
  valid: [
    { name: 'safe modes', dockerfile: 'FROM alpine:3.20\nRUN chmod 755 /app && chmod 0644 /etc/app.conf && chmod 775 /srv && chmod g+w /data\n' },
    { name: 'umask-filtered +w and sticky tmp', dockerfile: 'FROM alpine:3.20\nRUN chmod +w /app/cache && chmod 1777 /scratch && chmod a+rwxt /shared\n' },
    { name: 'unshipped build stage', dockerfile: 'FROM alpine:3.20 AS t\nRUN chmod 777 /x\nFROM alpine:3.20\n' },
  ],
  invalid: [
    {
      name: 'chmod -R 777',
      dockerfile: 'FROM node:20-slim\nWORKDIR /app\nRUN chmod -R 777 /app\n',
      findings: [{ messageId: 'worldWritable', path: '/spec/instructions/2', line: 3, message: /chmod makes \/app world-writable \(mode 777\)/ }],
    },
    {
      name: '666, o+w and a+w in one chain',
      dockerfile: 'FROM alpine:3.20\nRUN chmod 666 /var/log/app.log && \\\n    chmod o+w /data && \\\n    chmod a+rw /run/app.sock\n',
      findings: [
        { messageId: 'worldWritable', path: '/spec/instructions/1', line: 2 },
        { messageId: 'worldWritable', path: '/spec/instructions/1', line: 3 },
        { messageId: 'worldWritable', path: '/spec/instructions/1', line: 4 },
      ],
    },
    {
      name: 'COPY --chmod=777 in a stage the final one is built FROM',
      dockerfile: 'FROM alpine:3.20 AS base\nCOPY --chmod=0777 entry.sh /entry.sh\nFROM base\n',
      findings: [{ messageId: 'worldWritable', path: '/spec/instructions/1', line: 2, message: /COPY --chmod/ }],
    },
  ],
});
