import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCisJunit } from './junit.js';
import { SAMPLE_OPTIONS, assertCisGolden, sampleCisReport } from './sample-cis-report.js';

function attrs(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe('cis junit report', () => {
  it('matches the golden report', () => {
    assertCisGolden('report.junit.xml', renderCisJunit(sampleCisReport(), SAMPLE_OPTIONS));
  });

  it('has a suite per group and a case per control: FAIL → failure, MANUAL/INFO → skipped', () => {
    const xml = renderCisJunit(sampleCisReport(), SAMPLE_OPTIONS);
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    const suites = [...xml.matchAll(/<testsuite [^>]*>/g)].map((m) => attrs(m[0]));
    assert.deepEqual(
      suites.map((s) => [s.name, s.tests, s.failures, s.skipped]),
      [
        ['cis-1.12 1.1 Control Plane Node Configuration Files', '1', '1', '0'],
        ['cis-1.12 1.2 API Server', '3', '1', '1'],
        ['cis-1.12 2 Etcd Node Configuration', '2', '0', '1'],
        ['cis-1.12 4.1 Worker Node Configuration Files', '1', '0', '1'],
        ['cis-1.12 4.2 Kubelet', '2', '1', '0'],
      ],
    );
    assert.deepEqual(attrs(/<testsuites [^>]*>/.exec(xml)?.[0] ?? ''), { name: 'bulwark cis', tests: '9', failures: '3', errors: '0', skipped: '3' });
    assert.equal((xml.match(/<testcase /g) ?? []).length, 9);
    assert.equal((xml.match(/<\/testsuite>/g) ?? []).length, 5);
    assert.match(xml, /<skipped message="manual review: likely-fail: not set \(Kubernetes default: true\)"\/>/);
    assert.match(xml, /<failure message="expected --profiling=false; found [^"]*" type="low">/);
    assert.doesNotMatch(xml.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, ''), /&/, 'every & is escaped');
  });
});
