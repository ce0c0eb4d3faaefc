import { CheckTester } from '../../testing/check-tester.js';
import { noWildcardRbacRule } from './no-wildcard-rbac-rule.js';

CheckTester.run(noWildcardRbacRule, {
  valid: [
    { name: 'explicit verbs and resources', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: explicit, namespace: shop}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
` },
    { name: '"*/scale", a group wildcard and non-resource URLs are not "*" in verbs or resources', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: scaler}
rules:
- {apiGroups: ["*"], resources: ["*/scale"], verbs: [get, update]}
- {nonResourceURLs: ["*"], verbs: ["*"]}
` },
    { name: 'bindings are not roles; bootstrap cluster-admin is not an input object', yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: admins}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: alice}]
` },
    { name: 'a ClusterRole of another API group', yaml: `apiVersion: example.com/v1
kind: ClusterRole
metadata: {name: custom}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
` },
  ],
  invalid: [
    {
      name: 'kube-linter wildcard-in-rules: "*" verbs on secrets',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: role1
  namespace: namespace-dev
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["*"]
`,
      findings: [{ messageId: 'verbs', path: '/rules/0/verbs', line: 9 }],
    },
    {
      name: 'per rule: resources, both, and a rule limited by resourceNames is still a wildcard',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: broad}
rules:
- apiGroups: [apps]
  resources: ["*"]
  verbs: [get]
- {apiGroups: [""], resources: [pods], verbs: [get]}
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
- {apiGroups: [""], resources: [configmaps], resourceNames: [app-config], verbs: ["*"]}
`,
      findings: [
        { messageId: 'resources', path: '/rules/0/resources', line: 6 },
        { messageId: 'both', path: '/rules/2/verbs', line: 11 },
        { messageId: 'verbs', path: '/rules/3/verbs', line: 12 },
      ],
    },
    {
      name: 'unbound or bound, input roles with reserved names too',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:my-operator"}
rules: [{apiGroups: [example.com], resources: ["*"], verbs: [list]}]
`,
      findings: [{ messageId: 'resources', path: '/rules/0/resources', line: 4 }],
    },
  ],
});
