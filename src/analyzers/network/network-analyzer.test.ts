import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../../inventory/inventory.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { Facts } from '../facts.js';
import { networkAnalyzer, peerName } from './network-analyzer.js';

/** The allowed connections of a manifest set, as sorted `src => dst : conns` lines. */
function connlist(yaml: string): string[] {
  const facts = new Facts(new Inventory(parseManifests(yaml, 'x.yaml').objects)).get(networkAnalyzer);
  return facts
    .connections()
    .map((c) => `${peerName(c.src)} => ${peerName(c.dst)} : ${c.conns.toString()}`)
    .sort();
}

/** Two namespaces: shop (labelled team=shop) with web, api, db; ops with monitor. */
const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 5353, protocol: UDP}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api, tier: back}}
    spec: {containers: [{name: c, ports: [{name: http, containerPort: 9090}]}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: db, namespace: shop}
spec:
  jobTemplate: {spec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c}]}}}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: monitor, namespace: ops}
spec:
  template:
    metadata: {labels: {app: monitor}}
    spec: {containers: [{name: c}]}
`;

const WEB = 'shop/web[Deployment]';
const API = 'shop/api[Deployment]';
const DB = 'shop/db[CronJob]';
const MON = 'ops/monitor[DaemonSet]';
const ANY = '0.0.0.0-255.255.255.255[External]';

function policy(name: string, namespace: string, spec: string): string {
  return `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: ${spec}\n`;
}

/** Every line of the unrestricted cluster, for cases that only remove or change a few. */
function open(): string[] {
  const names = [WEB, API, DB, MON];
  const out: string[] = [];
  for (const a of names) {
    out.push(`${a} => ${ANY} : All Connections`, `${ANY} => ${a} : All Connections`);
    for (const b of names) if (a !== b) out.push(`${a} => ${b} : All Connections`);
  }
  return out.sort();
}

/** The lines that involve `dst` as destination (to check one workload's ingress). */
function into(lines: string[], dst: string): string[] {
  return lines.filter((l) => l.split(' : ')[0].endsWith(`=> ${dst}`));
}
function outOf(lines: string[], src: string): string[] {
  return lines.filter((l) => l.startsWith(`${src} =>`));
}

interface Case {
  name: string;
  policies: string;
  /** Expected lines into this workload (ingress) ... */
  into?: [string, string[]];
  /** ... and/or out of this workload (egress). */
  outOf?: [string, string[]];
  /** Or the whole list. */
  all?: string[];
}

const CASES: Case[] = [
  { name: 'no policy: everything is allowed, both ways, including outside the cluster', policies: '', all: open() },
  {
    name: 'policyTypes omitted, no egress rules: Ingress only (deny all ingress to web, egress untouched)',
    policies: policy('deny', 'shop', '{podSelector: {matchLabels: {app: web}}}'),
    into: [WEB, []],
    outOf: [WEB, [`${WEB} => ${ANY} : All Connections`, `${WEB} => ${DB} : All Connections`, `${WEB} => ${API} : All Connections`, `${WEB} => ${MON} : All Connections`].sort()],
  },
  {
    name: 'policyTypes omitted with egress rules: Ingress and Egress (web isolated both ways)',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: {app: web}}, egress: [{to: [{podSelector: {matchLabels: {app: api}}}]}]}'),
    into: [WEB, []],
    outOf: [WEB, [`${WEB} => ${API} : All Connections`]],
  },
  {
    name: 'policyTypes [Egress] only: ingress stays open',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress]}'),
    into: [WEB, [`${ANY} => ${WEB} : All Connections`, `${API} => ${WEB} : All Connections`, `${DB} => ${WEB} : All Connections`, `${MON} => ${WEB} : All Connections`].sort()],
    outOf: [WEB, []],
  },
  {
    name: 'ingress rules ignored when policyTypes is [Egress]',
    policies: policy('p', 'shop', '{podSelector: {}, policyTypes: [Egress], ingress: [{}]}'),
    all: open().filter((l) => !/^shop\//.test(l)),
  },
  {
    name: 'empty podSelector in a peer: every pod of the policy namespace, not other namespaces nor outside',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: {app: web}}, ingress: [{from: [{podSelector: {}}]}]}'),
    into: [WEB, [`${API} => ${WEB} : All Connections`, `${DB} => ${WEB} : All Connections`]],
  },
  {
    name: 'empty namespaceSelector: every pod of every namespace, not outside',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: {app: web}}, ingress: [{from: [{namespaceSelector: {}}]}]}'),
    into: [WEB, [`${API} => ${WEB} : All Connections`, `${DB} => ${WEB} : All Connections`, `${MON} => ${WEB} : All Connections`].sort()],
  },
  {
    name: 'missing from: every source including outside',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: {app: web}}, ingress: [{ports: [{port: 8080}]}]}'),
    into: [WEB, [`${ANY} => ${WEB} : TCP 8080`, `${API} => ${WEB} : TCP 8080`, `${DB} => ${WEB} : TCP 8080`, `${MON} => ${WEB} : TCP 8080`].sort()],
  },
  {
    name: 'namespaceSelector AND podSelector in one peer',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: {app: web}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: shop}}, podSelector: {matchLabels: {app: db}}}]}]}'),
    into: [WEB, [`${DB} => ${WEB} : All Connections`]],
  },
  {
    name: 'namespaceSelector OR podSelector as two peers',
    policies: policy(
      'p',
      'shop',
      '{podSelector: {matchLabels: {app: web}}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}}, {podSelector: {matchLabels: {app: db}}}]}]}',
    ),
    into: [WEB, [`${DB} => ${WEB} : All Connections`, `${MON} => ${WEB} : All Connections`]],
  },
  {
    name: 'matchExpressions NotIn and DoesNotExist',
    policies: policy(
      'p',
      'shop',
      '{podSelector: {matchLabels: {app: web}}, ingress: [{from: [{podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [api]}, {key: tier, operator: DoesNotExist}]}}]}]}',
    ),
    into: [WEB, [`${DB} => ${WEB} : All Connections`]],
  },
  {
    name: 'named port resolves against the destination container, with its protocol',
    policies: policy(
      'p',
      'shop',
      '{podSelector: {matchLabels: {tier: front}}, ingress: [{ports: [{port: http}, {port: dns, protocol: UDP}, {port: dns}, {port: nope}]}]}',
    ),
    into: [WEB, [`${ANY} => ${WEB} : TCP 8080,UDP 5353`, `${API} => ${WEB} : TCP 8080,UDP 5353`, `${DB} => ${WEB} : TCP 8080,UDP 5353`, `${MON} => ${WEB} : TCP 8080,UDP 5353`].sort()],
  },
  {
    name: 'named egress port resolves against each destination; outside has no named ports',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: {app: db}}, policyTypes: [Egress], egress: [{ports: [{port: http}]}]}'),
    outOf: [DB, [`${DB} => ${API} : TCP 9090`, `${DB} => ${WEB} : TCP 8080`]],
  },
  {
    name: 'endPort range, SCTP and UDP',
    policies: policy(
      'p',
      'shop',
      '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {}}], ports: [{port: 8000, endPort: 8010}, {port: 53, protocol: UDP}, {protocol: SCTP}]}]}',
    ),
    into: [API, [`${DB} => ${API} : TCP 8000-8010,UDP 53,SCTP 1-65535`, `${WEB} => ${API} : TCP 8000-8010,UDP 53,SCTP 1-65535`]],
  },
  {
    name: 'a connection needs the source egress AND the destination ingress',
    policies:
      policy('e', 'shop', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{ports: [{port: 80}, {port: 443}]}]}') +
      policy('i', 'shop', '{podSelector: {matchLabels: {app: api}}, ingress: [{ports: [{port: 443}, {port: 8443}]}]}'),
    outOf: [WEB, [`${WEB} => ${ANY} : TCP 80,443`, `${WEB} => ${API} : TCP 443`, `${WEB} => ${DB} : TCP 80,443`, `${WEB} => ${MON} : TCP 80,443`].sort()],
  },
  {
    name: 'rules of several policies add up',
    policies:
      policy('a', 'shop', '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 1}]}]}') +
      policy('b', 'shop', '{podSelector: {matchLabels: {tier: back}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 2}]}]}'),
    into: [API, [`${WEB} => ${API} : TCP 1-2`]],
  },
  {
    name: 'a policy selects pods of its own namespace only',
    policies: policy('deny', 'ops', '{podSelector: {matchLabels: {app: web}}}'),
    all: open(),
  },
  {
    name: 'ipBlock with except splits the outside into ranges',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: {app: web}}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]}'),
    into: [WEB, [`10.0.0.0-10.0.255.255[External] => ${WEB} : All Connections`, `10.2.0.0-10.255.255.255[External] => ${WEB} : All Connections`]],
  },
  {
    name: 'ipBlock does not match pods',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: {app: db}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}'),
    outOf: [DB, [`${DB} => ${ANY} : All Connections`]],
  },
  {
    name: 'IPv6 ipBlock',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: {app: db}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}}], ports: [{port: 443}]}]}'),
    outOf: [
      DB,
      [
        `${DB} => 2001:db8::-2001:db8:0:ffff:ffff:ffff:ffff:ffff[External] : TCP 443`,
        `${DB} => 2001:db8:2::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff[External] : TCP 443`,
      ],
    ],
  },
  {
    name: 'malformed podSelector selects nothing',
    policies: policy('p', 'shop', '{podSelector: {matchLabels: [oops]}}'),
    all: open(),
  },
];

describe('network analyzer: NetworkPolicy semantics', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const lines = connlist(BASE + c.policies);
      if (c.all) assert.deepEqual(lines, c.all);
      if (c.into) assert.deepEqual(into(lines, c.into[0]), [...c.into[1]].sort());
      if (c.outOf) assert.deepEqual(outOf(lines, c.outOf[0]), [...c.outOf[1]].sort());
    });
  }

  it('pods with a common owner are one endpoint; static pods (owned by a Node) are their own', () => {
    const pod = (name: string, owner: string, labels: string) =>
      `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ns, labels: {${labels}}, ownerReferences: [${owner}]}\nspec: {containers: [{name: c}]}\n`;
    const lines = connlist(
      pod('rs-a', '{kind: ReplicaSet, name: rs, controller: true}', 'app: a') +
        pod('rs-b', '{kind: ReplicaSet, name: rs, controller: true}', 'app: b') +
        pod('etcd-node1', '{kind: Node, name: node1}', 'app: etcd') +
        policy('p', 'ns', '{podSelector: {matchLabels: {app: etcd}}, ingress: [{from: [{podSelector: {matchLabels: {app: b}}}]}]}'),
    );
    assert.deepEqual(lines, [
      `${ANY} => ns/rs[ReplicaSet] : All Connections`,
      `ns/etcd-node1[Pod] => ${ANY} : All Connections`,
      'ns/etcd-node1[Pod] => ns/rs[ReplicaSet] : All Connections',
      `ns/rs[ReplicaSet] => ${ANY} : All Connections`,
      'ns/rs[ReplicaSet] => ns/etcd-node1[Pod] : All Connections',
    ]);
  });

  it('objects without a namespace are in "default", whose automatic name label selects them', () => {
    const lines = connlist(
      `apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {app: a}}\nspec: {containers: [{name: c}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: other}\nspec: {containers: [{name: c}]}\n` +
        `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: other}\nspec: {podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: default}}}]}]}\n`,
    );
    assert.deepEqual(lines, [`${ANY} => default/a[Pod] : All Connections`, `default/a[Pod] => ${ANY} : All Connections`, 'default/a[Pod] => other/b[Pod] : All Connections', `other/b[Pod] => ${ANY} : All Connections`, 'other/b[Pod] => default/a[Pod] : All Connections']);
  });

  it('computes once per class: identical workloads share a class', () => {
    const deploy = (name: string) => `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: x}\nspec: {template: {metadata: {labels: {app: same}}, spec: {containers: [{name: c}]}}}\n`;
    const facts = new Facts(new Inventory(parseManifests(deploy('a') + deploy('b') + deploy('c'), 'x.yaml').objects)).get(networkAnalyzer);
    assert.equal(facts.endpoints.length, 3);
    assert.equal(facts.classes.length, 1);
  });
});
