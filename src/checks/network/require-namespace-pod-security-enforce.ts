import { isRecord } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const LEVELS = ['privileged', 'baseline', 'restricted'];

export const requireNamespacePodSecurityEnforce = defineCheck({
  meta: {
    id: 'require-namespace-pod-security-enforce',
    category: 'workload',
    severity: 'medium',
    kinds: ['Namespace'],
    stage: 'deploy',
    summary: 'Namespaces must enforce a Pod Security Standard level of baseline or restricted.',
    rationale:
      'Pod Security admission only rejects pods that break the Pod Security Standards in namespaces labelled pod-security.kubernetes.io/enforce (or under a cluster-wide default, which manifests cannot show). Without the label, or with the privileged level, anyone who can create a pod in the namespace can run it privileged, on the host network or with a hostPath of /, which is a node takeover.',
    remediation:
      'Label the Namespace with pod-security.kubernetes.io/enforce: restricted (or baseline for workloads that cannot yet meet restricted), optionally pinning pod-security.kubernetes.io/enforce-version.',
    references: [
      { pss: 'baseline' },
      { cis: '5.2.1' },
      { url: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/' },
    ],
    messages: {
      missing: 'The Namespace has no pod-security.kubernetes.io/enforce label, so Pod Security admission rejects no pod in it.',
      privileged: 'The Namespace enforces the "privileged" Pod Security level, which allows every pod, including privileged and host-namespace ones.',
      invalid:
        'pod-security.kubernetes.io/enforce is "{{value}}", not one of privileged, baseline or restricted: the API server rejects the Namespace (an existing one is held to restricted).',
    },
  },
  check(obj, ctx) {
    const labels = isRecord(obj.metadata.labels) ? obj.metadata.labels : {};
    const path = `/metadata/labels/${ENFORCE_LABEL.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!Object.prototype.hasOwnProperty.call(labels, ENFORCE_LABEL) || labels[ENFORCE_LABEL] === null) {
      ctx.report({ messageId: 'missing', path });
      return;
    }
    const value = String(labels[ENFORCE_LABEL]);
    if (value === 'privileged') ctx.report({ messageId: 'privileged', path });
    else if (!LEVELS.includes(value)) ctx.report({ messageId: 'invalid', data: { value }, path });
  },
});
