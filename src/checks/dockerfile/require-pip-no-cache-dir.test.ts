import { CheckTester } from '../../testing/check-tester.js';
import { requirePipNoCacheDir } from './require-pip-no-cache-dir.js';

// Differs from hadolint DL3042: cache/tmpfs mounts over the pip cache are accepted, and build
// stages that do not ship are not checked.
CheckTester.run(requirePipNoCacheDir, {
  valid: [
    { name: '--no-cache-dir', dockerfile: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n' },
    { name: 'ENV PIP_NO_CACHE_DIR', dockerfile: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3\n' },
    { name: 'prefix assignment, any value', dockerfile: 'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=off pip3 install flask==3.0.3\n' },
    { name: 'cache mount for another user', dockerfile: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/home/app/.cache/pip pip install -r req.txt\n' },
    { name: 'exported earlier in the same RUN', dockerfile: 'FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask==3.0.3\n' },
    { name: 'declare -x earlier in the same RUN', dockerfile: 'FROM python:3.12-slim\nRUN declare -x PIP_NO_CACHE_DIR=yes; pip install flask==3.0.3\n' },
    { name: 'pip other subcommands', dockerfile: 'FROM python:3.12-slim\nRUN pip freeze > /tmp/x && pip download flask\n' },
  ],
  invalid: [
    {
      name: 'plain pip install',
      dockerfile: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
      findings: [{ messageId: 'cacheLeft', path: '/spec/instructions/2', line: 3, message: /`pip install`/ }],
    },
    {
      name: 'python -m pip in a chain on a continuation line',
      dockerfile: 'FROM python:3.12\nRUN python3 -m pip install --upgrade pip==24.0 && \\\n    pip3 install --user flask==3.0.3\n',
      findings: [
        { messageId: 'cacheLeft', path: '/spec/instructions/1', line: 2, message: /python3 -m pip install/ },
        { messageId: 'cacheLeft', path: '/spec/instructions/1', line: 3 },
      ],
    },
    {
      name: 'exported only after the install, or in an earlier RUN',
      dockerfile: 'FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3 && export PIP_NO_CACHE_DIR=1\n',
      findings: [{ messageId: 'cacheLeft', path: '/spec/instructions/2', line: 3 }],
    },
    {
      name: 'a plain shell variable is not exported',
      dockerfile: 'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1; pip install flask==3.0.3\n',
      findings: [{ messageId: 'cacheLeft', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'empty PIP_NO_CACHE_DIR, lower-case',
      dockerfile: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=\nrun pip install flask==3.0.3\n',
      findings: [{ messageId: 'cacheLeft', path: '/spec/instructions/2', line: 3 }],
    },
  ],
});
