import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectionSet } from './connection-set.js';

describe('connection sets', () => {
  const table: [string, ConnectionSet, string][] = [
    ['all', ConnectionSet.ALL, 'All Connections'],
    ['none', ConnectionSet.NONE, 'No Connections'],
    ['one port', ConnectionSet.of('TCP', 8080, 8080), 'TCP 8080'],
    ['all TCP', ConnectionSet.of('TCP'), 'TCP 1-65535'],
    ['merges adjacent ports', ConnectionSet.of('TCP', 1, 1).union(ConnectionSet.of('TCP', 2, 5)), 'TCP 1-5'],
    ['protocols in order TCP, UDP, SCTP', ConnectionSet.of('SCTP', 9, 9).union(ConnectionSet.of('UDP', 53, 53)).union(ConnectionSet.of('TCP', 80, 80)).union(ConnectionSet.of('TCP', 443, 443)), 'TCP 80,443,UDP 53,SCTP 9'],
    ['intersection', ConnectionSet.of('TCP', 1, 100).intersect(ConnectionSet.of('TCP', 50, 200).union(ConnectionSet.of('UDP'))), 'TCP 50-100'],
    ['union of all protocols is all', ConnectionSet.of('TCP').union(ConnectionSet.of('UDP')).union(ConnectionSet.of('SCTP')), 'All Connections'],
    ['empty range', ConnectionSet.of('TCP', 10, 9), 'No Connections'],
    ['clamped to 1-65535', ConnectionSet.of('UDP', 0, 70000), 'UDP 1-65535'],
  ];
  for (const [name, set, text] of table) it(name, () => assert.equal(set.toString(), text));
  it('equals and allows', () => {
    assert.ok(ConnectionSet.of('TCP', 1, 2).equals(ConnectionSet.of('TCP', 1, 1).union(ConnectionSet.of('TCP', 2, 2))));
    assert.ok(ConnectionSet.of('TCP', 80, 90).allows('TCP', 85));
    assert.ok(!ConnectionSet.of('TCP', 80, 90).allows('UDP', 85));
  });
});
