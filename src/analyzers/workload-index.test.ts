import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../inventory/inventory.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { Facts } from './facts.js';
import { toLabelSelector, workloadIndex, workloadPodLabels, type WorkloadIndex } from './workload-index.js';

function index(yaml: string): WorkloadIndex {
  return new Facts(new Inventory(parseManifests(yaml, 'x.yaml').objects)).get(workloadIndex);
}

const INPUT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: app}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  jobTemplate: {spec: {template: {metadata: {labels: {app: report}}, spec: {containers: [{name: app}]}}}}
---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web}}
spec: {containers: [{name: app}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: all, namespace: locked}
spec: {podSelector: {}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: broken}
spec: {podSelector: "app=web"}
`;

describe('workload-index analyzer', () => {
  const idx = index(INPUT);

  it('matches Service selectors against pod template labels per namespace', () => {
    assert.equal(idx.anyWorkloadMatches('shop', { app: 'web' }), true);
    assert.equal(idx.anyWorkloadMatches('shop', { app: 'web', tier: 'front' }), true);
    assert.equal(idx.anyWorkloadMatches('shop', { app: 'web', tier: 'back' }), false);
    assert.equal(idx.anyWorkloadMatches('shop', { app: 'report' }), true, 'CronJob template labels');
    assert.equal(idx.anyWorkloadMatches('', { app: 'web' }), true, 'bare Pod without namespace');
    assert.equal(idx.anyWorkloadMatches('default', { app: 'web' }), false, 'unset namespace is not "default"');
    assert.equal(idx.anyWorkloadMatches('nowhere', { app: 'web' }), false);
    // Memoised answers stay right.
    assert.equal(idx.anyWorkloadMatches('shop', { tier: 'front', app: 'web' }), true);
  });

  it('answers NetworkPolicy coverage per namespace', () => {
    assert.equal(idx.isSelectedByNetworkPolicy('shop', { app: 'web', tier: 'front' }), true);
    assert.equal(idx.isSelectedByNetworkPolicy('shop', { app: 'report' }), false);
    assert.equal(idx.isSelectedByNetworkPolicy('locked', {}), true, 'podSelector {} selects every pod');
    assert.equal(idx.isSelectedByNetworkPolicy('broken', { app: 'web' }), false, 'malformed selector selects nothing');
    assert.equal(idx.isSelectedByNetworkPolicy('', { app: 'web' }), false);
    assert.equal(idx.networkPolicyCount('shop'), 1);
    assert.equal(idx.networkPolicyCount('broken'), 1);
    assert.equal(idx.networkPolicyCount(''), 0);
  });

  it('reads template labels even when the pod spec is missing', () => {
    const [d] = parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec: {template: {metadata: {labels: {app: d, n: 1}}}}
`, 'x.yaml').objects;
    assert.deepEqual(workloadPodLabels(d.object), { app: 'd', n: '1' });
  });

  it('sanitises label selectors from untrusted input', () => {
    assert.deepEqual(toLabelSelector(undefined), {});
    assert.equal(toLabelSelector('x'), undefined);
    assert.equal(toLabelSelector({ matchLabels: ['a'] }), undefined);
    assert.equal(toLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: 'b' }] }), undefined);
    assert.deepEqual(toLabelSelector({ matchLabels: { a: 1 }, matchExpressions: [{ key: 'b', operator: 'Exists' }] }), {
      matchLabels: { a: '1' },
      matchExpressions: [{ key: 'b', operator: 'Exists' }],
    });
  });

  it('scales: 10,000 workloads and 1,000 policies index and answer quickly', () => {
    const docs: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: d${i}, namespace: ns${i % 10}}
spec: {template: {metadata: {labels: {app: a${i}, team: t${i % 50}}}, spec: {containers: [{name: c}]}}}`);
    }
    for (let i = 0; i < 1_000; i++) {
      docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p${i}, namespace: ns${i % 10}}
spec: {podSelector: {matchLabels: {app: a${i}}}}`);
    }
    const big = index(docs.join('\n---\n'));
    let selected = 0;
    let matched = 0;
    for (let i = 0; i < 10_000; i++) {
      const ns = `ns${i % 10}`;
      if (big.isSelectedByNetworkPolicy(ns, { app: `a${i}`, team: `t${i % 50}` })) selected++;
      if (big.anyWorkloadMatches(ns, { app: `a${i}`, team: `t${i % 50}` })) matched++;
    }
    assert.equal(selected, 1_000);
    assert.equal(matched, 10_000);
  });
});
