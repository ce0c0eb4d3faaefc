import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Inventory } from '../../inventory/inventory.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { analyzeRbac, rbacAnalyzer } from './rbac-analyzer.js';
import type { AccessRequest, Grant, Identity, RbacFacts, ResourceRequest, Subject } from './rbac-types.js';
import { ruleAllows } from './rule-match.js';
import { formatSubject, identityOf, subjectKey } from './subjects.js';

function facts(yaml: string): RbacFacts {
  const { objects, problems } = parseManifests(yaml, 'test.yaml');
  assert.deepEqual(problems, []);
  return rbacAnalyzer.compute(new Inventory(objects));
}

const sa = (namespace: string, name: string): Identity => identityOf({ kind: 'ServiceAccount', namespace, name });
const user = (name: string, ...groups: string[]): Identity => ({ user: name, groups: ['system:authenticated', ...groups] });
const res = (verb: string, resource: string, extra: Partial<ResourceRequest> = {}): ResourceRequest => ({ verb, group: '', resource, ...extra });
const who = (grants: Grant[]): string[] => [...new Set(grants.map((g) => formatSubject(g.subject)))].sort();

function clusterRole(name: string, rules: string, labels: Record<string, string> = {}, extra = ''): string {
  const l = Object.entries(labels).map(([k, v]) => `\n    ${k}: "${v}"`).join('');
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${name}${l ? `\n  labels:${l}` : ''}
${extra}rules:${rules}
`;
}

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, namespace: string | undefined, roleRef: string, subjects: string): string {
  const [refKind, refName] = roleRef.split('/');
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${refKind}, name: ${refName}}
subjects: ${subjects}
`;
}

const secretsReader = `\n- {apiGroups: [""], resources: [secrets], verbs: [get, list]}`;
const crontabs = `\n- {apiGroups: [stable.example.com], resources: [crontabs], verbs: [get, list, watch]}`;

describe('rbacAnalyzer: bootstrap policy and aggregation', () => {
  const f = facts('');
  const allows = (role: string, request: AccessRequest): boolean => {
    const r = f.role('ClusterRole', undefined, role);
    assert.ok(r, role);
    return r.rules.some((rule) => ruleAllows(rule, request));
  };
  const table: { role: string; request: AccessRequest; allowed: boolean }[] = [
    { role: 'view', request: res('get', 'pods', { namespace: 'x' }), allowed: true },
    { role: 'view', request: res('list', 'deployments', { group: 'apps' }), allowed: true },
    { role: 'view', request: res('get', 'secrets'), allowed: false },
    { role: 'view', request: res('create', 'pods'), allowed: false },
    { role: 'view', request: res('get', 'pods', { subresource: 'log' }), allowed: true },
    { role: 'view', request: res('create', 'pods', { subresource: 'exec' }), allowed: false },
    { role: 'edit', request: res('create', 'deployments', { group: 'apps' }), allowed: true },
    { role: 'edit', request: res('get', 'secrets'), allowed: true },
    { role: 'edit', request: res('create', 'pods', { subresource: 'exec' }), allowed: true },
    { role: 'edit', request: res('get', 'pods'), allowed: true },
    { role: 'edit', request: res('create', 'rolebindings', { group: 'rbac.authorization.k8s.io' }), allowed: false },
    { role: 'admin', request: res('create', 'rolebindings', { group: 'rbac.authorization.k8s.io' }), allowed: true },
    { role: 'admin', request: res('create', 'deployments', { group: 'apps' }), allowed: true },
    { role: 'admin', request: res('get', 'pods'), allowed: true },
    { role: 'admin', request: res('create', 'namespaces'), allowed: false },
    { role: 'cluster-admin', request: res('delete', 'nodes'), allowed: true },
    { role: 'cluster-admin', request: { verb: 'get', path: '/metrics' }, allowed: true },
    { role: 'system:basic-user', request: res('create', 'selfsubjectaccessreviews', { group: 'authorization.k8s.io' }), allowed: true },
    { role: 'system:public-info-viewer', request: { verb: 'get', path: '/healthz' }, allowed: true },
    { role: 'system:public-info-viewer', request: { verb: 'get', path: '/metrics' }, allowed: false },
  ];
  for (const c of table) {
    it(`${c.role} ${c.allowed ? 'allows' : 'does not allow'} ${JSON.stringify(c.request)}`, () => assert.equal(allows(c.role, c.request), c.allowed));
  }

  it('records the aggregation graph', () => {
    const view = f.role('ClusterRole', undefined, 'view');
    const edit = f.role('ClusterRole', undefined, 'edit');
    const admin = f.role('ClusterRole', undefined, 'admin');
    assert.deepEqual(view?.aggregatedFrom, ['system:aggregate-to-view']);
    assert.deepEqual(edit?.aggregatedFrom, ['system:aggregate-to-edit', 'view']);
    assert.deepEqual(admin?.aggregatedFrom, ['edit', 'system:aggregate-to-admin']);
    assert.deepEqual(view?.aggregatesInto.sort(), ['edit']);
    assert.equal(view?.aggregated, true);
    assert.deepEqual(view?.ownRules, []);
    assert.equal(view?.bootstrap, true);
    assert.equal(view?.source, undefined);
    assert.equal(f.role('ClusterRole', undefined, 'cluster-admin')?.aggregated, false);
  });

  it('unions without duplicates: admin ⊇ edit ⊇ view, each rule once', () => {
    const keys = (name: string): string[] => (f.role('ClusterRole', undefined, name)?.rules ?? []).map((r) => JSON.stringify(r));
    for (const name of ['view', 'edit', 'admin']) assert.equal(new Set(keys(name)).size, keys(name).length, name);
    const edit = new Set(keys('edit'));
    assert.ok(keys('view').every((k) => edit.has(k)));
    const admin = new Set(keys('admin'));
    assert.ok(keys('edit').every((k) => admin.has(k)));
  });

  it('knows the bootstrap bindings', () => {
    const b = f.bindings.find((x) => x.kind === 'ClusterRoleBinding' && x.name === 'cluster-admin');
    assert.deepEqual(b?.subjects, [{ kind: 'Group', name: 'system:masters' }]);
    assert.equal(b?.role?.name, 'cluster-admin');
    assert.ok(f.subjects().some((s) => s.kind === 'Group' && s.name === 'system:masters'));
  });
});


describe('rbacAnalyzer: aggregation of input ClusterRoles', () => {
  it('a ClusterRole labelled aggregate-to-view reaches view, edit and admin through the chain', () => {
    const f = facts(clusterRole('crontab-reader', crontabs, { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }));
    const request = res('list', 'crontabs', { group: 'stable.example.com', namespace: 'ns' });
    for (const name of ['view', 'edit', 'admin']) {
      const role = f.role('ClusterRole', undefined, name);
      assert.ok(role?.rules.some((r) => ruleAllows(r, request)), name);
    }
    assert.ok(f.role('ClusterRole', undefined, 'view')?.aggregatedFrom.includes('crontab-reader'));
    assert.deepEqual(f.role('ClusterRole', undefined, 'crontab-reader')?.aggregatesInto, ['view']);
    assert.equal(f.role('ClusterRole', undefined, 'crontab-reader')?.bootstrap, false);
    assert.ok(f.role('ClusterRole', undefined, 'crontab-reader')?.source);
    // cluster-admin does not aggregate.
    assert.equal(f.role('ClusterRole', undefined, 'cluster-admin')?.rules.length, 2);
  });

  it('one analysis never changes another: the bootstrap policy is read once and shared (one analysis per admission request)', () => {
    const request = res('list', 'crontabs', { group: 'stable.example.com', namespace: 'ns' });
    const viewAllows = (f: RbacFacts): boolean => f.role('ClusterRole', undefined, 'view')?.rules.some((r) => ruleAllows(r, request)) ?? false;
    const plain = facts(binding('RoleBinding', 'b', 'ns', 'ClusterRole/view', '[{kind: User, name: alice}]'));
    const viewRules = plain.role('ClusterRole', undefined, 'view')?.rules.length;
    const widened = facts(clusterRole('crontab-reader', crontabs, { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }));
    assert.equal(viewAllows(widened), true);
    assert.equal(widened.role('ClusterRole', undefined, 'view')?.aggregatedFrom.includes('crontab-reader'), true);
    const after = facts(binding('RoleBinding', 'b', 'ns', 'ClusterRole/view', '[{kind: User, name: alice}]'));
    for (const f of [plain, after]) {
      assert.equal(viewAllows(f), false);
      assert.equal(f.role('ClusterRole', undefined, 'view')?.rules.length, viewRules);
      assert.equal(f.role('ClusterRole', undefined, 'view')?.aggregatedFrom.includes('crontab-reader'), false);
    }
    assert.notEqual(plain.role('ClusterRole', undefined, 'view'), after.role('ClusterRole', undefined, 'view'));
    // A redefinition of a bootstrap role is reconciled with it per analysis; the shared default stays as shipped.
    const weakened = facts(clusterRole('view', `\n- {apiGroups: [""], resources: [pods], verbs: [get]}`));
    assert.ok(weakened.role('ClusterRole', undefined, 'view')?.source);
    assert.equal(facts('').role('ClusterRole', undefined, 'view')?.source, undefined);
  });

  it('selects with matchLabels and matchExpressions, sorted by name, semantic duplicates once, never itself', () => {
    const sel = `aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {team: a}
  - matchExpressions: [{key: tier, operator: In, values: [gold, silver]}]
`;
    const f = facts(
      clusterRole('target', `\n- {apiGroups: [""], resources: [own], verbs: [get]}`, { team: 'a' }, sel) +
        clusterRole('z-role', `\n- {apiGroups: [""], resources: [zz], verbs: [get]}\n- {apiGroups: [""], resources: [shared], verbs: [get]}`, { team: 'a' }) +
        clusterRole('b-role', `\n- {apiGroups: [""], resources: [bb], verbs: [get]}\n- {apiGroups: [""], resources: [shared], verbs: [get]}`, { team: 'a' }) +
        clusterRole('gold', `\n- {apiGroups: [""], resources: [gg], verbs: [get]}`, { tier: 'gold' }) +
        clusterRole('bronze', `\n- {apiGroups: [""], resources: [no], verbs: [get]}`, { tier: 'bronze' }) +
        clusterRole('no-labels', `\n- {apiGroups: [""], resources: [no], verbs: [get]}`),
    );
    const target = f.role('ClusterRole', undefined, 'target');
    assert.deepEqual(
      target?.rules.map((r) => r.resources[0]),
      ['bb', 'shared', 'zz', 'gg'],
    );
    assert.deepEqual(target?.ownRules.map((r) => r.resources[0]), ['own']);
    assert.deepEqual(target?.aggregatedFrom, ['b-role', 'gold', 'z-role']);
  });

  it('aggregated roles feed aggregated roles to a fixed point, whatever their name order', () => {
    const agg = (label: string): string => `aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {${label}: "true"}\n`;
    const f = facts(
      clusterRole('a-top', '', {}, agg('into-top')) +
        clusterRole('m-middle', '', { 'into-top': 'true' }, agg('into-middle')) +
        clusterRole('z-bottom', '', { 'into-middle': 'true' }, agg('into-bottom')) +
        clusterRole('leaf', `\n- {apiGroups: [""], resources: [leaves], verbs: [get]}`, { 'into-bottom': 'true' }),
    );
    for (const name of ['a-top', 'm-middle', 'z-bottom']) {
      assert.deepEqual(f.role('ClusterRole', undefined, name)?.rules.map((r) => r.resources[0]), ['leaves'], name);
    }
  });

  it('aggregated roles selecting each other end with the same rules (a cycle terminates)', () => {
    const agg = (label: string): string => `aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {${label}: "true"}\n`;
    const f = facts(
      clusterRole('ping', `\n- {apiGroups: [""], resources: [ping-own], verbs: [get]}`, { 'into-pong': 'true' }, agg('into-ping')) +
        clusterRole('pong', '', { 'into-ping': 'true' }, agg('into-pong')) +
        clusterRole('leaf', `\n- {apiGroups: [""], resources: [leaves], verbs: [get]}`, { 'into-ping': 'true' }),
    );
    const set = (name: string): string[] => (f.role('ClusterRole', undefined, name)?.rules ?? []).map((r) => r.resources[0]).sort();
    assert.deepEqual(set('ping'), ['leaves', 'ping-own']);
    assert.deepEqual(set('pong'), ['leaves', 'ping-own']);
  });

  it('an aggregated role selecting nothing has no rules; an invalid selector leaves the written rules', () => {
    const f = facts(
      clusterRole('empty', `\n- {apiGroups: [""], resources: [stale], verbs: [get]}`, {}, `aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {nothing: here}\n`) +
        clusterRole('broken', `\n- {apiGroups: [""], resources: [kept], verbs: [get]}`, {}, `aggregationRule:\n  clusterRoleSelectors:\n  - matchExpressions: [{key: a, operator: Like}]\n`),
    );
    assert.deepEqual(f.role('ClusterRole', undefined, 'empty')?.rules, []);
    assert.equal(f.role('ClusterRole', undefined, 'empty')?.aggregated, true);
    assert.deepEqual(f.role('ClusterRole', undefined, 'broken')?.rules.map((r) => r.resources[0]), ['kept']);
  });

  it('an input copy of a bootstrap role is reconciled with the default policy, as the API server does at start', () => {
    const f = facts(clusterRole('view', `\n- {apiGroups: [""], resources: [configmaps], verbs: [get]}`, { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }));
    const view = f.role('ClusterRole', undefined, 'view');
    assert.equal(view?.bootstrap, false, 'the input object stands in for it');
    assert.equal(f.roles.filter((r) => r.kind === 'ClusterRole' && r.name === 'view').length, 1);
    // The default aggregationRule is added back, so the aggregation controller fills view again.
    assert.equal(view?.aggregated, true);
    assert.ok(view?.rules.some((r) => ruleAllows(r, res('get', 'pods'))));
    const edit = f.role('ClusterRole', undefined, 'edit');
    assert.ok(edit?.rules.some((r) => ruleAllows(r, res('get', 'configmaps'))));
  });

  it('a weakened input cluster-admin still has its default rules and subjects', () => {
    const f = facts(
      clusterRole('cluster-admin', `\n- {apiGroups: [""], resources: [pods], verbs: [get]}`) +
        binding('ClusterRoleBinding', 'cluster-admin', undefined, 'ClusterRole/cluster-admin', '[{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]'),
    );
    assert.ok(f.allowedBy(user('bob', 'system:masters'), res('delete', 'nodes')).length > 0);
    assert.ok(f.allowedBy(user('alice'), res('delete', 'nodes')).length > 0);
  });

  it('autoupdate: "false" opts an input object out of reconciliation: it replaces the default', () => {
    const f = facts(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: view
  annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cluster-admin
  annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
`);
    const view = f.role('ClusterRole', undefined, 'view');
    assert.equal(view?.aggregated, false);
    assert.ok(!view?.rules.some((r) => ruleAllows(r, res('get', 'pods'))));
    assert.deepEqual(f.allowedBy(user('bob', 'system:masters'), res('delete', 'nodes')), []);
    assert.ok(f.allowedBy(user('alice'), res('delete', 'nodes')).length > 0);
  });
});

describe('rbacAnalyzer: who can', () => {
  const f = facts(
    clusterRole('secret-reader', secretsReader) +
      clusterRole('url-reader', `\n- {nonResourceURLs: [/custom, /custom/*], verbs: [get]}`) +
      `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: shop}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: web}
rules:
- {apiGroups: [""], resources: [pods], verbs: ["*"]}
` +
      binding('RoleBinding', 'alice-secrets', 'shop', 'ClusterRole/secret-reader', '[{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]') +
      binding('ClusterRoleBinding', 'auditors-secrets', undefined, 'ClusterRole/secret-reader', '[{kind: Group, name: auditors}]') +
      binding('RoleBinding', 'shop-pods', 'shop', 'Role/pod-reader', '[{kind: ServiceAccount, name: api}, {kind: Robot, name: r2}, {kind: User, name: bob}]') +
      binding('ClusterRoleBinding', 'all-sa-urls', undefined, 'ClusterRole/url-reader', '[{kind: Group, name: system:serviceaccounts}]') +
      binding('RoleBinding', 'ns-urls', 'shop', 'ClusterRole/url-reader', '[{kind: User, name: carol}]') +
      binding('ClusterRoleBinding', 'bad-ref', undefined, 'Role/pod-reader', '[{kind: User, name: mallory}]') +
      binding('RoleBinding', 'missing', 'shop', 'ClusterRole/does-not-exist', '[{kind: User, name: dave}]') +
      binding('RoleBinding', 'other-ns-sa', 'web', 'Role/pod-reader', '[{kind: ServiceAccount, name: worker, namespace: batch}]'),
  );

  const table: { name: string; request: AccessRequest; subjects: string[] }[] = [
    {
      name: 'RoleBinding to a ClusterRole grants in its namespace; ClusterRoleBinding everywhere; cluster-admin via system:masters',
      request: res('get', 'secrets', { namespace: 'shop' }),
      subjects: ['Group auditors', 'Group system:masters', 'User alice'],
    },
    { name: 'the RoleBinding does not reach another namespace', request: res('get', 'secrets', { namespace: 'web' }), subjects: ['Group auditors', 'Group system:masters'] },
    { name: 'nor a request across all namespaces', request: res('list', 'secrets'), subjects: ['Group auditors', 'Group system:masters'] },
    {
      name: 'Role in the binding namespace; SA namespace defaulted; unknown subject kinds dropped',
      request: res('list', 'pods', { namespace: 'shop' }),
      subjects: ['Group system:masters', 'ServiceAccount shop/api', 'User bob'],
    },
    { name: 'the same Role name in another namespace is another role', request: res('delete', 'pods', { namespace: 'shop' }), subjects: ['Group system:masters'] },
    { name: 'web pod-reader grants delete in web', request: res('delete', 'pods', { namespace: 'web' }), subjects: ['Group system:masters', 'ServiceAccount batch/worker'] },
    {
      name: 'non-resource URLs only through ClusterRoleBindings',
      request: { verb: 'get', path: '/custom/a' },
      subjects: ['Group system:masters', 'Group system:serviceaccounts'],
    },
    { name: 'a Role in a ClusterRoleBinding grants nothing', request: res('get', 'pods', { namespace: 'default' }), subjects: ['Group system:masters'] },
  ];
  for (const c of table) it(c.name, () => assert.deepEqual(who(f.whoCan(c.request)).filter((s) => !s.startsWith('User system:') && !s.startsWith('ServiceAccount kube-system/')), c.subjects));

  it('names the binding, role and rule of each grant', () => {
    const g = f.whoCan(res('get', 'secrets', { namespace: 'shop' })).find((x) => x.subject.name === 'alice');
    assert.equal(g?.binding.name, 'alice-secrets');
    assert.equal(g?.binding.kind, 'RoleBinding');
    assert.equal(g?.role.name, 'secret-reader');
    assert.equal(g?.ruleIndex, 0);
    assert.deepEqual(g?.rule.resources, ['secrets']);
    assert.equal(g?.namespace, 'shop');
    const c = f.whoCan(res('get', 'secrets', { namespace: 'shop' })).find((x) => x.subject.name === 'auditors');
    assert.equal(c?.namespace, undefined);
  });

  const sar: { name: string; identity: Identity; request: AccessRequest; allowed: boolean }[] = [
    { name: 'system:masters member can do anything', identity: user('root', 'system:masters'), request: res('delete', 'nodes'), allowed: true },
    { name: 'system:masters member can reach any URL', identity: user('root', 'system:masters'), request: { verb: 'post', path: '/anything' }, allowed: true },
    { name: 'alice reads secrets in shop', identity: user('alice'), request: res('get', 'secrets', { namespace: 'shop' }), allowed: true },
    { name: 'alice not in web', identity: user('alice'), request: res('get', 'secrets', { namespace: 'web' }), allowed: false },
    { name: 'alice may not write secrets', identity: user('alice'), request: res('update', 'secrets', { namespace: 'shop' }), allowed: false },
    { name: 'auditor reads secrets anywhere', identity: user('eve', 'auditors'), request: res('list', 'secrets'), allowed: true },
    { name: 'any SA gets /custom via system:serviceaccounts', identity: sa('elsewhere', 'x'), request: { verb: 'get', path: '/custom' }, allowed: true },
    { name: 'a user does not', identity: user('zed'), request: { verb: 'get', path: '/custom' }, allowed: false },
    { name: 'a RoleBinding never grants non-resource URLs', identity: user('carol'), request: { verb: 'get', path: '/custom' }, allowed: false },
    { name: 'shop/api lists pods in shop', identity: sa('shop', 'api'), request: res('list', 'pods', { namespace: 'shop' }), allowed: true },
    { name: 'web/api does not', identity: sa('web', 'api'), request: res('list', 'pods', { namespace: 'shop' }), allowed: false },
    { name: 'mallory gets nothing from a ClusterRoleBinding to a Role', identity: user('mallory'), request: res('get', 'pods', { namespace: 'default' }), allowed: false },
    { name: 'everyone authenticated may create SelfSubjectAccessReviews', identity: user('zed'), request: res('create', 'selfsubjectaccessreviews', { group: 'authorization.k8s.io' }), allowed: true },
    { name: 'anonymous reads /healthz (system:public-info-viewer)', identity: identityOf({ kind: 'User', name: 'system:anonymous' }), request: { verb: 'get', path: '/healthz' }, allowed: true },
    { name: 'anonymous may not create SSARs', identity: identityOf({ kind: 'User', name: 'system:anonymous' }), request: res('create', 'selfsubjectaccessreviews', { group: 'authorization.k8s.io' }), allowed: false },
  ];
  for (const c of sar) it(`allowedBy: ${c.name}`, () => assert.equal(f.allowedBy(c.identity, c.request).length > 0, c.allowed));

  it('bindings keep their references; missing and invalid roles are undefined', () => {
    const byName = (n: string) => f.bindings.find((b) => b.name === n);
    assert.equal(byName('missing')?.role, undefined);
    assert.deepEqual(byName('missing')?.roleRef, { kind: 'ClusterRole', name: 'does-not-exist' });
    assert.equal(byName('bad-ref')?.role, undefined);
    assert.deepEqual(byName('shop-pods')?.subjects, [
      { kind: 'ServiceAccount', name: 'api', namespace: 'shop' },
      { kind: 'User', name: 'bob' },
    ]);
    assert.equal(byName('shop-pods')?.role?.namespace, 'shop');
    assert.equal(f.role('Role', 'web', 'pod-reader')?.rules[0].verbs[0], '*');
    assert.equal(f.role('Role', 'default', 'pod-reader'), undefined);
  });

  it('grantsFor lists every rule of every binding naming the identity', () => {
    const grants = f.grantsFor(sa('shop', 'api'));
    const via = [...new Set(grants.map((g) => `${g.binding.name}→${g.role.name}`))].sort();
    assert.ok(via.includes('shop-pods→pod-reader'));
    assert.ok(via.includes('all-sa-urls→url-reader'));
    assert.ok(!via.includes('alice-secrets→secret-reader'));
    assert.ok(grants.every((g) => g.role.rules[g.ruleIndex] === g.rule));
  });

  it('whoCan agrees with allowedBy for every subject it names', () => {
    const requests: AccessRequest[] = [...table.map((c) => c.request), ...sar.map((c) => c.request)];
    for (const request of requests) {
      const subjects = new Map<string, Subject>();
      for (const g of f.whoCan(request)) subjects.set(subjectKey(g.subject), g.subject);
      for (const s of subjects.values()) assert.ok(f.allowedBy(identityOf(s), request).length > 0, `${formatSubject(s)} ${JSON.stringify(request)}`);
      for (const s of f.subjects()) {
        if (!subjects.has(subjectKey(s))) {
          const direct = f.allowedBy(identityOf(s), request).filter((g) => subjectKey(g.subject) === subjectKey(s));
          assert.deepEqual(direct, [], `${formatSubject(s)} ${JSON.stringify(request)}`);
        }
      }
    }
  });

  it('works without the bootstrap policy', () => {
    const bare = analyzeRbac(parseManifests(clusterRole('secret-reader', secretsReader), 't.yaml').objects, { bootstrap: false });
    assert.deepEqual(bare.roles.map((r) => r.name), ['secret-reader']);
    assert.deepEqual(bare.whoCan(res('get', 'secrets')), []);
  });
});
