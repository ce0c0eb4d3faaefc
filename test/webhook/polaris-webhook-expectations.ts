/**
 * What Bulwark's webhook must answer for Polaris' webhook test cases (`../shared/oracles/polaris/test/
 * webhook_cases/`): `passing_test.*` admitted, `failing_test.*` denied, except the files listed here.
 * Shared by the in-process conformance test and the kubectl end-to-end test; no test lives here.
 */
import { join } from 'node:path';
import { ORACLES_DIR } from '../conformance/oracle-support.js';

export const CASES_DIR = join(ORACLES_DIR, 'polaris', 'test', 'webhook_cases');

/** Files where Bulwark's verdict differs from Polaris' on purpose (they count as agreeing, and must keep differing). */
export const DELIBERATE_DIFFERENCES: Record<string, { bulwark: 'admitted' | 'denied'; reason: string }> = {
  'passing_test.deployment.annotations.yaml': {
    bulwark: 'denied',
    reason:
      'Polaris admits it only because of its own `polaris.fairwinds.com/exempt: "true"` annotation (the Deployment itself allows privilege escalation). ' +
      'At admission Bulwark ignores exemptions written on the object by default: the workload author controls its annotations, so an ' +
      'annotation must not switch the policy off (`--allow-annotation-suppressions` opts in to ignore.bulwark.dev/* annotations; ' +
      'exceptions belong in the cluster admin\'s config, or the logged break-glass annotation is used).',
  },
};
