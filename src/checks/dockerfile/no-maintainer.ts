import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { instructionPath } from './instruction-semantics.js';

export const noMaintainer = defineCheck({
  meta: {
    id: 'no-maintainer',
    category: 'dockerfile',
    severity: 'info',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'MAINTAINER is deprecated: use a LABEL.',
    rationale:
      'MAINTAINER has been deprecated since Docker 1.13; its value only fills the image\'s author field, which tools do not read. The OCI label `org.opencontainers.image.authors` is what registries, scanners and SBOM tools use to find who owns an image (and whom to tell about its vulnerabilities). Overlaps hadolint DL4000, Trivy DS022, Checkov CKV_DOCKER_6 and Docker\'s MaintainerDeprecated build check.',
    remediation: 'Replace `MAINTAINER name <email>` with `LABEL org.opencontainers.image.authors="name <email>"`.',
    references: [{ url: 'https://docs.docker.com/reference/build-checks/maintainer-deprecated/' }, { url: 'https://github.com/hadolint/hadolint/wiki/DL4000' }],
    messages: {
      maintainer: 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const instr of model.instructions) {
      if (instr.keyword === 'MAINTAINER' || (instr.keyword === 'ONBUILD' && instr.trigger?.keyword === 'MAINTAINER')) {
        ctx.report({ messageId: 'maintainer', path: instructionPath(instr), line: instr.line });
      }
    }
  },
});
