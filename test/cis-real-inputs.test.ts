/**
 * `bulwark cis` end to end on inputs as they come from real machines: a kubeadm v1.31 kube-apiserver static pod and
 * /var/lib/kubelet/config.yaml (fixture kubeadm-1-31), `ps -ef` / `ps aux` listings full of unrelated processes,
 * a kubelet whose flags contradict its config file, k3s, kms v2 encryption, an audit policy with omitStages, and
 * broken files (truncated YAML, binary, empty).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CisJsonReport } from '../src/cis-report/json.js';
import { repoRoot } from '../src/testing/repo-root.js';

const bin = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
const fixture = join(repoRoot(), 'test', 'fixtures', 'control-plane', 'kubeadm-1-31');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-cis-real-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function bulwark(args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'cis', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]): { code: number | null; report: CisJsonReport; stderr: string } {
  const r = bulwark([...args, '-f', 'json']);
  return { code: r.code, report: JSON.parse(r.stdout) as CisJsonReport, stderr: r.stderr };
}

function result(report: CisJsonReport, id: string) {
  const r = report.results.find((x) => x.id === id);
  assert.ok(r, `no result for ${id}`);
  return r;
}

/** Line (1-based) of the first line of `file` containing `text`. */
function lineOf(file: string, text: string): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} not in ${file}`);
  return i + 1;
}

const kubeletPs = [
  'UID          PID    PPID  C STIME TTY          TIME CMD',
  'root           1       0  0 Jan10 ?        00:00:12 /sbin/init splash',
  'root         412       1  0 Jan10 ?        00:00:03 /lib/systemd/systemd-journald',
  'root         733       1  0 Jan10 ?        00:00:00 sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
  'root         801       1  1 Jan10 ?        01:02:03 /usr/bin/containerd',
  'root         812       1  3 Jan10 ?        00:41:07 /usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10',
  'root        1702    1210  0 Jan10 ?        00:00:40 /usr/local/bin/containerd-shim-runc-v2 -namespace k8s.io -id 7b1 -address /run/containerd/containerd.sock',
  'alice       9931    9020  0 10:02 pts/0    00:00:00 grep --color=auto kubelet',
  '',
].join('\n');
writeFileSync(join(dir, 'ps-kubelet.txt'), kubeletPs);
writeFileSync(
  join(dir, 'ps-kubelet-flags.txt'),
  kubeletPs.replace('--pod-infra-container-image=registry.k8s.io/pause:3.10', '--anonymous-auth=true --authorization-mode=AlwaysAllow --rotate-certificates=false'),
);

describe('bulwark cis: kubeadm v1.31 kube-apiserver static pod + /var/lib/kubelet/config.yaml', () => {
  const apiserver = join(fixture, 'kube-apiserver.yaml');
  const config = join(fixture, 'config.yaml');

  it('gives the kube-bench verdicts and exits 1', () => {
    const { code, report } = json([fixture]);
    assert.equal(code, 1);
    const fail = ['1.2.5', '1.2.15', '1.2.16', '1.2.17', '1.2.18', '1.2.19', '1.2.30'];
    const pass = ['1.2.2', '1.2.4', '1.2.6', '1.2.7', '1.2.8', '1.2.10', '1.2.12', '1.2.13', '1.2.14', '1.2.21', '1.2.22', '1.2.23', '1.2.24', '1.2.25', '1.2.26'];
    for (const id of fail) assert.equal(result(report, id).status, 'FAIL', id);
    for (const id of pass) assert.equal(result(report, id).status, 'PASS', id);
    for (const id of ['4.2.1', '4.2.2', '4.2.3', '4.2.6', '4.2.10']) assert.equal(result(report, id).status, 'PASS', id);
    const likelyFail = ['1.2.1', '1.2.3', '1.2.9', '1.2.11', '1.2.27', '1.2.28', '1.2.29', '3.2.1', '4.2.9', '4.2.12', '4.2.13', '4.2.14'];
    for (const id of likelyFail) assert.equal(result(report, id).hint, 'likely-fail', id);
    for (const id of ['4.2.4', '4.2.5', '4.2.7', '4.2.8', '4.2.11']) assert.equal(result(report, id).hint, 'likely-pass', id);
    assert.equal(report.kubernetesVersion?.version, '1.31.4');
  });

  it('prints config paths, not jsonpath templates, and no empty defaults', () => {
    const r = bulwark([fixture]);
    assert.doesNotMatch(r.stdout, /\{range|\{\.|\{end\}/, 'no kube-bench jsonpath in the report');
    assert.match(r.stdout, /^\[MANUAL\] 4\.2\.12 .* — likely fails: --tls-cipher-suites \/ tlsCipherSuites not set/m);
    assert.doesNotMatch(r.stdout, /Kubernetes default: not set/);
    assert.match(r.stdout, /found --kubelet-certificate-authority not set · kube-apiserver/);
    assert.match(r.stdout, /found --audit-log-path not set \(no log backend\) · /);
    assert.match(r.stdout, /found --profiling not set \(Kubernetes default: true\) · /);
  });

  it('labels the instance with the line the remediation names (the command list, or the flag)', () => {
    const command = lineOf(apiserver, '- command:');
    const r = bulwark([fixture]);
    const detail = r.stdout.split('\n').find((l) => l.includes('expected --profiling=false'));
    assert.ok(detail?.endsWith(`kube-apiserver.yaml:${command})`), detail);
    const remediation = r.stdout.split('\n').find((l) => l.startsWith('1.2.15 '));
    assert.match(remediation ?? '', new RegExp(`kube-apiserver\\.yaml:${command}, /spec/containers/0/command\\)$`));
    // A flag with a failing value: both name the flag's line.
    const flagged = join(dir, 'flagged');
    mkdirSync(flagged, { recursive: true });
    writeFileSync(join(flagged, 'kube-apiserver.yaml'), readFileSync(apiserver, 'utf8').replace('    - --secure-port=6443\n', '    - --secure-port=6443\n    - --profiling=true\n'));
    const profilingLine = lineOf(join(flagged, 'kube-apiserver.yaml'), '--profiling=true');
    const { report } = json([flagged]);
    const inst = result(report, '1.2.15').instances[0];
    assert.equal(inst?.line, profilingLine);
    assert.ok(inst?.instance.endsWith(`kube-apiserver.yaml:${profilingLine})`), inst?.instance);
  });

  it('an item of a List is labelled with its own line', () => {
    const pod = readFileSync(apiserver, 'utf8').split('\n').filter((l) => l !== '');
    const list = ['apiVersion: v1', 'kind: PodList', 'items:', ...pod.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))].join('\n') + '\n';
    writeFileSync(join(dir, 'podlist.yaml'), list);
    const { report } = json(['podlist.yaml']);
    const inst = result(report, '1.2.15').instances[0];
    assert.equal(inst?.instance, 'kube-apiserver (Pod kube-apiserver, podlist.yaml:4)');
    assert.equal(inst?.line, lineOf(join(dir, 'podlist.yaml'), '- command:'));
  });

  it('remediation sections put a blank line between entries in every section', () => {
    const r = bulwark([fixture]);
    for (const section of ['master', 'controlplane', 'node']) {
      const body = r.stdout.split(`== Remediations ${section} ==\n`)[1]?.split('\n== Summary')[0];
      assert.ok(body, section);
      const lines = body.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (/^\d+(\.\d+)+ /.test(lines[i] ?? '')) assert.equal(lines[i + 1], '', `${section}: blank line after ${lines[i]?.slice(0, 10)}`);
      }
    }
  });

  it('names the kubelet config file and the field line when the value comes from it', () => {
    const { report } = json(['ps-kubelet.txt', config]);
    const inst = result(report, '4.2.3').instances[0];
    assert.equal(inst?.file, config);
    assert.equal(inst?.line, lineOf(config, 'clientCAFile:'));
    assert.match(inst?.instance ?? '', /^kubelet \(.*config\.yaml:\d+; ps-kubelet\.txt:6, pid 812\)$/);
    const anon = result(report, '4.2.1').instances[0];
    assert.equal(anon?.line, lineOf(config, 'enabled: false'));
  });

  it('a flag contradicting the config file wins, and names the ps line', () => {
    const { code, report } = json(['ps-kubelet-flags.txt', config]);
    assert.equal(code, 1);
    for (const id of ['4.2.1', '4.2.2', '4.2.10']) {
      const r = result(report, id);
      assert.equal(r.status, 'FAIL', id);
      assert.equal(r.instances[0]?.file, 'ps-kubelet-flags.txt', id);
      assert.equal(r.instances[0]?.line, 6, id);
    }
    assert.equal(result(report, '4.2.3').status, 'PASS', 'the config still answers what no flag sets');
  });

  it('exit code: 0 when no automated check fails, 1 on an automated FAIL, 2 on bad input (even with FAILs)', () => {
    assert.equal(bulwark([config]).code, 0, 'kubelet config alone: every automated kubelet check passes');
    assert.equal(bulwark([fixture, '--check', '1.2.2,1.2.4,4.2']).code, 0);
    assert.equal(bulwark([fixture, '--check', '1.2.15']).code, 1);
    writeFileSync(join(dir, 'empty.yaml'), '');
    assert.equal(bulwark([fixture, 'empty.yaml']).code, 2);
  });
});

describe('bulwark cis: inputs from real machines', () => {
  it('a `ps aux` listing with unrelated processes and a grep line yields one instance per component', () => {
    const listing = [
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
      'root           1  0.0  0.1 167736 13060 ?        Ss   Jan10   0:12 /sbin/init splash',
      'root         801  1.2  1.1 2123456 90000 ?       Ssl  Jan10  62:03 /usr/bin/containerd',
      'root        1644  5.1  9.2 1234567 760000 ?      Ssl  Jan10 131:01 kube-apiserver --advertise-address=10.0.0.10 --authorization-mode=Node,RBAC --encryption-provider-config=/etc/kubernetes/enc/enc.yaml --audit-policy-file=/etc/kubernetes/audit/policy.yaml --audit-log-path=/var/log/kubernetes/audit.log --profiling=false',
      'root        1650  1.1  2.2 834567 160000 ?       Ssl  Jan10  31:01 etcd --cert-file=/etc/kubernetes/pki/etcd/server.crt --client-cert-auth=true --key-file=/etc/kubernetes/pki/etcd/server.key --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      'root        2001  0.3  0.5 734567 40000 ?        Sl   Jan10   5:01 /usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id 1a2b -address /run/containerd/containerd.sock',
      'alice       9931  0.0  0.0   6432   720 pts/0    S+   10:02   0:00 grep --color=auto kube-apiserver',
      'alice       9932  0.0  0.0   6432   720 pts/0    S+   10:02   0:00 sudo less /etc/kubernetes/manifests/kube-apiserver.yaml',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'ps-aux.txt'), listing);
    const key = Buffer.alloc(32, 7).toString('base64');
    writeFileSync(
      join(dir, 'enc.yaml'),
      `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets, configmaps]
    providers:
      - kms:
          apiVersion: v2
          name: aws-kms
          endpoint: unix:///var/run/kmsplugin/socket.sock
      - aescbc:
          keys:
            - name: key1
              secret: ${key}
      - identity: {}
`,
    );
    writeFileSync(
      join(dir, 'policy.yaml'),
      `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: None
    nonResourceURLs: ["/healthz*", "/version"]
  - level: Metadata
    resources:
      - group: ""
        resources: ["secrets", "configmaps"]
      - group: "authentication.k8s.io"
        resources: ["tokenreviews"]
    omitStages: ["RequestReceived"]
  - level: RequestResponse
    resources:
      - group: ""
      - group: "apps"
  - level: Metadata
    omitStages: ["RequestReceived"]
`,
    );
    const { report, stderr } = json(['ps-aux.txt', 'enc.yaml', 'policy.yaml']);
    assert.equal(stderr, '');
    assert.deepEqual(report.problems, []);
    const profiling = result(report, '1.2.15');
    assert.equal(profiling.status, 'PASS');
    assert.deepEqual(profiling.instances.map((i) => i.instance), ['kube-apiserver (ps-aux.txt:4, pid 1644)']);
    assert.deepEqual(result(report, '2.1').instances.map((i) => i.line), [5]);
    const providers = result(report, '1.2.28');
    assert.equal(providers.hint, 'likely-pass');
    assert.equal(providers.found, 'secrets are written with kms v2');
    assert.equal(result(report, '1.2.27').hint, 'likely-pass');
    assert.equal(result(report, '3.2.1').hint, 'likely-pass');
    assert.equal(result(report, '3.2.2').hint, 'likely-pass', 'secrets at Metadata before the RequestResponse rule; catch-all records exec');
  });

  it('k3s: no crash, every component INFO, and a notice at the k3s line', () => {
    writeFileSync(
      join(dir, 'k3s.txt'),
      [
        'UID          PID    PPID  C STIME TTY          TIME CMD',
        'root         900       1 12 Jan10 ?        03:10:00 /usr/local/bin/k3s server --write-kubeconfig-mode=644 --kube-apiserver-arg=profiling=false',
        'root         950     900  1 Jan10 ?        00:10:00 containerd -c /var/lib/rancher/k3s/agent/etc/containerd/config.toml',
        'alice       9931    9020  0 10:02 pts/0    00:00:00 grep k3s server',
        '',
      ].join('\n'),
    );
    const r = bulwark(['k3s.txt']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^notice +k3s\.txt:2: k3s server runs kube-apiserver, kube-controller-manager, kube-scheduler and the kubelet inside one process/m);
    assert.equal(r.stdout.match(/k3s server runs/g)?.length, 1, 'not for the grep line');
    const { report } = json(['k3s.txt']);
    assert.equal(report.totals.PASS + report.totals.FAIL, 0);
  });

  it('a process list without any component says so', () => {
    writeFileSync(join(dir, 'plain-ps.txt'), 'UID PID PPID C STIME TTY TIME CMD\nroot 1 0 0 Jan10 ? 00:00:12 /sbin/init\n');
    const { code, report } = json(['plain-ps.txt']);
    assert.equal(code, 0);
    assert.match(report.problems[0]?.message ?? '', /^process list without any Kubernetes component/);
  });

  it('truncated YAML, a binary file and an empty file: one error line each with file:line, the rest analysed, exit 2', () => {
    writeFileSync(join(dir, 'truncated.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    command: ["kube-apiserver", "--profiling=false"\n');
    writeFileSync(join(dir, 'binary.bin'), Buffer.concat([Buffer.from('ELF\nline two\n'), Buffer.from([0, 1, 2, 3])]));
    writeFileSync(join(dir, 'empty.yaml'), '');
    const r = bulwark(['truncated.yaml', 'binary.bin', 'empty.yaml', join(fixture, 'kube-apiserver.yaml'), '-f', 'json']);
    assert.equal(r.code, 2);
    const errors = r.stderr.trim().split('\n');
    assert.equal(errors.length, 3, r.stderr);
    assert.match(errors[0] ?? '', /^bulwark: truncated\.yaml:\d+: invalid YAML/);
    assert.match(errors[1] ?? '', /^bulwark: binary\.bin:3: binary file/);
    assert.match(errors[2] ?? '', /^bulwark: empty\.yaml: empty file/);
    const report = JSON.parse(r.stdout) as CisJsonReport;
    assert.equal(result(report, '1.2.15').status, 'FAIL', 'the good manifest was analysed');
    const text = bulwark(['truncated.yaml', 'binary.bin', 'empty.yaml', join(fixture, 'kube-apiserver.yaml')]);
    assert.equal(text.code, 2);
    assert.match(text.stdout, /== Input problems ==\nerror +truncated\.yaml:\d+: .*\nerror +binary\.bin:3: .*\nerror +empty\.yaml: empty file/);
  });
});
