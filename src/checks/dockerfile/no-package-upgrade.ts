import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { defineCheck } from '../define-check.js';
import { instructionPath } from './instruction-semantics.js';
import { readPackageCommand } from './package-commands.js';

export const noPackageUpgrade = defineCheck({
  meta: {
    id: 'no-package-upgrade',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'RUN must not upgrade every installed package (apt-get upgrade/dist-upgrade, yum/dnf update, apk upgrade, zypper dup, pacman -Syu).',
    rationale:
      'A blanket upgrade replaces the base image\'s package set with whatever the mirrors serve on the day of the build: the image no longer matches the base image that was scanned and approved, two builds of the same commit differ, and a broken or malicious package release reaches the image unreviewed. Security fixes belong in the base image: rebuild on a newer, patched tag (or digest). Overlaps Trivy DS024 (dist-upgrade) and the retired hadolint DL3005.',
    remediation:
      'Remove the upgrade and move to a newer patched base image tag; if a specific package needs a fix, install that package at a pinned version instead.',
    references: [{ url: 'https://docs.docker.com/build/building/best-practices/#apt-get' }],
    messages: {
      upgrade: '"{{command}}" upgrades every installed package to whatever the mirrors serve at build time.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        for (const cmd of run.commands) {
          const pkg = readPackageCommand(cmd.argv);
          if (!pkg || pkg.action !== 'upgrade') continue;
          const command = pkg.subcommand !== undefined ? `${pkg.tool} ${pkg.subcommand}` : `${pkg.tool} ${pkg.options.join(' ')}`;
          ctx.report({ messageId: 'upgrade', data: { command }, path: instructionPath(run.instruction), line: cmd.line });
        }
      }
    }
  },
});
