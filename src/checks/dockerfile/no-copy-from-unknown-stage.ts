import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { hasVariable, instructionPath } from './instruction-semantics.js';

export const noCopyFromUnknownStage = defineCheck({
  meta: {
    id: 'no-copy-from-unknown-stage',
    category: 'dockerfile',
    severity: 'medium',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: '`COPY --from` must name an earlier stage or an explicit image reference.',
    rationale:
      'Docker resolves `COPY --from=<name>` to a stage of that name (or stage index); anything else is pulled as an image from a registry. A misspelt stage name (`--from=biuld`) therefore does not fail cleanly: Docker tries to pull `docker.io/library/biuld:latest`, and if someone has published an image under that name, its files end up in your image (a typosquatting path). Copying from the stage itself or a later stage is an error or a cycle. A bare name that matches no stage is reported; a value that is clearly an image reference (with a registry, a namespace, a tag or a digest: `nginx:1.27`, `ghcr.io/acme/tools`) is accepted, and so are values held in build args. Overlaps hadolint DL3022/DL3023 and Trivy DS006.',
    remediation: 'Fix the stage name (stage names are case-insensitive and must be defined with `FROM … AS <name>` before the COPY), or, to copy from an image, write it fully with a tag or digest (`--from=docker.io/library/busybox:1.36`).',
    references: [{ url: 'https://docs.docker.com/reference/dockerfile/#copy---from' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3022' }],
    messages: {
      unknownStage: 'COPY --from={{from}} names no earlier stage: Docker would pull an image called "{{from}}".',
      selfReference: 'COPY --from={{from}} copies from its own stage.',
      laterStage: 'COPY --from={{from}} names a stage defined later (line {{line}}).',
      badIndex: 'COPY --from={{from}}: there is no stage {{from}} before this one.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const instr of model.instructions) {
      if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || instr.stage < 0) continue;
      const raw = instr.flags.from;
      if (raw === undefined || raw === null || raw === '' || hasVariable(raw)) continue;
      const from = raw.replace(/^["']|["']$/g, '');
      const data = { from };
      const report = (messageId: string, extra: Record<string, string | number> = {}) =>
        ctx.report({ messageId, data: { ...data, ...extra }, path: instructionPath(instr), line: instr.line });
      if (/^\d+$/.test(from)) {
        const n = Number(from);
        if (n === instr.stage) report('selfReference');
        else if (n > instr.stage || n >= model.stages.length) report('badIndex');
        continue;
      }
      const name = from.toLowerCase();
      const stage = model.stages.find((s) => s.name === name);
      if (stage) {
        if (stage.index === instr.stage) report('selfReference');
        else if (stage.index > instr.stage) report('laterStage', { line: stage.from.line });
        continue;
      }
      // An explicit image reference: registry/namespace, tag or digest.
      if (/[/:@]/.test(from)) continue;
      report('unknownStage');
    }
  },
});
