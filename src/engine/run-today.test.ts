import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCheck, type Check } from '../checks/define-check.js';
import { Inventory } from '../inventory/inventory.js';
import { EMPTY_CONFIG } from '../policy/config.js';
import type { K8sObject } from '../model/types.js';
import { runEngine } from './run.js';

/** A check that reports the `today` the engine gave it, so runs on different clocks can be compared. */
const todayProbe: Check = defineCheck({
  meta: {
    id: 'today-probe',
    category: 'workload',
    severity: 'low',
    kinds: ['*'],
    stage: 'deploy',
    summary: 'test',
    rationale: 'test',
    remediation: 'test',
    references: [],
    messages: { today: '{{today}}' },
  },
  check(_obj, ctx) {
    ctx.report({ messageId: 'today', data: { today: String(ctx.options.today) }, path: '' });
  },
});

function todayAt(now: Date): string {
  const object: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
  const inventory = new Inventory([{ object, source: { cluster: 'test', uid: '1' }, pointerPrefix: '' }]);
  const result = runEngine(inventory, [todayProbe], { config: EMPTY_CONFIG, now, isolated: true });
  return result.findings[0].message;
}

describe('engine today', () => {
  // In this order on purpose: the same day twice, then the next day, then back, as a long-running webhook sees it.
  const cases: [string, string][] = [
    ['2024-02-28T23:59:59.999Z', '2024-02-28'],
    ['2024-02-28T00:00:00.000Z', '2024-02-28'],
    ['2024-02-29T00:00:00.000Z', '2024-02-29'],
    ['2024-02-29T12:00:00.000Z', '2024-02-29'],
    ['2024-02-28T12:00:00.000Z', '2024-02-28'],
    ['1969-12-31T23:59:59.999Z', '1969-12-31'],
    ['1970-01-01T00:00:00.000Z', '1970-01-01'],
    ['2038-01-19T03:14:08.000Z', '2038-01-19'],
  ];
  for (const [iso, expected] of cases) {
    it(iso, () => {
      const now = new Date(iso);
      assert.equal(todayAt(now), expected);
      assert.equal(todayAt(now), now.toISOString().slice(0, 10));
    });
  }

  it('an invalid clock still throws, as toISOString does', () => {
    assert.throws(() => todayAt(new Date(Number.NaN)), RangeError);
  });
});
