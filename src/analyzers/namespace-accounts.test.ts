import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../inventory/inventory.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { namespaceAccounts } from './namespace-accounts.js';

function analyze(yaml: string) {
  return namespaceAccounts.compute(new Inventory(parseManifests(yaml, 'x.yaml').objects));
}

describe('namespace-accounts', () => {
  it('indexes Namespace objects, populated namespaces, ServiceAccounts and workload accounts', () => {
    const a = analyze(`apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: api, namespace: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: blog}
spec: {template: {spec: {serviceAccountName: writer, containers: [{name: a}]}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: blog}
spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: a}]}}}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: ghost}
roleRef: {kind: ClusterRole, name: view}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {serviceAccount: legacy, containers: [{name: a}]}
`);
    assert.deepEqual([...a.namespaces], ['shop']);
    assert.ok(a.hasNamespaceObjects());
    assert.ok(a.namespaceKnown('shop') && a.namespaceKnown('blog') && a.namespaceKnown('kube-system'));
    assert.ok(!a.namespaceKnown('ghost'), 'a RoleBinding alone does not make its namespace exist');
    assert.deepEqual([...a.serviceAccountsIn('shop')], ['api']);
    assert.deepEqual([...a.workloadAccountsIn('blog')].sort(), ['default', 'writer']);
    assert.deepEqual([...a.workloadAccountsIn('')], ['legacy']);
    assert.deepEqual(a.accountNamespaces().sort(), ['', 'blog', 'shop']);
  });

  it('has no Namespace objects for an input without them', () => {
    assert.equal(analyze('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n').hasNamespaceObjects(), false);
  });
});
