import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { instructionPath, stageCommands } from './instruction-semantics.js';

export const noSudo = defineCheck({
  meta: {
    id: 'no-sudo',
    category: 'dockerfile',
    severity: 'medium',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'RUN commands must not use sudo.',
    rationale:
      'RUN already runs as the current USER; using sudo in a build means either the user is root (sudo is useless) or a non-root user has been given password-less sudo, which any process in the running container can use to become root. sudo also has unpredictable TTY and signal behaviour in a build. Every stage is checked, since any stage can be built with --target; sudo (or doas) is recognised behind assignments, env, nice and other wrappers, and in `&&` chains, heredocs and `sh -c`. Overlaps hadolint DL3004 and Trivy DS010.',
    remediation:
      'Remove sudo: run the commands that need root before the USER instruction (or switch with `USER root` and back), and do not install sudo in the image; if a process must drop privileges at runtime, use gosu or su-exec.',
    references: [
      { url: 'https://docs.docker.com/build/building/best-practices/#user' },
      { url: 'https://github.com/hadolint/hadolint/wiki/DL3004' },
    ],
    messages: {
      sudo: 'RUN uses {{wrapper}} to run "{{program}}".',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of model.stages) {
      for (const cmd of stageCommands(stage)) {
        if (!cmd.sudo) continue;
        const wrapper = cmd.shell.argv.some((w) => /(?:^|\/)doas$/.test(w)) && !cmd.shell.argv.some((w) => /(?:^|\/)sudo$/.test(w)) ? 'doas' : 'sudo';
        ctx.report({ messageId: 'sudo', data: { wrapper, program: cmd.argv[0] }, path: instructionPath(cmd.run.instruction), line: cmd.line });
      }
    }
  },
});
