import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { defineCheck } from '../define-check.js';
import { pulledImages } from './dockerfile-images.js';
import { instructionPath } from './instruction-semantics.js';

export const requireExplicitBaseRegistry = defineCheck({
  meta: {
    id: 'require-explicit-base-registry',
    category: 'dockerfile',
    severity: 'info',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Images a Dockerfile pulls should name their registry instead of relying on the Docker Hub default.',
    rationale:
      'An image reference without a registry host ("node:20", "bitnami/redis") is pulled from docker.io by Docker, but other builders and daemons may be configured with different search registries or mirrors (Podman\'s unqualified-search-registries, a daemon registry-mirror), so the same Dockerfile can resolve to different content; naming the registry makes the source explicit, reviewable and matchable by an allow-list.',
    remediation:
      'Write the registry in the reference, for example "docker.io/library/node:20" or your mirror\'s host ("registry.example.com/library/node:20").',
    references: [{ url: 'https://docs.docker.com/reference/dockerfile/#from' }],
    messages: {
      implicitRegistry: '{{via}} image "{{image}}" names no registry and is pulled from Docker Hub as docker.io/{{repository}}.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const p of pulledImages(model)) {
      if (p.ref.explicitRegistry) continue;
      ctx.report({
        messageId: 'implicitRegistry',
        data: { via: p.via, image: p.ref.raw, repository: p.ref.repository },
        path: instructionPath(p.instruction),
        line: p.instruction.line,
      });
    }
  },
});
