import { encryptionOf, isEncryptionConfig } from '../../analyzers/control-plane/encryption.js';
import { defineCheck } from '../define-check.js';

export const noWeakEncryptionProvider = defineCheck({
  meta: {
    id: 'no-weak-encryption-provider',
    category: 'control-plane',
    severity: 'medium',
    kinds: ['EncryptionConfiguration', 'EncryptionConfig'],
    stage: 'deploy',
    summary: 'Encryption at rest must use a supported provider (aescbc, aesgcm, secretbox or kms v2) with keys of the documented length.',
    rationale:
      'The EncryptionConfiguration decides how Secrets and other resources are stored in etcd. A KMS v1 provider is deprecated since Kubernetes 1.28 and disabled by default from 1.29, so an upgrade leaves the API server unable to start or to read its data; a provider the API server does not know, an empty key list, a key that is not base64 or has a length the cipher does not accept make the API server refuse the file; a 16- or 24-byte aescbc key is shorter than the 32 bytes the Kubernetes docs specify. Whoever copies an etcd backup or snapshot then needs only a weaker key, or finds the data in plaintext after an emergency rollback.',
    remediation:
      'Use kms with apiVersion: v2 (keys stay in an external KMS), or aescbc, aesgcm or secretbox with keys generated as `head -c 32 /dev/urandom | base64`, and give every provider at least one key.',
    references: [{ cis: '1.2.28' }, { url: 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/' }, { url: 'https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/' }],
    messages: {
      kmsV1: 'The {{provider}} provider uses KMS v1, deprecated since Kubernetes 1.28 and disabled by default from 1.29; set apiVersion: v2.',
      unknownProvider: 'Provider "{{provider}}" is not one of aescbc, aesgcm, secretbox, kms or identity (exactly one per list item); the API server rejects the file.',
      badKeyLength: 'Key "{{key}}" of the {{provider}} provider decodes to {{bytes}} bytes; {{provider}} accepts {{expected}}, so the API server rejects the file.',
      shortKey: 'Key "{{key}}" of the {{provider}} provider is {{bytes}} bytes; the Kubernetes docs specify {{expected}} for {{provider}}.',
      notBase64: 'Key "{{key}}" of the {{provider}} provider is not valid base64; the API server rejects the file.',
      noKeys: 'The {{provider}} provider has no keys; the API server rejects the file.',
      missingSecret: 'Key "{{key}}" of the {{provider}} provider has no secret; the API server rejects the file.',
    },
  },
  check(obj, ctx) {
    if (!isEncryptionConfig(obj)) return;
    for (const w of encryptionOf(obj).weaknesses) {
      ctx.report({
        messageId: w.id,
        data: { provider: w.provider, key: w.key ?? '', bytes: w.bytes ?? 0, expected: w.expected ?? '' },
        path: w.pointer,
      });
    }
  },
});
