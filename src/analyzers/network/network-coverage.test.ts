import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../../inventory/inventory.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { computeCoverage } from './network-coverage.js';

function coverageOf(yaml: string) {
  const parsed = parseManifests(yaml, 'x.yaml');
  return computeCoverage(new Inventory(parsed.objects));
}

const INPUT = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web, tier: front}}, spec: {containers: [{name: a, image: a}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec: {template: {metadata: {labels: {app: api, tier: back}}, spec: {hostNetwork: true, containers: [{name: a, image: a}]}}}
---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: solo}}
spec: {containers: [{name: a, image: a}]}
---
apiVersion: v1
kind: Secret
metadata: {name: s, namespace: vault}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r, namespace: not-a-namespace}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: open, namespace: shop}
spec: {podSelector: {}, ingress: [{from: [{podSelector: {}}]}, {}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`;

describe('networkCoverage', () => {
  const c = coverageOf(INPUT);

  it('knows declared, used and built-in namespaces, not cluster-scoped objects\' stray namespaces', () => {
    assert.deepEqual([...c.knownNamespaces.keys()], ['shop', 'vault', 'default', 'kube-system', 'kube-public', 'kube-node-lease']);
    assert.deepEqual(c.knownNamespaces.get('shop'), { team: 'shop', 'kubernetes.io/metadata.name': 'shop' });
    assert.deepEqual(c.namespacesMatching({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['shop'] }] }), [
      'vault', 'default', 'kube-system', 'kube-public', 'kube-node-lease',
    ]);
    assert.deepEqual(c.namespacesMatching({ matchLabels: { team: 'vault' } }), []);
  });

  it('summarises each namespace', () => {
    const shop = c.namespaces.get('shop')!;
    assert.equal(shop.declared, true);
    assert.equal(shop.workloadCount, 2);
    assert.equal(shop.firstIsolatable?.metadata.name, 'web');
    assert.equal(shop.policyCount, 2);
    assert.deepEqual(shop.ingress, { allowAll: { policy: 'open', rule: 1 } });
    assert.deepEqual(shop.egress, { denyPolicy: 'deny' });
    const def = c.namespaces.get('default')!;
    assert.equal(def.declared, false);
    assert.equal(def.firstIsolatable?.metadata.name, 'p');
    assert.equal(c.namespaces.has('vault'), false);
  });

  it('answers pod selectors per namespace', () => {
    assert.equal(c.podsKnown('shop'), true);
    assert.equal(c.podsKnown('vault'), false);
    assert.equal(c.podsKnown('default'), true);
    const withOperator = coverageOf(`${INPUT}---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cni, namespace: kube-system}
spec: {template: {metadata: {labels: {k8s-app: cni}}, spec: {containers: [{name: a, image: a}]}}}
`);
    assert.equal(withOperator.podsKnown('default'), false, 'a custom resource may create pods');
    assert.equal(withOperator.podsKnown('shop'), true);
    assert.equal(withOperator.podsKnown('kube-system'), false, 'kube-system pods come with the cluster');
    assert.equal(c.anyWorkloadMatches('shop', { matchLabels: { app: 'web' } }), true);
    assert.equal(c.anyWorkloadMatches('shop', { matchLabels: { app: 'web', tier: 'back' } }), false);
    assert.equal(c.anyWorkloadMatches('shop', { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'api'] }, { key: 'tier', operator: 'In', values: ['back'] }] }), true);
    assert.equal(c.anyWorkloadMatches('shop', { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] }), false);
    assert.equal(c.anyWorkloadMatches('shop', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front', 'back'] }] }), false);
    assert.equal(c.anyWorkloadMatches('shop', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }), true);
    assert.equal(c.anyWorkloadMatches('shop', { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } }), true, 'generated labels are assumed to match');
    assert.equal(c.anyWorkloadMatches('default', { matchLabels: { app: 'solo' } }), true);
    assert.equal(c.anyWorkloadMatches('vault', {}), false, 'no workloads, nothing matches');
  });
});
