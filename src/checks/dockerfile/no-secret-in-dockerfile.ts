import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { detectSecret, detectSecretsInText } from '../../analyzers/secrets/secret-detector.js';
import { instructionPath, keyValuePairs } from './instruction-semantics.js';

const REMEDIATION =
  'Remove the value from the Dockerfile and rotate it (it is in the image history and in version control); pass build-time secrets with `RUN --mount=type=secret,id=<id>` (`docker build --secret id=<id>,src=<file>`) and runtime ones through the orchestrator (a Kubernetes Secret).';

export const noSecretInDockerfile = defineCheck({
  meta: {
    id: 'no-secret-in-dockerfile',
    category: 'dockerfile',
    severity: 'high',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Dockerfiles must not hold hard-coded secrets in ENV, ARG, LABEL or RUN.',
    rationale:
      'An ENV or LABEL value is stored in the image configuration and shown by `docker inspect`; an ARG default and every RUN command line are kept in the image history (`docker history --no-trunc`) and build provenance; and the Dockerfile itself is committed. Anyone who can pull the image or read the repository gets the credential. Values are judged with the project\'s secret detector: credential formats (AWS keys, GitHub/Slack tokens, private keys, URLs with a password) whatever the name, and credential-named settings (PASSWORD, API_KEY, …) whose value looks like one; *_FILE, *_PATH, references (`$VAR`) and placeholders are not secrets. Values are never printed. Overlaps Docker\'s SecretsUsedInArgOrEnv build check.',
    remediation: REMEDIATION,
    references: [
      { url: 'https://docs.docker.com/build/building/secrets/' },
      { url: 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/' },
    ],
    messages: {
      secretValue: '{{keyword}} "{{name}}" holds a hard-coded {{kind}} (****).',
      secretInText: '{{keyword}} embeds a hard-coded {{kind}}{{field}} (****).',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const instr of model.instructions) {
      const keyword = instr.keyword === 'ONBUILD' && instr.trigger ? instr.trigger.keyword : instr.keyword;
      const target = instr.keyword === 'ONBUILD' && instr.trigger ? instr.trigger : instr;
      if (keyword !== 'ENV' && keyword !== 'ARG' && keyword !== 'LABEL') continue;
      for (const { name, value } of keyValuePairs(target.args, keyword, model.escape)) {
        if (value === undefined || value === '') continue;
        const hit = detectSecret(name, value) ?? detectSecretsInText(value)[0];
        if (hit) ctx.report({ messageId: 'secretValue', data: { keyword, name, kind: hit.kind }, path: instructionPath(instr), line: instr.line });
      }
    }
    for (const instr of model.instructions) {
      if (instr.keyword !== 'RUN' && instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      const seen = new Set<string>();
      const report = (kind: string, field: string | undefined, line: number) => {
        const key = `${line}\u0000${kind}\u0000${field ?? ''}`;
        if (seen.has(key)) return;
        seen.add(key);
        ctx.report({ messageId: 'secretInText', data: { keyword: instr.keyword, kind, field: field ? ` in "${field}"` : '' }, path: instructionPath(instr), line });
      };
      if (instr.keyword === 'RUN') {
        const run = model.stages[instr.stage]?.runs.find((r) => r.instruction.index === instr.index);
        for (const cmd of run?.commands ?? []) {
          for (const hit of detectSecretsInText(cmd.text)) report(hit.kind, hit.field, cmd.line + hit.line - 1);
        }
        if (!run && !instr.execForm) for (const hit of detectSecretsInText(instr.args)) report(hit.kind, hit.field, instr.line);
        if (instr.execForm) for (const hit of detectSecretsInText(instr.execForm.join(' '))) report(hit.kind, hit.field, instr.line);
      } else {
        // ADD of a URL with a password in it.
        for (const hit of detectSecretsInText(instr.args)) if (hit.by === 'pattern') report(hit.kind, hit.field, instr.line);
      }
      for (const h of instr.heredocs) {
        for (const hit of detectSecretsInText(h.content)) report(hit.kind, hit.field, h.line + hit.line - 1);
      }
    }
  },
});
