import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCisJson, type CisJsonReport } from './json.js';
import { SAMPLE_OPTIONS, assertCisGolden, sampleCisReport } from './sample-cis-report.js';

describe('cis json report', () => {
  it('matches the golden report', () => {
    assertCisGolden('report.json', renderCisJson(sampleCisReport(), { ...SAMPLE_OPTIONS, endOfLife: { date: '2025-07-15', supported: false } }));
  });

  it('has id and status on every result and relative, typed locations', () => {
    const json = JSON.parse(renderCisJson(sampleCisReport(), SAMPLE_OPTIONS)) as CisJsonReport;
    assert.equal(json.benchmark, 'cis-1.12');
    assert.deepEqual(json.kubernetesVersion, { version: '1.30.2', evidence: 'image registry.k8s.io/kube-apiserver:v1.30.2' });
    const byId = new Map(json.results.map((r) => [r.id, r]));
    const cases: [string, string, string][] = [
      ['1.1.1', 'FAIL', 'FAIL'],
      ['1.2.1', 'MANUAL', 'WARN'],
      ['1.2.15', 'FAIL', 'FAIL'],
      ['4.1.1', 'INFO', 'INFO'],
    ];
    for (const [id, status, kb] of cases) {
      assert.equal(byId.get(id)?.status, status, id);
      assert.equal(byId.get(id)?.kubeBenchState, kb, id);
      assert.deepEqual(byId.get(id)?.references, [{ cis: id }]);
    }
    const profiling = byId.get('1.2.15');
    assert.equal(profiling?.expectedResult, "'--profiling' is present");
    assert.deepEqual(profiling?.instances[1], {
      instance: 'kube-apiserver (manifests-cp2/kube-apiserver.yaml:1)',
      status: 'FAIL',
      found: 'not set (Kubernetes default: true)',
      expectedResult: "'--profiling' is present",
      file: 'manifests-cp2/kube-apiserver.yaml',
      line: 20,
      pointer: '/spec/containers/0/command',
    });
    assert.equal(byId.get('2.1')?.instances[0].pid, 901);
    assert.equal(byId.get('1.1.1')?.instances[0].path, '/etc/kubernetes/manifests/kube-apiserver.yaml');
    assert.deepEqual(json.totals, { PASS: 3, FAIL: 3, WARN: 0, MANUAL: 2, INFO: 1 });
    assert.deepEqual(Object.keys(json.totalsByNodeType), ['master', 'etcd', 'node']);
    assert.equal(json.problems[0].file, 'manifests/broken.yaml');
  });

  it('counts kube-bench states with --kube-bench-states', () => {
    const json = JSON.parse(renderCisJson(sampleCisReport(), { ...SAMPLE_OPTIONS, kubeBenchStates: true })) as CisJsonReport;
    assert.deepEqual(json.totals, { PASS: 3, FAIL: 3, WARN: 2, MANUAL: 0, INFO: 1 });
    assert.equal(json.results.find((r) => r.id === '1.2.1')?.status, 'WARN');
  });

  it('writes null for an unknown version', () => {
    const json = JSON.parse(renderCisJson({ ...sampleCisReport(), version: undefined }, SAMPLE_OPTIONS)) as CisJsonReport;
    assert.equal(json.kubernetesVersion, null);
  });
});
