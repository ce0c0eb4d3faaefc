import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { hasScratchMountOver, instructionPath, packageCommand, runCommands, shippingStages } from './instruction-semantics.js';

const LISTS = '/var/lib/apt/lists';

export const requireAptListsCleanup = defineCheck({
  meta: {
    id: 'require-apt-lists-cleanup',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'A RUN that runs apt-get update must remove /var/lib/apt/lists in the same RUN (or mount a cache over it).',
    rationale:
      '`apt-get update` downloads the package indexes into /var/lib/apt/lists (tens of MB). Left in the layer they bloat the image and freeze a stale view of the archive that a later `apt-get install` in the running container would trust; removing them in a later RUN does not help, because the earlier layer keeps them. `apt-get clean` does not remove the lists. The fix must be in the same RUN: `rm -rf /var/lib/apt/lists/*`, or a BuildKit cache/tmpfs mount over /var/lib/apt/lists (or /var/lib/apt). Only the final stage and the stages it is built FROM are checked (build-stage layers do not ship). Overlaps hadolint DL3009.',
    remediation: 'End the RUN that updates and installs with `&& rm -rf /var/lib/apt/lists/*`, or use `RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install …`.',
    references: [{ url: 'https://docs.docker.com/build/building/best-practices/#apt-get' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3009' }],
    messages: {
      listsLeft: '`{{tool}} update` leaves the package lists in /var/lib/apt/lists in the layer: remove them in the same RUN.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of shippingStages(model)) {
      for (const run of stage.runs) {
        if (hasScratchMountOver(run, LISTS)) continue;
        const cmds = runCommands(run);
        const update = cmds.find((c) => {
          const pc = packageCommand(c);
          return pc?.manager === 'apt' && pc.subcommand === 'update';
        });
        if (!update) continue;
        const cleaned = cmds.some(
          (c) =>
            c.line >= update.line &&
            ((c.argv[0] === 'rm' && c.argv.slice(1).some((w) => /^\/var\/lib\/apt(?:\/lists)?(?:\/\*?)?$/.test(w))) ||
              (c.argv[0] === 'find' && /^\/var\/lib\/apt(?:\/lists)?\/?$/.test(c.argv[1] ?? '') && c.argv.includes('-delete'))),
        );
        if (cleaned) continue;
        ctx.report({ messageId: 'listsLeft', data: { tool: update.argv[0] }, path: instructionPath(run.instruction), line: update.line });
      }
    }
  },
});
