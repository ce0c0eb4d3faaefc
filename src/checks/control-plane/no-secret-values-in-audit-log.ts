import { auditPolicyOf, describeRequest, isAuditPolicy, type AuditProbeResult } from '../../analyzers/control-plane/audit-policy.js';
import { defineCheck } from '../define-check.js';

/** Resources whose request or response bodies carry credentials. */
const SENSITIVE: { group: string; resource: string; label: string }[] = [
  { group: '', resource: 'secrets', label: 'secrets' },
  { group: '', resource: 'configmaps', label: 'configmaps' },
  { group: 'authentication.k8s.io', resource: 'tokenreviews', label: 'tokenreviews (bearer tokens)' },
];

export const noSecretValuesInAuditLog = defineCheck({
  meta: {
    id: 'no-secret-values-in-audit-log',
    category: 'control-plane',
    severity: 'high',
    kinds: ['Policy'],
    stage: 'deploy',
    summary: 'The audit policy must not log request or response bodies of Secrets, ConfigMaps or TokenReviews.',
    rationale:
      'At level Request the audit log records the request body, at RequestResponse the response too: every Secret read or written, every ConfigMap holding a password and every token sent to a TokenReview ends up in plain text in log files and in the log pipeline they are shipped to, readable by far more people than can read Secrets through RBAC. The first rule that matches a request decides its level, so a catch-all RequestResponse rule placed before (or instead of) a Metadata rule for these resources leaks them.',
    remediation:
      'Add a rule `{level: Metadata, resources: [{group: "", resources: [secrets, configmaps]}, {group: authentication.k8s.io, resources: [tokenreviews]}]}` before any rule at level Request or RequestResponse that could match these resources.',
    references: [{ cis: '3.2.2' }, { url: 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy' }],
    messages: {
      bodiesLogged:
        'Audit rule rules[{{rule}}] (level {{level}}) is the first rule matching {{resources}} requests, e.g. {{example}}, so their contents are written to the audit log.',
    },
  },
  check(obj, ctx) {
    if (!isAuditPolicy(obj)) return;
    const policy = auditPolicyOf(obj);
    const byRule = new Map<number, { hit: AuditProbeResult; labels: string[] }>();
    for (const s of SENSITIVE) {
      for (const hit of policy.bodyLogging(s.group, s.resource)) {
        const index = hit.decision.rule?.index ?? -1;
        const entry = byRule.get(index);
        if (entry) entry.labels.push(s.label);
        else byRule.set(index, { hit, labels: [s.label] });
      }
    }
    for (const [index, { hit, labels }] of [...byRule].sort((a, b) => a[0] - b[0])) {
      ctx.report({
        messageId: 'bodiesLogged',
        data: { rule: index, level: hit.decision.level, resources: labels.join(', '), example: describeRequest(hit.request) },
        path: `${hit.decision.rule?.pointer ?? ''}/level`,
      });
    }
  },
});
