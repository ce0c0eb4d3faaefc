import { defineCheck } from '../define-check.js';

/**
 * Raised by the engine itself (suppression and config hygiene), registered like any check so it has an
 * id, docs and a configurable severity; its `check` never reports.
 */
export const requireSuppressionReason = defineCheck({
  meta: {
    id: 'require-suppression-reason',
    category: 'config',
    severity: 'medium',
    kinds: ['*'],
    stage: 'deploy',
    summary: 'Suppression annotations and `# bulwark-ignore` comments must give a reason and name a known check.',
    rationale:
      'An `ignore.bulwark.dev/<check-id>` annotation without a reason hides a finding with no record of why, so nobody can later judge whether the exception still holds. Such an annotation does not suppress anything.',
    remediation:
      'Write the reason as the annotation value, e.g. `ignore.bulwark.dev/no-host-network: "CNI agent needs the host network"`, or after the check id in a Dockerfile comment, e.g. `# bulwark-ignore require-healthcheck probes are set in the pod spec`.',
    references: [],
    messages: {
      emptyReason: 'Annotation "{{annotation}}" has no reason, so it suppresses nothing.',
      unknownCheck: 'Annotation "{{annotation}}" names no known check.',
      emptyCommentReason: 'Comment "# bulwark-ignore {{checkId}}" has no reason, so it suppresses nothing.',
      unknownCommentCheck: 'Comment "# bulwark-ignore {{checkId}}" names no known check.',
    },
  },
  check() {},
});
