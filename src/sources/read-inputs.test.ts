import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MissingToolError, readInputs } from './read-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-inputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('readInputs', () => {
  it('walks directories recursively, in sorted order, for .yaml/.yml/.json only', async () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'b', 'node_modules'), { recursive: true });
    writeFileSync(join(root, 'b', 'two.yml'), cm('two'));
    writeFileSync(join(root, 'a.yaml'), cm('one'));
    writeFileSync(join(root, 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'three' } }));
    writeFileSync(join(root, 'notes.txt'), cm('ignored'));
    writeFileSync(join(root, 'b', 'node_modules', 'x.yaml'), cm('ignored'));
    const inputs = await readInputs([root]);
    assert.deepEqual(inputs.objects.map((o) => o.object.metadata.name), ['one', 'two', 'three']);
    assert.equal(inputs.fileCount, 3);
  });

  it('reads stdin for "-" and keeps its text for locating findings', async () => {
    const inputs = await readInputs(['-'], { readStdin: async () => Buffer.from(cm('piped')) });
    assert.equal(inputs.objects[0].object.metadata.name, 'piped');
    assert.equal(inputs.objects[0].source && 'file' in inputs.objects[0].source ? inputs.objects[0].source.file : '', '<stdin>');
    assert.ok(inputs.virtualFiles.has('<stdin>'));
  });

  it('reports a missing path as an error and goes on', async () => {
    const inputs = await readInputs([join(dir, 'nope.yaml'), '-'], { readStdin: async () => Buffer.from(cm('still')) });
    assert.equal(inputs.problems[0].message, 'no such file or directory');
    assert.equal(inputs.objects.length, 1);
  });

  it('names the missing tool for kustomize directories and helm charts', async () => {
    const k = join(dir, 'kust');
    mkdirSync(k);
    writeFileSync(join(k, 'kustomization.yaml'), 'resources: []\n');
    const missing = async (tool: string): Promise<string> => {
      throw new MissingToolError(tool);
    };
    const inputs = await readInputs([k], { helmCharts: ['./chart'], runTool: missing });
    assert.deepEqual(inputs.problems.map((p) => p.message.split(';')[0]), ['kubectl is not installed (not found on PATH)', 'helm is not installed (not found on PATH)']);
  });

  it('renders kustomize directories with kubectl', { skip: !hasKubectl() && 'kubectl not installed' }, async () => {
    const k = join(dir, 'kust-real');
    mkdirSync(k);
    writeFileSync(join(k, 'cm.yaml'), cm('base'));
    writeFileSync(join(k, 'kustomization.yaml'), 'resources: [cm.yaml]\nnamePrefix: prod-\nnamespace: shop\n');
    const inputs = await readInputs([k]);
    assert.deepEqual(inputs.problems, []);
    assert.equal(inputs.objects[0].object.metadata.name, 'prod-base');
    assert.equal(inputs.objects[0].object.metadata.namespace, 'shop');
  });

  it('skips files over the size limit with an error naming the flag', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, cm('big') + `data:\n  blob: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
    const inputs = await readInputs([big], { maxFileBytes: 1024 * 1024 });
    assert.equal(inputs.objects.length, 0);
    assert.match(inputs.problems[0].message, /over the 1 MiB limit \(--max-file-size\); skipped/);
  });
});
