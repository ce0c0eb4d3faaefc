import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../../inventory/inventory.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { endpointName } from './endpoints.js';
import { computeExposure } from './exposure.js';
import { computeNetwork } from './network-analyzer.js';

const WORKLOAD = `apiVersion: apps/v1
kind: Deployment
metadata: {name: a, namespace: hello}
spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, ports: [{name: web, containerPort: 8050}]}]}}}
`;
const policy = (spec: string) => `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: hello}\nspec: ${spec}\n`;

function exposure(yaml: string): string[] {
  const report = computeExposure(computeNetwork(new Inventory(parseManifests(yaml, 'x.yaml').objects)));
  return [
    ...report.entries.map((e) => `${e.direction} ${endpointName(e.workload)} ${e.peer} : ${e.conns.toString()}${e.policies.length ? ` (${e.policies.join(',')})` : ''}`),
    ...report.unprotected.map((u) => `unprotected ${u.direction} ${endpointName(u.workload)}`),
  ].sort();
}

const A = 'hello/a[Deployment]';
const ANY = '0.0.0.0-255.255.255.255[External]';
const INGRESS_ONLY = (rules: string) => policy(`{podSelector: {}, policyTypes: [Ingress], ingress: ${rules}}`);

describe('exposure', () => {
  const cases: { name: string; policies: string; expected: string[] }[] = [
    {
      name: 'no policy: exposed to the entire cluster and outside, both ways',
      policies: '',
      expected: [`egress ${A} ${ANY} : All Connections`, `egress ${A} entire-cluster : All Connections`, `ingress ${A} ${ANY} : All Connections`, `ingress ${A} entire-cluster : All Connections`, `unprotected egress ${A}`, `unprotected ingress ${A}`].sort(),
    },
    {
      name: 'any namespace, some pods: a representative peer, with the named port resolved on the workload',
      policies: INGRESS_ONLY('[{from: [{namespaceSelector: {}, podSelector: {matchLabels: {role: monitoring}}}], ports: [{port: web}]}]'),
      expected: [`egress ${A} ${ANY} : All Connections`, `egress ${A} entire-cluster : All Connections`, `ingress ${A} [all namespaces]/[pod with {role=monitoring}] : TCP 8050 (hello/p)`, `unprotected egress ${A}`].sort(),
    },
    {
      name: 'namespace by name and by labels',
      policies: INGRESS_ONLY('[{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: backend}}, podSelector: {matchLabels: {app: new}}}, {namespaceSelector: {matchLabels: {effect: NoSchedule}}}]}]'),
      expected: [
        `egress ${A} ${ANY} : All Connections`,
        `egress ${A} entire-cluster : All Connections`,
        `ingress ${A} [namespace with {effect=NoSchedule}]/[all pods] : All Connections (hello/p)`,
        `ingress ${A} backend/[pod with {app=new}] : All Connections (hello/p)`,
        `unprotected egress ${A}`,
      ].sort(),
    },
    {
      name: 'a representative within what the entire cluster gets is not repeated; same-namespace pod selectors are not exposure',
      policies: INGRESS_ONLY('[{from: [{namespaceSelector: {}}], ports: [{port: 80}, {port: 90}]}, {from: [{namespaceSelector: {}, podSelector: {matchLabels: {x: y}}}], ports: [{port: 80}]}, {from: [{podSelector: {matchLabels: {x: y}}}]}]'),
      expected: [`egress ${A} ${ANY} : All Connections`, `egress ${A} entire-cluster : All Connections`, `ingress ${A} entire-cluster : TCP 80,90 (hello/p)`, `unprotected egress ${A}`].sort(),
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(exposure(WORKLOAD + c.policies), c.expected));
});
