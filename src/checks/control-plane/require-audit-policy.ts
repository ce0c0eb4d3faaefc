import { auditPolicyOf, isAuditPolicy } from '../../analyzers/control-plane/audit-policy.js';
import { controlPlaneAnalyzer } from '../../analyzers/control-plane/control-plane-analyzer.js';
import { defineCheck } from '../define-check.js';

export const requireAuditPolicy = defineCheck({
  meta: {
    id: 'require-audit-policy',
    category: 'control-plane',
    severity: 'medium',
    kinds: ['Workload', 'ComponentProcess', 'Policy'],
    stage: 'deploy',
    summary: 'The API server must record audit events with a policy that logs at least the metadata of every Secret access.',
    rationale:
      'Without --audit-policy-file the API server records no audit events at all, and without a log or webhook backend the events go nowhere; a policy whose rules all resolve to None (or that drops Secret requests) leaves the same gap. After a breach nobody can tell who read which Secret, who exec-ed into which pod or who granted themselves cluster-admin.',
    remediation:
      'Start kube-apiserver with --audit-policy-file and --audit-log-path (or --audit-webhook-config-file), using a Policy that logs secrets, configmaps and tokenreviews at Metadata and other requests at Metadata or above, ending with a catch-all rule.',
    references: [{ cis: '3.2.1' }, { cis: '3.2.2' }, { url: 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/' }],
    messages: {
      noPolicyFile: 'CIS 3.2.1: {{component}} has no --audit-policy-file, so no audit events are recorded.',
      noBackend: '{{component}} sets --audit-policy-file but neither --audit-log-path nor --audit-webhook-config-file, so audit events are not written anywhere.',
      logsNothing: 'Every request resolves to level None under this audit Policy (no rules, or none below a catch-all None is reachable), so nothing is recorded.',
      secretsNotAudited: 'Secret requests ({{verbs}}) by an ordinary user resolve to level None ({{decidedBy}}), so reads and changes of Secrets leave no audit trail.',
    },
  },
  check(obj, ctx) {
    if (obj.kind === 'Policy') {
      if (!isAuditPolicy(obj)) return;
      const policy = auditPolicyOf(obj);
      if (!policy.logsAnything) {
        ctx.report({ messageId: 'logsNothing', path: Array.isArray(obj.rules) ? '/rules' : '', references: [{ cis: '3.2.1' }] });
        return;
      }
      const unlogged = policy.probeGeneric('', 'secrets').filter((p) => p.decision.level === 'None');
      if (unlogged.length === 0) return;
      const rule = unlogged.find((p) => p.decision.rule)?.decision.rule;
      ctx.report({
        messageId: 'secretsNotAudited',
        data: { verbs: unlogged.map((p) => p.request.verb).join(', '), decidedBy: rule ? `rule rules[${rule.index}]` : 'no rule matches them' },
        path: rule ? `${rule.pointer}/level` : '/rules',
        references: [{ cis: '3.2.2' }],
      });
      return;
    }
    for (const inst of ctx.facts.get(controlPlaneAnalyzer).forAnchor(obj)) {
      if (inst.component !== 'kube-apiserver') continue;
      const data = { component: inst.component };
      if (!inst.args.has('--audit-policy-file')) {
        ctx.report({ messageId: 'noPolicyFile', data, path: inst.argvPointer, references: [{ cis: '3.2.1' }] });
      } else if (!inst.args.has('--audit-log-path') && !inst.args.has('--audit-webhook-config-file')) {
        ctx.report({ messageId: 'noBackend', data, path: inst.args.get('--audit-policy-file')?.occurrences[0]?.pointer ?? inst.argvPointer, references: [{ cis: '1.2.16' }] });
      }
    }
  },
});
