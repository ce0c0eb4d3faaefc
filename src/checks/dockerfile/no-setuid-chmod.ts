import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { chmodUses } from './chmod-findings.js';
import { instructionPath } from './instruction-semantics.js';

export const noSetuidChmod = defineCheck({
  meta: {
    id: 'no-setuid-chmod',
    category: 'dockerfile',
    severity: 'high',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Images must not add setuid or setgid bits to files.',
    rationale:
      'A setuid (or setgid) executable runs with its owner\'s (group\'s) identity whatever user starts it: a setuid-root binary in the image turns any code execution as the unprivileged container user into root, defeating USER and runAsNonRoot (unless allowPrivilegeEscalation is false). Both `chmod` in RUN (`+s`, `u+s`, `g+s`, octal 4xxx/2xxx/6xxx, with -R too) and `COPY/ADD --chmod` are read; modes set in build stages count only when the final image is built FROM that stage or copies from it (COPY --from keeps mode bits). A setgid directory (group inheritance) is reported too: the check cannot tell files from directories.',
    remediation:
      'Remove the setuid/setgid bit (`chmod u-s,g-s <file>`) and grant the narrow privilege another way: file capabilities (`setcap cap_net_bind_service=+ep`), a non-privileged port, or work done at build time as root before USER.',
    references: [
      { url: 'https://docs.docker.com/build/building/best-practices/#user' },
      { url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
    ],
    messages: {
      setuid: '{{via}} sets the setuid bit (mode {{mode}}) on {{target}}.',
      setgid: '{{via}} sets the setgid bit (mode {{mode}}) on {{target}}.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const use of chmodUses(model)) {
      if (!use.effect.setuid && !use.effect.setgid) continue;
      const via = use.via === 'chmod' ? 'chmod' : `${use.via} --chmod`;
      ctx.report({
        messageId: use.effect.setuid ? 'setuid' : 'setgid',
        data: { via, mode: use.mode, target: use.target },
        path: instructionPath(use.instruction),
        line: use.line,
      });
    }
  },
});
