import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../model/types.js';
import { capWarnings, denialMessage, MAX_MESSAGE_CHARS, MAX_WARNING_CHARS, MAX_WARNINGS, reviewResponse, warningText } from './admission-response.js';

function finding(checkId: string, message: string, remediation = 'Fix it.'): Finding {
  return {
    checkId,
    messageId: 'm',
    severity: 'high',
    category: 'workload',
    message,
    resource: { apiVersion: 'v1', kind: 'Pod', name: 'p' },
    path: '',
    location: { cluster: 'admission', uid: 'u' },
    remediation,
    references: [],
    enforcement: 'deny',
  };
}

describe('denialMessage', () => {
  it('lists every denying finding as "<id>: <message> Fix: <remediation>", joined by "; "', () => {
    const msg = denialMessage([finding('a-check', 'A is wrong.', 'Set a.'), finding('b-check', 'B is wrong.', 'Set b.')]);
    assert.equal(msg, 'a-check: A is wrong. Fix: Set a; b-check: B is wrong. Fix: Set b');
  });

  it('stays within the budget and says how many were left out', () => {
    const many = Array.from({ length: 100 }, (_, i) => finding(`check-${i}`, `Message number ${i} `.repeat(5)));
    const msg = denialMessage(many);
    assert.ok(msg.length <= MAX_MESSAGE_CHARS, `${msg.length}`);
    const m = /; … and (\d+) more$/.exec(msg);
    assert.ok(m, msg.slice(-80));
    const listed = msg.split('; ').filter((p) => p.startsWith('check-')).length;
    assert.equal(listed + Number(m[1]), 100);
  });

  it('cuts a single over-long part and still counts the rest', () => {
    const msg = denialMessage([finding('huge', 'x'.repeat(10_000)), finding('small', 'y')], 200);
    assert.ok(msg.length <= 200);
    assert.match(msg, /^huge: x+…; … and 1 more$/);
  });

  it('replaces line breaks and control characters (names come from the object)', () => {
    assert.equal(denialMessage([finding('a', 'line\none\r\ttwo')]), 'a: line one two Fix: Fix it');
  });
});

describe('warnings', () => {
  it('"<id>: <message>", with a prefix, at most MAX_WARNING_CHARS', () => {
    assert.equal(warningText(finding('a', 'Msg.')), 'a: Msg.');
    assert.equal(warningText(finding('a', 'Msg.'), '[audit: would deny] '), '[audit: would deny] a: Msg.');
    const long = warningText(finding('a', 'z'.repeat(1000)));
    assert.equal(long.length, MAX_WARNING_CHARS);
    assert.ok(long.endsWith('…'));
  });

  it('keeps at most MAX_WARNINGS, the last saying how many more', () => {
    const ws = Array.from({ length: 45 }, (_, i) => `w${i}`);
    const capped = capWarnings(ws);
    assert.equal(capped.length, MAX_WARNINGS);
    assert.equal(capped[MAX_WARNINGS - 2], `w${MAX_WARNINGS - 2}`);
    assert.equal(capped[MAX_WARNINGS - 1], `… ${45 - (MAX_WARNINGS - 1)} more`);
    assert.deepEqual(capWarnings(ws.slice(0, MAX_WARNINGS)), ws.slice(0, MAX_WARNINGS));
  });
});

describe('reviewResponse', () => {
  it('answers in the request apiVersion with kind AdmissionReview', () => {
    assert.deepEqual(reviewResponse('admission.k8s.io/v1beta1', { uid: 'u', allowed: true }), {
      apiVersion: 'admission.k8s.io/v1beta1',
      kind: 'AdmissionReview',
      response: { uid: 'u', allowed: true },
    });
  });
});
