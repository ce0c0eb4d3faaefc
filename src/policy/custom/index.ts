import type { Check } from '../../checks/define-check.js';
import { BUILTIN_CHECKS } from '../../checks/index.js';
import { policyCheck } from './policy-check.js';
import { assertUniquePolicyIds } from './policy-file.js';
import type { CustomPolicy } from './policy-types.js';

export type { CustomPolicy } from './policy-types.js';
export { syntheticAdmission } from './policy-check.js';

const BUILTIN_IDS = new Set(BUILTIN_CHECKS.map((c) => c.meta.id));

/**
 * Custom policies as checks of the engine. A clash of ids (with a built-in check or another policy) or an
 * expression that does not compile throws a ConfigError naming the file and line.
 */
export function compilePolicyChecks(policies: CustomPolicy[]): Check[] {
  assertUniquePolicyIds(policies, BUILTIN_IDS);
  return policies.map(policyCheck);
}
