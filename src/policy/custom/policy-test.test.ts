import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { K8sObject } from '../../model/types.js';
import { resourceMatches, runPolicyTests } from './policy-test.js';

const POLICIES = `apiVersion: bulwark.dev/v1
kind: BulwarkPolicy
metadata: {name: no-scale-down-below-two}
spec:
  title: Replicas never drop below two on update
  match: {kinds: [Deployment], operations: [UPDATE]}
  validations:
    - expression: object.spec.replicas >= 2 || oldObject.spec.replicas < 2
      messageExpression: "request.userInfo.username + ' scaled ' + object.metadata.name + ' below two'"
---
apiVersion: bulwark.dev/v1
kind: BulwarkPolicy
metadata: {name: keep-protected}
spec:
  title: Protected objects are not deleted
  match: {kinds: [Deployment], operations: [DELETE]}
  validations:
    - expression: "object == null && !('protected' in oldObject.metadata.labels)"
`;
const deployment = (name: string, replicas: number, labels = '{}') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop, labels: ${labels}}\nspec: {replicas: ${replicas}}\n`;

function fixture(results: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-policy-test-'));
  writeFileSync(join(dir, 'policies.yaml'), POLICIES);
  writeFileSync(join(dir, 'new.yaml'), [deployment('web', 1), deployment('db', 3, '{protected: "yes"}')].join('---\n'));
  writeFileSync(join(dir, 'old.yaml'), deployment('web', 4));
  writeFileSync(join(dir, 'test.yaml'), `apiVersion: bulwark.dev/v1\nkind: BulwarkPolicyTest\nmetadata: {name: t}\npolicies: [policies.yaml]\nresources: [new.yaml]\noldResources: [old.yaml]\nresults:\n${results}`);
  return dir;
}

describe('bulwark policy test', () => {
  it('runs UPDATE with the old object and user, DELETE with object null, and checks message fragments', async () => {
    const dir = fixture(`  - {policy: no-scale-down-below-two, resources: [web], operation: UPDATE, userInfo: {username: alice}, result: fail, messages: ["alice scaled web below two"]}
  - {policy: no-scale-down-below-two, resources: [Deployment/shop/web], result: skip}
  - {policy: keep-protected, resources: [web], operation: DELETE, result: pass}
  - {policy: keep-protected, resources: [db], operation: DELETE, result: fail}
`);
    const run = await runPolicyTests(dir, []);
    assert.deepEqual(run.results.map((r) => [r.policy, r.resource, r.actual, r.ok]), [
      ['no-scale-down-below-two', 'Deployment/shop/web', 'fail', true],
      ['no-scale-down-below-two', 'Deployment/shop/web', 'skip', true],
      ['keep-protected', 'Deployment/shop/web', 'pass', true],
      ['keep-protected', 'Deployment/shop/db', 'fail', true],
    ]);
  });

  it('reports a wrong expectation and a missing message as failures', async () => {
    const dir = fixture(`  - {policy: keep-protected, resources: [db], operation: DELETE, result: pass}
  - {policy: no-scale-down-below-two, resources: [web], operation: UPDATE, result: fail, messages: ["never said"]}
`);
    const run = await runPolicyTests(join(dir, 'test.yaml'), []);
    assert.deepEqual(run.results.map((r) => r.ok), [false, false]);
    assert.deepEqual(run.results[1].missingMessages, ['never said']);
  });

  it('rejects unknown policies and resources with the test file and line', async () => {
    await assert.rejects(runPolicyTests(fixture('  - {policy: nope, resources: [web], result: pass}\n'), []), /test.yaml:8: no policy "nope"/);
    await assert.rejects(runPolicyTests(fixture('  - {policy: keep-protected, resources: [ghost], result: pass}\n'), []), /test.yaml:8: no resource matches "ghost"/);
  });

  it('selects resources by name, kind/name or kind/namespace/name, with globs', () => {
    const obj = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-1', namespace: 'shop' } } as K8sObject;
    for (const [selector, expected] of [['web-1', true], ['web-*', true], ['Service/web-1', true], ['Service/shop/web-?', true], ['Pod/web-1', false], ['Service/other/web-1', false]] as const) {
      assert.equal(resourceMatches(selector, obj), expected, selector);
    }
  });
});
