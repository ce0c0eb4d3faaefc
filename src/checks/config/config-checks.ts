import { defineCheck } from '../define-check.js';

/**
 * Checks whose findings the engine itself raises (suppression and config hygiene). They are registered
 * like any check so they have ids, docs, severities and can be configured; their `check` never reports.
 */
export const requireSuppressionReason = defineCheck({
  meta: {
    id: 'require-suppression-reason',
    category: 'config',
    severity: 'medium',
    kinds: ['*'],
    stage: 'deploy',
    summary: 'Suppression annotations must give a reason.',
    rationale:
      'An `ignore.bulwark.dev/<check-id>` annotation without a reason hides a finding with no record of why, so nobody can later judge whether the exception still holds. Such an annotation does not suppress anything.',
    remediation: 'Write the reason as the annotation value, e.g. `ignore.bulwark.dev/no-host-network: "CNI agent needs the host network"`.',
    references: [],
    messages: {
      emptyReason: 'Annotation "{{annotation}}" has no reason, so it suppresses nothing.',
      unknownCheck: 'Annotation "{{annotation}}" names no known check.',
    },
  },
  check() {},
});

export const noUnusedException = defineCheck({
  meta: {
    id: 'no-unused-exception',
    category: 'config',
    severity: 'low',
    kinds: ['BulwarkConfig'],
    stage: 'deploy',
    summary: 'Every exception in .bulwark.yaml must match at least one finding.',
    rationale:
      'An exception that matches nothing is usually a typo in a check id, namespace or name glob, which means the finding it was meant to cover is still reported, or the exception outlived the problem and should be removed.',
    remediation: 'Fix the exception so it matches the intended findings, or delete it.',
    references: [],
    messages: { unused: 'Exception #{{index}} ({{reason}}) matched no finding.' },
  },
  check() {},
});

export const noExpiredException = defineCheck({
  meta: {
    id: 'no-expired-exception',
    category: 'config',
    severity: 'medium',
    kinds: ['BulwarkConfig'],
    stage: 'deploy',
    summary: 'Exceptions in .bulwark.yaml past their expiry date no longer apply and must be renewed or removed.',
    rationale: 'Expiry dates make temporary risk acceptance temporary. An expired exception stops suppressing findings and is reported so its owner notices.',
    remediation: 'Fix the findings it covered and delete the exception, or set a new `expires` date with a fresh reason.',
    references: [],
    messages: { expired: 'Exception #{{index}} ({{reason}}) expired on {{expires}}; its findings are reported again.' },
  },
  check() {},
});
