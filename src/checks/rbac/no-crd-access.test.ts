import { CheckTester } from '../../testing/check-tester.js';
import { noCrdAccess } from './no-crd-access.js';

CheckTester.run(noCrdAccess, {
  valid: [
    { name: 'reading CRDs', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crd-reader}
rules: [{apiGroups: [apiextensions.k8s.io], resources: [customresourcedefinitions], verbs: [get, list, watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crd-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: crd-reader}
subjects: [{kind: ServiceAccount, name: argocd, namespace: argocd}]
` },
    { name: 'custom resources are not their definitions', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: widgets}
rules: [{apiGroups: [example.com], resources: [widgets], verbs: ["*"]}]
` },
  ],
  invalid: [
    {
      name: 'an operator managing CRDs',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crd-manager}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: crd-manager}
subjects: [{kind: ServiceAccount, name: operator, namespace: ops}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crd-manager}
rules: [{apiGroups: [apiextensions.k8s.io], resources: [customresourcedefinitions], verbs: [create, update, patch, delete]}]
`,
      findings: [{ messageId: 'clusterWide', path: '/roleRef/name', line: 4 }],
    },
    {
      name: 'unbound, through a group wildcard',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crd-deleter}
rules: [{apiGroups: ["*"], resources: [customresourcedefinitions], verbs: [deletecollection]}]
`,
      findings: [{ messageId: 'unbound', path: '/rules/0', line: 4 }],
    },
  ],
});
