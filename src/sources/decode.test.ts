import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeManifest } from './decode.js';

describe('decodeManifest', () => {
  it('reports an empty file as a notice', () => {
    assert.deepEqual(decodeManifest(new Uint8Array(), 'e.yaml'), { problems: [{ level: 'notice', file: 'e.yaml', message: 'empty file' }] });
  });
  it('refuses binary files', () => {
    const out = decodeManifest(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]), 'b.yaml');
    assert.equal(out.text, undefined);
    assert.match(out.problems[0].message, /binary file/);
  });
  it('reports invalid UTF-8 with its line and still returns the text', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nb: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const out = decodeManifest(bytes, 'latin1.yaml');
    assert.equal(out.problems[0].line, 2);
    assert.match(out.problems[0].message, /invalid UTF-8/);
    assert.ok(out.text?.startsWith('a: 1'));
  });
  it('strips a byte order mark', () => {
    assert.equal(decodeManifest(Buffer.from('\uFEFFa: 1'), 'bom.yaml').text, 'a: 1');
  });
});
