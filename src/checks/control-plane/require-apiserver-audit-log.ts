import { defineCisSettingsCheck } from './cis-settings-check.js';

export const requireApiserverAuditLog = defineCisSettingsCheck({
  id: 'require-apiserver-audit-log',
  severity: 'medium',
  cis: ['1.2.16', '1.2.17', '1.2.18', '1.2.19'],
  kinds: ['Workload', 'ComponentProcess'],
  summary: 'The API server must write an audit log and keep at least 30 days, 10 files of 100 MB.',
  rationale:
    'Without --audit-log-path no audit events are written to disk, so who read a Secret, created a privileged pod or bound cluster-admin cannot be established after an incident; with the retention flags at their default of 0, old logs are kept forever until the disk fills, or, set too low, the evidence is rotated away before anyone looks.',
  remediation:
    'Set --audit-log-path, --audit-log-maxage=30, --audit-log-maxbackup=10 and --audit-log-maxsize=100 (or more) on kube-apiserver, together with --audit-policy-file.',
  references: [{ url: 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend' }],
});
