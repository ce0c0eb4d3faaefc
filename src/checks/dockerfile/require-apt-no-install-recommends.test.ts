import { CheckTester } from '../../testing/check-tester.js';
import { requireAptNoInstallRecommends } from './require-apt-no-install-recommends.js';

// Differs from hadolint DL3015: build stages that do not ship are not checked; `apt install` is
// checked like `apt-get install` (same resolver, same Recommends default).
CheckTester.run(requireAptNoInstallRecommends, {
  valid: [
    { name: 'flag present, anywhere in the options', dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get -y install --no-install-recommends curl=7.88.1-10+deb12u5\n' },
    { name: 'apt option form', dockerfile: 'FROM debian:12-slim\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n' },
    { name: 'build stage', dockerfile: 'FROM debian:12 AS b\nRUN apt-get install -y gcc\nFROM debian:12-slim\n' },
    { name: 'apt-get update only / apt-get remove', dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get remove -y curl\n' },
  ],
  invalid: [
    {
      name: 'missing flag after update in an && chain',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install -y curl\n',
      findings: [{ messageId: 'recommends', path: '/spec/instructions/1', line: 3, message: /`apt-get install`/ }],
    },
    {
      name: 'sudo-wrapped apt with an env prefix, lower-case',
      dockerfile: 'FROM ubuntu:24.04\nrun DEBIAN_FRONTEND=noninteractive sudo apt install -y nginx\n',
      findings: [{ messageId: 'recommends', path: '/spec/instructions/1', line: 2, message: /`apt install`/ }],
    },
    {
      name: 'heredoc',
      dockerfile: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\napt-get install -y git\nrm -rf /var/lib/apt/lists/*\nEOF\n',
      findings: [{ messageId: 'recommends', path: '/spec/instructions/1', line: 4 }],
    },
  ],
});
