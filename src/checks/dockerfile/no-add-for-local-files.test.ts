import { CheckTester } from '../../testing/check-tester.js';
import { noAddForLocalFiles } from './no-add-for-local-files.js';

// Like hadolint DL3020 (unlike Checkov CKV_DOCKER_4): ADD of a local tar archive (it extracts), of a
// URL or git repository, or of a variable is ADD's own job and is not reported.
CheckTester.run(noAddForLocalFiles, {
  valid: [
    { name: 'COPY', dockerfile: 'FROM alpine:3.20\nCOPY app /app\n' },
    { name: 'local archives to extract', dockerfile: 'FROM scratch\nADD rootfs.tar.xz /\nADD vendor.tgz /opt/\nADD data.tar.gz /data\n' },
    { name: 'URLs and git', dockerfile: 'FROM alpine:3.20\nADD --checksum=sha256:abc https://example.com/tool /usr/bin/tool\nADD git@github.com:acme/repo.git /src\n' },
    { name: 'variable source', dockerfile: 'FROM alpine:3.20\nARG PKG\nADD ${PKG} /tmp/\n' },
  ],
  invalid: [
    {
      name: 'ADD of a file',
      dockerfile: 'FROM alpine:3.20\nADD app.py /app/\n',
      findings: [{ messageId: 'useCopy', path: '/spec/instructions/1', line: 2, message: /ADD copies local "app\.py": use COPY\./ }],
    },
    {
      name: 'lower-case, flags, directory and JSON form',
      dockerfile: 'FROM alpine:3.20\nadd --chown=app:app . /srv\nADD ["config dir", "/etc/app/"]\n',
      findings: [
        { messageId: 'useCopy', path: '/spec/instructions/1', line: 2 },
        { messageId: 'useCopy', path: '/spec/instructions/2', line: 3, message: /"config dir"/ },
      ],
    },
    {
      name: 'a zip is not extracted by ADD',
      dockerfile: 'FROM alpine:3.20\nADD bundle.zip /opt/\n',
      findings: [{ messageId: 'useCopy', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'heredoc source',
      dockerfile: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n',
      findings: [{ messageId: 'useCopy', path: '/spec/instructions/1', line: 2 }],
    },
  ],
});
