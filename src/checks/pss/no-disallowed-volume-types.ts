import { defineCheck } from '../define-check.js';
import { asArray, isRecord, podTemplate } from '../../kinds/workloads.js';
import { pointerSegment } from './pss-helpers.js';

/**
 * Volume sources the restricted profile allows. `image` (read-only OCI image volumes) has been
 * allowed by Pod Security Admission since Kubernetes 1.33.
 */
const ALLOWED_TYPES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

export const noDisallowedVolumeTypes = defineCheck({
  meta: {
    id: 'no-disallowed-volume-types',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must use only the volume types the restricted profile allows.',
    rationale:
      'Volume types other than the core ones connect the pod directly to node or storage infrastructure: hostPath exposes the node\'s file system, nfs, iscsi, rbd, cephfs and the cloud disk types attach storage by address with credentials in the pod spec and outside PersistentVolume access control, and gitRepo runs git on the node. Pod Security Standards (restricted) allow only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret.',
    remediation: 'Replace the volume with an allowed type: use a persistentVolumeClaim for storage (the cluster admin defines the PersistentVolume), or configMap, secret, projected, emptyDir or image volumes for files.',
    references: [{ pss: 'restricted' }],
    messages: { disallowed: 'Volume "{{volume}}" uses type {{type}}, which the restricted profile does not allow.' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    asArray<unknown>(t.spec.volumes).forEach((v, i) => {
      if (!isRecord(v)) return;
      const volume = typeof v.name === 'string' ? v.name : `#${i}`;
      // Every key but the name is a volume source; a null source is unset, as in the API.
      // Object.keys, not Object.entries: the same keys in the same order, without a pair per key.
      for (const type of Object.keys(v)) {
        const source = v[type];
        if (type === 'name' || source === null || source === undefined || ALLOWED_TYPES.has(type)) continue;
        ctx.report({ messageId: 'disallowed', data: { volume, type }, path: `${t.specPointer}/volumes/${i}/${pointerSegment(type)}` });
      }
    });
  },
});
