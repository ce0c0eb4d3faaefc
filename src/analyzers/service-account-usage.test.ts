import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../inventory/inventory.js';
import { podTemplate } from '../kinds/workloads.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { Facts } from './facts.js';
import { podServiceAccount, serviceAccountUsage, tokenMount } from './service-account-usage.js';

const INPUT = `apiVersion: v1
kind: ServiceAccount
metadata: {name: quiet, namespace: shop}
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: loud, namespace: shop}
automountServiceAccountToken: true
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: plain, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
subjects:
- {kind: ServiceAccount, name: implicit-ns}
- {kind: ServiceAccount, name: explicit-ns, namespace: other}
- {kind: ServiceAccount, name: wrong-group, apiGroup: rbac.authorization.k8s.io}
- {kind: User, name: "system:serviceaccount:ops:bot"}
- {kind: Group, name: "system:serviceaccounts:team"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb-unset}
subjects: [{kind: ServiceAccount, name: unset-ns}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
subjects:
- {kind: ServiceAccount, name: no-ns}
- {kind: ServiceAccount, name: cluster, namespace: shop}
`;

const usage = new Facts(new Inventory(parseManifests(INPUT, 'x.yaml').objects)).get(serviceAccountUsage);

describe('service-account-usage analyzer', () => {
  it('indexes ServiceAccounts and their automount setting', () => {
    assert.deepEqual(usage.serviceAccount('shop', 'quiet'), { automount: false });
    assert.deepEqual(usage.serviceAccount('shop', 'loud'), { automount: true });
    assert.deepEqual(usage.serviceAccount('shop', 'plain'), { automount: undefined });
    assert.equal(usage.serviceAccount('', 'quiet'), undefined);
  });

  it('resolves binding subjects as the authorizer does', () => {
    assert.equal(usage.isBound('shop', 'implicit-ns'), true, 'RoleBinding lends its namespace');
    assert.equal(usage.isBound('other', 'explicit-ns'), true);
    assert.equal(usage.isBound('shop', 'explicit-ns'), false);
    assert.equal(usage.isBound('shop', 'wrong-group'), false, 'a ServiceAccount subject must have apiGroup ""');
    assert.equal(usage.isBound('ops', 'bot'), true, 'User system:serviceaccount:<ns>:<name>');
    assert.equal(usage.isBound('team', 'anyone'), true, 'group system:serviceaccounts:<ns>');
    assert.equal(usage.isBound('', 'unset-ns'), true, 'unset namespaces meet');
    assert.equal(usage.isBound('', 'no-ns'), false, 'a ClusterRoleBinding subject needs a namespace');
    assert.equal(usage.isBound('shop', 'cluster'), true);
    assert.equal(usage.isBound('shop', 'nobody'), false);
  });

  it('binding the group of all service accounts binds every account', () => {
    const all = new Facts(new Inventory(parseManifests(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
subjects: [{kind: Group, name: "system:serviceaccounts"}]
`, 'x.yaml').objects)).get(serviceAccountUsage);
    assert.equal(all.isBound('any', 'thing'), true);
  });

  it('resolves the pod service account and the token mount with Kubernetes precedence', () => {
    const pod = (spec: string) => {
      const t = podTemplate(parseManifests(`apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: ${spec}\n`, 'x.yaml').objects[0].object);
      assert.ok(t);
      return t;
    };
    assert.deepEqual(podServiceAccount(pod('{serviceAccount: old, serviceAccountName: new}')), { name: 'new', field: 'serviceAccountName', pointer: '/spec/serviceAccountName' });
    assert.deepEqual(podServiceAccount(pod('{serviceAccount: old}')), { name: 'old', field: 'serviceAccount', pointer: '/spec/serviceAccount' });
    assert.deepEqual(podServiceAccount(pod('{serviceAccountName: ""}')), { name: 'default', field: undefined, pointer: '/spec/serviceAccountName' });
    const mount = (spec: string) => {
      const m = tokenMount(pod(spec), 'shop', usage);
      return `${m.mounted}/${m.decidedBy}`;
    };
    assert.equal(mount('{serviceAccountName: quiet}'), 'false/serviceAccount');
    assert.equal(mount('{serviceAccountName: quiet, automountServiceAccountToken: true}'), 'true/pod');
    assert.equal(mount('{serviceAccountName: loud, automountServiceAccountToken: false}'), 'false/pod');
    assert.equal(mount('{serviceAccountName: loud}'), 'true/serviceAccount');
    assert.equal(mount('{serviceAccountName: plain}'), 'true/default');
    assert.equal(mount('{serviceAccountName: missing, automountServiceAccountToken: "false"}'), 'true/default');
  });
});
