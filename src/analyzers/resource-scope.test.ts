import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../inventory/inventory.js';
import type { K8sObject } from '../model/types.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { Facts } from './facts.js';
import { resourceScopes } from './resource-scope.js';

const scopes = new Facts(new Inventory(parseManifests(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec: {group: example.com, scope: Namespaced, names: {kind: Widget}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec: {group: example.com, scope: Cluster, names: {kind: Gadget}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: broken}
spec: "nope"
`, 'x.yaml').objects)).get(resourceScopes);

const obj = (apiVersion: string, kind: string): K8sObject => ({ apiVersion, kind, metadata: {} });

describe('resource-scope analyzer', () => {
  it('knows built-in kinds', () => {
    assert.equal(scopes.scopeOf(obj('v1', 'ConfigMap')), 'Namespaced');
    assert.equal(scopes.scopeOf(obj('apps/v1', 'Deployment')), 'Namespaced');
    assert.equal(scopes.scopeOf(obj('v1', 'Namespace')), 'Cluster');
    assert.equal(scopes.scopeOf(obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding')), 'Cluster');
    assert.equal(scopes.scopeOf(obj('networking.k8s.io/v1', 'IPAddress')), 'Cluster');
    assert.equal(scopes.scopeOf(obj('apps.openshift.io/v1', 'DeploymentConfig')), 'Namespaced');
  });

  it('reads custom resource scopes from CRDs in the input, else unknown', () => {
    assert.equal(scopes.scopeOf(obj('example.com/v1', 'Widget')), 'Namespaced');
    assert.equal(scopes.scopeOf(obj('example.com/v1', 'Gadget')), 'Cluster');
    assert.equal(scopes.scopeOf(obj('example.com/v1', 'Other')), undefined);
    assert.equal(scopes.scopeOf(obj('example.com/v1', 'Deployment')), undefined, 'a CRD reusing a core kind name');
  });
});
