import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { hasOption, hasScratchMountOver, instructionPath, packageCommand, shippingStages, runCommands, runMounts, variablesBefore } from './instruction-semantics.js';

/** A cache/tmpfs mount over a pip cache (root's or another user's HOME). */
const PIP_CACHE_TARGET = /\/\.cache(?:\/pip)?\/?$/;

export const requirePipNoCacheDir = defineCheck({
  meta: {
    id: 'require-pip-no-cache-dir',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: '`pip install` must use --no-cache-dir in the image that ships.',
    rationale:
      'pip keeps every downloaded and built wheel in ~/.cache/pip, which stays in the layer: often hundreds of MB of packages the image already has installed, and sometimes wheels fetched from a private index. `--no-cache-dir` (or PIP_NO_CACHE_DIR set in ENV or on the command — pip treats any value, even 0, as "no cache" — or a cache/tmpfs mount over ~/.cache/pip) avoids it. `pip`, `pip3`, `pip3.12` and `python -m pip` are read. Only the final stage and the stages it is built FROM are checked. Overlaps hadolint DL3042 (which does not accept cache mounts).',
    remediation: 'Use `pip install --no-cache-dir …`, set `ENV PIP_NO_CACHE_DIR=1`, or `RUN --mount=type=cache,target=/root/.cache/pip pip install …`.',
    references: [{ url: 'https://pip.pypa.io/en/stable/topics/caching/' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3042' }],
    messages: {
      cacheLeft: '`{{tool}} install` without --no-cache-dir leaves downloaded packages in the pip cache.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of shippingStages(model)) {
      for (const run of stage.runs) {
        if (hasScratchMountOver(run, '/root/.cache/pip') || runMounts(run).some((m) => (m.get('type') === 'cache' || m.get('type') === 'tmpfs') && PIP_CACHE_TARGET.test(m.get('target') ?? m.get('dst') ?? ''))) continue;
        const cmds = runCommands(run);
        cmds.forEach((cmd, k) => {
          const pc = packageCommand(cmd);
          if (pc?.manager !== 'pip' || pc.action !== 'install' || pc.tool === 'pipx' || pc.tool === 'uv pip') return;
          if (hasOption(pc.options, ['--no-cache-dir'])) return;
          const prefixed = cmd.assignments.get('PIP_NO_CACHE_DIR') ?? exportedBefore(cmds.slice(0, k), 'PIP_NO_CACHE_DIR');
          const env = prefixed ?? variablesBefore(model, stage, run.instruction.index).get('PIP_NO_CACHE_DIR');
          // pip disables the cache for any boolean value of PIP_NO_CACHE_DIR, "false" and "0" included (backward compatibility).
          if (env !== undefined && env !== '') return;
          ctx.report({ messageId: 'cacheLeft', data: { tool: pc.tool }, path: instructionPath(run.instruction), line: cmd.line });
        });
      }
    }
  },
});

/** The value of `name` exported by an earlier command of the same RUN (`export NAME=value`, `declare -x NAME=value`); the last one wins. */
function exportedBefore(cmds: readonly { argv: string[] }[], name: string): string | undefined {
  let value: string | undefined;
  for (const c of cmds) {
    const isExport = c.argv[0] === 'export' || ((c.argv[0] === 'declare' || c.argv[0] === 'typeset') && c.argv.some((w) => /^-[a-zA-Z]*x[a-zA-Z]*$/.test(w)));
    if (!isExport) continue;
    for (const w of c.argv.slice(1)) if (w.startsWith(`${name}=`)) value = w.slice(name.length + 1);
  }
  return value;
}
