import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { registryPatternMatches, trustedPatterns } from '../../kinds/images.js';
import { defineCheck } from '../define-check.js';
import { pulledImages } from './dockerfile-images.js';
import { instructionPath } from './instruction-semantics.js';

export const requireTrustedBaseRegistry = defineCheck({
  meta: {
    id: 'require-trusted-base-registry',
    category: 'dockerfile',
    severity: 'high',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Images a Dockerfile builds on or copies from must come from a configured trusted registry.',
    rationale:
      'Every FROM, COPY --from=<image> and RUN --mount=from=<image> pulls an image into the build; one from an arbitrary registry bypasses the scanning, signing and retention controls of your own, and a typosquatted or hijacked public repository then ends up inside your image (build stages included: what they compile is copied into the final image). The check is active only when options.trustedRegistries lists the allowed registries, read exactly as require-trusted-registry reads it.',
    remediation:
      'Mirror the image into one of the registries listed in options.trustedRegistries and reference it from there, or add its registry (host, or host/path prefix ending in "/") to trustedRegistries after review.',
    references: [{ url: 'https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image' }],
    messages: {
      untrusted: '{{via}} image "{{image}}" comes from "{{registry}}/{{repository}}", which no entry of trustedRegistries allows.',
    },
  },
  check(obj, ctx) {
    const patterns = trustedPatterns(ctx.options);
    if (!patterns) return;
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const p of pulledImages(model)) {
      if (patterns.some((pattern) => registryPatternMatches(pattern, p.ref))) continue;
      ctx.report({
        messageId: 'untrusted',
        data: { via: p.via, image: p.ref.raw, registry: p.ref.registry, repository: p.ref.repository },
        path: instructionPath(p.instruction),
        line: p.instruction.line,
      });
    }
  },
});
