import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../../inventory/inventory.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { endpointName } from './endpoints.js';
import { computeExposure, describeReason } from './exposure.js';
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

describe('exposure reasons and scope', () => {
  function explained(yaml: string): string[] {
    const report = computeExposure(computeNetwork(new Inventory(parseManifests(yaml, 'x.yaml').objects)));
    return report.entries.map((e) => `${e.direction} ${e.scope} ${e.peer} : ${e.reasons.map((r) => describeReason(r, e.direction)).join('; ')}`).sort();
  }
  it('names the rule and the open selector or ipBlock, or the missing isolation', () => {
    const got = explained(
      WORKLOAD +
        policy(`{podSelector: {}, policyTypes: [Ingress], ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {role: monitoring}}}]}, {from: [{ipBlock: {cidr: "::/0"}}], ports: [{port: 443}]}, {from: [{namespaceSelector: {matchLabels: {team: x}}}]}]}`),
    );
    assert.deepEqual(got, [
      'egress entire-cluster entire-cluster : not isolated: no NetworkPolicy selects it with policyType Egress',
      'egress outside 0.0.0.0-255.255.255.255[External] : not isolated: no NetworkPolicy selects it with policyType Egress',
      'ingress any-namespace [all namespaces]/[pod with {role=monitoring}] : hello/p ingress[0]: namespaceSelector {} podSelector {role=monitoring}',
      'ingress outside ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] : hello/p ingress[1]: ipBlock ::/0',
      'ingress selected-namespaces [namespace with {team=x}]/[all pods] : hello/p ingress[2]: namespaceSelector {team=x}',
    ]);
  });
  it('an ingress rule without from opens the workload to the entire cluster and outside', () => {
    const got = explained(WORKLOAD + INGRESS_ONLY('[{ports: [{port: 8050}]}]'));
    assert.ok(got.includes('ingress entire-cluster entire-cluster : hello/p ingress[0]: any source'), got.join('\n'));
    assert.ok(got.includes('ingress outside 0.0.0.0-255.255.255.255[External] : hello/p ingress[0]: any source'), got.join('\n'));
  });
});
