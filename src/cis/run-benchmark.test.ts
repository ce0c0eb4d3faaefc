import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildControlPlaneFacts } from '../analyzers/control-plane/control-plane-analyzer.js';
import type { ControlPlaneFacts } from '../analyzers/control-plane/types.js';
import { Inventory } from '../inventory/inventory.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { kubeletConfig, psLine, staticPod } from '../testing/control-plane.js';
import { KUBE_BENCH_ORACLE } from './oracle-path.js';
import { runBenchmark } from './run-benchmark.js';
import type { CisReport, CisResult, FileFact } from './types.js';

function factsOf(...docs: string[]): ControlPlaneFacts {
  const file = 'inputs.yaml';
  const text = docs.map((d) => d.trimEnd()).join('\n---\n') + '\n';
  const parsed = parseManifests(text, file);
  assert.deepEqual(parsed.problems.filter((p) => p.level === 'error'), []);
  return buildControlPlaneFacts(new Inventory(parsed.objects, [], new Map([[file, text]])));
}

function byId(report: CisReport): Map<string, CisResult> {
  return new Map(report.results.map((r) => [r.control.id, r]));
}

const KUBEADM_APISERVER = [
  '--advertise-address=10.0.0.10',
  '--authorization-mode=Node,RBAC',
  '--client-ca-file=/etc/kubernetes/pki/ca.crt',
  '--enable-admission-plugins=NodeRestriction',
  '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
  '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
  '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
  '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
  '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
  '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
  '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
  '--enable-bootstrap-token-auth=true',
];

test('kube-apiserver static pod: automated verdicts, found text, pointers, manual hints', () => {
  const report = runBenchmark(factsOf(staticPod('kube-apiserver', KUBEADM_APISERVER)), { today: '2025-01-01' });
  const r = byId(report);
  const table: [id: string, status: string, kubeBench: string][] = [
    ['1.2.2', 'PASS', 'PASS'],
    ['1.2.4', 'PASS', 'PASS'],
    ['1.2.5', 'FAIL', 'FAIL'],
    ['1.2.6', 'PASS', 'PASS'],
    ['1.2.7', 'PASS', 'PASS'],
    ['1.2.8', 'PASS', 'PASS'],
    ['1.2.10', 'PASS', 'PASS'],
    ['1.2.12', 'PASS', 'PASS'],
    ['1.2.14', 'PASS', 'PASS'],
    ['1.2.15', 'FAIL', 'FAIL'],
    ['1.2.17', 'FAIL', 'FAIL'],
    ['1.2.21', 'PASS', 'PASS'],
    ['1.2.30', 'FAIL', 'FAIL'],
    ['1.2.1', 'MANUAL', 'WARN'],
    ['1.2.20', 'MANUAL', 'WARN'],
    ['1.2.27', 'MANUAL', 'WARN'],
    ['3.2.1', 'MANUAL', 'WARN'],
  ];
  for (const [id, status, kb] of table) {
    assert.equal(r.get(id)?.status, status, id);
    assert.equal(r.get(id)?.kubeBenchState, kb, `${id} kube-bench state`);
  }
  const profiling = r.get('1.2.15')!;
  assert.equal(profiling.found, '--profiling not set (Kubernetes default: true)');
  assert.equal(profiling.instances[0]?.pointer, '/spec/containers/0/command');
  assert.equal(profiling.instances[0]?.expectedResult, "'--profiling' is present");
  assert.equal(profiling.instances[0]?.anchor?.object.kind, 'Pod');
  const authz = r.get('1.2.7')!;
  assert.equal(authz.found, '--authorization-mode=Node,RBAC');
  assert.equal(authz.instances[0]?.pointer, '/spec/containers/0/command/2');
  assert.equal(r.get('1.2.1')?.hint, 'likely-fail');
  assert.equal(r.get('1.2.11')?.hint, 'likely-fail');
  assert.equal(r.get('1.2.27')?.hint, 'likely-fail');
  assert.equal(r.get('3.1.3')?.hint, 'unknown');
  assert.equal(r.get('3.1.1')?.status, 'MANUAL');
  // Other components are absent: INFO for automated, MANUAL/unknown for manual controls; never PASS.
  assert.equal(r.get('1.3.2')?.status, 'INFO');
  assert.equal(r.get('1.3.2')?.reason, 'no kube-controller-manager in the inputs');
  assert.equal(r.get('2.7')?.status, 'MANUAL');
  assert.equal(r.get('2.7')?.hint, 'unknown');
  assert.equal(r.get('4.2.1')?.status, 'INFO');
  // No stat data: file checks are INFO (automated) or MANUAL (manual).
  assert.equal(r.get('1.1.1')?.status, 'INFO');
  assert.equal(r.get('1.1.1')?.reason, 'needs --node or --file-stats');
  assert.equal(r.get('1.1.9')?.status, 'MANUAL');
  // Section 5 is not run by default.
  assert.equal(r.has('5.1.1'), false);
  for (const res of report.results) if (!res.control.automated) assert.notEqual(res.status, 'PASS', res.control.id);
  const sum = Object.values(report.totals).reduce((a, b) => a + b, 0);
  assert.equal(sum, report.results.length);
  assert.equal(report.totalsByNodeType.master.FAIL + report.totalsByNodeType.controlplane.FAIL, report.totals.FAIL);
});

test('worst instance wins and every instance is listed', () => {
  const report = runBenchmark(
    factsOf(
      staticPod('kube-scheduler', ['--profiling=false', '--bind-address=127.0.0.1'], { name: 'sched-a' }),
      staticPod('kube-scheduler', ['--bind-address=0.0.0.0'], { name: 'sched-b' }),
    ),
    { targets: ['master'], only: ['1.4'] },
  );
  assert.deepEqual(report.results.map((x) => x.control.id), ['1.4.1', '1.4.2']);
  for (const res of report.results) {
    assert.equal(res.status, 'FAIL', res.control.id);
    assert.deepEqual(res.instances.map((i) => i.status), ['PASS', 'FAIL'], res.control.id);
  }
  assert.deepEqual(report.groups.map((g) => g.id), ['1.4']);
});

test('kubelet: flag beats config, config used when the flag is absent, env for etcd', () => {
  const configOnly = byId(runBenchmark(factsOf(kubeletConfig({ authentication: { anonymous: { enabled: false }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } }, authorization: { mode: 'Webhook' }, readOnlyPort: 0 })), { targets: ['node'] }));
  assert.equal(configOnly.get('4.2.1')?.status, 'PASS');
  assert.equal(configOnly.get('4.2.1')?.instances[0]?.anchor?.object.kind, 'KubeletConfiguration');
  assert.equal(configOnly.get('4.2.1')?.instances[0]?.pointer, '/authentication/anonymous/enabled');
  assert.equal(configOnly.get('4.2.2')?.status, 'PASS');
  assert.equal(configOnly.get('4.2.3')?.status, 'PASS');
  assert.equal(configOnly.get('4.2.4')?.hint, 'likely-pass');
  assert.equal(configOnly.get('4.2.10')?.status, 'PASS');
  assert.equal(configOnly.get('4.2.6')?.status, 'PASS');

  const withFlag = byId(
    runBenchmark(
      factsOf(
        psLine(['/usr/bin/kubelet', '--config=/var/lib/kubelet/config.yaml', '--anonymous-auth=true', '--read-only-port', '10255']),
        kubeletConfig({ authentication: { anonymous: { enabled: false } } }),
      ),
      { targets: ['node'] },
    ),
  );
  assert.equal(withFlag.get('4.2.1')?.status, 'FAIL');
  assert.equal(withFlag.get('4.2.1')?.found, '--anonymous-auth=true');
  assert.equal(withFlag.get('4.2.4')?.hint, 'likely-fail');
  assert.equal(withFlag.get('4.2.2')?.status, 'FAIL');
  assert.match(withFlag.get('4.2.2')?.found ?? '', /not set \(Kubernetes default: flag AlwaysAllow, config Webhook\)$/);

  const etcd = byId(
    runBenchmark(
      factsOf(staticPod('etcd', ['--client-cert-auth=true', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'], { env: { ETCD_CERT_FILE: '/c', ETCD_KEY_FILE: '/k' } })),
      { targets: ['etcd'] },
    ),
  );
  assert.equal(etcd.get('2.1')?.status, 'PASS');
  assert.equal(etcd.get('2.1')?.found, 'ETCD_CERT_FILE=/c; ETCD_KEY_FILE=/k');
  assert.equal(etcd.get('2.2')?.status, 'PASS');
  assert.equal(etcd.get('2.3')?.status, 'PASS');
  assert.equal(etcd.get('2.4')?.status, 'FAIL');
  assert.equal(etcd.get('2.7')?.hint, 'likely-pass');
});

test('file checks over stat data', () => {
  const facts = factsOf(staticPod('kube-scheduler', ['--kubeconfig=/etc/kubernetes/scheduler.conf']));
  const files: FileFact[] = [
    { path: '/etc/kubernetes/manifests/kube-apiserver.yaml', exists: true, mode: 0o644, owner: 'root', group: 'root' },
    { path: '/etc/kubernetes/manifests/kube-scheduler.yaml', exists: true, mode: 0o600, owner: 'root', group: 'root' },
    { path: '/etc/kubernetes/manifests/etcd.yaml', exists: true, mode: 0o600, owner: 'root', group: 'root' },
    { path: '/etc/kubernetes/admin.conf', exists: true, mode: 0o600, owner: 'root', group: 'root' },
    { path: '/etc/kubernetes/super-admin.conf', exists: true, mode: 0o640, owner: 'root', group: 'adm' },
    { path: '/etc/kubernetes/scheduler.conf', exists: true, mode: 0o600, owner: 'root', group: 'root' },
    { path: '/etc/kubernetes/pki', exists: true, mode: 0o755, owner: 'root', group: 'root', isDir: true },
    { path: '/etc/kubernetes/pki/ca.crt', exists: true, mode: 0o644, owner: 'root', group: 'root' },
    { path: '/etc/kubernetes/pki/ca.key', exists: true, mode: 0o600, owner: 'root', group: 'root' },
    { path: '/etc/kubernetes/pki/sa.key', exists: true, mode: 0o644, owner: 'root', group: 'root' },
    { path: '/var/lib/etcd/default.etcd', exists: true, mode: 0o700, owner: 'root', group: 'root', isDir: true },
  ];
  const r = byId(runBenchmark(facts, { files, targets: ['master', 'node'] }));
  const table: [id: string, status: string, found: string][] = [
    ['1.1.1', 'FAIL', 'permissions=644'],
    ['1.1.2', 'PASS', 'root:root'],
    ['1.1.3', 'FAIL', 'not found at /etc/kubernetes/manifests/kube-controller-manager.yaml, /etc/kubernetes/manifests/kube-controller-manager.yml, /etc/kubernetes/manifests/kube-controller-manager.manifest, /var/snap/kube-controller-manager/current/args, /var/snap/microk8s/current/args/kube-controller-manager, /etc/kubernetes/manifests/talos-kube-controller-manager.yaml, /var/lib/rancher/rke2/agent/pod-manifests/kube-controller-manager.yaml'],
    ['1.1.5', 'PASS', 'permissions=600'],
    ['1.1.7', 'PASS', 'permissions=600'],
    ['1.1.11', 'PASS', 'permissions=700'],
    ['1.1.12', 'FAIL', 'root:root'],
    ['1.1.13', 'FAIL', 'permissions=600 /etc/kubernetes/admin.conf, permissions=640 /etc/kubernetes/super-admin.conf'],
    ['1.1.14', 'FAIL', 'ownership=root:root /etc/kubernetes/admin.conf, ownership=root:adm /etc/kubernetes/super-admin.conf'],
    ['1.1.15', 'PASS', 'permissions=600'],
    ['1.1.19', 'PASS', 'root:root, root:root, root:root, root:root'],
    ['4.1.1', 'FAIL', 'not found at /etc/systemd/system/kubelet.service.d/10-kubeadm.conf, /etc/systemd/system/kubelet.service, /lib/systemd/system/kubelet.service, /etc/systemd/system/snap.kubelet.daemon.service, /etc/systemd/system/snap.microk8s.daemon-kubelet.service, /etc/systemd/system/atomic-openshift-node.service, /etc/systemd/system/origin-node.service'],
    ['4.1.2', 'PASS', 'not found at /etc/systemd/system/kubelet.service.d/10-kubeadm.conf, /etc/systemd/system/kubelet.service, /lib/systemd/system/kubelet.service, /etc/systemd/system/snap.kubelet.daemon.service, /etc/systemd/system/snap.microk8s.daemon-kubelet.service, /etc/systemd/system/atomic-openshift-node.service, /etc/systemd/system/origin-node.service'],
  ];
  for (const [id, status, found] of table) {
    assert.equal(r.get(id)?.status, status, id);
    assert.equal(r.get(id)?.found, found, `${id} found`);
  }
  assert.equal(r.get('1.1.20')?.hint, 'likely-pass');
  assert.equal(r.get('1.1.21')?.hint, 'likely-fail');
  assert.deepEqual(r.get('1.1.13')?.instances.map((i) => [i.instance, i.status]), [
    ['/etc/kubernetes/admin.conf', 'PASS'],
    ['/etc/kubernetes/super-admin.conf', 'FAIL'],
  ]);
  assert.equal(r.get('1.1.13')?.kubeBenchState, 'FAIL');
});

test('version notes: removed flags, end of life, benchmark range; selection by targets, only and skip', () => {
  const facts = factsOf(staticPod('kube-apiserver', ['--insecure-port=0', '--profiling=false'], { image: 'k8s.gcr.io/kube-apiserver:v1.23.1' }));
  const report = runBenchmark(facts, { today: '2025-01-01', targets: ['master', 'policies'], skip: ['1.1', '1.3', '1.4', '5.2'], only: ['1', '5'] });
  assert.equal(report.version?.minor, 23);
  const kinds = report.notes.map((n) => n.kind).sort();
  assert.deepEqual(kinds, ['benchmark-range', 'eol', 'removed-flag']);
  assert.match(report.notes.find((n) => n.kind === 'eol')?.message ?? '', /2023-02-28/);
  assert.match(report.notes.find((n) => n.kind === 'removed-flag')?.message ?? '', /kube-apiserver uses --insecure-port, deprecated since Kubernetes 1\.20 and removed in Kubernetes 1\.24 \(this cluster runs 1\.23\.1\): remove it before upgrading\. Remove it/);
  const ids = report.results.map((r) => r.control.id);
  assert.ok(ids.includes('1.2.15') && ids.includes('5.1.1') && ids.includes('5.3.2'));
  assert.ok(!ids.some((id) => id.startsWith('1.1.') || id.startsWith('1.3.') || id.startsWith('5.2.') || id.startsWith('2')));
  const policy = report.results.find((r) => r.control.id === '5.2.2') ?? report.results.find((r) => r.control.id === '5.1.1')!;
  assert.equal(policy.status, 'MANUAL');
  assert.match(policy.reason ?? '', /no-cluster-admin-binding/);
});

test('golden: real minikube v1.23.1 control plane', (t) => {
  if (KUBE_BENCH_ORACLE === undefined) {
    t.skip('oracles not found (skipped)');
    return;
  }
  const file = resolve(KUBE_BENCH_ORACLE, '..', 'netpol-analyzer', 'tests', 'minikube_resources', 'pods.yaml');
  if (!existsSync(file)) {
    t.skip(`${file} not found (skipped)`);
    return;
  }
  const text = readFileSync(file, 'utf8');
  const parsed = parseManifests(text, join('minikube', 'pods.yaml'));
  const facts = buildControlPlaneFacts(new Inventory(parsed.objects, [], new Map([[join('minikube', 'pods.yaml'), text]])));
  const report = runBenchmark(facts, { today: '2025-01-01', targets: ['master', 'etcd', 'controlplane'] });
  const inScope = report.results.filter((r) => /^(1\.[234]|2|3)\./.test(`${r.control.id}.`) || r.control.group === '2');
  const fails = inScope.filter((r) => r.status === 'FAIL').map((r) => r.control.id);
  assert.deepEqual(fails, ['1.2.5', '1.2.15', '1.2.16', '1.2.17', '1.2.18', '1.2.19', '1.2.30', '1.3.2', '1.4.1']);
  for (const r of inScope) if (r.control.automated && !fails.includes(r.control.id)) assert.equal(r.status, 'PASS', r.control.id);
  const hints = Object.fromEntries(inScope.filter((r) => r.status === 'MANUAL').map((r) => [r.control.id, r.hint]));
  for (const id of ['1.2.1', '1.2.3', '1.2.9', '1.2.11', '1.2.27', '1.2.29', '1.3.1', '3.2.1']) assert.equal(hints[id], 'likely-fail', id);
  assert.equal(hints['2.7'], 'likely-pass');
});
