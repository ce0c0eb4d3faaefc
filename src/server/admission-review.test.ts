import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdmissionReviewError, parseAdmissionReview } from './admission-review.js';

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: {} };

function review(request: Record<string, unknown> | undefined, top: Record<string, unknown> = {}): string {
  return JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', ...(request ? { request } : {}), ...top });
}

const base = {
  uid: 'u-1',
  kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
  operation: 'CREATE',
  namespace: 'shop',
  userInfo: { username: 'alice', groups: ['dev'] },
  object: deployment,
};

describe('parseAdmissionReview', () => {
  const bad: [string, string, RegExp][] = [
    ['malformed JSON', '{"apiVersion":', /^malformed JSON/],
    // The parser's own message would quote the body; the error must not.
    ['malformed JSON around a secret', '{"kind": hunter2-secret-value}', /^malformed JSON(?: at position \d+)?$/],
    ['not an object', '[1,2]', /JSON object/],
    ['wrong kind', review(base, { kind: 'Pod' }), /kind must be AdmissionReview, not "Pod"/],
    ['missing kind', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', request: base }), /kind must be AdmissionReview, not missing/],
    ['wrong apiVersion', review(base, { apiVersion: 'admission.k8s.io/v2' }), /apiVersion must be admission\.k8s\.io\/v1 or admission\.k8s\.io\/v1beta1/],
    ['missing request', review(undefined), /request is missing/],
    ['request not an object', review(undefined, { request: 'x' }), /request is missing/],
    ['uid missing', review({ ...base, uid: undefined }), /request\.uid is missing/],
    ['uid empty', review({ ...base, uid: '' }), /request\.uid is missing/],
    ['uid not a string', review({ ...base, uid: 7 }), /request\.uid is missing/],
    ['unknown operation', review({ ...base, operation: 'PATCH' }), /request\.operation must be one of/],
    ['CREATE without object', review({ ...base, object: undefined }), /request\.object is missing \(required for CREATE\)/],
    ['UPDATE with object null', review({ ...base, operation: 'UPDATE', object: null }), /request\.object is missing/],
  ];
  for (const [name, body, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => parseAdmissionReview(body), (err: unknown) => err instanceof AdmissionReviewError && message.test(err.message));
    });
  }

  it('error messages stay one line and do not echo long values', () => {
    const long = 'x'.repeat(10_000);
    try {
      parseAdmissionReview(review(base, { kind: long }));
      assert.fail('expected an error');
    } catch (err) {
      assert.ok((err as Error).message.length < 200);
      assert.ok(!(err as Error).message.includes('\n'));
    }
  });

  it('reads a v1 CREATE: uid, operation, namespace, name, kind, user, request without the objects', () => {
    const info = parseAdmissionReview(Buffer.from(review(base)));
    assert.equal(info.apiVersion, 'admission.k8s.io/v1');
    assert.equal(info.uid, 'u-1');
    assert.equal(info.operation, 'CREATE');
    assert.equal(info.namespace, 'shop');
    assert.equal(info.name, 'web');
    assert.equal(info.kind, 'Deployment');
    assert.equal(info.user, 'alice');
    assert.equal(info.object?.kind, 'Deployment');
    assert.equal(info.oldObject, null);
    assert.equal('object' in info.request, false);
    assert.deepEqual(info.request.userInfo, { username: 'alice', groups: ['dev'] });
  });

  it('accepts v1beta1 and remembers it, to answer in the same version', () => {
    const info = parseAdmissionReview(review(base, { apiVersion: 'admission.k8s.io/v1beta1' }));
    assert.equal(info.apiVersion, 'admission.k8s.io/v1beta1');
  });

  it('fills metadata.namespace from request.namespace when the object has none, and keeps one that is set', () => {
    assert.equal(parseAdmissionReview(review(base)).object?.metadata.namespace, 'shop');
    const own = { ...deployment, metadata: { name: 'web', namespace: 'other' } };
    assert.equal(parseAdmissionReview(review({ ...base, object: own })).object?.metadata.namespace, 'other');
    const clusterScoped = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } };
    const info = parseAdmissionReview(review({ ...base, namespace: undefined, kind: { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole' }, object: clusterScoped }));
    assert.equal(info.namespace, '');
    assert.equal(info.object?.metadata.namespace, undefined);
  });

  it('fills apiVersion, kind and metadata from request.kind when the object lacks them', () => {
    const info = parseAdmissionReview(review({ ...base, object: { spec: {} } }));
    assert.equal(info.object?.apiVersion, 'apps/v1');
    assert.equal(info.object?.kind, 'Deployment');
    assert.equal(info.object?.metadata.namespace, 'shop');
    const core = parseAdmissionReview(review({ ...base, kind: { group: '', version: 'v1', kind: 'Pod' }, object: {} }));
    assert.equal(core.object?.apiVersion, 'v1');
  });

  it('names a CREATE with generateName only by its generateName', () => {
    const info = parseAdmissionReview(review({ ...base, object: { ...deployment, metadata: { generateName: 'web-' } } }));
    assert.equal(info.name, 'web-');
  });

  it('reads UPDATE with its oldObject', () => {
    const info = parseAdmissionReview(review({ ...base, operation: 'UPDATE', oldObject: { ...deployment, metadata: { name: 'web', labels: { v: '1' } } } }));
    assert.equal(info.operation, 'UPDATE');
    assert.deepEqual(info.oldObject?.metadata.labels, { v: '1' });
    assert.equal(info.oldObject?.metadata.namespace, 'shop');
  });

  it('reads DELETE and CONNECT without requiring an object', () => {
    for (const operation of ['DELETE', 'CONNECT']) {
      const info = parseAdmissionReview(review({ ...base, operation, name: 'web', object: undefined, oldObject: deployment }));
      assert.equal(info.operation, operation);
      assert.equal(info.object, null);
      assert.equal(info.oldObject, null);
      assert.equal(info.name, 'web');
    }
  });

  it('tolerates a missing userInfo', () => {
    assert.equal(parseAdmissionReview(review({ ...base, userInfo: undefined })).user, '');
  });
});
