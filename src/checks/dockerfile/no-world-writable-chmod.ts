import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { chmodUses } from './chmod-findings.js';
import { instructionPath } from './instruction-semantics.js';

export const noWorldWritableChmod = defineCheck({
  meta: {
    id: 'no-world-writable-chmod',
    category: 'dockerfile',
    severity: 'medium',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Images must not make files world-writable (chmod 777, 666, o+w, a+w).',
    rationale:
      'A world-writable file or directory can be changed by every user of the container: an attacker who gets code execution as any uid can replace the application\'s code, scripts or configuration that a more privileged process later runs, and `chmod -R 777` is usually a shortcut around an ownership problem. Modes are read as chmod does: octal with the "others write" bit, or symbolic clauses granting w to o or a (a bare `+w` is masked by the default umask 022 and does not make a file world-writable). A sticky-bit mode (1777, as /tmp has) is the intended way to share a directory and is not reported. RUN chmod and COPY/ADD --chmod in stages that reach the final image are checked.',
    remediation:
      'Give the files to the user that needs them instead (`COPY --chown=app:app`, `chown -R app:app /data`) with modes like 755/644 (or 775/664 for a shared group); use a sticky directory (1777) only for a /tmp-like shared scratch space.',
    references: [
      { url: 'https://docs.docker.com/reference/dockerfile/#copy---chown---chmod' },
      { url: 'https://docs.docker.com/build/building/best-practices/' },
    ],
    messages: {
      worldWritable: '{{via}} makes {{target}} world-writable (mode {{mode}}).',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const use of chmodUses(model)) {
      if (!use.effect.worldWritable || use.effect.sticky) continue;
      const via = use.via === 'chmod' ? 'chmod' : `${use.via} --chmod`;
      ctx.report({ messageId: 'worldWritable', data: { via, mode: use.mode, target: use.target }, path: instructionPath(use.instruction), line: use.line });
    }
  },
});
