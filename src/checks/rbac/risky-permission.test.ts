import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyRule } from '../../analyzers/rbac/rbac-types.js';
import { runCheck } from '../../testing/check-tester.js';
import {
  describeGrants,
  hasNamespacedProbe,
  isReservedRoleName,
  listOf,
  probeGrants,
  riskyPermissionCheck,
  type RiskProbe,
  type RiskyPermissionMeta,
} from './risky-permission.js';

function rule(partial: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [''], resources: [], resourceNames: [], nonResourceURLs: [], ...partial };
}

const SECRETS: RiskProbe = { verbs: ['get', 'list', 'watch'], group: '', resources: ['secrets'] };
const EXEC: RiskProbe = { verbs: ['create', 'get'], group: '', resources: ['pods/exec'] };
const PODS: RiskProbe = { verbs: ['create', 'update'], group: '', resources: ['pods'] };

describe('probeGrants: the authorizer\'s rule matching', () => {
  const cases: { name: string; rule: Partial<PolicyRule>; probe: RiskProbe; expected: string[] }[] = [
    { name: 'exact verbs and resource', rule: { verbs: ['get', 'list'], resources: ['secrets'] }, probe: SECRETS, expected: ['get secrets', 'list secrets'] },
    { name: 'verb wildcard', rule: { verbs: ['*'], resources: ['secrets'] }, probe: SECRETS, expected: ['get secrets', 'list secrets', 'watch secrets'] },
    { name: 'resource wildcard', rule: { verbs: ['watch'], resources: ['*'] }, probe: SECRETS, expected: ['watch secrets'] },
    { name: 'group wildcard', rule: { verbs: ['get'], apiGroups: ['*'], resources: ['secrets'] }, probe: SECRETS, expected: ['get secrets'] },
    { name: 'another group', rule: { verbs: ['get'], apiGroups: ['apps'], resources: ['secrets'] }, probe: SECRETS, expected: [] },
    { name: 'a subresource is not its resource', rule: { verbs: ['get'], resources: ['secrets/status'] }, probe: SECRETS, expected: [] },
    { name: 'a resource is not its subresources', rule: { verbs: ['create'], resources: ['pods'] }, probe: EXEC, expected: [] },
    { name: '*/subresource', rule: { verbs: ['create'], resources: ['*/exec'] }, probe: EXEC, expected: ['create pods/exec'] },
    { name: '"pods/*" is no wildcard', rule: { verbs: ['create'], resources: ['pods/*'] }, probe: EXEC, expected: [] },
    { name: 'non-resource rule', rule: { verbs: ['get'], resources: ['secrets'], nonResourceURLs: ['/healthz'] }, probe: SECRETS, expected: [] },
    {
      name: 'resourceNames: get and watch of named objects, no list of all',
      rule: { verbs: ['get', 'list', 'watch'], resources: ['secrets'], resourceNames: ['db'] },
      probe: SECRETS,
      expected: ['get secrets [db]', 'list secrets [db]', 'watch secrets [db]'],
    },
    {
      name: 'resourceNames never allow a create: the request has no name yet',
      rule: { verbs: ['create', 'update'], resources: ['pods'], resourceNames: ['web'] },
      probe: PODS,
      expected: ['update pods [web]'],
    },
    {
      name: 'resourceNames allow a subresource create on the named object',
      rule: { verbs: ['create'], resources: ['pods/exec'], resourceNames: ['web-0'] },
      probe: EXEC,
      expected: ['create pods/exec [web-0]'],
    },
    {
      name: 'resourceNames holding "" match requests without a name, as in the authorizer',
      rule: { verbs: ['create'], resources: ['pods'], resourceNames: [''] },
      probe: PODS,
      expected: ['create pods'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = probeGrants(rule(c.rule), c.probe).map((g) => `${g.verb} ${g.resource}${g.names ? ` [${g.names.join(',')}]` : ''}`);
      assert.deepEqual(got, c.expected);
    });
  }

  it('anySubresource: any subresource the rule names, or all of them through "*"', () => {
    const extras: RiskProbe = { verbs: ['impersonate'], group: 'authentication.k8s.io', resources: ['userextras'], anySubresource: true };
    const g = (r: Partial<PolicyRule>): number => probeGrants(rule({ apiGroups: ['authentication.k8s.io'], verbs: ['impersonate'], ...r }), extras).length;
    assert.equal(g({ resources: ['userextras/scopes'] }), 1);
    assert.equal(g({ resources: ['*'] }), 1);
    assert.equal(g({ resources: ['*/scopes'] }), 1);
    assert.equal(g({ resources: ['userextras'] }), 0, 'the resource itself is never requested');
    assert.equal(g({ resources: ['uids'] }), 0);
  });
});

describe('describeGrants', () => {
  it('writes resources with the same verbs together, then name-limited access', () => {
    const text = describeGrants([
      { verb: 'create', resource: 'pods/exec', ruleIndex: 0 },
      { verb: 'get', resource: 'pods/exec', ruleIndex: 0 },
      { verb: 'create', resource: 'pods/attach', ruleIndex: 0 },
      { verb: 'get', resource: 'pods/attach', ruleIndex: 1 },
      { verb: 'create', resource: 'pods/portforward', ruleIndex: 2, names: ['web-0'] },
      { verb: 'get', resource: 'secrets', ruleIndex: 3, names: ['a', 'b'] },
      { verb: 'list', resource: 'secrets', ruleIndex: 3, names: ['a', 'b'] },
    ]);
    assert.deepEqual(text, [
      'create, get pods/exec, pods/attach',
      'create pods/portforward on the specific pods "web-0"',
      'get, list the specific secrets "a" and "b"',
    ]);
  });

  it('a verb allowed on every object hides the same verb on named ones', () => {
    assert.deepEqual(
      describeGrants([
        { verb: 'get', resource: 'secrets', ruleIndex: 0, names: ['a'] },
        { verb: 'get', resource: 'secrets', ruleIndex: 1 },
      ]),
      ['get secrets'],
    );
  });
});

describe('template', () => {
  const meta = (messages: RiskyPermissionMeta['messages']): RiskyPermissionMeta => ({
    id: 'x',
    severity: 'high',
    summary: 's',
    rationale: 'r',
    remediation: 'r.',
    references: [],
    messages,
  });

  it('requires the namespaced message exactly when a RoleBinding can grant the risk', () => {
    assert.equal(hasNamespacedProbe({ probes: [SECRETS] }), true);
    assert.equal(hasNamespacedProbe({ probes: [{ ...SECRETS, clusterScoped: true }] }), false);
    assert.equal(hasNamespacedProbe({ probes: [{ ...SECRETS, clusterScoped: true, with: [SECRETS] }] }), true);
    assert.throws(() => riskyPermissionCheck(meta({ clusterWide: 'c', unbound: 'u' }), { probes: [SECRETS] }), /namespaced message is required/);
    assert.throws(
      () => riskyPermissionCheck(meta({ clusterWide: 'c', namespaced: 'n', unbound: 'u' }), { probes: [{ ...SECRETS, clusterScoped: true }] }),
      /never reported/,
    );
  });

  it('sets category, kinds and stage', () => {
    const check = riskyPermissionCheck(meta({ clusterWide: 'c', namespaced: 'n', unbound: 'u' }), { probes: [SECRETS] });
    assert.equal(check.meta.category, 'rbac');
    assert.deepEqual(check.meta.kinds, ['RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole']);
  });

  it('reserved role names', () => {
    assert.ok(isReservedRoleName('system:controller:x'));
    assert.ok(isReservedRoleName('edit'));
    assert.ok(!isReservedRoleName('editor'));
  });

  it('lists', () => {
    assert.equal(listOf(['a']), 'a');
    assert.equal(listOf(['a', 'b', 'c']), 'a, b and c');
    assert.equal(listOf(['1', '2', '3', '4', '5', '6', '7']), '1, 2, 3, 4, 5 and 2 more');
  });

  const check = riskyPermissionCheck(
    meta({ clusterWide: 'CW {{subjects}} | {{access}} | {{role}} | {{rules}}', namespaced: 'NS {{subjects}} | {{namespace}} | {{access}}', unbound: 'UB {{role}} | {{access}}' }),
    { probes: [SECRETS] },
  );
  const messages = (yaml: string): string[] => runCheck(check, yaml).findings.map((f) => `${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`);

  it('one finding per binding, naming its subjects outside Kubernetes\' own components (isSystemSubject), deduplicated', () => {
    assert.deepEqual(
      messages(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: readers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects:
- {kind: User, name: alice}
- {kind: User, name: alice}
- {kind: Group, name: system:nodes}
- {kind: ServiceAccount, name: api, namespace: shop}
- {kind: Group, name: system:serviceaccounts:shop}
- {kind: User, name: system:kube-scheduler}
- {kind: User, name: "system:serviceaccount:billing:worker"}
- {kind: User, name: "system:serviceaccount:kube-system:coredns"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [get]}
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
- {apiGroups: ["*"], resources: ["*"], verbs: [watch]}
`),
      [
        'ClusterRoleBinding/readers /roleRef/name: CW User alice, ServiceAccount shop/api, Group system:serviceaccounts:shop (every service account of namespace "shop") and User system:serviceaccount:billing:worker | get, list, watch secrets | ClusterRole "reader" | rules[1] {apiGroups: [""], resources: [secrets], verbs: [get, list]}; rules[2] {apiGroups: [*], resources: [*], verbs: [watch]}',
      ],
    );
  });

  it('roles bound through aggregation are not unbound; an unbound aggregated role points at its aggregationRule', () => {
    const yaml = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader, labels: {example.com/aggregate-to-ops: "true"}}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ops}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {example.com/aggregate-to-ops: "true"}}]}
`;
    assert.deepEqual(messages(yaml), ['ClusterRole/ops /aggregationRule: UB ClusterRole "ops" (aggregated) | get secrets']);
    const bound = `${yaml}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ops, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops}
subjects: [{kind: User, name: bob}]
`;
    assert.deepEqual(messages(bound), ['RoleBinding/ops /roleRef/name: NS User bob | shop | get secrets']);
  });

  it('a binding to a missing role, a binding of components only and a binding without subjects report nothing', () => {
    assert.deepEqual(
      messages(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: missing}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: does-not-exist}
subjects: [{kind: User, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: components}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: system:masters}, {kind: ServiceAccount, name: x, namespace: kube-system}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: nobody}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
`),
      [],
    );
  });

  it('tolerates malformed RBAC objects', () => {
    const result = runCheck(
      check,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: weird}
rules: [42, {verbs: get, resources: [secrets]}, {apiGroups: [""], resources: secrets, verbs: [get]}, {apiGroups: [""], resources: [secrets], verbs: [list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: weird, namespace: a}
roleRef: nope
subjects: {kind: User}
`,
    );
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.findings.map((f) => f.path), ['/rules/3']);
  });
});
