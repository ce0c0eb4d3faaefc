import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderText } from './text.js';
import { FIXTURE_CWD, FIXTURE_OPTIONS, assertGolden, fixtureResult } from './sample-scan-result.js';

const ANSI = /\u001b\[/;

describe('text reporter', () => {
  it('matches the golden report', () => {
    assertGolden('report.txt', renderText(fixtureResult(), FIXTURE_OPTIONS));
  });

  it('lists suppressed findings, marked, only with showSuppressed', () => {
    const plain = renderText(fixtureResult(), FIXTURE_OPTIONS);
    assert.doesNotMatch(plain, /no-latest-image-tag|suppressed by/);
    const shown = renderText(fixtureResult(), { ...FIXTURE_OPTIONS, showSuppressed: true });
    assertGolden('report-show-suppressed.txt', shown);
    assert.match(shown, /suppressed by annotation: Rebuilt nightly/);
    assert.match(shown, /suppressed by config: Legacy storage driver/);
  });

  it('shows paths relative to cwd, never the absolute fixture paths', () => {
    const out = renderText(fixtureResult(), FIXTURE_OPTIONS);
    assert.match(out, /^deploy\/db\.yaml$/m);
    assert.match(out, / deploy\/web\.yaml:20:23 /);
    assert.ok(!out.includes(FIXTURE_CWD), out);
  });

  it('has no ANSI codes without color, and colored badges with it', () => {
    assert.doesNotMatch(renderText(fixtureResult(), FIXTURE_OPTIONS), ANSI);
    assert.doesNotMatch(renderText(fixtureResult(), { ...FIXTURE_OPTIONS, showSuppressed: true }), ANSI);
    const colored = renderText(fixtureResult(), { ...FIXTURE_OPTIONS, color: true });
    assert.match(colored, ANSI);
    assert.ok(colored.includes('\u001b[31mHIGH    \u001b[39m'), 'high is red');
    assert.ok(colored.includes('\u001b[33mMEDIUM  \u001b[39m'), 'medium is yellow');
    assert.ok(colored.includes('\u001b[2mINFO    \u001b[22m'), 'info is dim');
  });

  it('says so clearly when there are no findings', () => {
    const out = renderText({ findings: [], problems: [], checks: fixtureResult().checks, objectCount: 1, fileCount: 1 }, FIXTURE_OPTIONS);
    assert.equal(out, 'No findings in 1 file, 1 object; 0 suppressed\n');
  });

  it('says "No findings" when every finding is suppressed, and still counts them', () => {
    const result = fixtureResult();
    result.findings = result.findings.filter((f) => f.suppressed);
    result.problems = [];
    assert.equal(renderText(result, FIXTURE_OPTIONS), 'No findings in 4 files, 6 objects; 2 suppressed\n');
  });
});
