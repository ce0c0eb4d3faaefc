import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appliesTo, formatSubject, identityOf, isSystemSubject, normalizeSubject, parseSubjectKey, subjectKey } from './subjects.js';
import type { Identity, Subject } from './rbac-types.js';

const sa: Subject = { kind: 'ServiceAccount', namespace: 'shop', name: 'api' };
const alice: Subject = { kind: 'User', name: 'alice' };
const devs: Subject = { kind: 'Group', name: 'devs' };

describe('identityOf', () => {
  const table: { subject: Subject; expected: Identity }[] = [
    {
      subject: sa,
      expected: { user: 'system:serviceaccount:shop:api', groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'] },
    },
    { subject: alice, expected: { user: 'alice', groups: ['system:authenticated'] } },
    { subject: { kind: 'User', name: 'system:anonymous' }, expected: { user: 'system:anonymous', groups: ['system:unauthenticated'] } },
    { subject: devs, expected: { user: '', groups: ['devs', 'system:authenticated'] } },
    { subject: { kind: 'Group', name: 'system:unauthenticated' }, expected: { user: '', groups: ['system:unauthenticated'] } },
  ];
  for (const c of table) it(formatSubject(c.subject), () => assert.deepEqual(identityOf(c.subject), c.expected));
});

describe('subjectKey / parseSubjectKey / formatSubject', () => {
  it('keys', () => {
    assert.equal(subjectKey(sa), 'serviceaccount:shop:api');
    assert.equal(subjectKey(alice), 'user:alice');
    assert.equal(subjectKey(devs), 'group:devs');
  });
  const parse: { text: string; expected: Subject | undefined }[] = [
    { text: 'user:alice', expected: alice },
    { text: 'User:alice', expected: alice },
    { text: 'user:system:kube-scheduler', expected: { kind: 'User', name: 'system:kube-scheduler' } },
    { text: 'group:devs', expected: devs },
    { text: 'GROUP:system:masters', expected: { kind: 'Group', name: 'system:masters' } },
    { text: 'serviceaccount:shop:api', expected: sa },
    { text: 'ServiceAccount:shop:api', expected: sa },
    { text: 'sa:shop:api', expected: sa },
    { text: 'system:serviceaccount:shop:api', expected: sa },
    { text: 'serviceaccount:shop', expected: undefined },
    { text: 'serviceaccount:shop:api:x', expected: undefined },
    { text: 'serviceaccount::api', expected: undefined },
    { text: 'system:serviceaccount:shop', expected: undefined },
    { text: 'user:', expected: undefined },
    { text: 'alice', expected: undefined },
    { text: 'robot:x', expected: undefined },
  ];
  for (const c of parse) it(`parse ${JSON.stringify(c.text)}`, () => assert.deepEqual(parseSubjectKey(c.text), c.expected));
  it('round-trips', () => {
    for (const s of [sa, alice, devs]) assert.deepEqual(parseSubjectKey(subjectKey(s)), s);
  });
  it('formats for messages', () => {
    assert.equal(formatSubject(sa), 'ServiceAccount shop/api');
    assert.equal(formatSubject(alice), 'User alice');
    assert.equal(formatSubject(devs), 'Group devs');
  });
});

describe('isSystemSubject', () => {
  const table: [Subject, boolean][] = [
    [{ kind: 'Group', name: 'system:masters' }, true],
    [{ kind: 'User', name: 'system:kube-proxy' }, true],
    [{ kind: 'ServiceAccount', namespace: 'kube-system', name: 'coredns' }, true],
    [sa, false],
    [alice, false],
    [{ kind: 'Group', name: 'systemic' }, false],
    // Identities that stand for everyone are never trusted components.
    [{ kind: 'Group', name: 'system:authenticated' }, false],
    [{ kind: 'Group', name: 'system:unauthenticated' }, false],
    [{ kind: 'Group', name: 'system:serviceaccounts' }, false],
    [{ kind: 'Group', name: 'system:serviceaccounts:shop' }, false],
    [{ kind: 'Group', name: 'system:serviceaccounts:kube-system' }, true],
    [{ kind: 'User', name: 'system:anonymous' }, false],
    [{ kind: 'User', name: 'system:serviceaccount:shop:api' }, false],
    [{ kind: 'User', name: 'system:serviceaccount:kube-system:coredns' }, true],
  ];
  for (const [s, expected] of table) it(`${formatSubject(s)} → ${expected}`, () => assert.equal(isSystemSubject(s), expected));
});

describe('appliesTo (the authorizer’s appliesToUser)', () => {
  const saIdentity = identityOf(sa);
  const table: { name: string; subject: Subject & { apiGroup?: unknown }; identity: Identity; ns: string | undefined; expected: boolean }[] = [
    { name: 'User by name', subject: alice, identity: identityOf(alice), ns: undefined, expected: true },
    { name: 'User other name', subject: alice, identity: { user: 'bob', groups: [] }, ns: undefined, expected: false },
    { name: 'User names are case-sensitive', subject: alice, identity: { user: 'Alice', groups: [] }, ns: undefined, expected: false },
    { name: 'Group membership', subject: devs, identity: { user: 'bob', groups: ['devs'] }, ns: undefined, expected: true },
    { name: 'Group non-member', subject: devs, identity: identityOf(alice), ns: undefined, expected: false },
    { name: 'ServiceAccount by namespace and name', subject: sa, identity: saIdentity, ns: 'other', expected: true },
    { name: 'ServiceAccount without namespace takes the binding’s', subject: { kind: 'ServiceAccount', name: 'api' }, identity: saIdentity, ns: 'shop', expected: true },
    { name: 'ServiceAccount without namespace, other binding namespace', subject: { kind: 'ServiceAccount', name: 'api' }, identity: saIdentity, ns: 'web', expected: false },
    { name: 'ServiceAccount without any namespace names nobody', subject: { kind: 'ServiceAccount', name: 'api' }, identity: saIdentity, ns: undefined, expected: false },
    { name: 'User subject with the service account user name', subject: { kind: 'User', name: 'system:serviceaccount:shop:api' }, identity: saIdentity, ns: undefined, expected: true },
    { name: 'Group system:serviceaccounts:<ns> holds the SA', subject: { kind: 'Group', name: 'system:serviceaccounts:shop' }, identity: saIdentity, ns: undefined, expected: true },
    { name: 'User with the RBAC apiGroup', subject: { ...alice, apiGroup: 'rbac.authorization.k8s.io' }, identity: identityOf(alice), ns: undefined, expected: true },
    { name: 'User with another apiGroup', subject: { ...alice, apiGroup: 'example.com' }, identity: identityOf(alice), ns: undefined, expected: false },
  ];
  for (const c of table) it(c.name, () => assert.equal(appliesTo(c.subject, c.identity, c.ns), c.expected));
});

describe('normalizeSubject', () => {
  const table: { name: string; raw: unknown; ns: string | undefined; expected: Subject | undefined }[] = [
    { name: 'User', raw: { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }, ns: 'x', expected: alice },
    { name: 'Group without apiGroup', raw: { kind: 'Group', name: 'devs' }, ns: undefined, expected: devs },
    { name: 'User with a foreign apiGroup', raw: { kind: 'User', name: 'alice', apiGroup: 'x.io' }, ns: undefined, expected: undefined },
    { name: 'unknown kind', raw: { kind: 'Robot', name: 'r2' }, ns: undefined, expected: undefined },
    { name: 'kind is case-sensitive', raw: { kind: 'user', name: 'alice' }, ns: undefined, expected: undefined },
    { name: 'no name', raw: { kind: 'User' }, ns: undefined, expected: undefined },
    { name: 'not a mapping', raw: 'alice', ns: undefined, expected: undefined },
    { name: 'SA namespace defaulted (RoleBinding)', raw: { kind: 'ServiceAccount', name: 'api' }, ns: 'shop', expected: sa },
    { name: 'SA namespace kept', raw: { kind: 'ServiceAccount', name: 'api', namespace: 'shop' }, ns: 'web', expected: sa },
    { name: 'SA without namespace in a ClusterRoleBinding', raw: { kind: 'ServiceAccount', name: 'api' }, ns: undefined, expected: undefined },
    { name: 'SA with an apiGroup', raw: { kind: 'ServiceAccount', name: 'api', namespace: 'shop', apiGroup: 'rbac.authorization.k8s.io' }, ns: undefined, expected: undefined },
  ];
  for (const c of table) it(c.name, () => assert.deepEqual(normalizeSubject(c.raw, c.ns), c.expected));
});
