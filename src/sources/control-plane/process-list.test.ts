import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readInputs } from '../read-inputs.js';
import { logicalLines, readProcessList, singleBinaryNotices } from './process-list.js';

interface Expected {
  component: string;
  line: number;
  argv?: string[];
  /** a flag token that must be in argv */
  has?: string;
  pid?: number;
  user?: string;
  env?: Record<string, string>;
}

const PS_EF = `UID          PID    PPID  C STIME TTY          TIME CMD
root           1       0  0 Jan01 ?        00:00:12 /sbin/init
root         812     700  3 Jan01 ?        01:02:03 kube-apiserver --advertise-address=10.0.0.1 --authorization-mode=Node,RBAC --profiling=false
root         901     700  1 Jan01 ?        00:10:00 etcd --cert-file=/etc/kubernetes/pki/etcd/server.crt --client-cert-auth=true
root        1200       1  2 Jan01 ?        00:30:00 /usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --kubeconfig=/etc/kubernetes/kubelet.conf
root        4242    4000  0 10:00 pts/0    00:00:00 grep kube-apiserver
`;

const PS_AUX = `USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
root         812  3.1  8.2 1234567 334455 ?     Ssl  Jan01 123:45 /usr/local/bin/kube-apiserver --secure-port=6443
root         950  0.5  1.0 754321 45678 ?      Ssl  Jan01   5:01 /usr/local/bin/kube-scheduler --bind-address=127.0.0.1
`;

const UNIT = `[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

const CASES: { name: string; text: string; expect: Expected[] }[] = [
  {
    name: 'ps -ef: pid, user, binary; other processes and grep lines ignored',
    text: PS_EF,
    expect: [
      { component: 'kube-apiserver', line: 3, pid: 812, user: 'root', has: '--authorization-mode=Node,RBAC' },
      { component: 'etcd', line: 4, pid: 901, has: '--client-cert-auth=true' },
      { component: 'kubelet', line: 5, pid: 1200, has: '--kubeconfig=/etc/kubernetes/kubelet.conf' },
    ],
  },
  {
    name: 'ps aux',
    text: PS_AUX,
    expect: [
      { component: 'kube-apiserver', line: 2, pid: 812, user: 'root', argv: ['/usr/local/bin/kube-apiserver', '--secure-port=6443'] },
      { component: 'kube-scheduler', line: 3, pid: 950 },
    ],
  },
  { name: 'ps -eo pid,args', text: '  PID COMMAND\n  77 kube-controller-manager --profiling=false\n', expect: [{ component: 'kube-controller-manager', line: 2, pid: 77 }] },
  { name: 'bare command line', text: 'kube-apiserver --profiling=false --audit-log-maxage 30\n', expect: [{ component: 'kube-apiserver', line: 1, argv: ['kube-apiserver', '--profiling=false', '--audit-log-maxage', '30'] }] },
  {
    name: 'backslash-continued lines keep the first line',
    text: '# apiserver\n\n/usr/local/bin/kube-apiserver \\\n  --profiling=false \\\n  --secure-port=6443\nkube-scheduler --profiling=false\n',
    expect: [
      { component: 'kube-apiserver', line: 3, argv: ['/usr/local/bin/kube-apiserver', '--profiling=false', '--secure-port=6443'] },
      { component: 'kube-scheduler', line: 6 },
    ],
  },
  { name: 'quoted values', text: `kube-apiserver --oidc-username-prefix="a b" --x='c d'\n`, expect: [{ component: 'kube-apiserver', line: 1, argv: ['kube-apiserver', '--oidc-username-prefix=a b', '--x=c d'] }] },
  {
    name: 'systemd unit: ExecStart with Environment variables expanded, unknown ones dropped',
    text: UNIT,
    expect: [{ component: 'kubelet', line: 6, argv: ['/usr/bin/kubelet', '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf', '--kubeconfig=/etc/kubernetes/kubelet.conf', '--config=/var/lib/kubelet/config.yaml'] }],
  },
  {
    name: 'env file with KUBELET_*_ARGS',
    text: 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.9"\n',
    expect: [{ component: 'kubelet', line: 1, argv: ['kubelet', '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock', '--pod-infra-container-image=registry.k8s.io/pause:3.9'] }],
  },
  { name: 'hyperkube', text: '/hyperkube kubelet --anonymous-auth=false\n', expect: [{ component: 'kubelet', line: 1, argv: ['/hyperkube', 'kubelet', '--anonymous-auth=false'] }] },
  { name: 'go-runner wrapper', text: '/go-runner --log-file=/var/log/s.log -- /usr/local/bin/kube-scheduler --profiling=false\n', expect: [{ component: 'kube-scheduler', line: 1, argv: ['/usr/local/bin/kube-scheduler', '--profiling=false'] }] },
  {
    name: 'etcd env file',
    text: 'ETCD_NAME=default\nETCD_CERT_FILE="/etc/etcd/server.crt"\n',
    expect: [{ component: 'etcd', line: 1, argv: ['etcd'], env: { ETCD_NAME: 'default', ETCD_CERT_FILE: '/etc/etcd/server.crt' } }],
  },
  { name: 'NUL-separated cmdline', text: 'kube-apiserver\0--profiling=false\0--secure-port=6443\0', expect: [{ component: 'kube-apiserver', line: 1, argv: ['kube-apiserver', '--profiling=false', '--secure-port=6443'] }] },
];

describe('readProcessList', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const out = readProcessList(c.text, 'procs.txt');
      assert.ok(out, 'read as a process list');
      assert.deepEqual(out.problems, []);
      assert.equal(out.objects.length, c.expect.length);
      out.objects.forEach((o, i) => {
        const e = c.expect[i];
        const spec = o.object.spec as Record<string, unknown>;
        assert.equal(o.object.apiVersion, 'bulwark.dev/v1');
        assert.equal(o.object.kind, 'ComponentProcess');
        assert.equal(o.object.metadata.name, e.component);
        assert.equal(spec.component, e.component);
        assert.deepEqual(o.source, { file: 'procs.txt', docIndex: i, startLine: e.line });
        assert.equal(o.span, undefined);
        if (e.argv) assert.deepEqual(spec.argv, e.argv);
        if (e.has) assert.ok((spec.argv as string[]).includes(e.has));
        if (e.pid !== undefined) assert.equal(spec.pid, e.pid);
        if (e.user !== undefined) assert.equal(spec.user, e.user);
        if (e.env) assert.deepEqual(spec.env, e.env);
        assert.equal(spec.binary, (spec.argv as string[])[0]);
      });
    });
  }

  const NOT: [string, string][] = [
    ['YAML manifest', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: a, command: [kube-apiserver]}]}\n'],
    ['JSON', '[\n"kube-apiserver"\n]\n'],
    ['prose', 'This file explains how to run things.\n'],
    ['a grep for the component', 'root 4242 4000 0 10:00 pts/0 00:00:00 grep kube-apiserver\n'],
    ['a unit for another service', '[Service]\nExecStart=/usr/bin/containerd\n'],
  ];
  for (const [name, text] of NOT) it(`not a process list: ${name}`, () => assert.equal(readProcessList(text, 'x'), undefined));

  it('ps output without any component: no objects, one notice (instead of "not a mapping")', () => {
    const out = readProcessList('UID PID PPID C STIME TTY TIME CMD\nroot 1 0 0 Jan01 ? 00:00:01 /sbin/init\n', 'ps.txt');
    assert.deepEqual(out?.objects, []);
    assert.equal(out?.problems.length, 1);
    assert.match(out?.problems[0]?.message ?? '', /^process list without any Kubernetes component/);
    assert.equal(out?.problems[0]?.level, 'notice');
  });

  it('k3s / kubelite single binaries: a notice at their line; grep lines are not processes', () => {
    const text = [
      'UID PID PPID C STIME TTY TIME CMD',
      'root 900 1 12 Jan10 ? 03:10:00 /usr/local/bin/k3s server --kube-apiserver-arg=profiling=false',
      'root 901 1 1 Jan10 ? 00:10:00 /usr/local/bin/k3s agent --server https://10.0.0.1:6443',
      'root 902 1 1 Jan10 ? 00:10:00 /snap/microk8s/123/kubelite --scheduler-args-file=/var/snap/microk8s/current/args/kube-scheduler',
      'bob 903 1 0 10:00 pts/0 00:00:00 grep k3s server',
      'root 1419 1302 0 09:14 ? 00:01:55 /usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf',
    ].join('\n');
    const out = readProcessList(text, 'ps.txt');
    assert.equal(out?.objects.length, 1, 'the kube-proxy');
    assert.deepEqual(
      out?.problems.map((p) => [p.line, p.message.split(' runs ')[0]]),
      [
        [2, 'k3s server'],
        [3, 'k3s agent'],
        [4, 'MicroK8s kubelite'],
      ],
    );
    assert.deepEqual(singleBinaryNotices('k3s server\n', 'f').map((p) => p.line), [1]);
  });
});

describe('logicalLines', () => {
  it('joins continuations and keeps an escaped backslash', () => {
    assert.deepEqual(logicalLines('a \\\n b\nc \\\\\nd'), [
      { text: 'a  b', line: 1 },
      { text: 'c \\\\', line: 3 },
      { text: 'd', line: 4 },
    ]);
  });
});

describe('readInputs with process lists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-procs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads an explicitly named file of any extension, and NUL cmdlines, as processes', async () => {
    writeFileSync(join(dir, 'ps.out'), PS_EF);
    writeFileSync(join(dir, 'cmdline'), 'kube-scheduler\0--profiling=false\0');
    const inputs = await readInputs([join(dir, 'ps.out'), join(dir, 'cmdline')]);
    assert.deepEqual(inputs.problems, []);
    assert.deepEqual(inputs.objects.map((o) => o.object.metadata.name), ['kube-apiserver', 'etcd', 'kubelet', 'kube-scheduler']);
  });

  it('still gives a one-line problem for a file that is neither YAML nor a process list', async () => {
    writeFileSync(join(dir, 'notes.md'), 'just: [some\n');
    const inputs = await readInputs([join(dir, 'notes.md')]);
    assert.equal(inputs.objects.length, 0);
    assert.equal(inputs.problems.length, 1);
    assert.match(inputs.problems[0].message, /invalid YAML/);
    writeFileSync(join(dir, 'bin.dat'), Buffer.from([1, 0, 2, 3]));
    const binary = await readInputs([join(dir, 'bin.dat')]);
    assert.deepEqual(binary.problems.map((p) => p.message), ['binary file (contains NUL bytes); skipped']);
  });

  it('picks process lists out of directories and skips other text files silently', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    writeFileSync(join(tree, 'pod.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n');
    writeFileSync(join(tree, 'ps.txt'), PS_AUX);
    writeFileSync(join(tree, 'readme.txt'), 'nothing to see\n');
    writeFileSync(join(tree, '10-kubeadm.conf'), UNIT);
    const inputs = await readInputs([tree]);
    assert.deepEqual(inputs.problems, []);
    assert.deepEqual(inputs.objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`), [
      'ConfigMap/cm',
      'ComponentProcess/kubelet',
      'ComponentProcess/kube-apiserver',
      'ComponentProcess/kube-scheduler',
    ]);
    assert.equal(inputs.fileCount, 3);
  });
});
