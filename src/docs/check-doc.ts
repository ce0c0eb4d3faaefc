import { CLUSTER_SCOPED_KINDS } from '../kinds/kind-groups.js';
import type { CheckMeta, Reference } from '../model/types.js';

/**
 * Exceptions match namespaced findings by namespace; findings on cluster-scoped objects (Namespaces,
 * ClusterRoles…) have none, so those are excepted by kind and name.
 */
function exceptionExample(meta: CheckMeta): string[] {
  const clusterScoped = meta.kinds.filter((k) => CLUSTER_SCOPED_KINDS.has(k));
  const lines: string[] = [];
  if (clusterScoped.length < meta.kinds.length) {
    lines.push(`  - checks: [${meta.id}]`, '    namespaces: [kube-system]', '    reason: "why this is acceptable"', '    expires: 2027-06-30');
  }
  if (clusterScoped.length > 0) {
    lines.push(`  - checks: [${meta.id}]`, `    kinds: [${clusterScoped.join(', ')}]`, '    names: [kube-system]', '    reason: "why this is acceptable"');
  }
  return lines;
}

/** Human-readable reference, e.g. "Pod Security Standards: restricted". */
export function describeReference(ref: Reference): string {
  const parts: string[] = [];
  if (ref.pss) parts.push(`Pod Security Standards: ${ref.pss} (https://kubernetes.io/docs/concepts/security/pod-security-standards/)`);
  if (ref.cis) parts.push(`CIS Kubernetes Benchmark ${ref.cis}`);
  if (ref.nsa) parts.push(`NSA/CISA Kubernetes Hardening Guide, kubescape control ${ref.nsa}`);
  if (ref.url) parts.push(ref.url);
  return parts.join('; ');
}

/** docs/checks/<id>.md, generated from the check's metadata so docs and behaviour never drift apart. */
export function renderCheckDoc(meta: CheckMeta): string {
  const lines = [
    `# ${meta.id}`,
    '',
    `> ${meta.summary}`,
    '',
    '| | |',
    '|---|---|',
    `| Severity | ${meta.severity} |`,
    `| Category | ${meta.category} |`,
    `| Stage | ${meta.stage} |`,
    `| Applies to | ${meta.kinds.map((k) => (k === '*' ? 'every kind' : k === 'Workload' ? 'workloads (Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController)' : k)).join(', ')} |`,
    '',
    '## Why it matters',
    '',
    meta.rationale,
    '',
    '## How to fix',
    '',
    meta.remediation,
    '',
    '## Messages',
    '',
    ...Object.entries(meta.messages).map(([id, text]) => `- \`${id}\`: ${text}`),
    '',
  ];
  if (meta.references.length > 0) {
    lines.push('## References', '', ...meta.references.map((r) => `- ${describeReference(r)}`), '');
  }
  lines.push(
    '## Configuration',
    '',
    'In `.bulwark.yaml`:',
    '',
    '```yaml',
    'checks:',
    `  ${meta.id}: off        # or a severity: info | low | medium | high | critical`,
    'exceptions:',
    ...exceptionExample(meta),
    '```',
    '',
    'On one object (the reason is required):',
    '',
    '```yaml',
    'metadata:',
    '  annotations:',
    `    ignore.bulwark.dev/${meta.id}: "why this is acceptable"`,
    '```',
    '',
  );
  return lines.join('\n');
}
