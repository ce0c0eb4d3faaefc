import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AS_OF, KUBERNETES_RELEASES, inCisBenchmarkRange, supportStatus } from './k8s-releases.js';

describe('k8s releases', () => {
  const cases: [string, string, string][] = [
    ['1.23', '2026-11-23', 'end-of-life'],
    ['1.18', '2020-01-01', 'older-than-table'],
    ['1.35', '2026-11-23', 'supported'],
    ['1.34', '2026-10-27', 'supported'], // the last day of support is still supported
    ['1.34', '2026-10-28', 'end-of-life'],
    ['1.37', '2026-11-23', 'newer-than-table'],
    ['2.0', '2026-11-23', 'newer-than-table'],
    ['0.9', '2026-11-23', 'older-than-table'],
  ];
  for (const [version, today, state] of cases) {
    it(`${version} on ${today} is ${state}`, () => {
      const [major, minor] = version.split('.').map(Number);
      assert.equal(supportStatus({ major, minor }, today).state, state);
    });
  }

  it('has one row per minor in order, ISO dates, and a source each', () => {
    KUBERNETES_RELEASES.forEach((r, i) => {
      assert.match(r.endOfLife, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(r.source, /^https:\/\//);
      if (i > 0) {
        assert.equal(Number(r.minor.split('.')[1]), Number(KUBERNETES_RELEASES[i - 1].minor.split('.')[1]) + 1);
        assert.ok(r.endOfLife > KUBERNETES_RELEASES[i - 1].endOfLife);
      }
    });
    assert.match(AS_OF, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('knows the CIS 1.12 range', () => {
    assert.deepEqual([31, 32, 33, 34, 35].map((minor) => inCisBenchmarkRange({ major: 1, minor })), [false, true, true, true, false]);
  });
});
