import { CheckTester } from '../../testing/check-tester.js';
import { noAddUrlWithoutChecksum } from './no-add-url-without-checksum.js';

const SHA = 'a'.repeat(40);

CheckTester.run(noAddUrlWithoutChecksum, {
  valid: [
    'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /tmp/\n',
    { name: 'local files', dockerfile: 'FROM alpine:3.20\nADD app.tar.gz /app/\nADD ["a b.txt", "/x/"]\n' },
    { name: 'git pinned to a commit', dockerfile: `FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#${SHA} /src\n` },
    { name: 'git with --checksum', dockerfile: `FROM alpine:3.20\nADD --checksum=${SHA} git@github.com:moby/buildkit.git#v0.10.1 /src\n` },
    { name: 'COPY is not ADD', dockerfile: 'FROM alpine:3.20\nCOPY https-notes.txt /x\n' },
  ],
  invalid: [
    {
      name: 'http download, exec form, lower case',
      dockerfile: 'FROM alpine:3.20\nADD https://example.com/tool.tar.gz /tmp/\nadd ["http://example.com/a.sh", "/a.sh"]\n',
      findings: [
        { messageId: 'url', path: '/spec/instructions/1', line: 2, message: /tool.tar.gz/ },
        { messageId: 'url', path: '/spec/instructions/2', line: 3 },
      ],
    },
    {
      name: 'git sources with a mutable ref or none',
      dockerfile: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.10.1 /src\nADD git@github.com:org/repo.git /r\n',
      findings: [
        { messageId: 'git', path: '/spec/instructions/1', line: 2 },
        { messageId: 'git', path: '/spec/instructions/2', line: 3 },
      ],
    },
    {
      name: 'several URL sources, continuation',
      dockerfile: 'FROM alpine:3.20\nADD https://e.com/a \\\n    https://e.com/b /dl/\n',
      findings: [
        { messageId: 'url', path: '/spec/instructions/1', line: 2, message: /e.com\/a/ },
        { messageId: 'url', path: '/spec/instructions/1', line: 2, message: /e.com\/b/ },
      ],
    },
  ],
});
