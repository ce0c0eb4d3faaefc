import { defineCheck } from '../define-check.js';

/**
 * Raised by the engine itself (suppression and config hygiene), registered like any check so it has an
 * id, docs and a configurable severity; its `check` never reports.
 */
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
