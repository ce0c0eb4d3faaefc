import type { Check } from './define-check.js';
import { noExpiredException } from './config/no-expired-exception.js';
import { noUnusedException } from './config/no-unused-exception.js';
import { requireSuppressionReason } from './config/require-suppression-reason.js';
import { noPrivilegedContainer } from './pss/no-privileged-container.js';

/** The explicit registry: a check exists for users when, and only when, it is listed here. */
export const BUILTIN_CHECKS: Check[] = [
  noPrivilegedContainer,
  requireSuppressionReason,
  noUnusedException,
  noExpiredException,
];
