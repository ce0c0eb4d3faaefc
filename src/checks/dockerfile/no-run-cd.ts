import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { instructionPath, runCommands } from './instruction-semantics.js';

export const noRunCd = defineCheck({
  meta: {
    id: 'no-run-cd',
    category: 'dockerfile',
    severity: 'info',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Use WORKDIR instead of `cd` in RUN.',
    rationale:
      'A `cd` in RUN lasts only for that RUN: the next RUN, COPY, CMD and ENTRYPOINT start again in the previous WORKDIR, so relative paths silently point elsewhere and scripts end up operating on the wrong directory (or `/`). WORKDIR sets the directory for everything after it, creates it if missing and documents the layout. Every `cd` command word is found, in `&&` chains, after `;`, in heredocs and behind `sh -c`; `cd` as an argument (`echo cd`) is not. Overlaps hadolint DL3003 and Trivy DS013.',
    remediation: 'Replace `RUN cd /dir && cmd` with `WORKDIR /dir` followed by `RUN cmd` (use absolute paths, or a subshell for a one-off command elsewhere).',
    references: [{ url: 'https://docs.docker.com/build/building/best-practices/#workdir' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3003' }],
    messages: {
      cd: 'RUN changes directory with `cd {{dir}}`: use WORKDIR.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        for (const cmd of runCommands(run)) {
          if (cmd.argv[0] !== 'cd') continue;
          const dir = cmd.argv.slice(1).find((w) => !/^-[LPe@]+$/.test(w)) ?? '~';
          ctx.report({ messageId: 'cd', data: { dir }, path: instructionPath(run.instruction), line: cmd.line });
        }
      }
    }
  },
});
