/**
 * CIS benchmark benchmark (`npm run bench`, after the scan, RBAC and NetworkPolicy benchmarks). Two inputs:
 *
 *   node      one kubeadm control-plane node: the four static pod manifests, the EncryptionConfiguration and audit
 *             Policy next to them, `ps -ef` of the node (its kubelet and kube-proxy among unrelated processes), the
 *             KubeletConfiguration and KubeProxyConfiguration, and --file-stats (test/fixtures/control-plane)
 *   fleet     one `ps -ef` listing of 3 control-plane nodes (kube-apiserver, kube-controller-manager,
 *             kube-scheduler, etcd, kubelet, kube-proxy each) and 1,000 worker nodes (kubelet and kube-proxy), with
 *             unrelated processes and `grep` lines around them, plus the same config files (generated)
 *
 * and three stages, each in fresh child processes so that peak RSS is per stage:
 *
 *   cis       runCis(): read the inputs, build the control-plane facts, evaluate all CIS 1.12 controls
 *   cis+text  the same and the kube-bench-shaped text report
 *   scan      scan() with the 20 control-plane checks (what `bulwark scan` adds for these inputs)
 *
 * It reports numbers and never asserts: the exit code is 0 unless something crashes.
 *
 *   node dist/bench/cis-bench.js                                  the whole benchmark
 *   node dist/bench/cis-bench.js --stage <stage> <input> <dir>     one measurement, printed as one JSON line
 *
 * Environment: BENCH_CIS_NODES (worker nodes in the fleet listing, default 1000), BENCH_CIS_RUNS (fresh processes
 * per stage and input, default 3; the median is shown), BENCH_KEEP=1 (keep the generated inputs).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BUILTIN_CHECKS } from '../src/checks/index.js';
import { renderCisReport } from '../src/cis-report/index.js';
import { runCis } from '../src/cis-scan.js';
import { scan } from '../src/scan.js';
import { repoRoot } from '../src/testing/repo-root.js';
import { fmtInt, fmtMb, fmtMs, median, positiveInt } from './bench-support.js';

const STAGES = ['cis', 'cis+text', 'scan'] as const;
type Stage = (typeof STAGES)[number];
const INPUTS = ['node', 'fleet'] as const;
type Input = (typeof INPUTS)[number];

const SCRIPT = fileURLToPath(import.meta.url);
const TODAY = '2026-01-15';

interface StageResult {
  stage: Stage;
  input: Input;
  /** In-process work: reading, facts and benchmark (cis), + rendering (cis+text), or the whole scan. */
  ms: number;
  renderMs?: number;
  objects: number;
  instances?: number;
  results?: number;
  fails?: number;
  findings?: number;
  outputBytes?: number;
  problems: number;
  /** process.resourceUsage().maxRSS, KB. */
  maxRssKB: number;
  /** Spawn to exit, as a user would time the process. */
  processMs: number;
}

// ───────────────────────────── child: one measurement ─────────────────────────────

async function runStage(stage: Stage, input: Input, dir: string | undefined): Promise<void> {
  if (!STAGES.includes(stage) || !INPUTS.includes(input) || !dir) {
    process.stderr.write(`usage: cis-bench.js --stage ${STAGES.join('|')} ${INPUTS.join('|')} <dir>\n`);
    process.exit(2);
  }
  const paths = [dir];
  const fileStats = join(dir, '..', `${input}-file-stats.txt`);
  const out: Omit<StageResult, 'ms' | 'maxRssKB' | 'processMs'> = { stage, input, objects: 0, problems: 0 };
  let ms: number;
  if (stage === 'scan') {
    const checks = BUILTIN_CHECKS.filter((c) => c.meta.category === 'control-plane');
    const t = performance.now();
    const result = await scan(paths, { checks, now: new Date(`${TODAY}T00:00:00Z`) });
    ms = performance.now() - t;
    out.findings = result.findings.length;
    out.problems = result.problems.length;
    out.objects = result.fileCount;
  } else {
    const t = performance.now();
    const run = await runCis(paths, { fileStats, today: TODAY });
    ms = performance.now() - t;
    out.instances = run.facts.instances.length;
    out.results = run.report.results.length;
    out.fails = run.report.totals.FAIL;
    out.problems = run.report.problems.length;
    out.objects = run.fileCount;
    if (stage === 'cis+text') {
      const r = performance.now();
      const text = renderCisReport('text', run.report, { color: false, cwd: dir, toolVersion: 'bench', remediations: true });
      out.renderMs = performance.now() - r;
      ms += out.renderMs;
      out.outputBytes = Buffer.byteLength(text);
    }
  }
  process.stdout.write(`${JSON.stringify({ ...out, ms, maxRssKB: process.resourceUsage().maxRSS, processMs: 0 })}\n`);
}

function measure(stage: Stage, input: Input, dir: string): StageResult {
  const start = performance.now();
  const child = spawnSync(process.execPath, [SCRIPT, '--stage', stage, input, dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const processMs = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`stage ${stage} on ${input} exited with ${child.status ?? child.signal}:\n${child.stderr}`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return { ...(JSON.parse(last) as StageResult), processMs };
}

// ───────────────────────────── inputs ─────────────────────────────

const PS_HEADER = 'UID          PID    PPID  C STIME TTY          TIME CMD';

function psLine(user: string, pid: number, ppid: number, cmd: string): string {
  return `${user.padEnd(8)} ${String(pid).padStart(7)} ${String(ppid).padStart(7)}  1 Jan10 ?        00:41:07 ${cmd}`;
}

function kubeletCmd(node: string, i: number): string {
  const extra = [i % 10 === 3 ? ' --anonymous-auth=true' : '', i % 7 === 2 ? ' --read-only-port=10255' : '', i % 13 === 5 ? ' --rotate-certificates=false' : ''].join('');
  return (
    '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf ' +
    '--config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock ' +
    `--pod-infra-container-image=registry.k8s.io/pause:3.10 --node-ip=10.1.${Math.floor(i / 250)}.${i % 250}${extra} --hostname-override=${node}`
  );
}

function proxyCmd(node: string, i: number): string {
  return `/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=${node}${i % 9 === 4 ? ' --metrics-bind-address=0.0.0.0:10249' : ''}`;
}

function noise(pid: number): string[] {
  return [
    psLine('root', 1, 0, '/sbin/init splash'),
    psLine('root', pid + 1, 1, '/lib/systemd/systemd-journald'),
    psLine('root', pid + 2, 1, 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'),
    psLine('root', pid + 3, 1, '/usr/bin/containerd'),
    psLine('root', pid + 4, pid + 3, '/usr/local/bin/containerd-shim-runc-v2 -namespace k8s.io -id 7b1c -address /run/containerd/containerd.sock'),
  ];
}

/** `ps -ef` of 3 control-plane nodes and `workers` worker nodes, one listing after the other. */
function fleetPs(workers: number): string {
  const lines: string[] = [];
  for (let m = 0; m < 3; m++) {
    const node = `cp-${m}`;
    lines.push(PS_HEADER, ...noise(400));
    lines.push(
      psLine('root', 1601, 1210, `kube-apiserver --advertise-address=10.0.0.${10 + m} --allow-privileged=true --authorization-mode=Node,RBAC --client-ca-file=/etc/kubernetes/pki/ca.crt --enable-admission-plugins=NodeRestriction --enable-bootstrap-token-auth=true --encryption-provider-config=/etc/kubernetes/enc/encryption-config.yaml --audit-policy-file=/etc/kubernetes/audit/audit-policy.yaml --audit-log-path=/var/log/kubernetes/audit/audit.log --audit-log-maxage=30 --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key --etcd-servers=https://127.0.0.1:2379 --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key --secure-port=6443 --service-account-issuer=https://kubernetes.default.svc.cluster.local --service-account-key-file=/etc/kubernetes/pki/sa.pub --service-account-signing-key-file=/etc/kubernetes/pki/sa.key --service-cluster-ip-range=10.96.0.0/12 --tls-cert-file=/etc/kubernetes/pki/apiserver.crt --tls-private-key-file=/etc/kubernetes/pki/apiserver.key${m === 2 ? ' --profiling=false' : ''}`),
      psLine('root', 1602, 1211, 'kube-controller-manager --allocate-node-cidrs=true --authentication-kubeconfig=/etc/kubernetes/controller-manager.conf --authorization-kubeconfig=/etc/kubernetes/controller-manager.conf --bind-address=127.0.0.1 --client-ca-file=/etc/kubernetes/pki/ca.crt --kubeconfig=/etc/kubernetes/controller-manager.conf --leader-elect=true --root-ca-file=/etc/kubernetes/pki/ca.crt --service-account-private-key-file=/etc/kubernetes/pki/sa.key --use-service-account-credentials=true --profiling=false'),
      psLine('root', 1603, 1212, 'kube-scheduler --authentication-kubeconfig=/etc/kubernetes/scheduler.conf --authorization-kubeconfig=/etc/kubernetes/scheduler.conf --bind-address=127.0.0.1 --kubeconfig=/etc/kubernetes/scheduler.conf --leader-elect=true --profiling=false'),
      psLine('root', 1604, 1213, `etcd --advertise-client-urls=https://10.0.0.${10 + m}:2379 --cert-file=/etc/kubernetes/pki/etcd/server.crt --client-cert-auth=true --data-dir=/var/lib/etcd --key-file=/etc/kubernetes/pki/etcd/server.key --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt --peer-client-cert-auth=true --peer-key-file=/etc/kubernetes/pki/etcd/peer.key --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt`),
      psLine('root', 812, 1, kubeletCmd(node, m)),
      psLine('root', 1419, 1302, proxyCmd(node, m)),
      psLine('alice', 9931, 9020, 'grep --color=auto kube'),
    );
  }
  for (let i = 0; i < workers; i++) {
    const node = `worker-${i}`;
    lines.push(PS_HEADER, ...noise(400), psLine('root', 812, 1, kubeletCmd(node, i)), psLine('root', 1419, 1302, proxyCmd(node, i)));
    if (i % 5 === 0) lines.push(psLine('ops', 9931, 9020, 'grep kubelet'));
  }
  return `${lines.join('\n')}\n`;
}

function prepare(work: string, workers: number): Record<Input, { dir: string; describe: string }> {
  const fixtures = join(repoRoot(), 'test', 'fixtures', 'control-plane');
  const master = join(fixtures, 'kubeadm-master');
  const nodeFx = join(fixtures, 'kubeadm-node');

  const node = join(work, 'node');
  mkdirSync(node, { recursive: true });
  cpSync(join(master, 'manifests'), join(node, 'manifests'), { recursive: true });
  for (const f of ['encryption-config.yaml', 'audit-policy.yaml']) copyFileSync(join(master, f), join(node, f));
  for (const f of ['config.yaml', 'kube-proxy-config.yaml', 'ps-ef.txt']) copyFileSync(join(nodeFx, f), join(node, f));
  copyFileSync(join(master, 'file-stats.txt'), join(work, 'node-file-stats.txt'));

  const fleet = join(work, 'fleet');
  mkdirSync(fleet, { recursive: true });
  const ps = fleetPs(workers);
  writeFileSync(join(fleet, 'ps-ef.txt'), ps);
  for (const f of ['encryption-config.yaml', 'audit-policy.yaml']) copyFileSync(join(master, f), join(fleet, f));
  for (const f of ['config.yaml', 'kube-proxy-config.yaml']) copyFileSync(join(nodeFx, f), join(fleet, f));
  copyFileSync(join(master, 'file-stats.txt'), join(work, 'fleet-file-stats.txt'));

  const size = (dir: string): number => readdirSync(dir, { recursive: true }).reduce<number>((n, f) => n + (statSync(join(dir, String(f))).isFile() ? statSync(join(dir, String(f))).size : 0), 0);
  const psLines = ps.split('\n').length - 1;
  return {
    node: { dir: node, describe: `kubeadm control-plane node: 4 static pods, encryption + audit config, kubelet + kube-proxy (ps -ef and configs), file stats; ${fmtInt(size(node) / 1024)} KB` },
    fleet: {
      dir: fleet,
      describe: `ps -ef of 3 control-plane + ${fmtInt(workers)} worker nodes (${fmtInt(psLines)} lines, ${fmtInt(3 * 6 + workers * 2)} component processes) + configs; ${fmtMb(size(fleet) / 1048576)}`,
    },
  };
}

// ───────────────────────────── parent: the benchmark ─────────────────────────────

function main(): void {
  const workers = positiveInt(process.env.BENCH_CIS_NODES, 1000);
  const runs = positiveInt(process.env.BENCH_CIS_RUNS, 3);
  const work = join(tmpdir(), `bulwark-cis-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const keep = process.env.BENCH_KEEP === '1';
  const cleanup = (): void => {
    if (keep) console.log(`\nBENCH_KEEP=1: inputs kept in ${work} (profile a stage with node --cpu-prof ${SCRIPT} --stage cis fleet ${join(work, 'fleet')})`);
    else rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  console.log(`Bulwark CIS benchmark — node ${process.version}, ${process.platform}/${process.arch}, ${runs} fresh process(es) per stage`);
  const rows: string[][] = [];
  try {
    const inputs = prepare(work, workers);
    for (const input of INPUTS) {
      console.log(`\n${input}: ${inputs[input].describe}`);
      for (const stage of STAGES) {
        const rs: StageResult[] = [];
        for (let i = 0; i < runs; i++) rs.push(measure(stage, input, inputs[input].dir));
        const sorted = [...rs].sort((a, b) => a.ms - b.ms);
        const med = sorted[Math.floor((sorted.length - 1) / 2)];
        console.log(`  ${stage.padEnd(9)} ${rs.map((r) => `${fmtMs(r.ms)} / ${fmtMb(r.maxRssKB / 1024)}`).join('   ')}`);
        const size =
          stage === 'scan'
            ? `${fmtInt(med.findings ?? 0)} findings`
            : `${fmtInt(med.instances ?? 0)} instances, ${med.results ?? 0} controls (${med.fails ?? 0} FAIL)${med.outputBytes !== undefined ? `, ${fmtInt(med.outputBytes / 1024)} KB text in ${fmtMs(med.renderMs ?? 0, 1)}` : ''}`;
        rows.push([
          stage === STAGES[0] ? input : '',
          stage,
          fmtMs(median(rs.map((r) => r.ms))),
          fmtMs(median(rs.map((r) => r.processMs))),
          fmtMb(median(rs.map((r) => r.maxRssKB)) / 1024),
          `${size}${med.problems > 0 ? `, ${med.problems} input problem(s)` : ''}`,
        ]);
      }
    }
  } finally {
    cleanup();
  }
  console.log('');
  printTable(['input', 'stage', 'in-process', 'process', 'peak RSS', 'result'], rows);
  console.log('(median of the runs; "in-process": the library call from reading the inputs to the report; "process": spawn to exit, incl. Node start-up and module loading)');
}

// ───────────────────────────── helpers ─────────────────────────────

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i <= 1 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

// Last, so every constant above is initialised.
if (process.argv[2] === '--stage') {
  await runStage(process.argv[3] as Stage, process.argv[4] as Input, process.argv[5]);
} else {
  main();
}
