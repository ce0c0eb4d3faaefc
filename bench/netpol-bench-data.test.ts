import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeNetwork } from '../src/analyzers/network/network-analyzer.js';
import { normalizePolicy } from '../src/analyzers/network/policies.js';
import { Inventory } from '../src/inventory/inventory.js';
import type { K8sObject } from '../src/model/types.js';
import { parseManifests } from '../src/sources/manifest-parser.js';
import { estateYaml, generateNetpolEstate, netpolBenchOptions } from './netpol-bench-data.js';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'];

function specOf(o: K8sObject): Record<string, unknown> {
  return (o.spec ?? {}) as Record<string, unknown>;
}

describe('NetworkPolicy benchmark data', () => {
  it('scales as the issue says: 5,000 workloads → 200 namespaces and 1,000 policies; double → 400 and 2,000', () => {
    assert.deepEqual(netpolBenchOptions(5000), { workloads: 5000, namespaces: 200, policies: 1000, seed: 1 });
    assert.deepEqual(netpolBenchOptions(10000, 7), { workloads: 10000, namespaces: 400, policies: 2000, seed: 7 });
  });

  it('is deterministic: same options, same objects; another seed, other objects', () => {
    const a = generateNetpolEstate(netpolBenchOptions(800));
    const b = generateNetpolEstate(netpolBenchOptions(800));
    assert.equal(JSON.stringify(a.objects), JSON.stringify(b.objects));
    assert.equal(estateYaml(a), estateYaml(b));
    assert.notEqual(JSON.stringify(generateNetpolEstate(netpolBenchOptions(800, 2)).objects), JSON.stringify(a.objects));
  });

  for (const workloads of [5000, 10000]) {
    it(`produces exactly what it says at ${workloads} workloads`, () => {
      const options = netpolBenchOptions(workloads);
      const estate = generateNetpolEstate(options);
      const c = estate.counts;
      assert.equal(c.Namespace, options.namespaces);
      assert.equal(c.NetworkPolicy, options.policies);
      assert.equal(WORKLOAD_KINDS.reduce((n, k) => n + (c[k] ?? 0), 0), workloads);
      for (const k of WORKLOAD_KINDS) assert.ok((c[k] ?? 0) > 0, `some ${k}`);
      assert.deepEqual(Object.keys(c).sort(), [...WORKLOAD_KINDS, 'Namespace', 'NetworkPolicy'].sort());
      assert.equal(estate.namespaces.length, options.namespaces);
      assert.equal(Object.values(estate.policyShapes).reduce((a, b) => a + b, 0), options.policies);
      // Names are unique per kind and namespace.
      const keys = estate.objects.map((o) => `${o.kind}/${String(o.metadata.namespace ?? '')}/${String(o.metadata.name)}`);
      assert.equal(new Set(keys).size, keys.length);
    });
  }

  it('reuses labels: namespaces share team/env/tier values, workloads share pod label sets', () => {
    const estate = generateNetpolEstate(netpolBenchOptions(5000));
    const nsLabels = estate.objects.filter((o) => o.kind === 'Namespace').map((o) => (o.metadata.labels ?? {}) as Record<string, string>);
    for (const key of ['team', 'env', 'tier']) {
      const values = nsLabels.map((l) => l[key]).filter((v) => v !== undefined);
      assert.ok(values.length >= 190, `most namespaces have ${key}`);
      assert.ok(new Set(values).size <= 25, `${key} values are reused`);
    }
    const network = computeNetwork(new Inventory(estate.objects.map((object, docIndex) => ({ object, source: { file: 'bench', docIndex, startLine: 1 }, pointerPrefix: '' }))));
    // Several workloads per label set, and policies cannot tell many label sets apart.
    assert.ok(network.classes.length < 0.75 * network.endpoints.length, `${network.classes.length} classes for ${network.endpoints.length} endpoints`);
    assert.ok(network.distinctClassCount < 0.6 * network.classes.length, `${network.distinctClassCount} groups for ${network.classes.length} classes`);
    // ReplicaSet-owned pods: one endpoint for two pods, one of them with another class.
    assert.ok(network.endpoints.some((e) => e.kind === 'ReplicaSet' && e.objects.length === 2 && e.classIds.length === 2));
  });

  it('has the policy shapes real clusters use', () => {
    const estate = generateNetpolEstate(netpolBenchOptions(5000));
    for (const shape of ['default-deny-ingress', 'default-deny-all', 'allow-same-namespace', 'allow-from-ingress-controller', 'allow-dns-egress', 'backend-from-frontend', 'allow-monitoring', 'egress-internet-https', 'egress-partner']) {
      assert.ok((estate.policyShapes[shape] ?? 0) > 10, shape);
    }
    const policies = estate.objects.filter((o) => o.kind === 'NetworkPolicy');
    const text = JSON.stringify(policies);
    for (const op of ['"In"', '"NotIn"', '"Exists"']) assert.ok(text.includes(`"operator":${op}`), op);
    assert.ok(text.includes('"endPort"'));
    assert.ok(text.includes('"port":"http"'), 'named ports');
    assert.ok(text.includes('"protocol":"UDP","port":53'), 'DNS over UDP');
    const blocks: { cidr: string; except?: string[] }[] = [];
    JSON.stringify(policies, (key, value: unknown) => {
      if (key === 'ipBlock') blocks.push(value as { cidr: string; except?: string[] });
      return value;
    });
    assert.ok(blocks.some((b) => !b.cidr.includes(':') && (b.except ?? []).length > 0), 'an IPv4 ipBlock with except');
    assert.ok(blocks.some((b) => b.cidr.includes(':') && (b.except ?? []).length > 0), 'an IPv6 ipBlock with except');
    // Egress-only policies, and default-deny-all namespaces that allow DNS egress.
    const normalized = policies.map(normalizePolicy);
    assert.ok(normalized.some((p) => p.egress && !p.ingress));
    const denyAll = new Set(policies.filter((p) => p.metadata.name === 'default-deny-all').map((p) => p.metadata.namespace));
    const dns = new Set(policies.filter((p) => p.metadata.name === 'allow-dns-egress').map((p) => p.metadata.namespace));
    assert.ok([...denyAll].every((ns) => dns.has(ns)), 'every default-deny-all namespace allows DNS');
    // Egress-only policies declare policyTypes [Egress].
    assert.ok(policies.some((p) => JSON.stringify(specOf(p).policyTypes) === '["Egress"]'));
  });

  it('round-trips through YAML: the parser reads every object back', () => {
    const estate = generateNetpolEstate(netpolBenchOptions(400));
    const parsed = parseManifests(estateYaml(estate), 'bench.yaml');
    assert.equal(parsed.objects.length, estate.objects.length);
    assert.deepEqual(
      parsed.objects.map((o) => o.object),
      estate.objects,
    );
  });
});
