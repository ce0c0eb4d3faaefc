import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffConnectivity } from '../analyzers/network/connectivity-diff.js';
import { computeNetwork } from '../analyzers/network/network-analyzer.js';
import { Inventory } from '../inventory/inventory.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { renderDiff } from './diff.js';

const deploy = (name: string) =>
  `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ns}\nspec: {template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: c}]}}}\n`;
const net = (yaml: string) => computeNetwork(new Inventory(parseManifests(yaml, 'x.yaml').objects));

const BEFORE = deploy('a') + deploy('b');
const AFTER =
  deploy('a') +
  `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec: {podSelector: {}, ingress: [{from: [{podSelector: {}}], ports: [{port: 80}, {port: 443}]}]}\n` +
  deploy('c');
const diffs = diffConnectivity(net(BEFORE), net(AFTER));

const GOLDEN_TXT = [
  'Connectivity diff:',
  'diff-type: added, source: ns/a[Deployment], destination: ns/c[Deployment], ref1: No Connections, ref2: TCP 80,443, workloads-diff-info: workload ns/c[Deployment] added',
  'diff-type: added, source: ns/c[Deployment], destination: 0.0.0.0-255.255.255.255[External], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload ns/c[Deployment] added',
  'diff-type: added, source: ns/c[Deployment], destination: ns/a[Deployment], ref1: No Connections, ref2: TCP 80,443, workloads-diff-info: workload ns/c[Deployment] added',
  'diff-type: removed, source: 0.0.0.0-255.255.255.255[External], destination: ns/a[Deployment], ref1: All Connections, ref2: No Connections',
  'diff-type: removed, source: 0.0.0.0-255.255.255.255[External], destination: ns/b[Deployment], ref1: All Connections, ref2: No Connections, workloads-diff-info: workload ns/b[Deployment] removed',
  'diff-type: removed, source: ns/a[Deployment], destination: ns/b[Deployment], ref1: All Connections, ref2: No Connections, workloads-diff-info: workload ns/b[Deployment] removed',
  'diff-type: removed, source: ns/b[Deployment], destination: 0.0.0.0-255.255.255.255[External], ref1: All Connections, ref2: No Connections, workloads-diff-info: workload ns/b[Deployment] removed',
  'diff-type: removed, source: ns/b[Deployment], destination: ns/a[Deployment], ref1: All Connections, ref2: No Connections, workloads-diff-info: workload ns/b[Deployment] removed',
  '',
].join('\n');

describe('netpol diff renderers', () => {
  it('renders txt like netpol-analyzer (changed, added, removed; by source, destination)', () => assert.equal(renderDiff(diffs, 'txt'), GOLDEN_TXT));
  it('renders csv with quoted multi-port cells and the workloads column', () => {
    const lines = renderDiff(diffs, 'csv').split('\n');
    assert.equal(lines[0], 'diff-type,source,destination,ref1,ref2,workloads-diff-info');
    assert.equal(lines[1], 'added,ns/a[Deployment],ns/c[Deployment],No Connections,"TCP 80,443",workload ns/c[Deployment] added');
    assert.equal(lines[4], 'removed,0.0.0.0-255.255.255.255[External],ns/a[Deployment],All Connections,No Connections,');
  });
  it('renders md and json with one row per diff', () => {
    assert.equal(renderDiff(diffs, 'md').trimEnd().split('\n').length, 2 + diffs.length);
    const json = JSON.parse(renderDiff(diffs, 'json')) as { diffType: string; ref2: string }[];
    assert.equal(json.length, diffs.length);
    assert.deepEqual(json[0], { diffType: 'added', src: 'ns/a[Deployment]', dst: 'ns/c[Deployment]', ref1: 'No Connections', ref2: 'TCP 80,443', workloadsDiffInfo: 'workload ns/c[Deployment] added' });
  });
});
