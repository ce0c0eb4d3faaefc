import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { hasPinnedDigest } from '../../kinds/images.js';
import { defineCheck } from '../define-check.js';
import { pulledImages } from './dockerfile-images.js';
import { instructionPath } from './instruction-semantics.js';

export const requireBaseImageDigest = defineCheck({
  meta: {
    id: 'require-base-image-digest',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Images a Dockerfile builds on should be pinned by digest.',
    rationale:
      'A tag, even a precise one such as "python:3.12.7-slim", is mutable: the publisher re-pushes it for every security rebuild, and whoever controls the repository can point it at anything. Only a digest (@sha256:…) identifies the exact bytes the build starts from, so the image that was reviewed and scanned is the one built on, and a tampered tag cannot slip in. Covers FROM, COPY --from=<image> and RUN --mount=from=<image>, build stages included (their output is copied into the final image).',
    remediation:
      'Append the digest of the reviewed image to the reference ("FROM python:3.12.7-slim@sha256:<digest>"; `docker buildx imagetools inspect <image>` prints it) and let a bot such as Renovate or Dependabot update tag and digest together.',
    references: [{ url: 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions' }],
    messages: {
      noDigest: '{{via}} image "{{image}}" is not pinned by digest.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const p of pulledImages(model)) {
      // Same reading as require-image-digest: only a well-formed content digest (`@sha256:` + 64 hex) is a pin.
      if (hasPinnedDigest(p.ref)) continue;
      ctx.report({ messageId: 'noDigest', data: { via: p.via, image: p.ref.raw }, path: instructionPath(p.instruction), line: p.instruction.line });
    }
  },
});
