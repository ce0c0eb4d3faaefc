import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManifests, splitDocuments } from './manifest-parser.js';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers: [{name: a, image: nginx}]\n`;

describe('splitDocuments', () => {
  it('splits at --- and ... markers and keeps the first line of each document', () => {
    const text = `a: 1\n---\nb: 2\n...\n--- \nc: 3\n`;
    const spans = splitDocuments(text);
    assert.deepEqual(spans.map((s) => text.slice(s.offset, s.end).trim()), ['a: 1', 'b: 2', 'c: 3']);
    assert.deepEqual(spans.map((s) => s.firstLine), [1, 2, 5]);
  });
  it('does not split at --- inside a line or indented', () => {
    const text = `a: "x --- y"\nb: |\n  ---\n`;
    assert.equal(splitDocuments(text).length, 1);
  });
});

describe('parseManifests', () => {
  it('parses multi-document YAML with start lines', () => {
    const out = parseManifests(`# comment\n${pod('a')}---\n${pod('b')}`, 'f.yaml');
    assert.deepEqual(out.problems, []);
    assert.deepEqual(out.objects.map((o) => [o.object.metadata.name, o.source]), [
      ['a', { file: 'f.yaml', docIndex: 0, startLine: 2 }],
      ['b', { file: 'f.yaml', docIndex: 1, startLine: 9 }],
    ]);
  });

  it('reports invalid YAML with file:line and still reads the other documents', () => {
    const out = parseManifests(`${pod('a')}---\nkind: Pod\nmetadata: {name: [}\n---\n${pod('c')}`, 'bad.yaml');
    assert.deepEqual(out.objects.map((o) => o.object.metadata.name), ['a', 'c']);
    assert.equal(out.problems.length, 1);
    assert.equal(out.problems[0].level, 'error');
    assert.equal(out.problems[0].file, 'bad.yaml');
    assert.equal(out.problems[0].line, 9);
    assert.match(out.problems[0].message, /^invalid YAML: /);
    assert.doesNotMatch(out.problems[0].message, /\n/);
  });

  it('expands v1 List items, with pointers into the list', () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }, { kind: 'nokind' }] });
    const out = parseManifests(list, 'l.json');
    assert.equal(out.objects.length, 1);
    assert.equal(out.objects[0].pointerPrefix, '/items/0');
    assert.equal(out.problems.length, 1);
    assert.match(out.problems[0].message, /no apiVersion\/kind; skipped/);
  });

  it('gives items of a typed list (an API list response) the list\'s kind and apiVersion', () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' } }] });
    const out = parseManifests(list, 'pods.json');
    assert.deepEqual(out.objects.map((o) => [o.object.apiVersion, o.object.kind, o.object.metadata.name]), [['v1', 'Pod', 'a'], ['v1', 'Pod', 'b']]);
    assert.deepEqual(out.problems, []);
  });

  it('parses JSON files', () => {
    const out = parseManifests(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }, null, 2), 'c.json');
    assert.equal(out.objects[0].object.kind, 'ConfigMap');
  });

  it('keeps CRDs and custom resources', () => {
    const out = parseManifests(`apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n`, 'crd.yaml');
    assert.deepEqual(out.objects.map((o) => o.object.kind), ['CustomResourceDefinition', 'Widget']);
    assert.deepEqual(out.problems, []);
  });

  it('skips objects without apiVersion/kind with a notice', () => {
    const out = parseManifests(`foo: bar\n`, 'values.yaml');
    assert.deepEqual(out.objects, []);
    assert.deepEqual(out.problems, [{ level: 'notice', file: 'values.yaml', line: 1, message: 'document has no apiVersion/kind; skipped (not a Kubernetes object)' }]);
  });

  it('skips scalar and sequence documents with a notice', () => {
    const out = parseManifests(`just a string\n---\n- a\n- b\n`, 'x.yaml');
    assert.equal(out.objects.length, 0);
    assert.equal(out.problems.filter((p) => p.level === 'notice').length, 2);
  });

  it('rejects an alias bomb quickly instead of expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const started = performance.now();
    const out = parseManifests(text, 'bomb.yaml');
    assert.ok(performance.now() - started < 2000, 'must not hang');
    assert.equal(out.objects.length, 0);
    assert.match(out.problems[0].message, /alias bomb/);
  });

  it('accepts ordinary anchors and aliases', () => {
    const out = parseManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: &l {app: x}}\ndata: {a: "1"}\nextra: *l\n`, 'a.yaml');
    assert.equal(out.objects.length, 1);
  });

  it('reports 10,000-level nesting as one error, no crash', () => {
    for (const text of ['['.repeat(10000) + ']'.repeat(10000), '- '.repeat(10000) + 'x']) {
      const out = parseManifests(`${pod('ok')}---\n${text}\n`, 'deep.yaml');
      assert.deepEqual(out.objects.map((o) => o.object.metadata.name), ['ok']);
      assert.equal(out.problems.length, 1);
      assert.equal(out.problems[0].level, 'error');
      assert.ok((out.problems[0].line ?? 0) >= 8, 'line inside the deep document');
      assert.match(out.problems[0].message, /nested deeper than/);
    }
  });

  it('rejects deep JSON-style nesting that the YAML parser accepts', () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: ${'{a: '.repeat(300)}1${'}'.repeat(300)}\n`;
    const out = parseManifests(deep, 'd.yaml');
    assert.equal(out.objects.length, 0);
    assert.match(out.problems[0].message, /nested/);
  });

  it('treats duplicated keys as a notice and uses the last value, as the API server would', () => {
    const out = parseManifests(`apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostNetwork: false\n  hostNetwork: true\n`, 'dup.yaml');
    assert.equal(out.objects.length, 1);
    assert.equal((out.objects[0].object.spec as { hostNetwork: boolean }).hostNetwork, true);
    assert.equal(out.problems[0].level, 'notice');
    assert.equal(out.problems[0].line, 6);
  });

  it('reads a YAML 1.1 bare "=" scalar as a string', () => {
    const out = parseManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {op: =}\n`, 'eq.yaml');
    assert.equal((out.objects[0].object.data as Record<string, string>).op, '=');
  });
});
