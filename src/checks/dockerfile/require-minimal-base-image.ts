import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { defineCheck } from '../define-check.js';
import { classifyBaseImage } from './base-images.js';
import { finalRootStage } from './dockerfile-images.js';
import { instructionPath } from './instruction-semantics.js';

export const requireMinimalBaseImage = defineCheck({
  meta: {
    id: 'require-minimal-base-image',
    category: 'dockerfile',
    severity: 'low',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'The final image must be built on a minimal base (distroless, -slim, alpine, UBI minimal, Chainguard or scratch), not a full distribution or toolchain image.',
    rationale:
      'A full distribution or language image ships a shell, a package manager, compilers and hundreds of libraries the application never calls: every one is a vulnerability the scanner reports and an attacker who gets code execution can use (curl to fetch tools, a compiler to build exploits, apt to install them). Build stages may use such images; only what the final stage is built on ships. Images are classified from a data table (src/checks/dockerfile/base-images.ts) by repository and tag: python:3.12 and node:20-bookworm are full, python:3.12-slim and node:20-alpine minimal; images the table does not know are not reported.',
    remediation:
      'Build in an earlier stage and start the final stage FROM a minimal image (the finding names alternatives for the image family), copying only the built artifacts with COPY --from.',
    references: [{ url: 'https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image' }, { url: 'https://docs.docker.com/build/building/multi-stage/' }],
    messages: {
      fullImage: 'The final image is built on "{{image}}", a full {{family}} image; use {{alternatives}}.',
      toolchainImage: 'The final image is built on "{{image}}", a {{family}} build image that ships the compiler and build tools; use {{alternatives}}.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    // Only what the final stage is built on ships; `FROM <stage>` is followed to that stage's image.
    const root = finalRootStage(model);
    if (!root || root.baseStage !== undefined || root.image.unresolved) return;
    const verdict = classifyBaseImage(root.image);
    if (!verdict || verdict.minimal) return;
    const { family } = verdict;
    ctx.report({
      messageId: family.kind === 'toolchain' ? 'toolchainImage' : 'fullImage',
      data: { image: root.image.resolved, family: family.name, alternatives: family.alternatives },
      path: instructionPath(root.from),
      line: root.from.line,
    });
  },
});
