import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRange, parseCidr, subtractRanges, universe } from './ip-ranges.js';

describe('ip ranges', () => {
  const table: [string, string | undefined][] = [
    ['0.0.0.0/0', '0.0.0.0-255.255.255.255'],
    ['10.0.0.0/8', '10.0.0.0-10.255.255.255'],
    ['10.1.2.3/16', '10.1.0.0-10.1.255.255'],
    ['192.168.1.7/32', '192.168.1.7-192.168.1.7'],
    ['::/0', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['2001:db8::/32', '2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['::ffff:10.0.0.0/104', '::ffff:a00:0-::ffff:aff:ffff'],
    ['10.0.0.0', undefined],
    ['10.0.0.256/8', undefined],
    ['10.0.0.0/33', undefined],
    ['2001:db8::1::/64', undefined],
  ];
  for (const [text, expected] of table) {
    it(`parses ${text}`, () => {
      const r = parseCidr(text);
      assert.equal(r ? formatRange(r) : undefined, expected);
    });
  }
  it('rejects non-strings', () => assert.equal(parseCidr(42), undefined));

  it('subtracts excepts, ignoring the other family', () => {
    const ranges = subtractRanges(universe(4), [parseCidr('10.0.0.0/8')!, parseCidr('172.21.0.0/16')!, parseCidr('fd00::/8')!]);
    assert.deepEqual(ranges.map(formatRange), ['0.0.0.0-9.255.255.255', '11.0.0.0-172.20.255.255', '172.22.0.0-255.255.255.255']);
  });
});
