import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PointerLocator, escapePointerSegment, parsePointer } from './pointer-locator.js';

const doc = `apiVersion: v1
kind: Pod
metadata:
  name: x
  annotations:
    a/b: "1"
spec:
  containers:
  - name: a
    securityContext:
      privileged: true
  - {name: b, ports: [{containerPort: 22}]}
`;

describe('PointerLocator', () => {
  const locator = new PointerLocator(doc, 10);
  const cases: [string, number, number][] = [
    ['', 10, 1],
    ['/kind', 11, 1],
    ['/spec/containers/0/securityContext/privileged', 20, 7],
    ['/spec/containers/1', 21, 5],
    ['/spec/containers/1/ports/0/containerPort', 21, 24],
    [`/metadata/annotations/${escapePointerSegment('a/b')}`, 15, 5],
    ['/spec/containers/0/resources/limits', 18, 5],
    ['/spec/nope/deeper', 16, 1],
  ];
  for (const [pointer, line, column] of cases) {
    it(`locates ${pointer || '(root)'}`, () => assert.deepEqual(locator.locate(pointer), { line, column }));
  }
  it('falls back to the first line for unparsable text', () => {
    assert.deepEqual(new PointerLocator('a: [', 3).locate('/a'), { line: 3, column: 1 });
  });
  it('round-trips escaped segments', () => {
    assert.deepEqual(parsePointer('/a~1b/c~0d'), ['a/b', 'c~d']);
  });
});
