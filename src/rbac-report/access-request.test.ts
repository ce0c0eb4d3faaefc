import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestError, describeRequest, isClusterScoped, parseAccessRequest } from './access-request.js';

describe('parseAccessRequest', () => {
  it('reads core resources, subresources and non-resource URLs', () => {
    assert.deepEqual(parseAccessRequest('get', 'pods'), { verb: 'get', group: '', resource: 'pods' });
    assert.deepEqual(parseAccessRequest('create', 'pods/exec', { namespace: 'shop' }), {
      verb: 'create',
      group: '',
      resource: 'pods',
      subresource: 'exec',
      namespace: 'shop',
    });
    assert.deepEqual(parseAccessRequest('get', '/metrics'), { verb: 'get', path: '/metrics' });
    assert.deepEqual(parseAccessRequest('get', '/healthz/*'), { verb: 'get', path: '/healthz/*' });
  });

  it('maps well-known resources to their API group, like kubectl', () => {
    const groupOf = (resource: string): string => (parseAccessRequest('list', resource) as { group: string }).group;
    assert.equal(groupOf('deployments'), 'apps');
    assert.equal(groupOf('statefulsets'), 'apps');
    assert.equal(groupOf('cronjobs'), 'batch');
    assert.equal(groupOf('clusterrolebindings'), 'rbac.authorization.k8s.io');
    assert.equal(groupOf('networkpolicies'), 'networking.k8s.io');
    assert.equal(groupOf('customresourcedefinitions'), 'apiextensions.k8s.io');
    assert.equal(groupOf('certificatesigningrequests'), 'certificates.k8s.io');
    assert.equal(groupOf('mutatingwebhookconfigurations'), 'admissionregistration.k8s.io');
    assert.equal(groupOf('secrets'), '');
    assert.equal(groupOf('widgets'), '', 'unknown resources are taken as core');
  });

  it('takes the group after the first dot, or from --group', () => {
    assert.deepEqual(parseAccessRequest('patch', 'deployments.apps/scale', { name: 'web' }), {
      verb: 'patch',
      group: 'apps',
      resource: 'deployments',
      subresource: 'scale',
      name: 'web',
    });
    assert.deepEqual(parseAccessRequest('get', 'pods.metrics.k8s.io'), { verb: 'get', group: 'metrics.k8s.io', resource: 'pods' });
    assert.deepEqual(parseAccessRequest('get', 'widgets', { group: 'example.com' }), { verb: 'get', group: 'example.com', resource: 'widgets' });
    assert.deepEqual(parseAccessRequest('get', 'deployments', { group: 'extensions' }), { verb: 'get', group: 'extensions', resource: 'deployments' });
    assert.deepEqual(parseAccessRequest('get', 'deployments.apps', { group: 'apps' }), { verb: 'get', group: 'apps', resource: 'deployments' });
  });

  it('rejects questions that cannot be asked', () => {
    assert.throws(() => parseAccessRequest('get', '/metrics', { namespace: 'shop' }), RequestError);
    assert.throws(() => parseAccessRequest('get', '/metrics', { group: 'apps' }), RequestError);
    assert.throws(() => parseAccessRequest('get', 'deployments.apps', { group: 'extensions' }), /group "apps" but --group says "extensions"/);
    assert.throws(() => parseAccessRequest('get', 'pods/'), RequestError);
    assert.throws(() => parseAccessRequest('get', 'pods/a/b'), RequestError);
    assert.throws(() => parseAccessRequest('get', '.apps'), RequestError);
    assert.throws(() => parseAccessRequest('', 'pods'), RequestError);
    assert.throws(() => parseAccessRequest('get', 'nodes', { namespace: 'shop' }), /cluster-scoped/);
    assert.throws(() => parseAccessRequest('get', 'pods', { namespace: '' }), RequestError);
  });

  it('accepts -n for namespaces, whose requests carry the namespace they name', () => {
    assert.deepEqual(parseAccessRequest('get', 'namespaces', { namespace: 'shop', name: 'shop' }), {
      verb: 'get',
      group: '',
      resource: 'namespaces',
      namespace: 'shop',
      name: 'shop',
    });
  });

  it('knows the cluster-scoped built-ins', () => {
    assert.equal(isClusterScoped('', 'nodes'), true);
    assert.equal(isClusterScoped('rbac.authorization.k8s.io', 'clusterroles'), true);
    assert.equal(isClusterScoped('', 'pods'), false);
    assert.equal(isClusterScoped('example.com', 'nodes'), false, 'a custom resource of another group');
  });

  it('describes a request the way it is spelled on the command line', () => {
    assert.equal(describeRequest(parseAccessRequest('patch', 'deployments/scale', { name: 'web' })), 'patch deployments.apps/scale named "web"');
    assert.equal(describeRequest(parseAccessRequest('get', 'pods')), 'get pods');
    assert.equal(describeRequest(parseAccessRequest('get', '/metrics')), 'get /metrics');
  });
});
