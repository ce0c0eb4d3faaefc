import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { hasOption, hasScratchMountOver, instructionPath, packageCommand, runCommands, shippingStages } from './instruction-semantics.js';

export const requireApkNoCache = defineCheck({
  meta: {
    id: 'require-apk-no-cache',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: '`apk add` must use --no-cache in the image that ships.',
    rationale:
      'Without --no-cache, apk keeps the downloaded index (and with `--update`/`apk update` a fresh copy of it) in /var/cache/apk, which stays in the layer: a bigger image and a stale view of the repository. `apk add --no-cache` fetches the index into memory and leaves nothing behind. A cache or tmpfs mount over /var/cache/apk, or an `rm -rf /var/cache/apk/*` later in the same RUN, is also accepted (hadolint DL3019 accepts only the first two). Only the final stage and the stages it is built FROM are checked. Overlaps Trivy DS025.',
    remediation: 'Use `apk add --no-cache <packages>` (and drop a separate `apk update`), or `RUN --mount=type=cache,target=/var/cache/apk apk add …`.',
    references: [{ url: 'https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3019' }],
    messages: {
      cacheLeft: '`apk {{sub}}` without --no-cache leaves the package index in /var/cache/apk.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of shippingStages(model)) {
      for (const run of stage.runs) {
        if (hasScratchMountOver(run, '/var/cache/apk')) continue;
        const cmds = runCommands(run);
        for (const cmd of cmds) {
          const pc = packageCommand(cmd);
          if (pc?.manager !== 'apk' || pc.subcommand !== 'add' || hasOption(pc.options, ['--no-cache'])) continue;
          const removed = cmds.some((c) => c.line >= cmd.line && c !== cmd && c.argv[0] === 'rm' && c.argv.some((w) => /^\/var\/cache\/apk(?:\/\*?)?$/.test(w)));
          if (removed) continue;
          ctx.report({ messageId: 'cacheLeft', data: { sub: 'add' }, path: instructionPath(run.instruction), line: cmd.line });
        }
      }
    }
  },
});
