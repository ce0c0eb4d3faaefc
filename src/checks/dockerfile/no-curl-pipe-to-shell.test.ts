import { CheckTester } from '../../testing/check-tester.js';
import { noCurlPipeToShell } from './no-curl-pipe-to-shell.js';

CheckTester.run(noCurlPipeToShell, {
  valid: [
    { name: 'download, verify, run', dockerfile: 'FROM alpine:3.20\nRUN curl -fsSLo install.sh https://x/i.sh && echo "abc  install.sh" | sha256sum -c - && sh install.sh\n' },
    { name: 'piping into tar or gpg is not execution', dockerfile: 'FROM alpine:3.20\nRUN curl -fsSL https://x/a.tgz | tar xz && curl -s https://x/key | gpg --dearmor -o /k.gpg\n' },
    { name: 'JSON parsed by python -c is data', dockerfile: 'FROM python:3.12-slim\nRUN curl -s https://api/x | python3 -c "import sys, json; print(json.load(sys.stdin))"\n' },
    { name: 'curl -o writes a file, nothing reaches sh', dockerfile: 'FROM alpine:3.20\nRUN curl -sSL -o /tmp/x https://x | sh\n' },
    { name: 'wget without -O - writes a file', dockerfile: 'FROM alpine:3.20\nRUN wget https://x/i.sh | sh\n' },
    { name: 'stdin piped into a script file is data', dockerfile: 'FROM alpine:3.20\nRUN curl -s https://x | bash ./consume.sh\n' },
    { name: 'command substitution into echo', dockerfile: 'FROM alpine:3.20\nRUN echo "$(curl -s https://x/version)" > /v && bash install.sh\n' },
  ],
  invalid: [
    { name: 'curl | sh', dockerfile: 'FROM alpine:3.20\nRUN curl -fsSL https://get.example.com | sh\n', findings: [{ messageId: 'pipe', path: '/spec/instructions/1', line: 2, message: /curl output is piped into sh/ }] },
    {
      name: 'wget -qO- | sudo -E bash -, chained, continuation',
      dockerfile: 'FROM ubuntu:22.04\nRUN apt-get update && \\\n    wget -qO- https://deb.nodesource.com/setup_20.x | sudo -E bash - && \\\n    apt-get install -y nodejs\n',
      findings: [{ messageId: 'pipe', path: '/spec/instructions/1', line: 3, message: /wget output is piped into bash/ }],
    },
    { name: 'sh -s -- -y with arguments', dockerfile: 'FROM rust:1.80 AS b\nRUN curl --proto =https -sSf https://sh.rustup.rs | sh -s -- -y\n', findings: [{ messageId: 'pipe', path: '/spec/instructions/1', line: 2 }] },
    { name: 'python reads the program from stdin', dockerfile: 'FROM python:3.12-slim\nRUN curl -sSL https://install.python-poetry.org | python3 -\n', findings: [{ messageId: 'pipe', path: '/spec/instructions/1', line: 2, message: /python3/ }] },
    { name: 'exec form with sh -c', dockerfile: 'FROM alpine:3.20\nRUN ["/bin/sh", "-c", "curl -s https://x | sh"]\n', findings: [{ messageId: 'pipe', path: '/spec/instructions/1', line: 2 }] },
    { name: 'sh -c "$(curl …)"', dockerfile: 'FROM alpine:3.20\nRUN sh -c "$(curl -fsSL https://raw.example.com/install.sh)"\n', findings: [{ messageId: 'substitution', path: '/spec/instructions/1', line: 2, message: /^sh executes curl/ }] },
    { name: 'bash <(curl …) after &&', dockerfile: 'FROM alpine:3.20\nRUN apk add bash && bash <(curl -s https://x/i.sh)\n', findings: [{ messageId: 'substitution', path: '/spec/instructions/1', line: 2 }] },
    {
      name: 'substitutions on continuation lines are reported on their own lines',
      dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache bash curl && \\\n    sh -c "$(curl -fsSL https://raw.example.com/install.sh)" && \\\n    bash <(curl -s https://x/i.sh) && eval \\\n      "$(wget -qO- https://x/env)"\n',
      findings: [
        { messageId: 'substitution', path: '/spec/instructions/1', line: 3, message: /^sh executes curl/ },
        { messageId: 'substitution', path: '/spec/instructions/1', line: 4, message: /^bash executes curl/ },
        { messageId: 'substitution', path: '/spec/instructions/1', line: 5, message: /^eval executes wget/ },
      ],
    },
    {
      name: 'heredoc: line of the command inside the body',
      dockerfile: 'FROM alpine:3.20\nRUN <<EOF\nset -e\ncurl -fsSL https://x/i.sh | bash\neval "$(wget -qO- https://x/env)"\nEOF\n',
      findings: [
        { messageId: 'pipe', path: '/spec/instructions/1', line: 4 },
        { messageId: 'substitution', path: '/spec/instructions/1', line: 5 },
      ],
    },
  ],
});
