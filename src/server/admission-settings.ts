/**
 * What an AdmissionPolicy is built from, as plain data: the loaded config and the serve flags. Plain so
 * decision workers (worker threads) can be handed the very settings the main thread validated, and each
 * build the same policy.
 */
import { BUILTIN_CHECKS } from '../checks/index.js';
import { compilePolicyChecks } from '../policy/custom/index.js';
import { AdmissionPolicy, type AdmissionPolicyOptions } from './admission-evaluator.js';

export type AdmissionSettings = Omit<AdmissionPolicyOptions, 'checks' | 'now'>;

/** The policy `bulwark webhook serve` runs: built-in checks plus the config's custom policies. */
export function buildAdmissionPolicy(settings: AdmissionSettings): AdmissionPolicy {
  return new AdmissionPolicy({ ...settings, checks: [...BUILTIN_CHECKS, ...compilePolicyChecks(settings.config.policies)] });
}
