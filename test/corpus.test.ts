import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../src/scan.js';
import { oraclesDir } from '../src/testing/repo-root.js';

const corpus = join(oraclesDir(), 'corpus');

describe('real-world corpus (../shared/oracles/corpus)', { skip: !existsSync(corpus) && 'corpus not present' }, () => {
  it('reads every file without a crash or an input error, keeping CRDs and custom resources', async () => {
    const result = await scan([corpus]);
    const index = JSON.parse(readFileSync(join(corpus, 'INDEX.json'), 'utf8')) as unknown;
    const errors = result.problems.filter((p) => p.level === 'error');
    assert.deepEqual(errors, []);
    assert.ok(result.fileCount >= 718, `files read: ${result.fileCount}`);
    assert.ok(result.objectCount >= 1460, `objects: ${result.objectCount}`);
    assert.ok(index !== null);
    const counts = new Map<string, number>();
    for (const f of result.findings) counts.set(f.checkId, (counts.get(f.checkId) ?? 0) + 1);
    console.log(`corpus: ${result.objectCount} objects, ${result.findings.length} findings`, Object.fromEntries([...counts].sort()));
  });
});
