import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CheckTester, runCheck } from '../../testing/check-tester.js';
import { noImproperAggregation } from './no-improper-aggregation.js';

const role = (label: string, rules: string, name = 'extra') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${name}
  labels: {rbac.authorization.k8s.io/aggregate-to-${label}: "true"}
rules:
${rules}
`;

CheckTester.run(noImproperAggregation, {
  valid: [
    { name: 'read-only rule aggregated into view', yaml: role('view', '- {apiGroups: [example.com], resources: [widgets], verbs: [get, list, watch]}') },
    { name: 'view aggregation of core resources other than secrets', yaml: role('view', '- {apiGroups: [""], resources: [configmaps, pods/log], verbs: [get]}') },
    { name: 'secrets in another API group are not Secrets', yaml: role('view', '- {apiGroups: [example.com], resources: [secrets], verbs: [get]}') },
    { name: 'write verbs aggregated into edit', yaml: role('edit', '- {apiGroups: [example.com], resources: [widgets], verbs: [create, update, delete]}') },
    { name: 'secrets aggregated into edit', yaml: role('edit', '- {apiGroups: [""], resources: [secrets], verbs: [get, list]}') },
    { name: 'impersonating service accounts: the built-in edit role grants it already', yaml: role('edit', '- {apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}') },
    { name: 'admin may manage Roles and RoleBindings', yaml: role('admin', '- {apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [create, update, patch, delete]}') },
    {
      name: 'label value other than "true" does not aggregate',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: x
  labels: {rbac.authorization.k8s.io/aggregate-to-view: "false"}
rules:
- {apiGroups: [""], resources: [secrets], verbs: ["*"]}
`,
    },
    { name: 'not labelled for aggregation', yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: x}\nrules:\n- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}\n' },
    { name: 'custom aggregation target', yaml: role('monitoring', '- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}') },
  ],
  invalid: [
    {
      name: 'write verbs aggregated into view',
      yaml: role('view', `- {apiGroups: [example.com], resources: [widgets], verbs: [get]}
- {apiGroups: [example.com], resources: [widgets], verbs: [get, create, delete]}`),
      findings: [{ messageId: 'view', path: '/rules/1', line: 8 }],
    },
    {
      name: 'secrets aggregated into view, also through a core wildcard; label written as a YAML boolean',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: leaky
  labels:
    rbac.authorization.k8s.io/aggregate-to-view: true
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [get]
- apiGroups: [""]
  resources: ["*"]
  verbs: [list]
- apiGroups: ["*"]
  resources: [secrets]
  verbs: ["*"]
`,
      findings: [
        { messageId: 'view', path: '/rules/0', line: 8 },
        { messageId: 'view', path: '/rules/1', line: 11 },
        { messageId: 'view', path: '/rules/2', line: 14 },
      ],
    },
    {
      name: 'escalation rights aggregated into edit and admin',
      yaml: role('edit', `- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: ["*"]}
- {apiGroups: [""], resources: [users, groups], verbs: [impersonate]}
- {apiGroups: ["*"], resources: ["*"], verbs: [get]}
- {apiGroups: [""], resources: [pods], verbs: ["*"]}`),
      findings: [
        { messageId: 'escalation', path: '/rules/0' },
        { messageId: 'escalation', path: '/rules/1' },
        { messageId: 'escalation', path: '/rules/2' },
        { messageId: 'escalation', path: '/rules/3' },
      ],
    },
    {
      name: 'escalate aggregated into admin',
      yaml: role('admin', '- {apiGroups: ["*"], resources: [clusterroles], verbs: [escalate]}'),
      findings: [{ messageId: 'escalation', path: '/rules/0' }],
    },
    {
      name: 'an aggregated ClusterRole labelled into view passes on what it collects',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: bundle
  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/bundle: "true"}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [delete]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: piece
  labels: {example.com/bundle: "true"}
rules:
- {apiGroups: [apps], resources: [deployments], verbs: [get]}
- {apiGroups: [apps], resources: [deployments], verbs: [patch]}
`,
      findings: [{ messageId: 'collected', path: '/aggregationRule', line: 6 }],
    },
  ],
});

it('no-improper-aggregation messages list what the rule grants', () => {
  const messages = runCheck(
    noImproperAggregation,
    `${role('view', '- {apiGroups: [""], resources: ["*"], verbs: [get, update, patch]}', 'a')}---
${role('edit', '- {apiGroups: [rbac.authorization.k8s.io], resources: ["*"], verbs: ["*"]}', 'b')}`,
  ).findings.map((f) => f.message);
  assert.deepEqual(messages, [
    'ClusterRole "a" is aggregated into the read-only "view" ClusterRole, but rule 0 grants the verbs "update" and "patch" and access to Secrets.',
    'ClusterRole "b" is aggregated into the "edit" ClusterRole, but rule 0 grants "bind" and "escalate" on roles and clusterroles: every holder of "edit" can escalate their privileges.',
  ]);
});
