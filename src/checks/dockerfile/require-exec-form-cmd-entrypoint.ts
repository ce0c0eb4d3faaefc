import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { instructionPath } from './instruction-semantics.js';

export const requireExecFormCmdEntrypoint = defineCheck({
  meta: {
    id: 'require-exec-form-cmd-entrypoint',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'CMD and ENTRYPOINT must use the exec (JSON array) form.',
    rationale:
      'The shell form runs the command as `/bin/sh -c "…"`: the shell is PID 1 and does not forward SIGTERM, so the application is never told to shut down gracefully and is SIGKILLed after the grace period (dropped requests, corrupted writes); a shell-form ENTRYPOINT also ignores CMD and `docker run` arguments, and the image needs a shell at all (not in distroless or scratch). The exec form `["executable", "arg"]` runs the program directly. A string that is not valid JSON (single quotes, a missing bracket) is shell form too, which is why it is reported. Every stage is checked (any stage can be a --target). Overlaps hadolint DL3025 and Docker\'s JSONArgsRecommended build check.',
    remediation: 'Write `CMD ["node", "server.js"]` / `ENTRYPOINT ["/app"]` with double quotes; if shell features are needed, use `["/bin/sh", "-c", "exec …"]` or a script that ends with `exec "$@"`.',
    references: [{ url: 'https://docs.docker.com/reference/build-checks/json-args-recommended/' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3025' }],
    messages: {
      shellForm: '{{keyword}} uses the shell form: the process does not get signals as PID 1.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const instr of model.instructions) {
      if (instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') continue;
      if (instr.execForm || instr.args.trim() === '') continue;
      ctx.report({ messageId: 'shellForm', data: { keyword: instr.keyword }, path: instructionPath(instr), line: instr.line });
    }
  },
});
