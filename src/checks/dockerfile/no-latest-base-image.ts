import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { effectiveTag } from '../../kinds/images.js';
import { defineCheck } from '../define-check.js';
import { pulledImages } from './dockerfile-images.js';
import { instructionPath } from './instruction-semantics.js';

export const noLatestBaseImage = defineCheck({
  meta: {
    id: 'no-latest-base-image',
    category: 'dockerfile',
    severity: 'medium',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Images a Dockerfile builds on must name a fixed tag or digest, not latest or nothing.',
    rationale:
      'FROM node (no tag) pulls node:latest, a pointer that moves with every upstream release: two builds of the same commit produce different images, a new major version breaks the build or the application without any change on your side, and a compromised upstream push is picked up by the next build. Covers FROM, COPY --from=<image> and RUN --mount=from=<image>; references to earlier stages and scratch are not images. A digest pins the content whatever the tag says. Overlaps hadolint DL3006/DL3007, Checkov CKV_DOCKER_7 and Trivy DS001.',
    remediation:
      'Name a specific version tag (for example "FROM node:20.18.1-bookworm-slim"), or pin the digest ("FROM node:20.18.1-bookworm-slim@sha256:…").',
    references: [{ url: 'https://docs.docker.com/reference/dockerfile/#from' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3006' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL3007' }],
    messages: {
      latest: '{{via}} image "{{image}}" uses the mutable tag "latest".',
      noTag: '{{via}} image "{{image}}" has no tag or digest, so the build pulls "latest".',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const p of pulledImages(model)) {
      // A digest pins the content whatever the tag says: "node:latest@sha256:…" pulls that digest.
      if (p.ref.digest !== undefined || effectiveTag(p.ref) !== 'latest') continue;
      const messageId = p.ref.tag === undefined ? 'noTag' : 'latest';
      ctx.report({ messageId, data: { via: p.via, image: p.ref.raw }, path: instructionPath(p.instruction), line: p.instruction.line });
    }
  },
});
