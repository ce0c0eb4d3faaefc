import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { hasVariable, instructionPath, shippingStages, splitWords, substitute, variablesBefore } from './instruction-semantics.js';

const SSH_PORT = 22;

export const noSshPortExposed = defineCheck({
  meta: {
    id: 'no-ssh-port-exposed',
    category: 'dockerfile',
    severity: 'medium',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'The final image must not EXPOSE the SSH port 22.',
    rationale:
      'EXPOSE 22 means an SSH server is meant to run in the container: another long-lived, network-reachable authentication surface with its own keys and passwords to leak, and a way in that bypasses `kubectl exec` auditing and RBAC. Containers are debugged with `kubectl exec`/`kubectl debug`, not SSH. Port 22 is found alone, as 22/tcp, inside a range (20-30) and behind ARG/ENV defaults; 22/udp is not SSH. EXPOSE is inherited, so the final stage and the stages it is built FROM are checked. Overlaps Checkov CKV_DOCKER_1 and Trivy DS004; see also the manifest check no-ssh-port.',
    remediation: 'Remove `EXPOSE 22` and the SSH server; use `kubectl exec` or `kubectl debug` (ephemeral containers) for interactive access.',
    references: [{ url: 'https://docs.docker.com/reference/dockerfile/#expose' }, { url: 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/' }],
    messages: {
      sshPort: 'EXPOSE {{port}} publishes the SSH port 22.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of shippingStages(model)) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'EXPOSE') continue;
        let vars: ReadonlyMap<string, string> | undefined;
        for (const raw of splitWords(instr.args, model.escape)) {
          const word = hasVariable(raw) ? substitute(raw, (vars ??= variablesBefore(model, stage, instr.index))) : raw;
          // A variable may hold several ports ("22 80").
          for (const port of word.split(/\s+/)) {
            const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(port);
            if (!m) continue;
            const lo = Number(m[1]);
            const hi = m[2] !== undefined ? Number(m[2]) : lo;
            const proto = (m[3] ?? 'tcp').toLowerCase();
            if (proto === 'tcp' && lo <= SSH_PORT && SSH_PORT <= hi) ctx.report({ messageId: 'sshPort', data: { port: raw }, path: instructionPath(instr), line: instr.line });
          }
        }
      }
    }
  },
});
