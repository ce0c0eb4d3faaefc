import type { Check } from './define-check.js';
import { noExpiredException } from './config/no-expired-exception.js';
import { noUnusedException } from './config/no-unused-exception.js';
import { requireSuppressionReason } from './config/require-suppression-reason.js';
import { noDanglingService } from './network/no-dangling-service.js';
import { noExposedService } from './network/no-exposed-service.js';
import { noServiceExternalIps } from './network/no-service-external-ips.js';
import { requireNamespacePodSecurityEnforce } from './network/require-namespace-pod-security-enforce.js';
import { requireNetworkPolicy } from './network/require-network-policy.js';
import { noPrivilegedContainer } from './pss/no-privileged-container.js';
import { noAutomountedServiceAccountToken } from './workload/no-automounted-service-account-token.js';
import { noDefaultNamespace } from './workload/no-default-namespace.js';
import { noDefaultServiceAccount } from './workload/no-default-service-account.js';

/** The explicit registry: a check exists for users when, and only when, it is listed here. */
export const BUILTIN_CHECKS: Check[] = [
  // Pod Security Standards: baseline
  noPrivilegedContainer,
  // Workload hygiene
  noDefaultNamespace,
  noDefaultServiceAccount,
  noAutomountedServiceAccountToken,
  // Services and network
  noExposedService,
  noServiceExternalIps,
  requireNamespacePodSecurityEnforce,
  requireNetworkPolicy,
  noDanglingService,
  // Suppression and config hygiene (raised by the engine)
  requireSuppressionReason,
  noUnusedException,
  noExpiredException,
];
