import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { KUBE_BENCH_ORACLE, ORACLE_MISSING } from '../oracle-path.js';
import { toLooseItem, type LooseTestItem } from '../semantics/evaluate-tests.js';
import type { CisControl } from '../types.js';
import { CIS_1_12_CONTROLS, CIS_1_12_GROUPS } from './cis-1-12.js';

interface KbCheck {
  id: string;
  text: string;
  type?: string;
  scored?: boolean;
  use_multiple_values?: boolean;
  audit_config?: string;
  remediation?: string;
  tests?: { bin_op?: string; test_items: unknown[] };
}
interface KbFile {
  type: string;
  groups: { id: string | number; text: string; checks: (KbCheck & { id: string | number })[] }[];
}

const FILES = ['master', 'etcd', 'controlplane', 'node', 'policies'];

function loadKubeBench(dir: string): { nodeType: string; group: string; groupText: string; check: KbCheck }[] {
  const out: { nodeType: string; group: string; groupText: string; check: KbCheck }[] = [];
  for (const f of FILES) {
    const doc = yaml.load(readFileSync(join(dir, 'cfg', 'cis-1.12', `${f}.yaml`), 'utf8')) as KbFile;
    for (const g of doc.groups) {
      for (const c of g.checks) out.push({ nodeType: doc.type, group: String(g.id), groupText: g.text, check: { ...c, id: String(c.id) } });
    }
  }
  return out;
}

function canonical(item: LooseTestItem): string {
  return JSON.stringify([item.flag ?? null, item.path ?? null, item.env ?? null, item.set, item.compare?.op ?? null, item.compare?.value ?? null]);
}

test('our CIS 1.12 data has exactly kube-bench cfg/cis-1.12 ids, titles, groups and test items', (t) => {
  if (KUBE_BENCH_ORACLE === undefined) {
    t.skip(ORACLE_MISSING);
    return;
  }
  const kb = loadKubeBench(KUBE_BENCH_ORACLE);
  assert.deepEqual(CIS_1_12_CONTROLS.map((c) => c.id), kb.map((k) => k.check.id), 'same ids in the same order');
  assert.equal(kb.length, 131);
  assert.equal(CIS_1_12_CONTROLS.filter((c) => c.automated).length, 65);
  const groups = [...new Map(kb.map((k) => [k.group, { id: k.group, title: k.groupText, nodeType: k.nodeType }])).values()];
  assert.deepEqual([...CIS_1_12_GROUPS], groups);
  const byId = new Map<string, CisControl>(CIS_1_12_CONTROLS.map((c) => [c.id, c]));
  for (const { nodeType, group, check } of kb) {
    const ours = byId.get(check.id)!;
    const where = `control ${check.id}`;
    assert.equal(ours.title, check.text, where);
    assert.equal(ours.group, group, where);
    assert.equal(ours.nodeType, nodeType, where);
    assert.equal(ours.automated, check.scored === true, where);
    assert.equal(ours.manualType === true, check.type === 'manual', where);
    if (nodeType === 'policies') {
      // kube-bench runs kubectl for some section 5 checks; Bulwark's own checks (related) cover them instead.
      assert.equal(ours.tests, undefined, where);
      assert.equal(ours.target, 'none', where);
      continue;
    }
    assert.equal(ours.multiple === true, check.use_multiple_values === true, where);
    assert.equal(ours.hasConfig === true, typeof check.audit_config === 'string' && check.audit_config !== '', where);
    if (check.tests === undefined) {
      assert.equal(ours.tests, undefined, where);
      continue;
    }
    assert.ok(ours.tests, where);
    const theirs = check.tests.test_items.map(toLooseItem);
    assert.deepEqual(ours.tests.items.map(canonical), theirs.map(canonical), `${where} items`);
    if (theirs.length > 1) assert.equal(ours.tests.binOp, check.tests.bin_op ?? 'and', `${where} bin_op`);
    assert.notEqual(ours.remediation.trim(), (check.remediation ?? '').trim(), `${where} remediation is our own text`);
  }
});

test('every control is complete and consistent', () => {
  for (const c of CIS_1_12_CONTROLS) {
    const where = `control ${c.id}`;
    assert.match(c.remediation, /\.$/, `${where} remediation ends with a period`);
    assert.ok(c.remediation.length > 20, where);
    assert.ok(c.expected.length > 0, where);
    assert.ok(c.id.startsWith(c.group === '2' ? '2.' : `${c.group}.`), where);
    assert.match(c.title, c.automated ? / \(Automated\)$/ : / \(Manual\)$/, where);
    assert.equal(c.target === 'files', c.file !== undefined, `${where} file probe iff files target`);
    if (c.automated) assert.ok(c.tests, `${where} automated controls have tests`);
    if (c.nodeType === 'policies') assert.ok(c.related, where);
    if (c.hasConfig) assert.ok(c.target === 'kubelet' || c.target === 'kube-proxy', where);
  }
});
