import { defineCheck } from '../define-check.js';
import { isRecord } from '../../kinds/workloads.js';
import { decodeBase64, detectSecretsInText, isPlaceholder, isPublicKeyMaterial, isReference } from '../../analyzers/secrets/secret-detector.js';

/** Keys the token controller fills in a service-account-token Secret that are not confidential. */
const PUBLIC_TOKEN_KEYS = new Set(['ca.crt', 'namespace']);

export const noInlineSecretData = defineCheck({
  meta: {
    id: 'no-inline-secret-data',
    category: 'secrets',
    severity: 'high',
    kinds: ['Secret'],
    stage: 'deploy',
    summary: 'Secret values must not be committed in manifests.',
    rationale:
      'A Secret\'s data is only base64-encoded, not encrypted: once the manifest is in a repository, everyone with read access to it, its forks, CI logs and backups has the credentials, for ever, since Git history keeps them after the file changes. Kubernetes\' RBAC and encryption at rest protect Secrets in the cluster, not in Git.',
    remediation:
      'Remove data and stringData from the committed Secret, rotate the exposed values, and create the Secret at deploy time from a secret manager (External Secrets Operator, Secrets Store CSI driver, Vault) or commit it encrypted (Sealed Secrets, SOPS).',
    references: [{ cis: '5.4.2' }, { url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' }],
    messages: {
      inlineData: 'Secret values are committed in the manifest (keys {{keys}}).',
    },
  },
  check(obj, ctx) {
    const flagged: { key: string; path: string }[] = [];
    const tokenType = obj.type === 'kubernetes.io/service-account-token';
    for (const field of ['data', 'stringData'] as const) {
      const map = obj[field];
      if (!isRecord(map)) continue;
      for (const [key, raw] of Object.entries(map)) {
        if (raw === null || raw === undefined || typeof raw === 'object') continue;
        if (tokenType && PUBLIC_TOKEN_KEYS.has(key)) continue;
        const text = field === 'data' ? (decodeBase64(String(raw)) ?? String(raw)) : String(raw);
        if (isConfidential(key, text)) flagged.push({ key, path: `/${field}/${pointerSegment(key)}` });
      }
    }
    if (flagged.length === 0) return;
    ctx.report({ messageId: 'inlineData', data: { keys: flagged.map((f) => `"${f.key}"`).join(', ') }, path: flagged[0].path });
  },
});

/**
 * A value in a Secret is confidential by declaration, unless it is empty, a reference or placeholder
 * to be filled in at deploy time, or public key material (certificates). A multi-line document (a
 * config file kept in a Secret because an operator reads it from one) counts only when it contains
 * a credential.
 */
function isConfidential(key: string, text: string): boolean {
  const v = text.trim();
  if (v === '' || isReference(v) || isPlaceholder(v, key) || isPublicKeyMaterial(v)) return false;
  if (v.includes('\n')) return detectSecretsInText(v).length > 0;
  return true;
}

function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
