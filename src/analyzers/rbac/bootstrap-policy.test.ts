import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BOOTSTRAP_VERSION, bootstrapPolicy, bootstrapPolicyFile } from './bootstrap-policy.js';

describe('bootstrapPolicy', () => {
  it('loads the 1.26 bootstrap roles and bindings once', () => {
    assert.equal(BOOTSTRAP_VERSION, '1.26');
    assert.match(bootstrapPolicyFile(), /data[\\/]bootstrap-rbac-1\.26\.yaml$/);
    const objects = bootstrapPolicy();
    assert.equal(bootstrapPolicy(), objects, 'parsed once and cached');
    const count = (kind: string): number => objects.filter((o) => o.object.kind === kind).length;
    const table: [string, number][] = [
      ['ClusterRole', 62],
      ['ClusterRoleBinding', 43],
      ['Role', 7],
      ['RoleBinding', 7],
    ];
    for (const [kind, n] of table) assert.equal(count(kind), n, kind);
    const names = new Set(objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`));
    for (const n of ['ClusterRole/cluster-admin', 'ClusterRole/admin', 'ClusterRole/edit', 'ClusterRole/view', 'ClusterRoleBinding/cluster-admin', 'ClusterRole/system:aggregate-to-view']) {
      assert.ok(names.has(n), n);
    }
  });
});
