import { defineCheck } from '../define-check.js';

/**
 * Raised by the engine itself (suppression and config hygiene), registered like any check so it has an
 * id, docs and a configurable severity; its `check` never reports.
 */
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
