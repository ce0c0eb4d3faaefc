import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noPowerfulServiceAccount } from './no-powerful-service-account.js';

const deployment = (ns: string, podSpec: string, name = 'web') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  template:
    spec:
${podSpec
  .split('\n')
  .map((l) => (l ? `      ${l}` : l))
  .join('\n')}
      containers: [{name: app, image: nginx:1.27}]
`;

const clusterRole = (name: string, rules: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}}
rules:
${rules}
`;

const crb = (role: string, subject: string, name = `${role}-binding`) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${name}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [${subject}]
`;

const rb = (ns: string, role: string, subject: string, name = `${role}-binding`) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [${subject}]
`;

const sa = (ns: string, name: string) => `{kind: ServiceAccount, name: ${name}, namespace: ${ns}}`;

const secretReader = clusterRole('secret-reader', '- {apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}');
const podCreator = clusterRole('pod-creator', '- {apiGroups: [apps], resources: [deployments], verbs: [create]}');

CheckTester.run(noPowerfulServiceAccount, {
  valid: [
    { name: 'view in its own namespace', yaml: `${deployment('shop', 'serviceAccountName: api')}---\n${rb('shop', 'view', sa('shop', 'api'))}` },
    {
      name: 'Secrets of its own namespace only',
      yaml: `${secretReader}---\n${rb('shop', 'secret-reader', sa('shop', 'api'))}---\n${deployment('shop', 'serviceAccountName: api')}`,
    },
    {
      name: 'cluster-admin account, but the pod mounts no token',
      yaml: `${crb('cluster-admin', sa('shop', 'api'))}---\n${deployment('shop', 'serviceAccountName: api\nautomountServiceAccountToken: false')}`,
    },
    {
      name: 'cluster-admin account whose ServiceAccount disables automounting',
      yaml: `${crb('cluster-admin', sa('shop', 'api'))}---
apiVersion: v1
kind: ServiceAccount
metadata: {name: api, namespace: shop}
automountServiceAccountToken: false
---
${deployment('shop', 'serviceAccountName: api')}`,
    },
    {
      name: 'escalate without the right to update ClusterRoles does nothing',
      yaml: `${clusterRole('esc', '- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate, get]}')}---
${crb('esc', sa('shop', 'api'))}---
${deployment('shop', 'serviceAccountName: api')}`,
    },
    {
      name: 'bound to another account of the same name in another namespace',
      yaml: `${crb('cluster-admin', sa('blog', 'api'))}---\n${deployment('shop', 'serviceAccountName: api')}`,
    },
    {
      name: 'a custom resource named Deployment is not a workload',
      yaml: `${crb('cluster-admin', sa('shop', 'default'))}---
apiVersion: example.com/v1
kind: Deployment
metadata: {name: d, namespace: shop}
spec: {template: {spec: {containers: [{name: a}]}}}
`,
    },
  ],
  invalid: [
    {
      name: 'cluster-admin: one finding only, at serviceAccountName',
      yaml: `${deployment('shop', 'serviceAccountName: api')}---\n${crb('cluster-admin', sa('shop', 'api'))}`,
      findings: [{ messageId: 'clusterAdmin', path: '/spec/template/spec/serviceAccountName', line: 9 }],
    },
    {
      name: 'token mounted through a projected volume although automounting is off',
      yaml: `${deployment(
        'shop',
        `serviceAccountName: api
automountServiceAccountToken: false
volumes:
- name: token
  projected:
    sources:
    - serviceAccountToken: {path: token}`,
      )}---\n${crb('cluster-admin', sa('shop', 'api'))}`,
      findings: [{ messageId: 'clusterAdmin', path: '/spec/template/spec/serviceAccountName' }],
    },
    {
      name: 'default service account reads every Secret (path where serviceAccountName belongs)',
      yaml: `${secretReader}---\n${crb('secret-reader', sa('shop', 'default'))}---\n${deployment('shop', 'hostname: web')}`,
      findings: [{ messageId: 'readSecrets', path: '/spec/template/spec/serviceAccountName', line: 20 }],
    },
    {
      name: 'every service account of the namespace reads Secrets through a group; deprecated serviceAccount field',
      yaml: `${secretReader}---
${crb('secret-reader', '{kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts:shop"}')}---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  serviceAccount: api
  containers: [{name: app, image: nginx:1.27}]
`,
      findings: [{ messageId: 'readSecrets', path: '/spec/serviceAccount', line: 17 }],
    },
    {
      name: 'creates deployments in its own namespace',
      yaml: `${podCreator}---\n${rb('shop', 'pod-creator', sa('shop', 'ci'))}---\n${deployment('shop', 'serviceAccountName: ci')}`,
      findings: [{ messageId: 'createPods', path: '/spec/template/spec/serviceAccountName' }],
    },
    {
      name: 'escalate and update ClusterRoles',
      yaml: `${clusterRole('esc', '- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate, update]}')}---
${crb('esc', sa('shop', 'api'))}---
${deployment('shop', 'serviceAccountName: api')}`,
      findings: [{ messageId: 'escalate', path: '/spec/template/spec/serviceAccountName' }],
    },
    {
      name: 'bind cluster-admin and create ClusterRoleBindings',
      yaml: `${clusterRole('binder', `- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [cluster-admin]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}`)}---
${crb('binder', sa('shop', 'api'))}---
${deployment('shop', 'serviceAccountName: api')}`,
      findings: [{ messageId: 'escalate', path: '/spec/template/spec/serviceAccountName' }],
    },
    {
      name: 'impersonates users',
      yaml: `${clusterRole('imp', '- {apiGroups: [""], resources: [users], verbs: [impersonate]}')}---
${crb('imp', sa('shop', 'api'))}---
${deployment('shop', 'serviceAccountName: api')}`,
      findings: [{ messageId: 'impersonate', path: '/spec/template/spec/serviceAccountName' }],
    },
    {
      name: 'creates pods in a namespace whose CronJob runs as a cluster-admin account',
      yaml: `${podCreator}---
${rb('ops', 'pod-creator', sa('shop', 'ci'))}---
${crb('cluster-admin', sa('ops', 'deployer'))}---
${deployment('shop', 'serviceAccountName: ci')}---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: ops}
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: deployer
          containers: [{name: job, image: busybox:1.36}]
`,
      findings: [
        { messageId: 'createPods', path: '/spec/template/spec/serviceAccountName' },
        { messageId: 'pivot', path: '/spec/template/spec/serviceAccountName' },
        { messageId: 'clusterAdmin', path: '/spec/jobTemplate/spec/template/spec/serviceAccountName' },
      ],
    },
    {
      name: 'creates serviceaccount tokens in a namespace where an account reads every Secret',
      yaml: `${clusterRole('token-minter', '- {apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}')}---
${rb('ops', 'token-minter', sa('shop', 'ci'))}---
${secretReader}---
${crb('secret-reader', sa('ops', 'backup'))}---
apiVersion: v1
kind: ServiceAccount
metadata: {name: backup, namespace: ops}
---
${deployment('shop', 'serviceAccountName: ci')}`,
      findings: [{ messageId: 'pivot', path: '/spec/template/spec/serviceAccountName' }],
    },
    {
      name: 'creating pods in every namespace reaches Kubernetes\' own controller accounts in kube-system',
      yaml: `${clusterRole('pod-creator', '- {apiGroups: [""], resources: [pods], verbs: [create]}')}---
${crb('pod-creator', sa('shop', 'ci'))}---
${deployment('shop', 'serviceAccountName: ci')}`,
      findings: [
        { messageId: 'createPods', path: '/spec/template/spec/serviceAccountName' },
        { messageId: 'pivot', path: '/spec/template/spec/serviceAccountName' },
      ],
    },
  ],
});

it('no-powerful-service-account messages name the account, the binding and the role', () => {
  const messages = runCheck(
    noPowerfulServiceAccount,
    `${podCreator}---
${rb('ops', 'pod-creator', sa('shop', 'ci'), 'ci-deploys')}---
${secretReader}---
${crb('secret-reader', '{kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts:ops"}', 'ops-secrets')}---
${deployment('ops', 'serviceAccountName: backup', 'backup')}---
${deployment('shop', 'serviceAccountName: ci')}`,
  ).findings.map((f) => f.message);
  assert.deepEqual(messages, [
    'The pods run as ServiceAccount "ops/backup", which can list every Secret of every namespace through ClusterRoleBinding "ops-secrets" → ClusterRole "secret-reader" (as a member of group "system:serviceaccounts:ops").',
    'The pods run as ServiceAccount "shop/ci", which can create deployments in namespace "ops" through RoleBinding "ops/ci-deploys" → ClusterRole "pod-creator": a compromised pod can start pods as any ServiceAccount there.',
    'The pods run as ServiceAccount "shop/ci", which can create deployments in namespace "ops" through RoleBinding "ops/ci-deploys" → ClusterRole "pod-creator" and so act as ServiceAccount "ops/backup", which can list every Secret through ClusterRoleBinding "ops-secrets" → ClusterRole "secret-reader" (as a member of group "system:serviceaccounts:ops").',
  ]);
});

it('no-powerful-service-account: cluster-wide pod creation pivots to the most powerful controller account', () => {
  const [, pivot] = runCheck(
    noPowerfulServiceAccount,
    `${clusterRole('pod-creator', '- {apiGroups: [""], resources: [pods], verbs: [create]}')}---\n${crb('pod-creator', sa('shop', 'ci'))}---\n${deployment('shop', 'serviceAccountName: ci')}`,
  ).findings.map((f) => f.message);
  assert.equal(
    pivot,
    'The pods run as ServiceAccount "shop/ci", which can create pods in every namespace through ClusterRoleBinding "pod-creator-binding" → ClusterRole "pod-creator" and so act as ServiceAccount "kube-system/clusterrole-aggregation-controller", which can escalate and update ClusterRoles through ClusterRoleBinding "system:controller:clusterrole-aggregation-controller" → ClusterRole "system:controller:clusterrole-aggregation-controller".',
  );
});
