import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { instructionPath } from './instruction-semantics.js';

export const requireAbsoluteWorkdir = defineCheck({
  meta: {
    id: 'require-absolute-workdir',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'WORKDIR must be an absolute path.',
    rationale:
      'A relative WORKDIR is resolved against the previous WORKDIR, which may come from the base image and change when the base image changes: files then land, and commands run, in a directory nobody intended. An absolute path says exactly where. Paths starting with a variable (`$HOME/app`, `${APP_DIR}`) and Windows paths (`C:\\app`) are accepted, since they are usually absolute. Overlaps hadolint DL3000, Trivy DS009, Checkov CKV_DOCKER_10 and Docker\'s WorkdirRelativePath build check.',
    remediation: 'Write the full path: `WORKDIR /app` instead of `WORKDIR app`.',
    references: [{ url: 'https://docs.docker.com/reference/build-checks/workdir-relative-path/' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3000' }],
    messages: {
      relative: 'WORKDIR "{{dir}}" is relative: it depends on the previous WORKDIR.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const instr of model.instructions) {
      const target = instr.keyword === 'ONBUILD' && instr.trigger ? instr.trigger : instr;
      if (target.keyword !== 'WORKDIR') continue;
      // The whole argument is the path (spaces included); quotes removed, escapes kept (C:\\app).
      const dir = target.args.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
      if (dir === '' || dir.startsWith('/') || dir.startsWith('$') || /^[A-Za-z]:[\\/]/.test(dir) || dir.startsWith('\\')) continue;
      ctx.report({ messageId: 'relative', data: { dir }, path: instructionPath(instr), line: instr.line });
    }
  },
});
