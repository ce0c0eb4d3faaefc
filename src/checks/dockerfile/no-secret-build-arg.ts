import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { classifySecretName, detectSecret, detectSecretsInText, isReference } from '../../analyzers/secrets/secret-detector.js';
import type { DockerfileInstruction } from '../../analyzers/dockerfile/types.js';
import { instructionPath, keyValuePairs } from './instruction-semantics.js';

export const noSecretBuildArg = defineCheck({
  meta: {
    id: 'no-secret-build-arg',
    category: 'dockerfile',
    severity: 'medium',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Credentials must not be passed into a build as ARG or copied into ENV.',
    rationale:
      'A value given with `docker build --build-arg TOKEN=…` is visible to every RUN that uses it, recorded in the image history of the layers those RUNs create (`docker history`), in BuildKit provenance attestations and in the build cache; `ENV TOKEN=$TOKEN` goes further and stores it in the image configuration for every container. The name says what the value is (PASSWORD, NPM_TOKEN, AWS_SECRET_ACCESS_KEY…); names about a secret rather than the secret (TOKEN_FILE, SECRET_PATH, PASSWORD_URL) are not reported. Hard-coded values are reported by no-secret-in-dockerfile instead. Overlaps Docker\'s SecretsUsedInArgOrEnv build check.',
    remediation:
      'Declare the secret as a build secret and read it only where needed: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` with `docker build --secret id=npm_token,env=NPM_TOKEN`; give runtime credentials to the container at run time (a Kubernetes Secret), not through ENV.',
    references: [
      { url: 'https://docs.docker.com/build/building/secrets/' },
      { url: 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/' },
    ],
    messages: {
      secretArg: 'ARG "{{name}}" passes a {{kind}} as a build argument{{usage}}.',
      secretEnv: 'ENV "{{name}}" stores a {{kind}} taken from a build argument or variable in the image configuration.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    const usesOf = (name: string, stage: number, after: number) =>
      model.instructions.find(
        (i) => i.stage === stage && i.index > after && i.keyword === 'RUN' && new RegExp(`\\$(?:\\{${name}\\b|${name}\\b)`).test(i.args + i.heredocs.map((h) => h.content).join('\n')),
      );
    for (const instr of model.instructions) {
      const target: DockerfileInstruction = instr.keyword === 'ONBUILD' && instr.trigger ? instr.trigger : instr;
      if (target.keyword !== 'ARG' && target.keyword !== 'ENV') continue;
      for (const { name, value } of keyValuePairs(target.args, target.keyword, model.escape)) {
        const cls = classifySecretName(name);
        if (!cls) continue;
        // Literal secrets are no-secret-in-dockerfile's; literal non-secrets (paths, "true") are not secrets.
        if (value !== undefined && value !== '' && (detectSecret(name, value) || detectSecretsInText(value).length > 0)) continue;
        if (target.keyword === 'ARG') {
          if (value !== undefined && value !== '' && !isReference(value)) continue;
          const use = instr.keyword === 'ARG' ? usesOf(name, instr.stage, instr.index) : undefined;
          const usage = use ? ` used by the RUN on line ${use.line}` : '';
          ctx.report({ messageId: 'secretArg', data: { name, kind: cls.kind, usage }, path: instructionPath(instr), line: instr.line });
        } else if (value !== undefined && isReference(value)) {
          ctx.report({ messageId: 'secretEnv', data: { name, kind: cls.kind }, path: instructionPath(instr), line: instr.line });
        }
      }
    }
  },
});
