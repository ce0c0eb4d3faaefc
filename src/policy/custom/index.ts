import type { Check } from '../../checks/define-check.js';
import { policyCheck } from './policy-check.js';
import type { CustomPolicy } from './policy-types.js';

export type { CustomPolicy } from './policy-types.js';
export { syntheticAdmission } from './policy-check.js';

/** Custom policies as checks of the engine; compiling them throws a ConfigError naming the file and line. */
export function compilePolicyChecks(policies: readonly CustomPolicy[]): Check[] {
  return policies.map(policyCheck);
}
