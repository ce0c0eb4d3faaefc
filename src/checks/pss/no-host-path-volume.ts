import { defineCheck } from '../define-check.js';
import { asArray, isRecord, podTemplate } from '../../kinds/workloads.js';

export const noHostPathVolume = defineCheck({
  meta: {
    id: 'no-host-path-volume',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must not mount directories of the node (hostPath volumes).',
    rationale:
      'A hostPath volume exposes the node\'s file system to the container: mounting /, /etc, /var/lib/kubelet or the container runtime socket lets the workload read other pods\' secrets and credentials, plant cron jobs or binaries on the node, or start privileged containers through the runtime. Pod Security Standards (baseline) forbid hostPath volumes.',
    remediation: 'Replace the hostPath volume with an emptyDir, configMap, secret, projected or persistentVolumeClaim volume.',
    references: [{ pss: 'baseline' }, { cis: '5.2.11' }],
    messages: { hostPath: 'Volume "{{volume}}" mounts host path {{hostPath}} from the node.' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    asArray<unknown>(t.spec.volumes).forEach((v, i) => {
      if (!isRecord(v) || v.hostPath === undefined || v.hostPath === null) return;
      const path = isRecord(v.hostPath) && typeof v.hostPath.path === 'string' ? `"${v.hostPath.path}"` : '(no path)';
      ctx.report({
        messageId: 'hostPath',
        data: { volume: typeof v.name === 'string' ? v.name : `#${i}`, hostPath: path },
        path: `${t.specPointer}/volumes/${i}/hostPath`,
      });
    });
  },
});
