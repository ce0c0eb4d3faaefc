import { defineCheck } from '../define-check.js';
import { asArray, describeContainer, isRecord, podContainers, podTemplate } from '../../kinds/workloads.js';
import { detectSecret, detectSecretsInText } from '../../analyzers/secrets/secret-detector.js';

export const noSecretInEnv = defineCheck({
  meta: {
    id: 'no-secret-in-env',
    category: 'secrets',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must not set secrets as literal environment variable values.',
    rationale:
      'A literal env value is part of the workload spec: it is committed with the manifest, shown by `kubectl get -o yaml` and `kubectl describe` to everyone who can read pods or deployments (a far wider audience than those who can read Secrets), kept in the API server\'s history and copied into every ReplicaSet. A leaked password, token or private key gives an attacker the service it protects, and rotating it means redeploying. Names are judged together with values, so TOKEN_PATH=/var/run/... or SECRET_NAME=db-secret are not reported.',
    remediation:
      'Move the value into a Secret (or an external secret manager), rotate it since it has been exposed, and reference it with a mounted secret volume or env[].valueFrom.secretKeyRef instead of env[].value.',
    references: [{ cis: '5.4.2' }, { url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' }],
    messages: {
      literalSecret: 'Env var "{{env}}" of the {{container}} holds a hard-coded {{kind}}.',
      embeddedSecret: 'Env var "{{env}}" of the {{container}} embeds a hard-coded {{kind}} ("{{field}}").',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const c of podContainers(t)) {
      asArray<unknown>(c.container.env).forEach((e, i) => {
        if (!isRecord(e) || e.value === undefined || e.value === null || typeof e.value === 'object') return;
        const env = String(e.name ?? `#${i}`);
        const value = String(e.value);
        const hit = detectSecret(env, value);
        const inner = hit ? undefined : detectSecretsInText(value)[0];
        const kind = hit?.kind ?? inner?.kind;
        // Nearly every value is clean: the message data and path are built only for a finding.
        if (kind === undefined) return;
        const path = `${c.pointer}/env/${i}/value`;
        const container = describeContainer(c);
        if (!hit && inner?.field !== undefined) ctx.report({ messageId: 'embeddedSecret', data: { env, container, kind, field: inner.field }, path });
        else ctx.report({ messageId: 'literalSecret', data: { env, container, kind }, path });
      });
    }
  },
});
