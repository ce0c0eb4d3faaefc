import { defineCheck } from '../define-check.js';
import { parseImageReference } from '../../kinds/images.js';
import { describeContainer, podContainers, podTemplate } from '../../kinds/workloads.js';

export const noLatestImageTag = defineCheck({
  meta: {
    id: 'no-latest-image-tag',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Container images must name a fixed tag or digest, not latest or nothing.',
    rationale:
      'An image without a tag is pulled as ":latest", a moving pointer: replicas started at different times run different code, a rollback redeploys the broken version, a compromised or typosquatted upstream push lands in the cluster on the next restart, and no one can tell which build is running.',
    remediation:
      'Reference every image by an immutable version tag (for example "nginx:1.27.3") or, better, by digest ("nginx@sha256:…"); never use ":latest" or omit the tag.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/containers/images/#image-names' }],
    messages: {
      latest: 'The {{container}} uses image "{{image}}" with the mutable tag "latest".',
      noTag: 'The {{container}} uses image "{{image}}" without a tag or digest, which pulls "latest".',
      noImage: 'The {{container}} names no image.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const c of podContainers(t)) {
      const ref = parseImageReference(c.container.image);
      if (!ref) {
        ctx.report({ messageId: 'noImage', data: { container: describeContainer(c) }, path: `${c.pointer}/image` });
        continue;
      }
      // A digest pins the content whatever the tag says: "app:latest@sha256:…" pulls that digest.
      if (ref.digest !== undefined) continue;
      const messageId = ref.tag === undefined ? 'noTag' : ref.tag === 'latest' ? 'latest' : undefined;
      // Message data and path only for a finding: most images are tagged or pinned.
      if (messageId) ctx.report({ messageId, data: { container: describeContainer(c), image: ref.raw }, path: `${c.pointer}/image` });
    }
  },
});
