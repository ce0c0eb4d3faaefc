import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import type { DockerfileInstruction } from '../../analyzers/dockerfile/types.js';
import { instructionPath } from './instruction-semantics.js';

const ONCE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export const noMultipleCmdEntrypointHealthcheck = defineCheck({
  meta: {
    id: 'no-multiple-cmd-entrypoint-healthcheck',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'A stage must have at most one CMD, one ENTRYPOINT and one HEALTHCHECK.',
    rationale:
      'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect; earlier ones are silently ignored. Two of them usually mean a merge or copy-paste mistake, and whoever reads the first one believes the container starts (or is health-checked) differently from how it does. Counted per stage (each FROM starts afresh); ONBUILD triggers are not counted. Each repetition is reported at its line, naming the one it overrides. Overlaps hadolint DL4003/DL4004/DL3012, Trivy DS007/DS016/DS023 and Docker\'s MultipleInstructionsDisallowed build check.',
    remediation: 'Keep a single CMD, ENTRYPOINT and HEALTHCHECK per stage, normally at the end of the final stage, and delete the others.',
    references: [{ url: 'https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL4003' }],
    messages: {
      repeated: '{{keyword}} overrides the {{keyword}} on line {{previous}}; only the last one in a stage takes effect.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of model.stages) {
      const last = new Map<string, DockerfileInstruction>();
      for (const instr of stage.instructions) {
        if (!ONCE.includes(instr.keyword)) continue;
        const prev = last.get(instr.keyword);
        if (prev) ctx.report({ messageId: 'repeated', data: { keyword: instr.keyword, previous: prev.line }, path: instructionPath(instr), line: instr.line });
        last.set(instr.keyword, instr);
      }
    }
  },
});
