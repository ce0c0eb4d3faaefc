import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { objectMemo } from './object-memo.js';

describe('objectMemo', () => {
  it('computes once per object, undefined included', () => {
    const calls: object[] = [];
    const size = objectMemo((o: { items?: unknown[] }) => (calls.push(o), o.items?.length));
    const a = { items: [1, 2] };
    const b = {};
    assert.deepEqual([size(a), size(b), size(a), size(b)], [2, undefined, 2, undefined]);
    assert.deepEqual(calls, [a, b]);
  });

  it('keeps one value per memo on the same object', () => {
    const first = objectMemo((o: { n: number }) => o.n + 1);
    const second = objectMemo((o: { n: number }) => o.n * 10);
    const o = { n: 2 };
    assert.deepEqual([first(o), second(o), first(o), second(o)], [3, 20, 3, 20]);
  });

  it('leaves no trace in what the object serialises to, its keys or deep equality', () => {
    const memo = objectMemo((o: object) => Object.keys(o).length);
    const o = { kind: 'Pod', metadata: { name: 'a' } };
    memo(o);
    assert.equal(JSON.stringify(o), '{"kind":"Pod","metadata":{"name":"a"}}');
    assert.deepEqual(Object.keys(o), ['kind', 'metadata']);
    assert.deepStrictEqual(o, { kind: 'Pod', metadata: { name: 'a' } });
    assert.deepStrictEqual({ ...o }, { kind: 'Pod', metadata: { name: 'a' } });
    assert.deepStrictEqual(structuredClone(o), { kind: 'Pod', metadata: { name: 'a' } });
  });

  it('computes each time for objects that cannot take a property', () => {
    let calls = 0;
    const memo = objectMemo((o: { n: number }) => (calls++, o.n));
    const frozen = Object.freeze({ n: 1 });
    assert.equal(memo(frozen), 1);
    assert.equal(memo(frozen), 1);
    assert.equal(calls, 2);
  });
});
