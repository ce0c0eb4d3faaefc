import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderJson, type JsonReport } from './json.js';
import { FIXTURE_CWD, FIXTURE_OPTIONS, assertGolden, fixtureResult } from './sample-scan-result.js';

describe('json reporter', () => {
  it('matches the golden report', () => {
    assertGolden('report.json', renderJson(fixtureResult(), FIXTURE_OPTIONS));
  });

  it('is 2-space indented JSON with version, tool, summary, findings and problems', () => {
    const text = renderJson(fixtureResult(), FIXTURE_OPTIONS);
    assert.ok(text.startsWith('{\n  "version": 1,\n'));
    const report = JSON.parse(text) as JsonReport;
    assert.deepEqual(Object.keys(report), ['version', 'tool', 'summary', 'findings', 'problems']);
    assert.deepEqual(report.tool, { name: 'bulwark', version: '1.2.3' });
    assert.deepEqual(report.summary, { findings: 5, critical: 2, high: 1, medium: 1, low: 0, info: 1, suppressed: 2, objects: 6, files: 4 });
  });

  it('includes suppressed findings, marked with by and reason', () => {
    const report = JSON.parse(renderJson(fixtureResult(), FIXTURE_OPTIONS)) as JsonReport;
    assert.equal(report.findings.length, 7);
    assert.deepEqual(
      report.findings.filter((f) => f.suppressed).map((f) => [f.checkId, f.suppressed?.by]),
      [['no-privileged-container', 'config'], ['no-latest-image-tag', 'annotation']],
    );
  });

  it('writes file paths relative to cwd and keeps cluster locations as they are', () => {
    const text = renderJson(fixtureResult(), FIXTURE_OPTIONS);
    assert.ok(!text.includes(FIXTURE_CWD));
    const report = JSON.parse(text) as JsonReport;
    assert.deepEqual(report.findings[0].location, { cluster: 'prod-eu', uid: '6f1c2a9e-3b7d-4c1e-9a55-0d8f2b4e7c11' });
    assert.deepEqual(report.findings[1].location, { file: 'deploy/db.yaml', line: 25, column: 11 });
    assert.deepEqual(report.problems[1], { level: 'notice', file: 'deploy/notes.yaml', message: 'document 2 has no apiVersion/kind; skipped' });
  });
});
