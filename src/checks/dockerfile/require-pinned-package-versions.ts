import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { defineCheck } from '../define-check.js';
import { instructionPath } from './instruction-semantics.js';
import { readPackageCommand, type PackageManager } from './package-commands.js';
import { wordLines } from './shell-words.js';

/** pacman is not judged: Arch repositories serve one version of each package, so a repository install cannot be pinned. */
const EXAMPLE: Record<Exclude<PackageManager, 'pacman'>, (name: string) => string> = {
  apt: (n) => `${n}=<version>`,
  apk: (n) => `${n}=<version>`,
  yum: (n) => `${n}-<version>`,
  zypper: (n) => `${n}=<version>`,
  pip: (n) => `${n}==<version>`,
  npm: (n) => `${n}@<version>`,
  yarn: (n) => `${n}@<version>`,
  pnpm: (n) => `${n}@<version>`,
  gem: (n) => `${n}:<version> (or -v <version>)`,
  go: (n) => `${n}@v<version>`,
  cargo: (n) => `${n}@<version>`,
};

export const requirePinnedPackageVersions = defineCheck({
  meta: {
    id: 'require-pinned-package-versions',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Packages installed in RUN (apt-get, apk, yum/dnf, zypper, pip, npm/yarn/pnpm, gem, go install, cargo install) must name a version.',
    rationale:
      'An unpinned install takes whatever version the repository serves at build time: the vulnerability scan of one build says nothing about the next, a rebuild silently pulls a new (possibly broken or compromised) release, and the image cannot be reproduced for an incident. Each package manager is read with its own option syntax: apt-get/apk/zypper pin with name=version, yum/dnf with name-version, pip with ==, ~= or a bounded range (a bare >= is not a pin), npm with name@version (a dist-tag such as @latest is not), gem with name:version or -v, go install and cargo install with @version. A version held in a variable (curl=${CURL_VERSION}) counts as pinned; local files, requirement and lock files, pip constraints and `go install` without @ (versions from go.mod) are not reported. Overlaps hadolint DL3008, DL3013, DL3016, DL3018, DL3028, DL3033, DL3037, DL3041 and DL3062.',
    remediation:
      'Pin every installed package to the version you tested (the finding shows the syntax for its package manager), or install from a lock or requirements file that pins them, and update the pins deliberately (Renovate or Dependabot can).',
    references: [
      { url: 'https://docs.docker.com/build/building/best-practices/#apt-get' },
      { url: 'https://github.com/hadolint/hadolint/wiki/DL3008' },
      { url: 'https://github.com/hadolint/hadolint/wiki/DL3013' },
      { url: 'https://github.com/hadolint/hadolint/wiki/DL3018' },
    ],
    messages: {
      unpinned: '{{tool}} installs "{{package}}" without a fixed version; pin it as {{example}}.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        for (const cmd of run.commands) {
          const pkg = readPackageCommand(cmd.argv);
          if (!pkg || pkg.action !== 'install' || pkg.constrained || pkg.manager === 'pacman') continue;
          let lines: number[] | undefined;
          for (const p of pkg.packages) {
            if (p.pinned) continue;
            lines ??= wordLines(cmd);
            ctx.report({
              messageId: 'unpinned',
              data: { tool: pkg.tool, package: p.spec, example: EXAMPLE[pkg.manager](p.name) },
              path: instructionPath(run.instruction),
              line: p.argIndex >= 0 ? lines[p.argIndex] ?? cmd.line : cmd.line,
            });
          }
        }
      }
    }
  },
});
