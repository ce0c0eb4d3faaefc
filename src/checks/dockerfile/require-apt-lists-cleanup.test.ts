import { CheckTester } from '../../testing/check-tester.js';
import { requireAptListsCleanup } from './require-apt-lists-cleanup.js';

// The lists come from `apt-get update`, so that is what is reported (as hadolint DL3009 does);
// cleaning in a later RUN does not count (the layer keeps the lists); cache and tmpfs mounts do.
CheckTester.run(requireAptListsCleanup, {
  valid: [
    { name: 'cleaned in the same RUN', dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'rm -fr without the star', dockerfile: 'FROM debian:12-slim\nRUN apt-get update; apt-get install -y curl; rm -fr /var/lib/apt/lists\n' },
    { name: 'cache mount', dockerfile: 'FROM debian:12-slim\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl\n' },
    { name: 'tmpfs mount on the lists', dockerfile: 'FROM debian:12-slim\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n' },
    { name: 'build stage', dockerfile: 'FROM debian:12 AS b\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12-slim\n' },
    { name: 'install without update', dockerfile: 'FROM debian:12-slim\nRUN apt-get install -y ./local.deb\n' },
  ],
  invalid: [
    {
      name: 'no cleanup',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n',
      findings: [{ messageId: 'listsLeft', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'apt-get clean is not enough; cleanup in a later RUN is too late',
      dockerfile: 'FROM ubuntu:24.04\nRUN apt-get update \\\n && apt-get install -y curl \\\n && apt-get clean\nRUN rm -rf /var/lib/apt/lists/*\n',
      findings: [{ messageId: 'listsLeft', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'cache mount on another directory, sudo, lower-case',
      dockerfile: 'FROM ubuntu:24.04\nrun --mount=type=cache,target=/var/cache/apt sudo apt update\n',
      findings: [{ messageId: 'listsLeft', path: '/spec/instructions/1', line: 2, message: /`apt update`/ }],
    },
  ],
});
