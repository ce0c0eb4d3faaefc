import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../src/scan.js';
import { BlockYamlLocator } from '../src/sources/block-yaml-locator.js';
import { splitDocuments } from '../src/sources/manifest-parser.js';
import { PointerLocator, parsePointer } from '../src/sources/pointer-locator.js';
import { oraclesDir, repoRoot } from '../src/testing/repo-root.js';

// The block-YAML fast path must give exactly the parser's answer wherever it answers at all. Checked on
// every finding of real manifests (the corpus, the demo app, the oracle fixtures).
const inputs = [
  join(oraclesDir(), 'corpus'),
  join(oraclesDir(), 'polaris', 'test'),
  join(oraclesDir(), 'kube-linter', 'tests'),
  join(repoRoot(), 'examples'),
].filter((p) => existsSync(p));

describe('BlockYamlLocator agrees with PointerLocator', () => {
  it('on every finding of real manifests', async () => {
    const result = await scan(inputs);
    let answered = 0;
    let compared = 0;
    const texts = new Map<string, string>();
    for (const f of result.findings) {
      if (!('file' in f.location) || !existsSync(f.location.file)) continue;
      const { file, line } = f.location;
      if (!texts.has(file)) texts.set(file, readFileSync(file, 'utf8'));
      const text = texts.get(file) as string;
      const span = splitDocuments(text).find((s) => s.firstLine <= line && lineOfEnd(text, s.end) >= line);
      if (!span) continue;
      const doc = text.slice(span.offset, span.end);
      compared++;
      const fast = new BlockYamlLocator(doc, span.firstLine).locate(parsePointer(f.path));
      if (!fast) continue;
      answered++;
      assert.deepEqual(fast, new PointerLocator(doc, span.firstLine).locate(f.path), `${file} ${f.path}`);
    }
    assert.ok(compared > 1000, `compared ${compared} findings`);
    // The fast path must carry the load, or it is not worth having.
    assert.ok(answered / compared > 0.9, `fast path answered ${answered} of ${compared}`);
    console.log(`fast path answered ${answered} of ${compared} findings, all equal to the parser's answer`);
  });
});

function lineOfEnd(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
