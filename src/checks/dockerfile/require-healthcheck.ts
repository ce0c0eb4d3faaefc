import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { shippingStages, stagePath } from './instruction-semantics.js';

export const requireHealthcheck = defineCheck({
  meta: {
    id: 'require-healthcheck',
    category: 'dockerfile',
    severity: 'info',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'The final image should declare a HEALTHCHECK (or HEALTHCHECK NONE on purpose).',
    rationale:
      'Without a health check, Docker and Swarm consider a running but hung, deadlocked or half-started container healthy and keep routing to it. A HEALTHCHECK documents how to tell. Kubernetes ignores HEALTHCHECK and uses liveness/readiness probes instead, hence the info severity: for images that only run on Kubernetes, define probes in the manifest and write `HEALTHCHECK NONE`, which counts as a decision and is not reported. A HEALTHCHECK inherited from the stage the final stage is built FROM counts; one from the base image cannot be seen and still needs declaring. Scratch and distroless images are reported too: the exec form (`HEALTHCHECK CMD ["/app", "health"]`) needs no shell. Overlaps Checkov CKV_DOCKER_2 and Trivy DS026.',
    remediation: 'Add `HEALTHCHECK --interval=30s --timeout=3s CMD ["/app", "healthcheck"]` (a command that fails when the service is unhealthy) to the final stage, or `HEALTHCHECK NONE` when the orchestrator\'s probes do the job.',
    references: [{ url: 'https://docs.docker.com/reference/dockerfile/#healthcheck' }, { url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/' }],
    messages: {
      missing: 'The final stage (FROM {{image}}) declares no HEALTHCHECK.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    const final = model?.finalStage;
    if (!model || !final) return;
    if (shippingStages(model).some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    ctx.report({ messageId: 'missing', data: { image: final.image.raw }, path: stagePath(final), line: final.from.line });
  },
});
