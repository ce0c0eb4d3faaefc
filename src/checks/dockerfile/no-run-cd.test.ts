import { CheckTester } from '../../testing/check-tester.js';
import { noRunCd } from './no-run-cd.js';

CheckTester.run(noRunCd, {
  valid: [
    { name: 'WORKDIR', dockerfile: 'FROM alpine:3.20\nWORKDIR /src\nRUN make\n' },
    { name: 'cd as an argument or in a path', dockerfile: 'FROM alpine:3.20\nRUN echo cd /tmp && /usr/local/bin/cdk deploy && git -C /src pull\n' },
  ],
  invalid: [
    {
      name: 'cd in an && chain',
      dockerfile: 'FROM golang:1.22\nCOPY . /src\nRUN cd /src && go build ./...\n',
      findings: [{ messageId: 'cd', path: '/spec/instructions/2', line: 3, message: /`cd \/src`/ }],
    },
    {
      name: 'after ; on a continuation line, lower-case',
      dockerfile: 'FROM alpine:3.20\nrun mkdir -p /x; \\\n    cd /x; touch a\n',
      findings: [{ messageId: 'cd', path: '/spec/instructions/1', line: 3 }],
    },
    {
      name: 'heredoc and sh -c',
      dockerfile: 'FROM alpine:3.20\nRUN <<EOF\nset -e\ncd -P /opt\nEOF\nRUN sh -c "cd /tmp && ls"\n',
      findings: [
        { messageId: 'cd', path: '/spec/instructions/1', line: 4, message: /`cd \/opt`/ },
        { messageId: 'cd', path: '/spec/instructions/2', line: 6 },
      ],
    },
  ],
});
