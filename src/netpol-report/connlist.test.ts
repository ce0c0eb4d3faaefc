import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Facts } from '../analyzers/facts.js';
import { networkAnalyzer } from '../analyzers/network/network-analyzer.js';
import { Inventory } from '../inventory/inventory.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { connlistRows, renderConnlist, type ConnlistFormat } from './connlist.js';
import { renderConnlistDot } from './connlist-dot.js';

const INPUT = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: c}]}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 80}, {port: 443}]}]
  egress: [{ports: [{port: 53, protocol: UDP}]}, {to: [{podSelector: {}}]}]
`;

const network = new Facts(new Inventory(parseManifests(INPUT, 'x.yaml').objects)).get(networkAnalyzer);

const GOLDEN: Record<ConnlistFormat, string> = {
  txt: 'shop/api[Deployment] => 0.0.0.0-255.255.255.255[External] : UDP 53\nshop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : UDP 53\nshop/web[Deployment] => shop/api[Deployment] : TCP 80,443\n',
  csv: 'src,dst,conn\nshop/api[Deployment],0.0.0.0-255.255.255.255[External],UDP 53\nshop/web[Deployment],0.0.0.0-255.255.255.255[External],UDP 53\nshop/web[Deployment],shop/api[Deployment],"TCP 80,443"\n',
  md: '| src | dst | conn |\n|-----|-----|------|\n| shop/api[Deployment] | 0.0.0.0-255.255.255.255[External] | UDP 53 |\n| shop/web[Deployment] | 0.0.0.0-255.255.255.255[External] | UDP 53 |\n| shop/web[Deployment] | shop/api[Deployment] | TCP 80,443 |\n',
  json: `${JSON.stringify(
    [
      { src: 'shop/api[Deployment]', dst: '0.0.0.0-255.255.255.255[External]', conn: 'UDP 53' },
      { src: 'shop/web[Deployment]', dst: '0.0.0.0-255.255.255.255[External]', conn: 'UDP 53' },
      { src: 'shop/web[Deployment]', dst: 'shop/api[Deployment]', conn: 'TCP 80,443' },
    ],
    null,
    2,
  )}\n`,
};

describe('netpol list renderers', () => {
  for (const [format, golden] of Object.entries(GOLDEN)) {
    it(`renders ${format}`, () => assert.equal(renderConnlist(connlistRows(network.connections()), format as ConnlistFormat), golden));
  }

  it('focus keeps the connections from or to the workload, by name, ns/name or ns/name[Kind]', () => {
    for (const focus of ['api', 'shop/api', 'shop/api[Deployment]']) {
      assert.deepEqual(
        connlistRows(network.connections(), focus).map((r) => `${r.src} => ${r.dst}`),
        ['shop/api[Deployment] => 0.0.0.0-255.255.255.255[External]', 'shop/web[Deployment] => shop/api[Deployment]'],
      );
    }
    assert.deepEqual(connlistRows(network.connections(), 'nope'), []);
  });

  it('renders dot with namespaces as clusters', () => {
    assert.equal(
      renderConnlistDot(network.connections(), network.endpoints),
      [
        'digraph {',
        '\tsubgraph "cluster_shop[namespace]" {',
        '\t\tcolor="black"',
        '\t\tfontcolor="black"',
        '\t\t"shop/api[Deployment]" [label="api[Deployment]" color="blue" fontcolor="blue"]',
        '\t\t"shop/web[Deployment]" [label="web[Deployment]" color="blue" fontcolor="blue"]',
        '\t\tlabel="shop[namespace]"',
        '\t}',
        '\t"0.0.0.0-255.255.255.255[External]" [label="0.0.0.0-255.255.255.255[External]" color="red2" fontcolor="red2"]',
        '\t"shop/api[Deployment]" -> "0.0.0.0-255.255.255.255[External]" [label="UDP 53" color="gold2" fontcolor="darkgreen" weight=1]',
        '\t"shop/web[Deployment]" -> "0.0.0.0-255.255.255.255[External]" [label="UDP 53" color="gold2" fontcolor="darkgreen" weight=1]',
        '\t"shop/web[Deployment]" -> "shop/api[Deployment]" [label="TCP 80,443" color="gold2" fontcolor="darkgreen" weight=1]',
        '}',
        '',
      ].join('\n'),
    );
  });
});
