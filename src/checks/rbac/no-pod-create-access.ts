import { riskyPermissionCheck } from './risky-permission.js';

const VERBS = ['create', 'update', 'patch'];

export const noPodCreateAccess = riskyPermissionCheck(
  {
    id: 'no-pod-create-access',
    severity: 'high',
    summary: 'Subjects other than Kubernetes components must not be able to create or change pods or the workloads that create them.',
    rationale:
      'Whoever can create a pod (directly, or through a Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob or ReplicationController, or by changing the pod template or image of an existing one) can run any code as any ServiceAccount of the namespace and mount any of its Secrets, ConfigMaps and volumes; so they hold every permission of every ServiceAccount there. Unless admission control forbids it, the pod can also be privileged or mount the node filesystem and take over the node.',
    remediation:
      'Remove create, update and patch on pods and workload resources from the role; let a deployment pipeline with a dedicated identity apply workloads, and enforce Pod Security admission (restricted) in the namespace.',
    references: [{ cis: '5.1.4' }, { url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}} in every namespace, and so run code as any ServiceAccount of any namespace: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      namespaced: '{{subjects}} can {{access}} in namespace "{{namespace}}", and so run code as any ServiceAccount there: RoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it will be able to run pods as any ServiceAccount of the namespace.',
    },
  },
  {
    probes: [
      { verbs: VERBS, group: '', resources: ['pods', 'replicationcontrollers'] },
      { verbs: VERBS, group: 'apps', resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'] },
      { verbs: VERBS, group: 'batch', resources: ['jobs', 'cronjobs'] },
    ],
  },
);
