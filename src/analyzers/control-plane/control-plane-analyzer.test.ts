import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../../inventory/inventory.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { readProcessList } from '../../sources/control-plane/process-list.js';
import type { ParsedObject } from '../../sources/parsed-object.js';
import { Facts } from '../facts.js';
import { buildControlPlaneFacts, controlPlaneAnalyzer } from './control-plane-analyzer.js';
import type { ControlPlaneExtra, ControlPlaneFacts } from './types.js';

function facts(files: Record<string, string>, extra?: ControlPlaneExtra): ControlPlaneFacts {
  const objects: ParsedObject[] = [];
  for (const [file, text] of Object.entries(files)) {
    const procs = readProcessList(text, file);
    objects.push(...(procs ?? parseManifests(text, file)).objects);
  }
  return buildControlPlaneFacts(new Inventory(objects), extra);
}

const STATIC_APISERVER = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.30.2
    command:
    - kube-apiserver
    - --profiling=false
    - --encryption-provider-config=/etc/kubernetes/enc/enc.yaml
    - --audit-policy-file
    - /etc/kubernetes/audit/policy.yaml
    env:
    - {name: GOMAXPROCS, value: "4"}
`;

const ARGS_ONLY_SCHEDULER = `apiVersion: v1
kind: Pod
metadata: {name: sched, namespace: kube-system}
spec:
  containers:
  - name: s
    image: registry.k8s.io/kube-scheduler:v1.30.1@sha256:0000000000000000000000000000000000000000000000000000000000000000
    args: [--profiling=false, --bind-address, 127.0.0.1]
`;

const CRONJOB_ETCD = `apiVersion: batch/v1
kind: CronJob
metadata: {name: etcd-ish}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: app
            image: busybox
            command: [sh, -c, "echo hi"]
          - name: etcd
            image: registry.k8s.io/etcd:3.5.12-0
            command: [/bin/sh, -c, "exec etcd --client-cert-auth=true --data-dir /var/lib/etcd"]
            env: [{name: ETCD_AUTO_TLS, value: "false"}]
`;

const KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: {enabled: false}
  x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}
authorization: {mode: Webhook}
readOnlyPort: 0
`;

describe('instances', () => {
  it('static pod with command: argv pointers, env, image version, label', () => {
    const f = facts({ 'manifests/kube-apiserver.yaml': STATIC_APISERVER });
    const [api] = f.of('kube-apiserver');
    assert.equal(api.label, 'kube-apiserver (manifests/kube-apiserver.yaml:1)');
    assert.deepEqual(api.location, { file: 'manifests/kube-apiserver.yaml', line: 1 });
    assert.equal(api.argvPointer, '/spec/containers/0/command');
    assert.equal(api.args.get('--profiling')?.value, 'false');
    assert.equal(api.args.get('--profiling')?.occurrences[0].pointer, '/spec/containers/0/command/1');
    assert.equal(api.args.get('--audit-policy-file')?.value, '/etc/kubernetes/audit/policy.yaml');
    assert.deepEqual(api.env.get('GOMAXPROCS'), { value: '4', pointer: '/spec/containers/0/env/0/value' });
    assert.equal(api.version?.minor, 30);
    assert.equal(f.forAnchor(api.anchor!.object)[0], api);
  });

  it('args-only pod: component from the image, argvPointer at args', () => {
    const f = facts({ 's.yaml': ARGS_ONLY_SCHEDULER });
    const [s] = f.of('kube-scheduler');
    assert.equal(s.argvPointer, '/spec/containers/0/args');
    assert.equal(s.args.binary, 'kube-scheduler');
    assert.equal(s.args.get('--bind-address')?.value, '127.0.0.1');
    assert.deepEqual(s.args.get('--bind-address')?.occurrences.map((o) => o.pointer), ['/spec/containers/0/args/1', '/spec/containers/0/args/2']);
    assert.equal(s.version?.patch, 1);
  });

  it('CronJob-wrapped sh -c: only the component container, pointers at the script, no etcd version', () => {
    const f = facts({ 'c.yaml': CRONJOB_ETCD });
    assert.equal(f.instances.length, 1);
    const [e] = f.of('etcd');
    assert.equal(e.args.get('--client-cert-auth')?.value, 'true');
    assert.equal(e.args.get('--data-dir')?.occurrences[0].pointer, '/spec/jobTemplate/spec/template/spec/containers/1/command/2');
    assert.equal(e.env.get('ETCD_AUTO_TLS')?.value, 'false');
    assert.equal(e.version, undefined);
    assert.equal(f.version, undefined);
  });

  it('ComponentProcess from a ps line', () => {
    const f = facts({ 'ps.txt': 'root 812 1 0 Jan01 ? 00:01:00 kube-controller-manager --profiling=false\n' });
    const [cm] = f.of('kube-controller-manager');
    assert.equal(cm.label, 'kube-controller-manager (ps.txt:1, pid 812)');
    assert.equal(cm.argvPointer, '/spec/argv');
    assert.equal(cm.args.get('--profiling')?.occurrences[0].pointer, '/spec/argv/1');
  });

  it('non-component workloads give nothing', () => {
    const f = facts({ 'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: a, image: nginx, command: [nginx]}, {name: b, image: "kube-apiserver-lookalike"}]}}}\n' });
    assert.equal(f.instances.length, 0);
  });
});

describe('config documents and pairing', () => {
  it('a kubelet process and its --config file: both flags and config available (flags win in lookups)', () => {
    const f = facts({
      'ps.txt': 'kubelet --config=/var/lib/kubelet/config.yaml --anonymous-auth=true\n',
      '/var/lib/kubelet/config.yaml': KUBELET_CONFIG,
    });
    const kubelets = f.of('kubelet');
    assert.equal(kubelets.length, 1, 'the paired file does not become an instance of its own');
    const [k] = kubelets;
    assert.equal(k.args.get('--anonymous-auth')?.value, 'true');
    assert.equal(k.config?.kind, 'KubeletConfiguration');
    assert.deepEqual(k.config?.data.authentication, { anonymous: { enabled: false }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } });
    assert.equal(k.config?.pointerPrefix, '');
  });

  it('pairs by basename, leaves unmatched files as config-only instances', () => {
    const f = facts({
      'ps.txt': 'kubelet --config=/var/lib/kubelet/config.yaml\n',
      'node1/config.yaml': KUBELET_CONFIG,
      'other/kubelet.yaml': KUBELET_CONFIG,
    });
    const kubelets = f.of('kubelet');
    assert.equal(kubelets.length, 2);
    assert.equal(kubelets[0].config?.file, 'node1/config.yaml');
    assert.equal(kubelets[1].label, 'kubelet (config other/kubelet.yaml:1)');
    assert.equal(kubelets[1].args.names().length, 0);
    assert.equal(kubelets[1].anchor?.object.kind, 'KubeletConfiguration');
  });

  it('reads kubeadm ConfigMaps: kubelet-config, kube-proxy, kubeadm-config', () => {
    const cms = `apiVersion: v1
kind: ConfigMap
metadata: {name: kubelet-config, namespace: kube-system}
data:
  kubelet: |
    apiVersion: kubelet.config.k8s.io/v1beta1
    kind: KubeletConfiguration
    rotateCertificates: true
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system}
data:
  config.conf: |
    apiVersion: kubeproxy.config.k8s.io/v1alpha1
    kind: KubeProxyConfiguration
    metricsBindAddress: 0.0.0.0:10249
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kubeadm-config, namespace: kube-system}
data:
  ClusterConfiguration: |
    apiVersion: kubeadm.k8s.io/v1beta3
    kind: ClusterConfiguration
    kubernetesVersion: v1.28.4
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kubelet-config, namespace: default}
data: {kubelet: "rotateCertificates: false"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system}
data: {config.conf: "a: [b"}
`;
    const f = facts({ 'cms.yaml': cms });
    assert.deepEqual(f.docs('KubeletConfiguration').map((d) => [d.pointerPrefix, d.data.rotateCertificates]), [['/data/kubelet', true]]);
    assert.deepEqual(f.docs('KubeProxyConfiguration').map((d) => d.pointerPrefix), ['/data/config.conf']);
    assert.equal(f.of('kube-proxy')[0].config?.data.metricsBindAddress, '0.0.0.0:10249');
    assert.equal(f.of('kubelet')[0].argvPointer, '/data/kubelet');
    assert.deepEqual([f.version?.minor, f.version?.patch], [28, 4]);
    assert.match(f.version?.evidence ?? '', /ConfigMap kube-system\/kubeadm-config/);
    assert.equal(f.problems?.length, 1);
    assert.match(f.problems?.[0].message ?? '', /kube-system\/kube-proxy key "config.conf" is not valid YAML/);
  });

  it('pairs EncryptionConfiguration / Policy with the apiserver by its flags only', () => {
    const enc = 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources: []\n';
    const pol = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n';
    const f = facts({ 'kube-apiserver.yaml': STATIC_APISERVER, '/etc/kubernetes/enc/enc.yaml': enc, 'audit/policy.yaml': pol });
    const [api] = f.of('kube-apiserver');
    assert.equal(f.pairedDoc(api, 'EncryptionConfiguration')?.file, '/etc/kubernetes/enc/enc.yaml');
    assert.equal(f.pairedDoc(api, 'Policy')?.file, 'audit/policy.yaml');
    assert.equal(f.pairedDoc(api, 'AuthorizationConfiguration'), undefined);
    const bare = facts({ 'ps.txt': 'kube-apiserver --profiling=false\n', 'enc.yaml': enc });
    assert.equal(bare.pairedDoc(bare.of('kube-apiserver')[0], 'EncryptionConfiguration'), undefined);
    const legacy = facts({ 'ps.txt': 'kube-apiserver --experimental-encryption-provider-config=/x/enc.yaml\n', 'enc.yaml': 'apiVersion: v1\nkind: EncryptionConfig\nresources: []\n' });
    assert.equal(legacy.pairedDoc(legacy.of('kube-apiserver')[0], 'EncryptionConfiguration')?.file, 'enc.yaml');
  });
});

describe('cluster version', () => {
  const node = (name: string, v: string) => `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\nstatus: {nodeInfo: {kubeletVersion: ${v}, osImage: Ubuntu}}\n---\n`;
  const cases: { name: string; files: Record<string, string>; extra?: ControlPlaneExtra; expect: string | undefined; evidence?: RegExp }[] = [
    { name: 'apiserver image', files: { a: STATIC_APISERVER }, expect: '1.30.2', evidence: /image registry.k8s.io\/kube-apiserver:v1.30.2/ },
    { name: 'override beats the image', files: { a: STATIC_APISERVER }, extra: { versionOverride: '1.29' }, expect: '1.29', evidence: /--k8s-version/ },
    { name: 'apiserver beats scheduler', files: { a: STATIC_APISERVER, s: ARGS_ONLY_SCHEDULER }, expect: '1.30.2' },
    { name: 'scheduler image alone', files: { s: ARGS_ONLY_SCHEDULER }, expect: '1.30.1' },
    {
      name: 'disagreeing apiservers: highest, said so',
      files: { a: STATIC_APISERVER, b: STATIC_APISERVER.replace('v1.30.2', 'v1.29.0') },
      expect: '1.30.2',
      evidence: /highest of 1.30.2, 1.29.0/,
    },
    { name: 'node-probe evidence', files: {}, extra: { versionEvidence: [{ major: 1, minor: 27, patch: 3, raw: 'v1.27.3', evidence: 'kubelet --version' }] }, expect: '1.27.3' },
    { name: 'server /version', files: {}, extra: { serverVersion: 'v1.26.0' }, expect: '1.26.0' },
    { name: 'kubelets: lower bound', files: { n: node('a', 'v1.29.3-eks-ae9a62a') + node('b', 'v1.30.1+k3s1') }, expect: '1.30.1', evidence: /^at least 1.30.1/ },
    { name: 'kubeadm stable label: minor only', files: { c: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: stable-1.30\n' }, expect: '1.30' },
    { name: 'kubeadm latest: nothing', files: { c: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: latest\n' }, expect: undefined },
    { name: 'nothing', files: {}, expect: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = facts(c.files, c.extra);
      const v = f.version;
      assert.equal(v ? `${v.major}.${v.minor}${v.patch !== undefined ? `.${v.patch}` : ''}` : undefined, c.expect);
      if (c.evidence) assert.match(v?.evidence ?? '', c.evidence);
    });
  }

  it('a bad override is a problem, not a throw', () => {
    const f = facts({ a: STATIC_APISERVER }, { versionOverride: 'banana' });
    assert.equal(f.version?.minor, 30);
    assert.match(f.problems?.[0].message ?? '', /not a Kubernetes version/);
  });

  it('nodes are exposed and every evidence is listed, strongest first', () => {
    const f = facts({ n: node('a', 'v1.29.3'), a: STATIC_APISERVER });
    assert.equal(f.nodes.length, 1);
    assert.deepEqual(f.versionEvidence.map((e) => e.raw), ['v1.30.2', 'v1.29.3']);
  });
});

describe('controlPlaneAnalyzer', () => {
  it('is a memoised fact with a memoised cis() report', () => {
    const inv = new Inventory(parseManifests(STATIC_APISERVER, 'a.yaml').objects);
    const facts = new Facts(inv);
    const f = facts.get(controlPlaneAnalyzer);
    assert.equal(facts.get(controlPlaneAnalyzer), f);
    const report = f.cis();
    assert.equal(f.cis(), report);
    assert.equal(report.benchmark, 'cis-1.12');
    assert.ok(report.results.some((r) => r.control.id === '1.2.15' && r.status === 'PASS'));
  });
});
