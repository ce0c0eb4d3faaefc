import { defineCheck } from '../define-check.js';
import { isRecord } from '../../kinds/workloads.js';
import { decodeBase64, detectSecret, detectSecretsInText, type EmbeddedSecretHit, type SecretHit } from '../../analyzers/secrets/secret-detector.js';

export const noSecretInConfigmap = defineCheck({
  meta: {
    id: 'no-secret-in-configmap',
    category: 'secrets',
    severity: 'high',
    kinds: ['ConfigMap'],
    stage: 'deploy',
    summary: 'ConfigMaps must not hold passwords, tokens, keys or other credentials.',
    rationale:
      'ConfigMaps are meant for non-confidential data: they are committed in plain text, readable by every subject with get on configmaps (often granted broadly, e.g. to the "view" ClusterRole, which cannot read Secrets), never encrypted at rest by the API server\'s Secret encryption, and printed by tooling and logs. A credential in one, including inside an embedded config file, is exposed to all of them.',
    remediation:
      'Move the credential into a Secret (or an external secret manager), rotate it since it has been exposed, and have the application read it from a mounted secret file or an environment variable referencing the Secret; keep only non-confidential settings in the ConfigMap.',
    references: [{ cis: '5.4.2' }, { url: 'https://kubernetes.io/docs/concepts/configuration/configmap/' }],
    messages: {
      secretValue: 'Key "{{key}}" holds a hard-coded {{kind}}.',
      embeddedSecret: 'Key "{{key}}" contains a hard-coded {{kind}} ({{where}}).',
    },
  },
  check(obj, ctx) {
    for (const field of ['data', 'binaryData'] as const) {
      const map = obj[field];
      if (!isRecord(map)) continue;
      for (const [key, raw] of Object.entries(map)) {
        if (raw === null || raw === undefined || typeof raw === 'object') continue;
        const value = field === 'binaryData' ? decodeBase64(String(raw)) : String(raw);
        if (value === undefined) continue; // binary content
        const path = `/${field}/${pointerSegment(key)}`;
        const whole: SecretHit | undefined = value.trim().includes('\n') ? undefined : detectSecret(key, value);
        if (whole) {
          ctx.report({ messageId: 'secretValue', data: { key, kind: whole.kind }, path });
          continue;
        }
        const inner = detectSecretsInText(value);
        if (inner.length > 0) ctx.report({ messageId: 'embeddedSecret', data: { key, kind: kindsOf(inner), where: whereOf(inner) }, path });
      }
    }
  },
});

function kindsOf(hits: EmbeddedSecretHit[]): string {
  const kinds = [...new Set(hits.map((h) => h.kind))];
  return kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
}

/** '"db.password", line 12 of the value': the settings that hold them, or their lines inside the value. */
function whereOf(hits: EmbeddedSecretHit[]): string {
  return [...new Set(hits.map((h) => (h.field !== undefined ? `"${h.field}"` : `line ${h.line} of the value`)))].join(', ');
}

function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
