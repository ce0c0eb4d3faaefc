import { CheckTester } from '../../testing/check-tester.js';
import { auditPolicy, psLine, staticPod } from '../../testing/control-plane.js';
import { requireAuditPolicy } from './require-audit-policy.js';

const SECRETS_METADATA = { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps'] }] };

CheckTester.run(requireAuditPolicy, {
  valid: [
    staticPod('kube-apiserver', ['--audit-policy-file=/etc/kubernetes/audit-policy.yaml', '--audit-log-path=/var/log/kubernetes/audit.log']),
    psLine(['kube-apiserver', '--audit-policy-file', '/etc/audit.yaml', '--audit-webhook-config-file', '/etc/audit-webhook.yaml']),
    auditPolicy([{ level: 'None', users: ['system:kube-proxy'] }, SECRETS_METADATA, { level: 'RequestResponse' }]),
    { name: 'catch-all Metadata', yaml: auditPolicy([{ level: 'Metadata' }]) },
    { name: 'a scheduler needs no audit flags', yaml: staticPod('kube-scheduler', ['--profiling=false']) },
    { name: 'Kyverno Policy', yaml: 'apiVersion: kyverno.io/v1\nkind: Policy\nmetadata: {name: p, namespace: a}\nspec: {}\n' },
  ],
  invalid: [
    {
      name: 'no policy file',
      yaml: staticPod('kube-apiserver', ['--audit-log-path=/var/log/audit.log']),
      findings: [{ messageId: 'noPolicyFile', path: '/spec/containers/0/command', line: 16 }],
    },
    {
      name: 'policy file but no backend',
      yaml: psLine(['/usr/bin/kube-apiserver', '--audit-policy-file=/etc/audit.yaml']),
      findings: [{ messageId: 'noBackend', path: '/spec/argv/1', line: 11 }],
    },
    {
      name: 'empty rules',
      yaml: auditPolicy([]),
      findings: [{ messageId: 'logsNothing', path: '/rules', line: 3 }],
    },
    {
      name: 'Metadata rule shadowed by a catch-all None',
      yaml: auditPolicy([{ level: 'None' }, { level: 'Metadata' }]),
      findings: [{ messageId: 'logsNothing', path: '/rules' }],
    },
    {
      name: 'secrets dropped before the catch-all',
      yaml: auditPolicy([{ level: 'None', resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata' }]),
      findings: [{ messageId: 'secretsNotAudited', path: '/rules/0/level', message: /\(get, list, watch, create, update, patch, delete\) by an ordinary user resolve to level None \(rule rules\[0\]\)/ }],
    },
    {
      name: 'only writes are logged',
      yaml: auditPolicy([{ level: 'Metadata', verbs: ['create', 'update', 'patch', 'delete'] }]),
      findings: [{ messageId: 'secretsNotAudited', path: '/rules', message: /\(get, list, watch\).*no rule matches them/ }],
    },
  ],
});
