import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BlockYamlLocator } from './block-yaml-locator.js';
import { PointerLocator, parsePointer } from './pointer-locator.js';

const doc = `# header comment
apiVersion: v1
kind: Pod
metadata:
  name: x
  empty:
spec:
  containers:
  - name: a

    securityContext:   # trailing comment
      privileged: true
    args:
      - one
      - two
  -   name: b
      ports:
      - containerPort: 22
  hostNetwork: false
  hostNetwork: true
`;

describe('BlockYamlLocator', () => {
  const fast = new BlockYamlLocator(doc, 5);
  const exact = new PointerLocator(doc, 5);
  const cases: [string, number, number][] = [
    ['/kind', 7, 1],
    ['/metadata/name', 9, 3],
    ['/metadata/empty', 10, 3],
    ['/metadata/empty/deeper', 10, 3],
    ['/spec/containers/0', 13, 5],
    ['/spec/containers/0/securityContext/privileged', 16, 7],
    ['/spec/containers/0/args/1', 19, 9],
    ['/spec/containers/1', 20, 7],
    ['/spec/containers/1/ports/0/containerPort', 22, 9],
    ['/spec/containers/1/resources/limits', 20, 7],
    ['/spec/containers/1/ports', 21, 7],
    ['/spec/containers/5', 12, 3],
    ['/spec/hostNetwork', 24, 3],
    ['/metadata/name/nope', 9, 3],
  ];
  for (const [pointer, line, column] of cases) {
    it(`locates ${pointer} as the parser does`, () => {
      assert.deepEqual(fast.locate(parsePointer(pointer)), { line, column });
      assert.deepEqual(exact.locate(pointer), { line, column });
    });
  }

  const bails: [string, string, string][] = [
    ['flow collections', 'a: {b: 1}\n', '/a/b'],
    ['quoted keys', '"a": 1\n', '/a'],
    ['anchors', 'a: &x\n  b: 1\n', '/a/b'],
    ['block scalars', 'a: |\n  text\n', '/a/0'],
    ['JSON documents', '{"a": {"b": 1}}\n', '/a/b'],
    ['tab indentation', 'a:\n\tb: 1\n', '/a/b'],
    ['the root pointer', 'a: 1\n', ''],
  ];
  for (const [name, text, pointer] of bails) {
    it(`leaves ${name} to the parser`, () => assert.equal(new BlockYamlLocator(text, 1).locate(parsePointer(pointer)), undefined));
  }

  it('handles CRLF line endings', () => {
    assert.deepEqual(new BlockYamlLocator('a:\r\n  b: 1\r\n', 1).locate(['a', 'b']), { line: 2, column: 3 });
  });
});
