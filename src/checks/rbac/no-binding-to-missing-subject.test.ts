import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noBindingToMissingSubject } from './no-binding-to-missing-subject.js';

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;
const serviceAccount = (ns: string, name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: ${ns}}\n`;
const rb = (ns: string, subjects: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
${subjects}
`;
const crb = (subjects: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
${subjects}
`;

CheckTester.run(noBindingToMissingSubject, {
  valid: [
    { name: 'no Namespace objects: nothing to judge by', yaml: crb('- {kind: ServiceAccount, name: app, namespace: anywhere}') },
    { name: 'users and groups are external identities', yaml: `${namespace('shop')}---\n${crb('- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}\n- {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}')}` },
    { name: 'built-in namespaces exist everywhere', yaml: `${namespace('shop')}---\n${crb('- {kind: ServiceAccount, name: coredns, namespace: kube-system}')}` },
    { name: 'namespace used by other objects of the input', yaml: `${namespace('shop')}---\n${serviceAccount('blog', 'other')}---\n${crb('- {kind: ServiceAccount, name: app, namespace: blog}')}` },
    { name: 'the ServiceAccount is in the input', yaml: `${namespace('shop')}---\n${serviceAccount('shop', 'api')}---\n${rb('shop', '- {kind: ServiceAccount, name: api}')}` },
    { name: 'every namespace has a "default" ServiceAccount', yaml: `${namespace('shop')}---\n${serviceAccount('shop', 'api')}---\n${rb('shop', '- {kind: ServiceAccount, name: default}')}` },
    { name: 'namespace defined but none of its ServiceAccounts: they may be created elsewhere', yaml: `${namespace('shop')}---\n${rb('shop', '- {kind: ServiceAccount, name: api}')}` },
    {
      name: 'ServiceAccounts in the input but the namespace is not defined by it',
      yaml: `${namespace('other')}---\n${serviceAccount('shop', 'api')}---\n${rb('shop', '- {kind: ServiceAccount, name: worker}')}`,
    },
    {
      name: 'a ServiceAccount of that name without namespace may be applied there (argocd install.yaml)',
      yaml: `${namespace('other')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: argocd-server}\n---\n${crb('- {kind: ServiceAccount, name: argocd-server, namespace: argocd}')}`,
    },
    { name: 'a RoleBinding without namespace', yaml: `${namespace('shop')}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: x}]\n` },
  ],
  invalid: [
    {
      name: 'typo in the namespace of a ClusterRoleBinding subject',
      yaml: `${namespace('monitoring')}---\n${crb('- kind: ServiceAccount\n  name: prometheus\n  namespace: monitorng')}`,
      findings: [{ messageId: 'missingNamespace', path: '/subjects/0/namespace', line: 12 }],
    },
    {
      name: 'RoleBinding in an undefined namespace: the subject inherits it',
      yaml: `${namespace('shop')}---\n${rb('ghost', '- {kind: ServiceAccount, name: api}')}`,
      findings: [{ messageId: 'missingNamespace', path: '/subjects/0' }],
    },
    {
      name: 'service account written as a user',
      yaml: `${namespace('shop')}---\n${crb('- {kind: User, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccount:ghost:api"}')}`,
      findings: [{ messageId: 'missingNamespace', path: '/subjects/0/name' }],
    },
    {
      name: 'ServiceAccount missing from a namespace the input owns',
      yaml: `${namespace('shop')}---\n${serviceAccount('shop', 'api')}---\n${serviceAccount('shop', 'worker')}---\n${rb('shop', '- {kind: ServiceAccount, name: default}\n- {kind: ServiceAccount, name: apii}')}`,
      findings: [{ messageId: 'missingServiceAccount', path: '/subjects/1/name', line: 19 }],
    },
  ],
});

it('no-binding-to-missing-subject messages name the account and what the input defines', () => {
  const messages = runCheck(
    noBindingToMissingSubject,
    `${namespace('shop')}---\n${namespace('blog')}---\n${serviceAccount('shop', 'api')}---\n${crb('- {kind: ServiceAccount, name: x, namespace: ghost}\n- {kind: ServiceAccount, name: apii, namespace: shop}')}`,
  ).findings.map((f) => f.message);
  assert.deepEqual(messages, [
    'Subject ServiceAccount "ghost/x" is in namespace "ghost", which the input neither defines (it defines "blog" and "shop") nor uses, and which is not built in.',
    'Subject ServiceAccount "shop/apii" does not exist: the input defines namespace "shop" and its ServiceAccounts ("api"), but not "apii".',
  ]);
});
