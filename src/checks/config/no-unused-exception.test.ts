import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runEngine } from '../../engine/run.js';
import { Inventory } from '../../inventory/inventory.js';
import { parseConfig } from '../../policy/config.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { noPrivilegedContainer } from '../pss/no-privileged-container.js';
import { noExpiredException } from './no-expired-exception.js';
import { noUnusedException } from './no-unused-exception.js';

const yaml = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers: [{name: a, securityContext: {privileged: true}}]
`;

function findings(configText: string) {
  const parsed = parseManifests(yaml, 'p.yaml');
  return runEngine(new Inventory(parsed.objects, [], new Map([['p.yaml', yaml]])), [noPrivilegedContainer, noUnusedException, noExpiredException], {
    config: parseConfig(configText, '.bulwark.yaml'),
    now: new Date('2026-11-23T12:00:00Z'),
  }).findings.map((f) => ({ id: f.checkId, messageId: f.messageId, line: 'line' in f.location ? f.location.line : 0, suppressed: Boolean(f.suppressed) }));
}

describe('no-unused-exception', () => {
  it('valid: a used, unexpired exception (expiring today still applies)', () => {
    assert.deepEqual(findings('exceptions:\n  - checks: [no-privileged-container]\n    reason: r\n    expires: 2026-11-23\n'), [
      { id: 'no-privileged-container', messageId: 'privileged', line: 5, suppressed: true },
    ]);
  });
  it('invalid: an exception whose name glob matches nothing is reported at its line', () => {
    assert.deepEqual(findings('exceptions:\n  - checks: [no-privileged-container]\n    names: [web-*]\n    reason: r\n'), [
      { id: 'no-unused-exception', messageId: 'unused', line: 2, suppressed: false },
      { id: 'no-privileged-container', messageId: 'privileged', line: 5, suppressed: false },
    ]);
  });
});
