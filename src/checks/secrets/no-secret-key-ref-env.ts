import { defineCheck } from '../define-check.js';
import { asArray, describeContainer, isRecord, podContainers, podTemplate } from '../../kinds/workloads.js';

export const noSecretKeyRefEnv = defineCheck({
  meta: {
    id: 'no-secret-key-ref-env',
    category: 'secrets',
    severity: 'low',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Secrets should be mounted as files rather than exposed as environment variables.',
    rationale:
      'Environment variables leak: every child process inherits them, they are readable from /proc/<pid>/environ by anything running as the same user, crash reporters, debug endpoints and error pages dump them, and applications log their configuration at start-up. They cannot be updated without a restart either, which discourages rotation. A Secret mounted as a file is read only when needed, can be restricted by file mode, and is refreshed in place when the Secret changes.',
    remediation:
      'Mount the Secret as a volume (volumes[].secret.secretName, with items to select keys) and have the application read the file, instead of env[].valueFrom.secretKeyRef or envFrom[].secretRef.',
    references: [{ cis: '5.4.1' }, { url: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod' }],
    messages: {
      secretKeyRef: 'Env var "{{env}}" of the {{container}} is read from Secret "{{secret}}" (key "{{key}}").',
      envFromSecret: 'The {{container}} loads every key of Secret "{{secret}}" into environment variables.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const c of podContainers(t)) {
      // Described once per container, and only for a container with a finding.
      let container: string | undefined;
      asArray<unknown>(c.container.env).forEach((e, i) => {
        if (!isRecord(e) || !isRecord(e.valueFrom) || !isRecord(e.valueFrom.secretKeyRef)) return;
        const ref = e.valueFrom.secretKeyRef;
        ctx.report({
          messageId: 'secretKeyRef',
          data: { env: String(e.name ?? `#${i}`), container: (container ??= describeContainer(c)), secret: String(ref.name ?? ''), key: String(ref.key ?? '') },
          path: `${c.pointer}/env/${i}/valueFrom/secretKeyRef`,
        });
      });
      asArray<unknown>(c.container.envFrom).forEach((e, i) => {
        if (!isRecord(e) || !isRecord(e.secretRef)) return;
        ctx.report({ messageId: 'envFromSecret', data: { container: (container ??= describeContainer(c)), secret: String(e.secretRef.name ?? '') }, path: `${c.pointer}/envFrom/${i}/secretRef` });
      });
    }
  },
});
