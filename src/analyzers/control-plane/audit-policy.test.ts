import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeAuditPolicy, describeRequest, isAuditPolicy, type AuditRequest } from './audit-policy.js';

const user = (verb: string, resource: string, extra: Partial<NonNullable<AuditRequest['resource']>> = {}, who: Partial<AuditRequest> = {}): AuditRequest => ({
  user: 'alice', groups: ['system:authenticated'], verb, resource: { group: '', resource, namespace: 'default', name: '', ...extra }, ...who,
});

describe('audit policy: first matching rule decides', () => {
  const policy = analyzeAuditPolicy({
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    rules: [
      { level: 'None', users: ['system:kube-proxy'], verbs: ['watch'], resources: [{ group: '', resources: ['endpoints', 'services'] }] },
      { level: 'None', userGroups: ['system:nodes'], verbs: ['get'], resources: [{ group: '', resources: ['nodes'] }] },
      { level: 'None', nonResourceURLs: ['/healthz*', '/version'] },
      { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps'] }, { group: 'authentication.k8s.io', resources: ['tokenreviews'] }] },
      { level: 'Request', resources: [{ group: '', resources: ['pods/exec', '*/portforward'] }] },
      { level: 'RequestResponse', namespaces: ['prod'], resources: [{ group: 'apps', resources: ['deployments/*'] }] },
      { level: 'Metadata', resources: [{ group: '', resources: ['pods'], resourceNames: ['special'] }] },
      { level: 'RequestResponse', resources: [{ group: 'apps' }] },
      { level: 'Metadata', namespaces: ['kube-system'] },
    ],
  });
  const cases: [string, AuditRequest, string, number | undefined][] = [
    ['kube-proxy watching services', user('watch', 'services', {}, { user: 'system:kube-proxy' }), 'None', 0],
    ['kube-proxy listing services falls through', user('list', 'services', {}, { user: 'system:kube-proxy' }), 'None', undefined],
    ['node get nodes', user('get', 'nodes', { namespace: '' }, { groups: ['system:nodes', 'system:authenticated'] }), 'None', 1],
    ['healthz prefix', { user: 'alice', groups: [], verb: 'get', path: '/healthz/ready' }, 'None', 2],
    ['version exact', { user: 'alice', groups: [], verb: 'get', path: '/version' }, 'None', 2],
    ['other URL matches nothing', { user: 'alice', groups: [], verb: 'get', path: '/metrics' }, 'None', undefined],
    ['secrets at Metadata', user('get', 'secrets'), 'Metadata', 3],
    ['tokenreviews by group', user('create', 'tokenreviews', { group: 'authentication.k8s.io', namespace: '' }), 'Metadata', 3],
    ['tokenreviews in the wrong group', user('create', 'tokenreviews', { namespace: '' }), 'None', undefined],
    ['pods/exec exact', user('create', 'pods', { subresource: 'exec' }), 'Request', 4],
    ['*/portforward', user('create', 'pods', { subresource: 'portforward' }), 'Request', 4],
    ['pods/log not listed', user('get', 'pods', { subresource: 'log' }), 'None', undefined],
    ['deployments/* matches a subresource in prod', user('update', 'deployments', { group: 'apps', subresource: 'scale', namespace: 'prod' }), 'RequestResponse', 5],
    ['deployments/* matches the resource itself', user('update', 'deployments', { group: 'apps', namespace: 'prod' }), 'RequestResponse', 5],
    ['group-only entry matches any resource of the group', user('update', 'deployments', { group: 'apps', namespace: 'dev' }), 'RequestResponse', 7],
    ['resourceNames restrict', user('get', 'pods', { name: 'special' }), 'Metadata', 6],
    ['resourceNames exclude others', user('get', 'pods', { name: 'other' }), 'None', undefined],
    ['namespace-only rule', user('get', 'pods', { namespace: 'kube-system' }), 'Metadata', 8],
    ['namespace rule never matches URLs', { user: 'alice', groups: [], verb: 'get', path: '/api' }, 'None', undefined],
  ];
  for (const [name, req, level, rule] of cases) {
    it(name, () => {
      const d = policy.decide(req);
      assert.equal(d.level, level);
      assert.equal(d.rule?.index, rule);
    });
  }

  it('"*" matches subresources too', () => {
    const p = analyzeAuditPolicy({ rules: [{ level: 'Request', resources: [{ group: '', resources: ['*'] }] }] });
    assert.equal(p.decide(user('create', 'pods', { subresource: 'exec' })).level, 'Request');
  });

  it('a rule without selectors matches everything, URLs included', () => {
    const p = analyzeAuditPolicy({ rules: [{ level: 'Metadata' }] });
    assert.equal(p.decide({ user: 'u', groups: [], verb: 'get', path: '/x' }).level, 'Metadata');
    assert.equal(p.decide(user('get', 'secrets')).level, 'Metadata');
  });
});

describe('audit policy: reachability and body logging', () => {
  it('logsAnything: empty, all None, shadowed Metadata, reachable Metadata', () => {
    assert.equal(analyzeAuditPolicy({ rules: [] }).logsAnything, false);
    assert.equal(analyzeAuditPolicy({}).logsAnything, false);
    assert.equal(analyzeAuditPolicy({ rules: [{ level: 'None' }] }).logsAnything, false);
    assert.equal(analyzeAuditPolicy({ rules: [{ level: 'None' }, { level: 'Metadata' }] }).logsAnything, false);
    assert.equal(analyzeAuditPolicy({ rules: [{ level: 'None', verbs: ['get'] }, { level: 'Metadata' }] }).logsAnything, true);
    assert.equal(analyzeAuditPolicy({ rules: [{ level: 'None', resources: [{ group: '' }] }, { level: 'Metadata', nonResourceURLs: ['/api*'] }] }).logsAnything, true);
    assert.equal(analyzeAuditPolicy({ rules: [{ level: 'None', users: ['bob'] }, { level: 'Metadata', users: ['bob'] }] }).logsAnything, false);
    assert.equal(analyzeAuditPolicy({ rules: [{ level: 'None', namespaces: ['a'] }, { level: 'Request', namespaces: ['a', 'b'] }] }).logsAnything, true);
  });

  it('bodyLogging finds the rules that log secret bodies for some request', () => {
    const safe = analyzeAuditPolicy({ rules: [{ level: 'Metadata', resources: [{ group: '', resources: ['secrets'] }] }, { level: 'RequestResponse' }] });
    assert.deepEqual(safe.bodyLogging('', 'secrets'), []);
    const catchAll = analyzeAuditPolicy({ rules: [{ level: 'RequestResponse' }] });
    assert.deepEqual(catchAll.bodyLogging('', 'secrets').map((r) => r.decision.rule?.index), [0]);
    // Only one user's secret reads are logged with bodies: found although a generic user would not reach it.
    const oneUser = analyzeAuditPolicy({ rules: [{ level: 'Request', users: ['ci-bot'], resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata' }] });
    const hits = oneUser.bodyLogging('', 'secrets');
    assert.deepEqual(hits.map((r) => [r.decision.rule?.index, r.request.user]), [[0, 'ci-bot']]);
    assert.match(describeRequest(hits[0].request), /^user ci-bot: get secrets in default$/);
    // A specific namespace and resourceName.
    const named = analyzeAuditPolicy({ rules: [{ level: 'Metadata', namespaces: ['prod'] }, { level: 'RequestResponse', resources: [{ group: '', resources: ['secrets'], resourceNames: ['db'] }] }] });
    assert.deepEqual(named.bodyLogging('', 'secrets').map((r) => [r.decision.rule?.index, r.request.resource?.name, r.request.resource?.namespace]), [[1, 'db', 'default']]);
  });

  it('probeGeneric decides per verb for a generic authenticated user in default', () => {
    const p = analyzeAuditPolicy({ rules: [{ level: 'None', verbs: ['watch', 'list'] }, { level: 'Metadata', resources: [{ group: '', resources: ['secrets'] }] }] });
    assert.deepEqual(p.probeGeneric('', 'secrets').map((r) => `${r.request.verb}=${r.decision.level}`), [
      'get=Metadata', 'list=None', 'watch=None', 'create=Metadata', 'update=Metadata', 'patch=Metadata', 'delete=Metadata',
    ]);
    assert.deepEqual(new Set(p.probeGeneric('', 'pods', 'exec').map((r) => r.decision.level)), new Set(['None']));
  });

  it('tolerates garbage and reports problems', () => {
    const p = analyzeAuditPolicy({ rules: [null, { level: 'Everything', users: 'bob', resources: [{ group: 5 }] }] });
    assert.deepEqual(p.problems.map((x) => x.pointer), ['/rules/0', '/rules/1/level']);
    assert.equal(p.decide(user('get', 'secrets')).level, 'None');
    assert.equal(analyzeAuditPolicy({ rules: 'all' }).problems[0].pointer, '/rules');
  });

  it('recognises audit.k8s.io Policy only', () => {
    assert.equal(isAuditPolicy({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy' }), true);
    assert.equal(isAuditPolicy({ apiVersion: 'example.com/v1', kind: 'Policy' }), false);
  });
});
