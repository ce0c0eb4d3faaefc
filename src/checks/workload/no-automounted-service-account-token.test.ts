import { CheckTester } from '../../testing/check-tester.js';
import { noAutomountedServiceAccountToken } from './no-automounted-service-account-token.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  serviceAccountName: web
  containers: [{name: app, image: nginx:1.27}]
`;

CheckTester.run(noAutomountedServiceAccountToken, {
  valid: [
    { name: 'pod opts out', yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  automountServiceAccountToken: false
  containers: [{name: app, image: nginx:1.27}]
` },
    { name: 'ServiceAccount opts out and the pod does not override', yaml: `${POD}---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
automountServiceAccountToken: false
` },
    { name: 'pod false overrides ServiceAccount true', yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: web
          automountServiceAccountToken: false
          containers: [{name: app, image: busybox}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
automountServiceAccountToken: true
` },
    { name: 'RoleBinding names the ServiceAccount (subject namespace defaults to the binding\'s)', yaml: `${POD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- kind: ServiceAccount
  name: web
` },
    { name: 'ClusterRoleBinding names the ServiceAccount with its namespace', yaml: `${POD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: web, namespace: shop}
` },
    { name: 'binding to the group of all service accounts of the namespace', yaml: `${POD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts:shop"}
` },
    { name: 'binding to the group of all service accounts', yaml: `${POD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts"}
` },
    { name: 'binding to the service account\'s user name', yaml: `${POD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccount:shop:web"}
` },
    { name: 'namespace unset on pod and binding: both land in the same namespace', yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: ServiceAccount, name: default}
` },
  ],
  invalid: [
    {
      name: 'token mounted by default, nothing bound',
      yaml: POD,
      findings: [{ messageId: 'defaultMount', path: '/spec/automountServiceAccountToken', line: 4 }],
    },
    {
      name: 'pod true overrides ServiceAccount false',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: web
      automountServiceAccountToken: true
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
automountServiceAccountToken: false
`,
      findings: [{ messageId: 'podEnables', path: '/spec/template/spec/automountServiceAccountToken', line: 8 }],
    },
    {
      name: 'ServiceAccount sets true explicitly (CronJob)',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: web
          containers: [{name: app, image: busybox}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
automountServiceAccountToken: true
`,
      findings: [{ messageId: 'serviceAccountEnables', path: '/spec/jobTemplate/spec/template/spec/automountServiceAccountToken', line: 9 }],
    },
    {
      name: 'bindings that do not cover this account',
      yaml: `${POD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: other-namespace, namespace: other}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: ServiceAccount, name: web}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts:other"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb-without-subject-namespace}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: web}
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: web}
- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:authenticated"}
`,
      findings: [{ messageId: 'defaultMount', path: '/spec/automountServiceAccountToken' }],
    },
    {
      name: 'deprecated serviceAccount field is resolved; malformed subjects are tolerated',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  serviceAccount: web
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: "web"
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb2, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [null, {kind: ServiceAccount, name: default}]
`,
      findings: [{ messageId: 'defaultMount', path: '/spec/automountServiceAccountToken' }],
    },
  ],
});
