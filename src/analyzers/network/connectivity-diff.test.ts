import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../../inventory/inventory.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { diffConnectivity } from './connectivity-diff.js';
import { computeNetwork } from './network-analyzer.js';

const deploy = (name: string) =>
  `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ns}\nspec: {template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: c}]}}}\n`;
const policy = (spec: string) => `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec: ${spec}\n`;
const net = (yaml: string) => computeNetwork(new Inventory(parseManifests(yaml, 'x.yaml').objects));
const lines = (before: string, after: string) =>
  diffConnectivity(net(before), net(after)).map((d) => `${d.type} ${d.src} -> ${d.dst}: ${d.before.toString()} => ${d.after.toString()}${d.workloadsAdded.length ? ` +${d.workloadsAdded.join('&')}` : ''}${d.workloadsRemoved.length ? ` -${d.workloadsRemoved.join('&')}` : ''}`);

const ANY = '0.0.0.0-255.255.255.255[External]';

describe('connectivity diff', () => {
  const cases: { name: string; before: string; after: string; expected: string[] }[] = [
    { name: 'no change', before: deploy('a') + deploy('b'), after: deploy('b') + deploy('a'), expected: [] },
    {
      name: 'a policy narrows ingress: changed and removed',
      before: deploy('a') + deploy('b'),
      after: deploy('a') + deploy('b') + policy('{podSelector: {matchLabels: {app: b}}, ingress: [{from: [{podSelector: {}}], ports: [{port: 80}]}]}'),
      expected: ['changed ns/a[Deployment] -> ns/b[Deployment]: All Connections => TCP 80', `removed ${ANY} -> ns/b[Deployment]: All Connections => No Connections`],
    },
    {
      name: 'an ipBlock change is compared on the common refinement of the ranges',
      before: deploy('a') + policy('{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]}'),
      after: deploy('a') + policy('{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/9}}]}]}'),
      expected: ['removed 10.128.0.0-10.255.255.255[External] -> ns/a[Deployment]: All Connections => No Connections'],
    },
    {
      name: 'a new workload: its connections are added, naming it',
      before: deploy('a'),
      after: deploy('a') + deploy('b'),
      expected: [
        `added ${ANY} -> ns/b[Deployment]: No Connections => All Connections +ns/b[Deployment]`,
        'added ns/a[Deployment] -> ns/b[Deployment]: No Connections => All Connections +ns/b[Deployment]',
        `added ns/b[Deployment] -> ${ANY}: No Connections => All Connections +ns/b[Deployment]`,
        'added ns/b[Deployment] -> ns/a[Deployment]: No Connections => All Connections +ns/b[Deployment]',
      ],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(lines(c.before, c.after), c.expected));
});
