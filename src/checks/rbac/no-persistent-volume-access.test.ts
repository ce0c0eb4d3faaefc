import { CheckTester } from '../../testing/check-tester.js';
import { noPersistentVolumeAccess } from './no-persistent-volume-access.js';

CheckTester.run(noPersistentVolumeAccess, {
  valid: [
    { name: 'claims, not volumes', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: claims}
rules: [{apiGroups: [""], resources: [persistentvolumeclaims], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: claims}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: claims}
subjects: [{kind: Group, name: developers}]
` },
    { name: 'updating or deleting volumes (the volume source is immutable)', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pv-janitor}
rules: [{apiGroups: [""], resources: [persistentvolumes], verbs: [get, list, update, delete]}]
` },
    { name: 'the external provisioner runs as a kube-system ServiceAccount', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: provisioner}
rules: [{apiGroups: [""], resources: [persistentvolumes], verbs: [create, delete]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: provisioner}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: provisioner}
subjects: [{kind: ServiceAccount, name: csi-provisioner, namespace: kube-system}]
` },
  ],
  invalid: [
    {
      name: 'a CSI driver outside kube-system creating volumes',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: provisioner}
rules: [{apiGroups: [""], resources: [persistentvolumes], verbs: [create, delete]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: provisioner}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: provisioner}
subjects: [{kind: ServiceAccount, name: csi-provisioner, namespace: storage}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'unbound',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pv-maker}
rules: [{apiGroups: [""], resources: ["*"], verbs: [create]}]
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 4 }],
    },
  ],
});
