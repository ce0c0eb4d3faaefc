import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import yaml from 'js-yaml';
import { elideCrdSchemas } from './crd-schema-elision.js';
import { parseManifests } from './manifest-parser.js';
import { PointerLocator } from './pointer-locator.js';
import { MANIFEST_SCHEMA } from './yaml-schema.js';

/** A v1 CRD with two versions and schemas large enough to be elided. */
function crd(extraProperties = 400): string {
  const props = Array.from({ length: extraProperties }, (_, i) => `              field${i}:\n                type: string\n                description: "field number ${i}: a: b"`).join('\n');
  const version = (name: string) => `  - name: ${name}
    served: true
    storage: ${name === 'v1'}
    schema:
      openAPIV3Schema:
        type: object

        properties:
          spec:
            type: object
            properties:
${props}
    subresources: {status: {}}`;
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
${version('v1beta1')}
${version('v1')}
`;
}

describe('CRD schema elision', () => {
  it('parses to the same object as a full parse, schemas on first access', () => {
    const text = crd();
    const elided = elideCrdSchemas(text);
    assert.ok(elided, 'a large CRD is elided');
    assert.equal(elided.blocks.length, 2);
    assert.ok(elided.text.length < text.length / 10);
    const [obj] = parseManifests(text, 'crd.yaml').objects;
    assert.deepEqual(JSON.parse(JSON.stringify(obj.object)), yaml.load(text, { schema: MANIFEST_SCHEMA }));
  });

  it('keeps every line, so later keys keep their line numbers', () => {
    const text = crd();
    const elided = elideCrdSchemas(text);
    assert.ok(elided);
    assert.equal(elided.text.split('\n').length, text.split('\n').length);
    const subresourcesLine = text.split('\n').findIndex((l) => l.includes('subresources')) + 1;
    assert.deepEqual(new PointerLocator(text, 1).locate('/spec/versions/0/subresources'), { line: subresourcesLine, column: 5 });
  });

  it('leaves small CRDs, other kinds and flow-style schemas alone', () => {
    assert.equal(elideCrdSchemas(crd(1)), undefined);
    assert.equal(elideCrdSchemas(crd().replace('kind: CustomResourceDefinition', 'kind: ConfigMap')), undefined);
    assert.equal(elideCrdSchemas(crd().replace(/openAPIV3Schema:\n/g, 'openAPIV3Schema: {}\n        x:\n')), undefined);
  });

  it('falls back to a full parse, with its exact error line, when the rest of the document is broken', () => {
    const text = `${crd()}  broken: [\n`;
    const out = parseManifests(text, 'bad-crd.yaml');
    assert.equal(out.objects.length, 0);
    assert.equal(out.problems[0].level, 'error');
    assert.equal(out.problems[0].line, text.split('\n').length);
  });
});

describe('manifest YAML schema', () => {
  it('keeps unquoted dates as strings and resolves merge keys', () => {
    const out = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: &l {app: a}}\ndata:\n  day: 2024-01-01\nextra:\n  <<: *l\n  tier: web\n', 'c.yaml');
    const obj = out.objects[0].object as unknown as { data: { day: unknown }; extra: unknown };
    assert.equal(obj.data.day, '2024-01-01');
    assert.deepEqual(obj.extra, { app: 'a', tier: 'web' });
  });
});
