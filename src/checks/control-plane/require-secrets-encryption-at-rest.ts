import { controlPlaneAnalyzer } from '../../analyzers/control-plane/control-plane-analyzer.js';
import { encryptionOf, isEncryptionConfig } from '../../analyzers/control-plane/encryption.js';
import { defineCheck } from '../define-check.js';

const ENCRYPTION_FLAGS = ['--encryption-provider-config', '--experimental-encryption-provider-config'];

export const requireSecretsEncryptionAtRest = defineCheck({
  meta: {
    id: 'require-secrets-encryption-at-rest',
    category: 'control-plane',
    severity: 'high',
    kinds: ['Workload', 'ComponentProcess', 'EncryptionConfiguration', 'EncryptionConfig'],
    stage: 'deploy',
    summary: 'The API server must encrypt Secrets before writing them to etcd.',
    rationale:
      'Without --encryption-provider-config, or with an EncryptionConfiguration that does not cover secrets or lists identity first, Secrets are written to etcd in plain text: anyone who reads an etcd data directory, a snapshot or a backup, or who reaches etcd with a leaked client certificate, gets every password, token and private key of the cluster without going through RBAC or the audit log.',
    remediation:
      'Point --encryption-provider-config at an EncryptionConfiguration whose first entry for secrets starts with kms (apiVersion: v2), aescbc, aesgcm or secretbox (identity may follow, to read old data), then rewrite existing Secrets with `kubectl get secrets -A -o json | kubectl replace -f -`.',
    references: [{ cis: '1.2.27' }, { cis: '1.2.28' }, { url: 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/' }],
    messages: {
      noEncryptionConfig: 'CIS 1.2.27: {{component}} has no --encryption-provider-config, so Secrets are stored in etcd in plain text.',
      secretsNotCovered: 'No resources entry of this EncryptionConfiguration covers secrets (secrets, *. or *.*), so Secrets are stored in plain text.',
      identityFirst: 'The first provider for secrets (resources[{{entry}}], matched by "{{matchedBy}}") is identity, so new and updated Secrets are written in plain text.',
    },
  },
  check(obj, ctx) {
    if (obj.kind === 'EncryptionConfiguration' || obj.kind === 'EncryptionConfig') {
      if (!isEncryptionConfig(obj)) return;
      const { secrets } = encryptionOf(obj);
      if (!secrets.entry) {
        ctx.report({ messageId: 'secretsNotCovered', path: Array.isArray(obj.resources) ? '/resources' : '', references: [{ cis: '1.2.28' }] });
      } else if (secrets.writer?.type === 'identity') {
        ctx.report({
          messageId: 'identityFirst',
          data: { entry: secrets.entry.index, matchedBy: secrets.matchedBy?.value ?? '' },
          path: secrets.writer.pointer,
          references: [{ cis: '1.2.28' }],
        });
      }
      return;
    }
    for (const inst of ctx.facts.get(controlPlaneAnalyzer).forAnchor(obj)) {
      if (inst.component !== 'kube-apiserver') continue;
      if (ENCRYPTION_FLAGS.some((f) => inst.args.has(f))) continue;
      ctx.report({ messageId: 'noEncryptionConfig', data: { component: inst.component }, path: inst.argvPointer, references: [{ cis: '1.2.27' }] });
    }
  },
});
