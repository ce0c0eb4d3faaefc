import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildControlPlaneFacts } from '../analyzers/control-plane/control-plane-analyzer.js';
import type { ControlPlaneFacts } from '../analyzers/control-plane/types.js';
import { Inventory } from '../inventory/inventory.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { auditPolicy, encryptionConfig, key, staticPod } from '../testing/control-plane.js';
import { CIS_1_12_CONTROLS } from './benchmarks/cis-1-12.js';
import { specialHint } from './hints.js';
import { runBenchmark } from './run-benchmark.js';

function factsOf(...docs: string[]): ControlPlaneFacts {
  const file = 'inputs.yaml';
  const text = docs.map((d) => d.trimEnd()).join('\n---\n') + '\n';
  const parsed = parseManifests(text, file);
  return buildControlPlaneFacts(new Inventory(parsed.objects, [], new Map([[file, text]])));
}

const control = (id: string) => CIS_1_12_CONTROLS.find((c) => c.id === id)!;
const ENC_FLAG = '--encryption-provider-config=/etc/kubernetes/enc/enc.yaml';
const AUDIT_FLAGS = ['--audit-policy-file=/etc/kubernetes/audit/policy.yaml', '--audit-log-path=/var/log/audit.log'];
const goodEncryption = encryptionConfig([{ resources: ['secrets'], providers: [{ aescbc: { keys: [{ name: 'k1', secret: key(32) }] } }, { identity: {} }] }]);
const identityFirst = encryptionConfig([{ resources: ['secrets'], providers: [{ identity: {} }, { aescbc: { keys: [{ name: 'k1', secret: key(32) }] } }] }]);
const goodAudit = auditPolicy([
  { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps'] }, { group: 'authentication.k8s.io', resources: ['tokenreviews'] }] },
  { level: 'RequestResponse' },
]);
const secretsBodies = auditPolicy([{ level: 'RequestResponse' }]);

test('special hints for encryption, audit policy, etcd CA and bootstrap tokens', () => {
  const table: [name: string, id: string, docs: string[], hint: string, reason: RegExp][] = [
    ['no encryption flag', '1.2.28', [staticPod('kube-apiserver', [])], 'likely-fail', /no --encryption-provider-config/],
    ['flag without the file', '1.2.28', [staticPod('kube-apiserver', [ENC_FLAG])], 'unknown', /not in the inputs/],
    ['flag without the file (1.2.27)', '1.2.27', [staticPod('kube-apiserver', [ENC_FLAG])], 'likely-pass', /not in the inputs/],
    ['aescbc first', '1.2.28', [staticPod('kube-apiserver', [ENC_FLAG]), goodEncryption], 'likely-pass', /aescbc/],
    ['identity first', '1.2.28', [staticPod('kube-apiserver', [ENC_FLAG]), identityFirst], 'likely-fail', /identity/],
    ['no audit flag', '3.2.2', [staticPod('kube-apiserver', [])], 'likely-fail', /no --audit-policy-file/],
    ['good audit policy', '3.2.2', [staticPod('kube-apiserver', AUDIT_FLAGS), goodAudit], 'likely-pass', /Metadata/],
    ['secrets bodies logged', '3.2.2', [staticPod('kube-apiserver', AUDIT_FLAGS), secretsBodies], 'likely-fail', /bodies of secrets/],
    ['audit policy present', '3.2.1', [staticPod('kube-apiserver', AUDIT_FLAGS), goodAudit], 'likely-pass', /records events/],
    ['bootstrap tokens off', '3.1.3', [staticPod('kube-apiserver', ['--enable-bootstrap-token-auth=false'])], 'likely-pass', /off/],
    ['etcd CA shared with the cluster', '2.7', [staticPod('etcd', ['--trusted-ca-file=/pki/ca.crt']), staticPod('kube-apiserver', ['--client-ca-file=/pki/ca.crt'])], 'likely-fail', /same CA/],
  ];
  for (const [name, id, docs, hint, reason] of table) {
    const facts = factsOf(...docs);
    const c = control(id);
    const component = c.target === 'etcd' ? 'etcd' : 'kube-apiserver';
    const h = specialHint(c, facts.of(component)[0]!, facts);
    assert.equal(h?.hint, hint, name);
    assert.match(h?.reason ?? '', reason, name);
    const result = runBenchmark(facts, { only: [id] }).results[0]!;
    assert.equal(result.status, 'MANUAL', name);
    assert.equal(result.hint, hint, `${name} (report)`);
  }
});

test('--authorization-config stands in for --authorization-mode (deliberate difference), kube-bench state stays FAIL', () => {
  const authz = `apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
- type: Node
  name: node
- type: RBAC
  name: rbac
`;
  const facts = factsOf(staticPod('kube-apiserver', ['--authorization-config=/etc/kubernetes/authz.yaml']), authz);
  const report = runBenchmark(facts, { only: ['1.2.6', '1.2.7', '1.2.8'] });
  for (const r of report.results) {
    assert.equal(r.status, 'PASS', r.control.id);
    assert.equal(r.kubeBenchState, 'FAIL', r.control.id);
    assert.equal(r.instances[0]?.anchor?.object.kind, 'AuthorizationConfiguration', r.control.id);
  }
  const without = runBenchmark(factsOf(staticPod('kube-apiserver', [])), { only: ['1.2.7'] }).results[0]!;
  assert.equal(without.status, 'FAIL');
});
