import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveResource, isQuantity, isZeroQuantity } from './quantity.js';

describe('isZeroQuantity', () => {
  it('recognises zero in every unit', () => {
    for (const q of [0, '0', '0m', '0Mi', '0.0', '.0', '0Gi', '+0', '0e3', '00', ' 0 ']) assert.equal(isZeroQuantity(q), true, String(q));
  });
  it('is false for non-zero and malformed quantities', () => {
    for (const q of [1, 0.5, '1', '100m', '0.1', '1Gi', '1e-3', 'abc', '', 'Mi', '0Xi', null, undefined, {}, [0]]) assert.equal(isZeroQuantity(q), false, String(q));
  });
  it('validates quantity syntax', () => {
    assert.equal(isQuantity('250m'), true);
    assert.equal(isQuantity('1.5Gi'), true);
    assert.equal(isQuantity(2), true);
    assert.equal(isQuantity('1.5 Gi'), false);
    assert.equal(isQuantity(Number.NaN), false);
  });
});

describe('effectiveResource', () => {
  const c = (resources: unknown) => ({ name: 'a', resources });
  it('reads the value and its pointer', () => {
    assert.deepEqual(effectiveResource(c({ requests: { cpu: '100m' } }), '/c', 'requests', 'cpu'), { state: 'set', value: '100m', pointer: '/c/resources/requests/cpu' });
    assert.deepEqual(effectiveResource(c({ limits: { memory: 0 } }), '/c', 'limits', 'memory'), { state: 'zero', value: '0', pointer: '/c/resources/limits/memory' });
  });
  it('defaults an unset request to the limit, as the API server does', () => {
    assert.deepEqual(effectiveResource(c({ limits: { cpu: '1' } }), '/c', 'requests', 'cpu'), { state: 'set', value: '1', pointer: '/c/resources/limits/cpu', defaultedFromLimit: true });
    assert.equal(effectiveResource(c({ requests: { cpu: '1' } }), '/c', 'limits', 'cpu').state, 'missing');
  });
  it('treats absent, null, empty and wrongly typed values as missing', () => {
    for (const r of [undefined, null, 'x', [], { requests: null }, { requests: { cpu: null } }, { requests: { cpu: '' } }, { requests: ['cpu'] }]) {
      assert.equal(effectiveResource(c(r), '/c', 'requests', 'cpu').state, 'missing');
    }
  });
});
