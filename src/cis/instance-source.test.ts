import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildControlPlaneFacts } from '../analyzers/control-plane/control-plane-analyzer.js';
import type { ControlPlaneFacts } from '../analyzers/control-plane/types.js';
import { Inventory } from '../inventory/inventory.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { kubeletConfig, psLine, staticPod } from '../testing/control-plane.js';
import { indexFiles, selectFiles } from './file-targets.js';
import { instanceSource } from './instance-source.js';
import { evaluateTests } from './semantics/evaluate-tests.js';
import type { Tests } from './types.js';

function factsOf(...docs: string[]): ControlPlaneFacts {
  const file = 'inputs.yaml';
  const text = docs.map((d) => d.trimEnd()).join('\n---\n') + '\n';
  const parsed = parseManifests(text, file);
  return buildControlPlaneFacts(new Inventory(parsed.objects, [], new Map([[file, text]])));
}

test('instance source: split list items, space-separated values, names inside other flags, env', () => {
  const facts = factsOf(
    staticPod('kube-controller-manager', ['--profiling', 'false', '--audit-log-maxage', '30', '--feature-gates=RotateKubeletServerCertificate=false,Other=true']),
  );
  const src = instanceSource(facts.of('kube-controller-manager')[0]!);
  // --profiling is boolean: `false` is a stray argument, the flag stays true (pflag rule).
  assert.deepEqual([src.flag('--profiling', true).found, src.flag('--profiling', true).value], [true, 'true']);
  assert.equal(src.flag('--audit-log-maxage', true).value, '30');
  const gate = src.flag('RotateKubeletServerCertificate', true);
  assert.deepEqual([gate.found, gate.value], [true, 'false,Other=true']);
  assert.equal(gate.pointer, '/spec/containers/0/command/5');
  assert.equal(src.flag('--missing', false).found, false);
  assert.equal(src.path('{.a}').found, false);
  assert.equal(src.env('X').found, false);
});

test('instance source: kubelet config paths and the flag-over-config rule of evaluate-tests', () => {
  const facts = factsOf(
    psLine(['/usr/bin/kubelet', '--config=/var/lib/kubelet/config.yaml', '--rotate-certificates=false']),
    kubeletConfig({ rotateCertificates: true, tlsCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], readOnlyPort: 0 }),
  );
  const kubelet = facts.of('kubelet')[0]!;
  const src = instanceSource(kubelet);
  assert.deepEqual(src.path('{.readOnlyPort}'), { found: true, value: '0', via: 'config', name: '{.readOnlyPort}', pointer: '/readOnlyPort' });
  assert.equal(src.path('{range .tlsCipherSuites[:]}{}{\',\'}{end}').value, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,');
  assert.ok(src.path('{.a[').error);
  const rotate: Tests = {
    binOp: 'or',
    items: [
      { flag: '--rotate-certificates', path: '{.rotateCertificates}', set: true, compare: { op: 'eq', value: 'true' } },
      { flag: '--rotate-certificates', path: '{.rotateCertificates}', set: false },
    ],
  };
  assert.equal(evaluateTests(rotate, src, { hasConfig: true }).pass, false);
});

test('file targets follow component flags, then kube-bench candidate lists', () => {
  const facts = factsOf(
    psLine(['/usr/bin/kubelet', '--config=/etc/kubelet/cfg.yaml', '--kubeconfig=/etc/kubelet/kubeconfig', '--cni-conf-dir=/opt/cni']),
    kubeletConfig({ authentication: { x509: { clientCAFile: '/etc/kubelet/ca.crt' } } }),
    staticPod('etcd', ['--data-dir=/data/etcd']),
  );
  const index = indexFiles([
    { path: '/etc/kubelet/cfg.yaml', exists: true, mode: 0o600 },
    { path: '/var/lib/kubelet/config.yaml', exists: true, mode: 0o644 },
    { path: '/etc/kubelet/kubeconfig/', exists: true, mode: 0o600 },
    { path: '/etc/kubelet/ca.crt', exists: true, mode: 0o644 },
    { path: '/opt/cni/10-net.conflist', exists: true, mode: 0o644 },
    { path: '/var/lib/cni/networks/net1', exists: true, isDir: true, mode: 0o755 },
    { path: '/var/lib/cni/networks/net1/10.0.0.2', exists: true, mode: 0o644 },
    { path: '/data/etcd', exists: true, isDir: true, mode: 0o700 },
    { path: '/var/lib/etcd/default.etcd', exists: true, isDir: true, mode: 0o755 },
  ]);
  const paths = (t: Parameters<typeof selectFiles>[0]) => selectFiles(t, facts, index).files.map((f) => f.path);
  assert.deepEqual(paths('kubelet-config'), ['/etc/kubelet/cfg.yaml']);
  assert.deepEqual(paths('kubelet-kubeconfig'), ['/etc/kubelet/kubeconfig']);
  assert.deepEqual(paths('kubelet-client-ca'), ['/etc/kubelet/ca.crt']);
  assert.deepEqual(paths('cni-files'), ['/opt/cni/10-net.conflist', '/var/lib/cni/networks/net1/10.0.0.2']);
  assert.deepEqual(paths('etcd-data-dir'), ['/data/etcd']);
  assert.deepEqual(paths('kubelet-service'), []);
});
