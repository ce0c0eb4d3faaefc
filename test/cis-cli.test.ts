import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CisJsonReport } from '../src/cis-report/json.js';
import { repoRoot } from '../src/testing/repo-root.js';

const bin = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
const fixtures = join(repoRoot(), 'test', 'fixtures', 'control-plane');
const master = join(fixtures, 'kubeadm-master');
const node = join(fixtures, 'kubeadm-node');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-cis-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function bulwark(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, 'cis', ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

function json(args: string[]): { code: number | null; report: CisJsonReport; stderr: string } {
  const r = bulwark([...args, '-f', 'json']);
  return { code: r.code, report: JSON.parse(r.stdout) as CisJsonReport, stderr: r.stderr };
}

function statusOf(report: CisJsonReport, id: string): string | undefined {
  return report.results.find((r) => r.id === id)?.status;
}

writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: [\n');
writeFileSync(join(dir, 'bad-stats.txt'), '600 root:root /etc/kubernetes/admin.conf\nthis is not a stat line\n');
writeFileSync(join(dir, 'kubelet-ps.txt'), `root   812  1  3 09:14 ?  00:41:07 /usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --anonymous-auth=true --kubeconfig=/etc/kubernetes/kubelet.conf\n`);

describe('bulwark cis: static pod manifests', () => {
  it('evaluates a kubeadm manifest directory in the kube-bench text shape and exits 1 on an automated FAIL', () => {
    const r = bulwark([join(master, 'manifests')]);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    for (const expected of [
      '[INFO] 1 Control Plane Security Configuration',
      '[INFO] 1.2 API Server',
      '[FAIL] 1.2.15 Ensure that the --profiling argument is set to false (Automated)',
      '[PASS] 1.4.1 Ensure that the --profiling argument is set to false (Automated)',
      '[PASS] 2.1 Ensure that the --cert-file and --key-file arguments are set as appropriate (Automated)',
      '== Summary master ==',
      '== Summary total ==',
    ]) {
      assert.ok(lines.includes(expected), `missing line: ${expected}`);
    }
    assert.match(r.stdout, /^\[INFO\] 1\.1\.1 .* — needs --node or --file-stats/m, 'file checks are INFO without stat data');
    assert.match(r.stdout, /^ {7}expected --profiling=false · found .*kube-apiserver\.yaml:\d+\)$/m);
    assert.match(r.stdout, /^Kubernetes version: 1\.34\.2 \(image registry\.k8s\.io\/kube-apiserver:v1\.34\.2\)/m);
    assert.doesNotMatch(r.stdout, /\[INFO\] 4 Worker Node/, 'no node section without a kubelet or kube-proxy');
  });

  it('reads the encryption config and audit policy next to the manifests (manual hints)', () => {
    const { report } = json([master]);
    const byId = new Map(report.results.map((r) => [r.id, r]));
    assert.equal(byId.get('1.2.27')?.hint, 'likely-pass');
    assert.equal(byId.get('3.2.1')?.hint, 'likely-pass');
    const weak = json([join(master, 'manifests'), join(fixtures, 'weak')]).report;
    assert.equal(weak.results.find((r) => r.id === '1.2.27')?.hint, 'likely-fail', 'identity first: secrets in plaintext');
  });
});

describe('bulwark cis: process lists, kubelet and kube-proxy configs', () => {
  it('reads `ps -ef` output and the KubeletConfiguration the kubelet names', () => {
    const { code, report } = json([node]);
    assert.equal(code, 1, '4.3.1 fails: kube-proxy metrics bound to 0.0.0.0');
    assert.deepEqual(
      ['4.2.1', '4.2.2', '4.2.3', '4.2.6', '4.2.10', '4.3.1'].map((id) => [id, statusOf(report, id)]),
      [['4.2.1', 'PASS'], ['4.2.2', 'PASS'], ['4.2.3', 'PASS'], ['4.2.6', 'PASS'], ['4.2.10', 'PASS'], ['4.3.1', 'FAIL']],
    );
    const kubelet = report.results.find((r) => r.id === '4.2.1')?.instances[0];
    assert.equal(kubelet?.file, join(node, 'config.yaml'), 'the value came from the config file');
    assert.equal(kubelet?.line, readFileSync(join(node, 'config.yaml'), 'utf8').split('\n').findIndex((l) => /^\s+enabled: false/.test(l)) + 1);
    assert.match(kubelet?.instance ?? '', /; .*ps-ef\.txt:5, pid \d+\)$/, 'the label still names the kubelet process');
    const flagOnly = report.results.find((r) => r.id === '4.2.7')?.instances[0];
    assert.equal(flagOnly?.file, join(node, 'ps-ef.txt'));
    assert.equal(flagOnly?.line, 5, 'a flag-only setting: the kubelet line of the ps output');
    assert.deepEqual(Object.keys(report.totalsByNodeType), ['node']);
  });

  it('a kubelet flag overrides the config file; without a config file the path settings are unset', () => {
    const override = json(['kubelet-ps.txt', join(node, 'config.yaml')]).report;
    assert.equal(statusOf(override, '4.2.1'), 'FAIL', '--anonymous-auth=true wins over authentication.anonymous.enabled: false');
    const alone = json([join(node, 'ps-ef.txt')]).report;
    assert.equal(statusOf(alone, '4.2.1'), 'FAIL', 'unset = FAIL (no Kubernetes defaults in verdicts)');
    assert.equal(statusOf(alone, '4.2.10'), 'PASS', 'unset rotateCertificates passes in kube-bench');
  });

  it('reads a process list from stdin', () => {
    const r = bulwark(['-', '-f', 'json'], readFileSync(join(node, 'ps-ef.txt'), 'utf8'));
    const report = JSON.parse(r.stdout) as CisJsonReport;
    assert.equal(statusOf(report, '4.2.7'), 'MANUAL');
    assert.equal(report.results.find((x) => x.id === '4.2.7')?.kubeBenchState, 'PASS', 'kubelet has no --hostname-override');
  });
});

describe('bulwark cis: --file-stats', () => {
  it('evaluates permission and ownership checks from stat lines', () => {
    const { report } = json([master, '--file-stats', join(master, 'file-stats.txt')]);
    const cases: [string, string][] = [
      ['1.1.1', 'FAIL'],
      ['1.1.2', 'PASS'],
      ['1.1.3', 'PASS'],
      ['1.1.11', 'PASS'],
      ['1.1.12', 'FAIL'],
      ['1.1.13', 'PASS'],
      ['1.1.19', 'PASS'],
    ];
    for (const [id, status] of cases) assert.equal(statusOf(report, id), status, id);
    assert.equal(report.results.find((r) => r.id === '1.1.1')?.instances[0].path, '/etc/kubernetes/manifests/kube-apiserver.yaml');
  });

  it('node file checks: 644 kubelet config fails 4.1.9, 600 kubeconfig passes 4.1.5', () => {
    const { report } = json([node, '--file-stats', join(node, 'file-stats.txt')]);
    assert.equal(statusOf(report, '4.1.1'), 'FAIL');
    assert.equal(statusOf(report, '4.1.5'), 'PASS');
    assert.equal(statusOf(report, '4.1.9'), 'FAIL');
    assert.equal(statusOf(report, '4.1.10'), 'PASS');
  });
});

describe('bulwark cis: output formats', () => {
  it('writes json, junit and sarif, to stdout or -o', () => {
    const { report } = json([join(master, 'manifests')]);
    assert.equal(report.benchmark, 'cis-1.12');
    assert.ok(report.results.every((r) => typeof r.id === 'string' && typeof r.status === 'string'));
    const junit = bulwark([join(master, 'manifests'), '-f', 'junit']);
    assert.match(junit.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="bulwark cis"/, `exit ${junit.code} ${junit.signal}: ${junit.stderr}`);
    assert.match(junit.stdout, /<testsuite name="cis-1\.12 1\.2 API Server"/);
    const out = join(dir, 'cis.sarif');
    const sarif = bulwark([join(master, 'manifests'), '-f', 'sarif', '-o', out]);
    assert.equal(sarif.code, 1);
    assert.equal(sarif.stdout, '');
    const log = JSON.parse(readFileSync(out, 'utf8')) as { version: string; runs: { results: { ruleId: string; kind: string }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0].results.some((r) => r.ruleId === 'cis-1.2.15' && r.kind === 'fail'));
  });

  it('--kube-bench-states, --no-remediations, --check, --skip, --targets, --k8s-version', () => {
    const kb = bulwark([join(master, 'manifests'), '--kube-bench-states']);
    assert.match(kb.stdout, /^\[WARN\] 1\.2\.1 /m);
    assert.doesNotMatch(kb.stdout, /\[MANUAL\]/);
    assert.doesNotMatch(bulwark([join(master, 'manifests'), '--no-remediations']).stdout, /== Remediations/);
    const only = json([join(master, 'manifests'), '--check', '1.2.2,1.4']);
    assert.deepEqual(only.report.results.map((r) => r.id), ['1.2.2', '1.4.1', '1.4.2']);
    assert.equal(only.code, 0, 'no automated FAIL among them');
    assert.ok(!json([join(master, 'manifests'), '--skip', '1.2']).report.results.some((r) => r.id.startsWith('1.2.')));
    const policies = json([join(master, 'manifests'), '--targets', 'policies']).report;
    assert.ok(policies.results.length > 0 && policies.results.every((r) => r.id.startsWith('5.') && r.status === 'MANUAL'));
    const versioned = json([join(node, 'ps-ef.txt'), '--k8s-version', '1.30']).report;
    assert.equal(versioned.kubernetesVersion?.version.startsWith('1.30'), true);
    assert.ok(versioned.notes.some((n) => n.kind === 'eol'), '1.30 is past its end of life');
    const kubeadm = json([join(fixtures, 'cluster-configuration.yaml'), join(fixtures, 'nodes.yaml')]);
    assert.equal(kubeadm.report.kubernetesVersion?.version, '1.28.4', 'kubeadm ClusterConfiguration');
    assert.equal(kubeadm.report.kubernetesVersion?.supported, false);
    assert.ok(kubeadm.report.notes.some((n) => n.kind === 'benchmark-range'), '1.28 is outside CIS 1.12');
    assert.equal(kubeadm.code, 0, 'no component: everything INFO or MANUAL, nothing fails');
    assert.equal(kubeadm.report.totals.PASS + kubeadm.report.totals.FAIL, 0);
  });
});

describe('bulwark cis: bad input and usage errors', () => {
  it('reports a broken manifest with file:line, exits 2, and still analyses the rest', () => {
    const r = bulwark(['broken.yaml', join(master, 'manifests'), '-f', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^bulwark: broken\.yaml:\d+: /);
    const report = JSON.parse(r.stdout) as CisJsonReport;
    assert.equal(statusOf(report, '1.2.15'), 'FAIL', 'the good manifests were analysed');
    const text = bulwark(['broken.yaml', join(master, 'manifests')]);
    assert.equal(text.code, 2);
    assert.match(text.stdout, /== Input problems ==\nerror +broken\.yaml:\d+: /);
  });

  it('reports a bad --file-stats line with file:line and keeps the good ones', () => {
    const r = bulwark([join(master, 'manifests'), '--file-stats', 'bad-stats.txt', '-f', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad-stats\.txt:2: not a file-stats line/);
    assert.equal(statusOf(JSON.parse(r.stdout) as CisJsonReport, '1.1.13'), 'PASS');
    const missing = bulwark([join(master, 'manifests'), '--file-stats', 'no-such-file.txt', '-f', 'json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no-such-file\.txt: cannot read --file-stats file: ENOENT/);
  });

  const usage: [string[], RegExp][] = [
    [['-f', 'xml'], /unknown format "xml"/],
    [['--targets', 'master,nodes'], /unknown target\(s\) "nodes"/],
    [['--check', '1.2.99'], /--check: unknown CIS id\(s\) "1\.2\.99"/],
    [['--skip', 'x'], /--skip: unknown CIS id\(s\) "x"/],
    [['--host-root', '/host'], /--host-root needs --node/],
    [['--k8s-version', 'latest'], /--k8s-version must look like 1\.30/],
    [['--max-file-size', '0'], /--max-file-size must be a positive number/],
  ];
  for (const [args, message] of usage) {
    it(`usage error: ${args.join(' ')}`, () => {
      const r = bulwark([join(master, 'manifests'), ...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
    });
  }

  it('an unknown option is a usage error', () => {
    const r = bulwark(['--no-such-option']);
    assert.equal(r.code, 2);
  });
});
