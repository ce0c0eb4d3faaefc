import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './repo-root.js';

/**
 * Compares `actual` with test/fixtures/<dir>/<name>. Golden files are written once, reviewed by eye and
 * committed; set BULWARK_UPDATE_GOLDEN=1 to rewrite them after an intended change (then review the diff).
 */
export function assertGoldenFile(dir: string, name: string, actual: string): void {
  const file = join(repoRoot(), 'test', 'fixtures', dir, name);
  if (process.env.BULWARK_UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `golden file ${file} is missing (run once with BULWARK_UPDATE_GOLDEN=1 and review it)`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from golden file ${name}`);
}
