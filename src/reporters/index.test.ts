import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPORTERS, renderReport, type ReportFormat } from './index.js';
import { FIXTURE_OPTIONS, fixtureResult } from './sample-scan-result.js';

describe('reporter registry', () => {
  it('offers text, json, sarif and junit', () => {
    assert.deepEqual(Object.keys(REPORTERS), ['text', 'json', 'sarif', 'junit']);
    for (const format of Object.keys(REPORTERS) as ReportFormat[]) {
      assert.equal(renderReport(format, fixtureResult(), FIXTURE_OPTIONS), REPORTERS[format](fixtureResult(), FIXTURE_OPTIONS));
    }
  });

  it('rejects unknown formats, including inherited property names', () => {
    assert.throws(() => renderReport('xml' as ReportFormat, fixtureResult(), FIXTURE_OPTIONS), /unknown report format "xml"/);
    assert.throws(() => renderReport('toString' as ReportFormat, fixtureResult(), FIXTURE_OPTIONS), /unknown report format/);
  });

  it('never reads the scanned files: secret values next to a finding stay out of every format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-reporters-'));
    try {
      const secret = 'hunter2-Sup3rS3cret-value';
      const file = join(dir, 'db.yaml');
      writeFileSync(file, `apiVersion: v1\nkind: Pod\nmetadata: {name: db}\nspec:\n  containers:\n  - name: db\n    env:\n    - {name: DB_PASSWORD, value: ${secret}}\n`);
      const result = fixtureResult();
      for (const f of result.findings) if ('file' in f.location) f.location = { file, line: 8, column: 34 };
      for (const format of Object.keys(REPORTERS) as ReportFormat[]) {
        const out = renderReport(format, result, { ...FIXTURE_OPTIONS, cwd: dir, showSuppressed: true });
        assert.ok(!out.includes(secret) && !out.includes('hunter2'), `${format} leaks the secret`);
        assert.ok(out.includes('value masked'), `${format} keeps the masked message`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
