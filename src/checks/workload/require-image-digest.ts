import { defineCheck } from '../define-check.js';
import { hasPinnedDigest, parseImageReference } from '../../kinds/images.js';
import { describeContainer, podContainers, podTemplate } from '../../kinds/workloads.js';

export const requireImageDigest = defineCheck({
  meta: {
    id: 'require-image-digest',
    category: 'workload',
    severity: 'low',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Container images must be pinned by digest.',
    rationale:
      'Tags are mutable: whoever can push to the repository (a compromised CI job, a stolen registry token, the upstream maintainer) can move a tag, and every node that pulls afterwards runs the new content. A sha256 digest names exactly one image, so what was reviewed and scanned is what runs.',
    remediation:
      'Reference every image by digest, e.g. "registry.example.com/app:1.4.2@sha256:<64 hex digits>" (the tag may stay for readability), and let your CI or a tool such as Renovate update the digests.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/containers/images/#image-names' }],
    messages: {
      notPinned: 'The {{container}} image "{{image}}" is not pinned by a sha256 digest.',
      invalidDigest: 'The {{container}} image "{{image}}" has a malformed digest "{{digest}}" (expected sha256: followed by 64 lower-case hex digits).',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const c of podContainers(t)) {
      // A missing image is no-latest-image-tag's finding, not a pinning problem.
      const ref = parseImageReference(c.container.image);
      if (!ref || hasPinnedDigest(ref)) continue;
      const container = describeContainer(c);
      const path = `${c.pointer}/image`;
      if (ref.digest === undefined) ctx.report({ messageId: 'notPinned', data: { container, image: ref.raw }, path });
      else ctx.report({ messageId: 'invalidDigest', data: { container, image: ref.raw, digest: ref.digest }, path });
    }
  },
});
