import { riskyPermissionCheck } from './risky-permission.js';

export const noPersistentVolumeAccess = riskyPermissionCheck(
  {
    id: 'no-persistent-volume-access',
    severity: 'high',
    summary: 'Subjects other than Kubernetes components must not be able to create PersistentVolumes.',
    rationale:
      'A PersistentVolume can be a hostPath on the node. Whoever can create one and claim it from a pod mounts any directory of the node, even where Pod Security admission forbids hostPath volumes in pods, since the pod only names a claim: the kubelet\'s credentials, other pods\' data and the container runtime socket are then in reach.',
    remediation:
      'Remove create on persistentvolumes from the role; let users request storage through PersistentVolumeClaims and StorageClasses.',
    references: [{ cis: '5.1.9' }, { url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}}, and so mount any directory of a node through a hostPath volume: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it by a ClusterRoleBinding will be able to create hostPath volumes.',
    },
  },
  // The volume source of a PersistentVolume cannot change after creation: only create matters.
  { probes: [{ verbs: ['create'], group: '', resources: ['persistentvolumes'], clusterScoped: true }] },
);
