import type { CheckMeta, Enforcement, Severity } from '../model/types.js';
import type { BulwarkConfig } from './config.js';

/**
 * Built-in checks that the admission webhook enforces (`deny`) unless the config says otherwise: the
 * settings that hand a container the node or the cluster (privileged, host namespaces, dangerous
 * capabilities, runtime socket, root, privilege escalation), mutable `latest` images, secret values in
 * plain sight, and RBAC bindings that give away the cluster. It is the set Polaris marks "danger" by
 * default, mapped to our checks, so teams that move from its webhook keep its verdicts; every other
 * built-in check is `fail-build` (reported at admission as a warning, never denied).
 */
export const DENY_BY_DEFAULT: ReadonlySet<string> = new Set([
  'no-privileged-container',
  'no-host-process',
  'no-host-network',
  'no-host-pid',
  'no-host-ipc',
  'no-unsafe-capabilities',
  'no-container-runtime-socket-mount',
  'no-privilege-escalation',
  'require-run-as-non-root',
  'no-run-as-root-user',
  'no-latest-image-tag',
  'no-secret-in-env',
  'no-secret-in-configmap',
  'no-cluster-admin-binding',
  'no-pod-exec-access',
  'no-rbac-escalation-access',
  'no-impersonation-access',
]);

/** Config override, else the check's own (custom policies), else the built-in default above. */
export function enforcementOf(meta: Pick<CheckMeta, 'id' | 'enforcement'>, config: BulwarkConfig): Enforcement {
  return config.checks[meta.id]?.enforcement ?? meta.enforcement ?? (DENY_BY_DEFAULT.has(meta.id) ? 'deny' : 'fail-build');
}

/** Config override, else the check's own severity. */
export function severityOf(meta: Pick<CheckMeta, 'id' | 'severity'>, config: BulwarkConfig): Severity {
  return config.checks[meta.id]?.severity ?? meta.severity;
}
