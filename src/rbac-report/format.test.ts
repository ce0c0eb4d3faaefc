import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyRule } from '../analyzers/rbac/rbac-types.js';
import { table } from '../reporters/plain-text.js';
import { ruleText } from './format.js';

const rule = (r: Partial<PolicyRule>): PolicyRule => ({ verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...r });

describe('ruleText', () => {
  it('says verbs on resources in groups, naming the core group', () => {
    assert.equal(ruleText(rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods', 'pods/log'] })), 'get,list on pods,pods/log in core');
    assert.equal(ruleText(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })), '* on * in *');
    assert.equal(ruleText(rule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a', 'b'] })), 'get on secrets named a,b in core');
  });
  it('marks non-resource URLs, so `*` on URLs differs from `*` on resources', () => {
    assert.equal(ruleText(rule({ verbs: ['*'], nonResourceURLs: ['*'] })), '* on URLs *');
    assert.equal(ruleText(rule({ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez'] })), 'get on URLs /healthz,/livez');
  });
});

describe('table', () => {
  it('pads every column but the last and trims trailing blanks', () => {
    assert.deepEqual(table(['A', 'BB', 'C'], [['xxx', '', ''], ['y', 'z', 'long']], '  '), ['  A    BB  C', '  xxx', '  y    z   long']);
  });
});
