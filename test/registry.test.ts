import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { BUILTIN_CHECKS } from '../src/checks/index.js';
import { renderCheckDoc } from '../src/docs/check-doc.js';
import { SEVERITIES } from '../src/model/types.js';
import { repoRoot } from '../src/testing/repo-root.js';

const root = repoRoot();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

const checkSources = sourceFiles(join(root, 'src', 'checks')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'));

describe('check registry', () => {
  it('has unique ids', () => {
    const ids = BUILTIN_CHECKS.map((c) => c.meta.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });

  for (const check of BUILTIN_CHECKS) {
    const { meta } = check;
    describe(meta.id, () => {
      it('has a kebab-case id starting with no- or require-, equal to its file name', () => {
        assert.match(meta.id, /^(no|require)-[a-z0-9]+(-[a-z0-9]+)*$/);
        const file = checkSources.find((f) => basename(f, '.ts') === meta.id);
        assert.ok(file, `src/checks/**/${meta.id}.ts exists`);
        assert.match(readFileSync(file, 'utf8'), new RegExp(`id: '${meta.id}'`), `${relative(root, file)} defines ${meta.id}`);
      });
      it('has tests beside it', () => {
        const file = checkSources.find((f) => basename(f, '.ts') === meta.id) as string;
        assert.ok(existsSync(file.replace(/\.ts$/, '.test.ts')), `${meta.id}.test.ts exists`);
      });
      it('has complete metadata', () => {
        assert.ok(SEVERITIES.includes(meta.severity));
        assert.ok(meta.summary.length > 10 && meta.summary.endsWith('.'), 'summary is a sentence');
        assert.ok(meta.rationale.length > 40, 'rationale explains why');
        assert.ok(meta.remediation.trim().endsWith('.'), 'remediation ends with a period');
        assert.ok(Object.keys(meta.messages).length > 0);
        assert.ok(meta.kinds.length > 0);
      });
      it('has an up-to-date docs page', () => {
        const doc = join(root, 'docs', 'checks', `${meta.id}.md`);
        assert.ok(existsSync(doc), `docs/checks/${meta.id}.md exists (run \`npm run docs\`)`);
        assert.equal(readFileSync(doc, 'utf8'), renderCheckDoc(meta), `docs/checks/${meta.id}.md is stale (run \`npm run docs\`)`);
      });
    });
  }

  it('registers every check file (no orphans)', () => {
    const registered = new Set(BUILTIN_CHECKS.map((c) => c.meta.id));
    const orphans = checkSources
      .filter((f) => /export const \w+ = (defineCheck|\w+Check)\(/.test(readFileSync(f, 'utf8')))
      .map((f) => basename(f, '.ts'))
      .filter((id) => !registered.has(id));
    assert.deepEqual(orphans, [], 'check files not listed in src/checks/index.ts');
  });
});
