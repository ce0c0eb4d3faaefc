import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isZeroQuantity } from './quantity.js';

/** isZeroQuantity as it was, through the regex's match: the reference. */
const QUANTITY = /^[+-]?(\d+(?:\.\d*)?|\.\d+)(?:Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
function reference(q: unknown): boolean {
  if (typeof q === 'number') return q === 0;
  if (typeof q !== 'string') return false;
  const m = QUANTITY.exec(q.trim());
  return m !== null && /^[0.]*$/.test(m[1]);
}

describe('isZeroQuantity against the regex-match reference', () => {
  const cases: [unknown, boolean][] = [
    ['0', true], ['0m', true], ['0.0Gi', true], ['.0', true], ['0.', true], ['+0', true], ['-0', true], ['00', true],
    ['0e3', true], ['0E-2', true], ['0Ki', true], [' 0 ', true], ['000.000M', true],
    ['1', false], ['0.1', false], ['.5', false], ['10m', false], ['01', false], ['-1', false], ['1e0', false], ['0e', false],
    ['', false], ['m', false], ['0x', false], ['abc', false], ['0 m', false], ['.', false], ['+', false], ['1Gi', false], ['0.0.0', false],
    [0, true], [1, false], [Number.NaN, false], [null, false], [undefined, false], [{}, false],
  ];
  for (const [q, expected] of cases) {
    it(JSON.stringify(q) ?? String(q), () => {
      assert.equal(isZeroQuantity(q), expected);
      assert.equal(reference(q), expected);
    });
  }
});
