import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noPodCreateAccess } from './no-pod-create-access.js';

CheckTester.run(noPodCreateAccess, {
  valid: [
    { name: 'reading pods and workloads', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules:
- {apiGroups: ["", apps, batch], resources: [pods, deployments, jobs], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: User, name: alice}]
` },
    { name: 'resourceNames cannot limit a create, so a create limited by them allows nothing', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: named, namespace: shop}
rules: [{apiGroups: [""], resources: [pods], resourceNames: [web], verbs: [create]}]
` },
    { name: 'subresources such as pods/eviction and deployments/scale are not the workload', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: scaler}
rules:
- {apiGroups: [""], resources: [pods/eviction], verbs: [create]}
- {apiGroups: [apps], resources: [deployments/scale], verbs: [update, patch]}
` },
    { name: 'bound to a kube-system ServiceAccount (a controller)', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: my-controller}
rules: [{apiGroups: [apps], resources: [deployments], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: my-controller}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: my-controller}
subjects: [{kind: ServiceAccount, name: my-controller, namespace: kube-system}]
` },
  ],
  invalid: [
    {
      name: 'Role creating Deployments in its namespace (kube-linter access-to-create-pods)',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: shop}
rules: [{apiGroups: [apps], resources: [deployments], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
subjects: [{kind: ServiceAccount, name: ci, namespace: shop}]
`,
      findings: [{ messageId: 'namespaced', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'patching CronJobs everywhere',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cron-editor}
rules: [{apiGroups: [batch], resources: [cronjobs], verbs: [patch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: cron-editor}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cron-editor}
subjects: [{kind: Group, name: ops}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 9 }],
    },
    {
      name: 'the bootstrap admin role, and updating one named pod (its image can change)',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: admins, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: bob}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: web-updater, namespace: shop}
rules: [{apiGroups: [""], resources: [pods], resourceNames: [web], verbs: [update]}]
`,
      findings: [
        { messageId: 'namespaced', path: '/roleRef/name', line: 4 },
        { messageId: 'unbound', path: '/rules/0', line: 10 },
      ],
    },
    {
      name: 'unbound ClusterRole writing StatefulSets and ReplicationControllers',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: sts}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [update]}
- {apiGroups: ["", apps], resources: [statefulsets, replicationcontrollers], verbs: [update]}
`,
      findings: [{ messageId: 'unbound', path: '/rules/1', line: 6 }],
    },
  ],
});

it('no-pod-create-access lists every workload resource the rules allow', () => {
  const [f] = runCheck(
    noPodCreateAccess,
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: all}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: [create]}]
`,
  ).findings;
  assert.match(f.message, /grants create pods, replicationcontrollers; create deployments, daemonsets, statefulsets, replicasets; create jobs, cronjobs \(rules\[0\]/);
});
