import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIpv6Groups, ipv6Groups } from './ipv6-text.js';

const ipv4 = (s: string): number[] | undefined => (/^\d+\.\d+\.\d+\.\d+$/.test(s) ? s.split('.').map(Number) : undefined);

describe('IPv6 text', () => {
  const cases: [string, string | undefined][] = [
    ['2001:db8::1', '2001:db8::1'],
    ['2001:0DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'], // the longest run
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'], // the first of two equal runs
    ['1:2:3:4:5:6:0:8', '1:2:3:4:5:6:0:8'], // a single zero group stays
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
    ['1::2::3', undefined],
    ['1:2:3:4:5:6:7', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['12345::', undefined],
    ['::ffff:1.2.3', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${text} → ${expected ?? 'invalid'}`, () => {
      const groups = ipv6Groups(text, ipv4);
      assert.equal(groups && formatIpv6Groups(groups), expected);
    });
  }
});
