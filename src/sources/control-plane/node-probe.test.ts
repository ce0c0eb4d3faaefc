import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { probeNode } from './node-probe.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-node-'));
after(() => rmSync(root, { recursive: true, force: true }));

function put(path: string, content: string, mode = 0o644): void {
  const p = join(root, path);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  chmodSync(p, mode);
}

const me = userInfo();
put('/etc/passwd', `root:x:0:0:root:/root:/bin/sh\n${me.username === 'root' ? 'r2' : me.username}:x:${me.uid}:${me.gid}::/home:/bin/sh\n`);
put('/etc/group', `root:x:0:\nmine:x:${me.gid}:\n`);
put('/proc/123/cmdline', ['/usr/local/bin/kube-apiserver', '--profiling=false', '--encryption-provider-config=/etc/kubernetes/enc.yaml', ''].join('\0'));
put('/proc/200/cmdline', ['etcd', '--cert-file=/etc/kubernetes/pki/etcd/server.crt', ''].join('\0'));
put('/proc/200/environ', ['PATH=/bin', 'ETCD_DATA_DIR=/data/etcd', 'ETCD_CLIENT_CERT_AUTH=true', ''].join('\0'));
put('/proc/300/cmdline', ['/usr/bin/kubelet', '--config=/var/lib/kubelet/config.yaml', '--config-dir=/etc/kubelet.conf.d', '--kubeconfig=/etc/kubernetes/kubelet.conf', ''].join('\0'));
put('/proc/400/cmdline', ['/sbin/init', ''].join('\0'));
mkdirSync(join(root, '/proc/self'), { recursive: true });
put('/var/lib/kubelet/config.yaml', 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous: {enabled: true}\n  x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}\nreadOnlyPort: 10255\n', 0o600);
put('/etc/kubelet.conf.d/10-hardening.conf', 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous: {enabled: false}\n');
put('/etc/kubernetes/enc.yaml', 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources: []\n', 0o600);
put('/etc/kubernetes/manifests/kube-apiserver.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: kube-apiserver}\nspec: {containers: [{name: a, image: registry.k8s.io/kube-apiserver:v1.31.4, command: [kube-apiserver]}]}\n', 0o644);
put('/etc/kubernetes/manifests/etcd.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec: {containers: [{name: e, image: registry.k8s.io/etcd:3.5.16-0, command: [etcd]}]}\n', 0o600);
put('/etc/kubernetes/admin.conf', 'x', 0o600);
put('/etc/kubernetes/pki/ca.crt', 'c', 0o644);
put('/etc/kubernetes/pki/ca.key', 'k', 0o600);
put('/etc/kubernetes/pki/etcd/server.crt', 'c', 0o644);
mkdirSync(join(root, '/data/etcd'), { recursive: true });
chmodSync(join(root, '/data/etcd'), 0o700);
mkdirSync(join(root, '/etc/cni/net.d'), { recursive: true });
put('/etc/cni/net.d/10-calico.conflist', '{}', 0o644);
symlinkSync('/nowhere', join(root, '/etc/kubernetes/kubelet.conf'));

describe('probeNode on a fake host root', () => {
  it('finds component processes in /proc with etcd environment, no anchor, pid labels', async () => {
    const probe = await probeNode({ hostRoot: root, kubeletVersion: false });
    assert.deepEqual(probe.instances.map((i) => [i.component, i.label]), [
      ['kube-apiserver', 'kube-apiserver (pid 123)'],
      ['etcd', 'etcd (pid 200)'],
      ['kubelet', 'kubelet (pid 300)'],
    ]);
    const [api, etcd] = probe.instances;
    assert.equal(api.anchor, undefined);
    assert.deepEqual(api.location, { pid: 123 });
    assert.equal(api.args.get('--profiling')?.value, 'false');
    assert.deepEqual([...etcd.env.keys()], ['ETCD_DATA_DIR', 'ETCD_CLIENT_CERT_AUTH']);
  });

  it('reads the named config files (with kubelet drop-ins merged) and keeps their text', async () => {
    const probe = await probeNode({ hostRoot: root, kubeletVersion: false });
    assert.deepEqual(probe.objects.map((o) => [o.object.kind, 'file' in o.source ? o.source.file : '']), [
      ['EncryptionConfiguration', '/etc/kubernetes/enc.yaml'],
      ['KubeletConfiguration', '/var/lib/kubelet/config.yaml'],
    ]);
    const kubelet = probe.objects[1].object as Record<string, unknown>;
    assert.deepEqual(kubelet.authentication, { anonymous: { enabled: false }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } });
    assert.equal(kubelet.readOnlyPort, 10255);
    assert.ok(probe.virtualFiles.has('/var/lib/kubelet/config.yaml'));
    assert.deepEqual(probe.problems, []);
  });

  it('takes the version from static pod images (not etcd) and kubelet --version', async () => {
    const probe = await probeNode({ hostRoot: root, kubeletVersion: true, runTool: async (bin, args) => (bin === '/usr/bin/kubelet' && args[0] === '--version' ? 'Kubernetes v1.31.3\n' : '') });
    assert.deepEqual(probe.versionEvidence.map((v) => v.raw), ['v1.31.4', 'v1.31.3']);
    assert.match(probe.versionEvidence[0].evidence, /in \/etc\/kubernetes\/manifests\/kube-apiserver.yaml$/);
  });

  it('stats the benchmark files: modes, names from the fake passwd, missing files, lstat of symlinks', async () => {
    const probe = await probeNode({ hostRoot: root, kubeletVersion: false });
    const byPath = new Map(probe.files.map((f) => [f.path, f]));
    const myName = me.uid === 0 ? 'root' : me.username;
    assert.deepEqual(byPath.get('/etc/kubernetes/admin.conf'), { path: '/etc/kubernetes/admin.conf', exists: true, mode: 0o600, owner: myName, group: me.gid === 0 ? 'root' : 'mine', isDir: false });
    assert.equal(byPath.get('/etc/kubernetes/manifests/etcd.yaml')?.mode, 0o600);
    assert.equal(byPath.get('/etc/kubernetes/manifests/kube-apiserver.yaml')?.mode, 0o644);
    assert.equal(byPath.get('/etc/kubernetes/pki/etcd/server.crt')?.exists, true);
    assert.equal(byPath.get('/etc/kubernetes/pki')?.isDir, true);
    assert.equal(byPath.get('/etc/kubernetes/pki/etcd')?.isDir, true);
    assert.equal(byPath.get('/data/etcd')?.mode, 0o700, 'etcd data dir from ETCD_DATA_DIR');
    assert.equal(byPath.has('/var/lib/etcd'), false);
    assert.equal(byPath.get('/etc/cni/net.d/10-calico.conflist')?.mode, 0o644);
    assert.deepEqual(byPath.get('/etc/kubernetes/proxy.conf'), { path: '/etc/kubernetes/proxy.conf', exists: false });
    assert.equal(byPath.get('/etc/kubernetes/kubelet.conf')?.mode, 0o777, 'symlink itself, as stat without -L');
    assert.equal(byPath.get('/var/lib/kubelet/config.yaml')?.mode, 0o600);
  });

  it('a host root without /proc is a one-line problem, not a throw', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bulwark-empty-'));
    try {
      const probe = await probeNode({ hostRoot: empty, kubeletVersion: false });
      assert.equal(probe.instances.length, 0);
      assert.equal(probe.problems.length, 1);
      assert.match(probe.problems[0].message, /^cannot list processes: ENOENT$/);
      assert.ok(probe.files.every((f) => !f.exists));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
