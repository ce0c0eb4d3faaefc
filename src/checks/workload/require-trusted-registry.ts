import { defineCheck } from '../define-check.js';
import { parseImageReference, registryPatternMatches, trustedPatterns } from '../../kinds/images.js';
import { describeContainer, podContainers, podTemplate } from '../../kinds/workloads.js';

export const requireTrustedRegistry = defineCheck({
  meta: {
    id: 'require-trusted-registry',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Container images must come from a configured trusted registry.',
    rationale:
      'Images from arbitrary registries bypass the scanning, signing and retention controls of your own registry; a typosquatted or hijacked public repository then runs with the workload\'s service account and network access. The check is active only when options.trustedRegistries lists the allowed registries.',
    remediation:
      'Mirror the image into one of the registries listed in options.trustedRegistries and reference it from there, or add its registry (host, or host/path prefix ending in "/") to trustedRegistries after review.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/containers/images/' }],
    messages: {
      untrusted: 'The {{container}} image "{{image}}" comes from "{{registry}}/{{repository}}", which no entry of trustedRegistries allows.',
    },
  },
  check(obj, ctx) {
    // A non-empty list whose entries are all unusable trusts nothing: a broken allow-list fails loudly.
    const patterns = trustedPatterns(ctx.options);
    if (!patterns) return;
    const t = podTemplate(obj);
    if (!t) return;
    for (const c of podContainers(t)) {
      // A missing image is no-latest-image-tag's finding.
      const ref = parseImageReference(c.container.image);
      if (!ref || patterns.some((p) => registryPatternMatches(p, ref))) continue;
      ctx.report({
        messageId: 'untrusted',
        data: { container: describeContainer(c), image: ref.raw, registry: ref.registry, repository: ref.repository },
        path: `${c.pointer}/image`,
      });
    }
  },
});
