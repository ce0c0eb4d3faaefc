import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { hasOption, instructionPath, packageCommand, shippingStages, stageCommands } from './instruction-semantics.js';

export const requireAptNoInstallRecommends = defineCheck({
  meta: {
    id: 'require-apt-no-install-recommends',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'apt-get install must use --no-install-recommends in the image that ships.',
    rationale:
      'By default apt also installs every "Recommends" of the requested packages: often dozens of extra packages (documentation tools, compilers, daemons) nobody asked for, each one more attack surface and more CVEs to patch. `--no-install-recommends` (or `-o APT::Install-Recommends=false`) installs only what is needed. Read with apt\'s own option syntax, behind sudo/env wrappers, in `&&` chains and heredocs; only the final stage and the stages it is built FROM are checked, since a build stage\'s packages do not ship (hadolint DL3015 and Trivy DS029 check every stage).',
    remediation: 'Add `--no-install-recommends` to `apt-get install` (e.g. `apt-get install -y --no-install-recommends curl`) and install any recommended package you really need by name.',
    references: [{ url: 'https://docs.docker.com/build/building/best-practices/#apt-get' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3015' }],
    messages: {
      recommends: '`{{tool}} install` without --no-install-recommends also installs recommended packages.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of shippingStages(model)) {
      for (const cmd of stageCommands(stage)) {
        const pc = packageCommand(cmd);
        if (!pc || pc.manager !== 'apt' || pc.tool === 'aptitude' || pc.subcommand !== 'install') continue;
        const opts = pc.options;
        if (hasOption(opts, ['--no-install-recommends'])) continue;
        if (cmd.argv.some((w, i) => /^(?:-o|--option)$/.test(cmd.argv[i - 1] ?? '') ? /^APT::Install-Recommends=(?:false|0|no|off)$/i.test(w) : /^(?:-o|--option=)APT::Install-Recommends=(?:false|0|no|off)$/i.test(w))) continue;
        ctx.report({ messageId: 'recommends', data: { tool: pc.tool }, path: instructionPath(cmd.run.instruction), line: cmd.line });
      }
    }
  },
});
