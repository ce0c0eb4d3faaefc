import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isResourceRequest, normalizeRule, ruleAllows, ruleKey } from './rule-match.js';
import type { AccessRequest, PolicyRule } from './rbac-types.js';

function rule(r: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...r };
}

const podReader = rule({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] });
const podsAndLogs = rule({ verbs: ['get'], apiGroups: [''], resources: ['pods', 'pods/log'] });
const everything = rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
const anyScale = rule({ verbs: ['update'], apiGroups: ['*'], resources: ['*/scale'] });
const podsStar = rule({ verbs: ['*'], apiGroups: [''], resources: ['pods/*'] });
const myConfigMap = rule({ verbs: ['get', 'update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['my-configmap'] });
const healthz = rule({ verbs: ['get', 'post'], nonResourceURLs: ['/healthz', '/healthz/*'] });
const allUrls = rule({ verbs: ['get'], nonResourceURLs: ['*'] });
const apis = rule({ verbs: ['*'], nonResourceURLs: ['/apis**'] });
const deployments = rule({ verbs: ['create'], apiGroups: ['apps'], resources: ['deployments'] });

const pods = (verb: string, extra: Partial<{ subresource: string; name: string; namespace: string; group: string }> = {}): AccessRequest => ({
  verb,
  group: '',
  resource: 'pods',
  ...extra,
});

const cases: { name: string; rule: PolicyRule; request: AccessRequest; allowed: boolean }[] = [
  { name: 'verb and resource listed', rule: podReader, request: pods('get'), allowed: true },
  { name: 'verb not listed', rule: podReader, request: pods('delete'), allowed: false },
  { name: 'verbs are case-sensitive', rule: podReader, request: pods('GET'), allowed: false },
  { name: 'api group must match ("" is core)', rule: podReader, request: pods('get', { group: 'apps' }), allowed: false },
  { name: 'pods does not cover pods/exec', rule: podReader, request: pods('get', { subresource: 'exec' }), allowed: false },
  { name: 'pods/log listed', rule: podsAndLogs, request: pods('get', { subresource: 'log' }), allowed: true },
  { name: 'pods/log does not cover pods/exec', rule: podsAndLogs, request: pods('get', { subresource: 'exec' }), allowed: false },
  { name: '* covers every resource', rule: everything, request: { verb: 'delete', group: 'apps', resource: 'deployments' }, allowed: true },
  { name: '* covers subresources', rule: everything, request: pods('create', { subresource: 'exec' }), allowed: true },
  { name: '*/scale covers deployments/scale', rule: anyScale, request: { verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale' }, allowed: true },
  { name: '*/scale does not cover the resource itself', rule: anyScale, request: { verb: 'update', group: 'apps', resource: 'deployments' }, allowed: false },
  { name: '*/scale does not cover another subresource', rule: anyScale, request: { verb: 'update', group: 'apps', resource: 'deployments', subresource: 'status' }, allowed: false },
  { name: '*/scale does not cover a subresource ending in scale', rule: anyScale, request: { verb: 'update', group: 'x', resource: 'foo', subresource: 'rescale' }, allowed: false },
  { name: 'pods/* is no wildcard: not pods/exec', rule: podsStar, request: pods('create', { subresource: 'exec' }), allowed: false },
  { name: 'pods/* is no wildcard: not pods', rule: podsStar, request: pods('get'), allowed: false },
  { name: 'pods/* matches only the literal subresource *', rule: podsStar, request: pods('get', { subresource: '*' }), allowed: true },
  { name: 'resourceNames: listed name', rule: myConfigMap, request: { verb: 'get', group: '', resource: 'configmaps', name: 'my-configmap' }, allowed: true },
  { name: 'resourceNames: other name', rule: myConfigMap, request: { verb: 'get', group: '', resource: 'configmaps', name: 'other' }, allowed: false },
  { name: 'resourceNames: request without a name (list)', rule: myConfigMap, request: { verb: 'get', group: '', resource: 'configmaps' }, allowed: false },
  { name: 'no resourceNames: any name', rule: podReader, request: pods('get', { name: 'web-0' }), allowed: true },
  { name: 'create is not restricted by name when the rule has no names', rule: deployments, request: { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'x' }, allowed: true },
  { name: 'resource rule never matches a non-resource request', rule: everything, request: { verb: 'get', path: '/healthz' }, allowed: false },
  { name: 'non-resource rule never matches a resource request', rule: allUrls, request: pods('get'), allowed: false },
  { name: 'exact URL', rule: healthz, request: { verb: 'get', path: '/healthz' }, allowed: true },
  { name: 'URL prefix with *', rule: healthz, request: { verb: 'get', path: '/healthz/etcd' }, allowed: true },
  { name: 'prefix /healthz/* does not cover /healthzz', rule: healthz, request: { verb: 'get', path: '/healthzz' }, allowed: false },
  { name: 'non-resource verb must match', rule: healthz, request: { verb: 'delete', path: '/healthz' }, allowed: false },
  { name: '* covers every URL', rule: allUrls, request: { verb: 'get', path: '/metrics' }, allowed: true },
  { name: 'several trailing * are one prefix', rule: apis, request: { verb: 'get', path: '/apis/apps/v1' }, allowed: true },
  { name: 'URL without * is exact', rule: rule({ verbs: ['get'], nonResourceURLs: ['/version'] }), request: { verb: 'get', path: '/version/' }, allowed: false },
  { name: 'empty verbs allow nothing', rule: rule({ apiGroups: ['*'], resources: ['*'] }), request: pods('get'), allowed: false },
  { name: 'empty apiGroups allow nothing', rule: rule({ verbs: ['*'], resources: ['*'] }), request: pods('get'), allowed: false },
  {
    name: 'a rule mixing resources and URLs (rejected by the API server) is not used for resources',
    rule: rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'], nonResourceURLs: ['/x'] }),
    request: pods('get'),
    allowed: false,
  },
];

describe('ruleAllows', () => {
  for (const c of cases) {
    it(`${c.allowed ? 'allows' : 'denies'}: ${c.name}`, () => assert.equal(ruleAllows(c.rule, c.request), c.allowed));
  }
});

describe('normalizeRule', () => {
  const table: { name: string; raw: unknown; expected: PolicyRule | undefined }[] = [
    { name: 'not a mapping', raw: 'get pods', expected: undefined },
    { name: 'null', raw: null, expected: undefined },
    { name: 'a list', raw: [], expected: undefined },
    { name: 'missing lists default to []', raw: { verbs: ['get'] }, expected: rule({ verbs: ['get'] }) },
    { name: 'null lists are []', raw: { verbs: null, apiGroups: null }, expected: rule({}) },
    { name: 'a string where a list belongs is []', raw: { verbs: '*', resources: ['pods'] }, expected: rule({ resources: ['pods'] }) },
    { name: 'non-string items dropped', raw: { verbs: ['get', 1, null, { a: 1 }, 'list'], apiGroups: [''] }, expected: rule({ verbs: ['get', 'list'], apiGroups: [''] }) },
    {
      name: 'every list kept',
      raw: { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'], nonResourceURLs: ['/x'] },
      expected: { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'], nonResourceURLs: ['/x'] },
    },
  ];
  for (const c of table) it(c.name, () => assert.deepEqual(normalizeRule(c.raw), c.expected));
});

describe('ruleKey and isResourceRequest', () => {
  it('equal rules share a key, reordered lists do not', () => {
    assert.equal(ruleKey(rule({ verbs: ['get'] })), ruleKey(rule({ verbs: ['get'] })));
    assert.notEqual(ruleKey(rule({ verbs: ['get', 'list'] })), ruleKey(rule({ verbs: ['list', 'get'] })));
    assert.notEqual(ruleKey(rule({ verbs: ['get'] })), ruleKey(rule({ resources: ['get'] })));
  });
  it('tells resource from non-resource requests', () => {
    assert.equal(isResourceRequest(pods('get')), true);
    assert.equal(isResourceRequest({ verb: 'get', path: '/' }), false);
  });
});
