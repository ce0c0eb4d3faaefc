import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedMemo } from './bounded-memo.js';

describe('boundedMemo', () => {
  it('computes once per key, undefined included, and recomputes after starting over at the limit', () => {
    const calls: string[] = [];
    const f = boundedMemo((k) => (calls.push(k), k === 'none' ? undefined : k.length), 3);
    assert.deepEqual([f('a'), f('bb'), f('a'), f('none'), f('none')], [1, 2, 1, undefined, undefined]);
    assert.deepEqual(calls, ['a', 'bb', 'none']);
    f('dddd'); // the fourth key: the memo starts over with it
    f('a');
    assert.deepEqual(calls, ['a', 'bb', 'none', 'dddd', 'a']);
  });

  it('does not keep keys longer than the bound', () => {
    const calls: string[] = [];
    const f = boundedMemo((k) => (calls.push(k), k.toUpperCase()), 10, 4);
    assert.equal(f('short'), 'SHORT');
    assert.equal(f('short'), 'SHORT');
    assert.equal(f('abc'), 'ABC');
    assert.equal(f('abc'), 'ABC');
    assert.deepEqual(calls, ['short', 'short', 'abc']);
  });
});
