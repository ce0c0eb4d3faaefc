import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertValidSarif, isValidSarif } from '../testing/sarif-schema.js';
import { SAMPLE_OPTIONS, assertCisGolden, sampleCisReport } from './sample-cis-report.js';
import { CIS_FINGERPRINT_KEY, renderCisSarif } from './sarif.js';

interface Log {
  runs: {
    tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      kind: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } }; logicalLocations: { name: string }[] }[];
      partialFingerprints: Record<string, string>;
    }[];
    invocations: { toolExecutionNotifications?: unknown[] }[];
  }[];
}

describe('cis sarif report', () => {
  it('matches the golden report', () => {
    assertCisGolden('report.sarif', renderCisSarif(sampleCisReport(), SAMPLE_OPTIONS));
  });

  it('validates against the official SARIF 2.1.0 schema (also with nothing to report)', () => {
    assertValidSarif(renderCisSarif(sampleCisReport(), SAMPLE_OPTIONS));
    assertValidSarif(renderCisSarif({ ...sampleCisReport(), results: [], problems: [] }, SAMPLE_OPTIONS));
  });

  it('the validator is not vacuous', () => {
    const log = JSON.parse(renderCisSarif(sampleCisReport(), SAMPLE_OPTIONS)) as Log;
    (log.runs[0].results[0] as { kind: string }).kind = 'failed';
    assert.equal(isValidSarif(log), false);
  });

  it('has a rule per control, a fail result per failing instance and a review result per likely-failing manual control', () => {
    const run = (JSON.parse(renderCisSarif(sampleCisReport(), SAMPLE_OPTIONS)) as Log).runs[0];
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['cis-1.1.1', 'cis-1.2.1', 'cis-1.2.2', 'cis-1.2.15', 'cis-2.1', 'cis-2.7', 'cis-4.1.1', 'cis-4.2.1', 'cis-4.2.2']);
    assert.deepEqual(
      run.results.map((r) => [r.ruleId, r.kind, r.level]),
      [
        ['cis-1.1.1', 'fail', 'error'],
        ['cis-1.2.1', 'review', 'none'],
        ['cis-1.2.15', 'fail', 'note'],
        ['cis-4.2.2', 'fail', 'error'],
      ],
    );
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    const profiling = run.results[2];
    assert.deepEqual(profiling.locations[0].physicalLocation, { artifactLocation: { uri: 'manifests-cp2/kube-apiserver.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 20 } });
    assert.equal(profiling.message.text, 'CIS 1.2.15: kube-apiserver (manifests-cp2/kube-apiserver.yaml:1) not set (Kubernetes default: true); expected --profiling=false.');
    assert.equal(run.results[0].locations[0].physicalLocation, undefined, 'a host path is not an artifact of the scan');
    assert.equal(run.invocations[0].toolExecutionNotifications?.length, 1);
  });

  it('fingerprints do not depend on line numbers', () => {
    const a = JSON.parse(renderCisSarif(sampleCisReport(), SAMPLE_OPTIONS)) as Log;
    const moved = sampleCisReport();
    for (const r of moved.results) for (const i of r.instances) if (i.location && 'file' in i.location) i.location = { file: i.location.file, line: (i.location.line ?? 0) + 5 };
    const b = JSON.parse(renderCisSarif(moved, SAMPLE_OPTIONS)) as Log;
    const prints = (log: Log) => log.runs[0].results.map((r) => r.partialFingerprints[CIS_FINGERPRINT_KEY]);
    assert.deepEqual(prints(a), prints(b));
    assert.equal(new Set(prints(a)).size, prints(a).length);
  });
});
