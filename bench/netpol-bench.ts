/**
 * NetworkPolicy benchmark (`npm run bench`, after the scan and RBAC benchmarks): generates a realistic cluster
 * (bench/netpol-bench-data.ts: by default 5,000 workloads in 200 namespaces with 1,000 NetworkPolicies, then
 * twice that), writes it as one YAML stream, and measures four stages, each in fresh child processes so that
 * peak RSS is per stage:
 *
 *   parse         readInputs() + Inventory
 *   fact          + computeNetwork() (endpoints, classes, merged groups) + the class-pair matrix, every
 *                 classConnection() evaluated
 *   connectivity  parse + computeNetwork() + connections(): every ordered pair of peers (workloads and external
 *                 ranges) with what it allows, what `netpol list` computes; target ≤ 3 s and ≤ 500 MB peak RSS
 *                 at 5,000 workloads (the time is the whole in-process work: parse, fact and pairs)
 *   render        + connlistRows() + the txt rendering of `netpol list`
 *
 * and how each grows when the workloads double. It reports numbers and never asserts: the exit code is 0
 * unless something crashes.
 *
 *   node dist/bench/netpol-bench.js                              the whole benchmark
 *   node dist/bench/netpol-bench.js --stage <stage> <file.yaml>   one measurement, printed as one JSON line
 *
 * Environment: BENCH_NETPOL_WORKLOADS (comma-separated sizes, default 5000,10000; namespaces = workloads/25,
 * policies = workloads/5), BENCH_NETPOL_RUNS (fresh processes per stage and size, default 3; the median is
 * shown), BENCH_NETPOL_SEED (default 1), BENCH_KEEP=1 (keep the generated YAML).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { computeNetwork } from '../src/analyzers/network/network-analyzer.js';
import { Inventory } from '../src/inventory/inventory.js';
import { connlistRows, renderConnlist } from '../src/netpol-report/index.js';
import { readInputs } from '../src/sources/read-inputs.js';
import { estateYaml, generateNetpolEstate, netpolBenchOptions } from './netpol-bench-data.js';
import { fmtInt, fmtMb, fmtMs, median, positiveInt, verdict } from './bench-support.js';

const STAGES = ['parse', 'fact', 'connectivity', 'render'] as const;
type Stage = (typeof STAGES)[number];

const TARGET_WORKLOADS = 5000;
const TARGET_MS = 3000;
const TARGET_RSS_MB = 500;
const SCRIPT = fileURLToPath(import.meta.url);

interface StageResult {
  stage: Stage;
  /** Time of each step that ran, in order: parse, fact, matrix, pairs, render. */
  steps: Partial<Record<'parse' | 'fact' | 'matrix' | 'pairs' | 'render', number>>;
  /** Sum of the steps: the in-process work of the stage, excluding Node start-up and module loading. */
  ms: number;
  objects: number;
  endpoints?: number;
  classes?: number;
  groups?: number;
  externals?: number;
  pairs?: number;
  workloadPairs?: number;
  outputBytes?: number;
  outputLines?: number;
  error?: string;
  /** process.resourceUsage().maxRSS, KB. */
  maxRssKB: number;
  /** Spawn to exit, as a user would time the process. */
  processMs: number;
}

if (process.argv[2] === '--stage') {
  await runStage(process.argv[3], process.argv[4]);
} else {
  main();
}

// ───────────────────────────── child: one measurement ─────────────────────────────

async function runStage(stage: string | undefined, file: string | undefined): Promise<void> {
  if (!STAGES.includes(stage as Stage) || !file) {
    process.stderr.write(`usage: netpol-bench.js --stage ${STAGES.join('|')} <file.yaml>\n`);
    process.exit(2);
  }
  const s = STAGES.indexOf(stage as Stage);
  const steps: StageResult['steps'] = {};
  const time = <T>(step: keyof StageResult['steps'], fn: () => T): T => {
    const t = performance.now();
    const value = fn();
    steps[step] = performance.now() - t;
    return value;
  };
  const t = performance.now();
  const inputs = await readInputs([file]);
  const inventory = new Inventory(inputs.objects, inputs.problems);
  steps.parse = performance.now() - t;
  const out: Omit<StageResult, 'ms' | 'maxRssKB' | 'processMs'> = { stage: stage as Stage, steps, objects: inputs.objects.length };

  if (s >= 1) {
    const network = time('fact', () => computeNetwork(inventory));
    out.endpoints = network.endpoints.length;
    out.classes = network.classes.length;
    out.groups = network.distinctClassCount;
    out.externals = network.ingressExternals.length + network.egressExternals.length;
    if (stage === 'fact') {
      // Every class pair: the matrix over merged groups, looked up per class pair.
      time('matrix', () => {
        let nonEmpty = 0;
        const n = network.classes.length;
        for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (!network.classConnection(a, b).isEmpty()) nonEmpty++;
        return nonEmpty;
      });
    } else {
      const connections = time('pairs', () => network.connections());
      out.pairs = connections.length;
      out.workloadPairs = connections.reduce((n, c) => n + (c.src.type === 'workload' && c.dst.type === 'workload' ? 1 : 0), 0);
      if (stage === 'render') {
        try {
          const text = time('render', () => renderConnlist(connlistRows(connections), 'txt'));
          out.outputBytes = Buffer.byteLength(text);
          let lines = 0;
          for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
          out.outputLines = lines;
        } catch (e) {
          out.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        }
      }
    }
  }
  const ms = Object.values(steps).reduce((a, b) => a + (b ?? 0), 0);
  process.stdout.write(`${JSON.stringify({ ...out, ms, maxRssKB: process.resourceUsage().maxRSS, processMs: 0 })}\n`);
}

function measure(stage: Stage, file: string): StageResult {
  const start = performance.now();
  const child = spawnSync(process.execPath, [SCRIPT, '--stage', stage, file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const processMs = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`stage ${stage} on ${file} exited with ${child.status ?? child.signal}:\n${child.stderr}`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return { ...(JSON.parse(last) as StageResult), processMs };
}

// ───────────────────────────── parent: the benchmark ─────────────────────────────

interface SizeResult {
  workloads: number;
  namespaces: number;
  policies: number;
  /** Median result per stage (by in-process time), with the medians of time and RSS over the runs. */
  stages: Record<Stage, { median: StageResult; ms: number; rssMB: number; runs: StageResult[] }>;
}

function main(): void {
  const sizes = (process.env.BENCH_NETPOL_WORKLOADS ?? `${TARGET_WORKLOADS},${TARGET_WORKLOADS * 2}`)
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  const runs = positiveInt(process.env.BENCH_NETPOL_RUNS, 3);
  const seed = positiveInt(process.env.BENCH_NETPOL_SEED, 1);
  const work = join(tmpdir(), `bulwark-netpol-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const keep = process.env.BENCH_KEEP === '1';
  const cleanup = (): void => {
    if (keep) console.log(`\nBENCH_KEEP=1: inputs kept in ${work} (profile a stage with node --cpu-prof ${SCRIPT} --stage connectivity <file>)`);
    else rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  console.log(`Bulwark NetworkPolicy benchmark — node ${process.version}, ${process.platform}/${process.arch}, seed ${seed}, ${runs} fresh process(es) per stage`);
  const results: SizeResult[] = [];
  try {
    for (const workloads of sizes) {
      const options = netpolBenchOptions(workloads, seed);
      const t = performance.now();
      const estate = generateNetpolEstate(options);
      const text = estateYaml(estate);
      const file = join(work, `netpol-${workloads}.yaml`);
      writeFileSync(file, text);
      const c = estate.counts;
      const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'].map((k) => `${fmtInt(c[k] ?? 0)} ${k}`).join(', ');
      console.log(
        `\n${fmtInt(workloads)} workloads (${kinds}) in ${fmtInt(c.Namespace ?? 0)} namespaces, ${fmtInt(c.NetworkPolicy ?? 0)} NetworkPolicies ` +
          `(${Object.entries(estate.policyShapes)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}); ` +
          `${fmtMb(Buffer.byteLength(text) / 1048576)} of YAML, generated in ${fmtMs(performance.now() - t)}`,
      );
      const stages = {} as SizeResult['stages'];
      for (const stage of STAGES) {
        const rs: StageResult[] = [];
        for (let i = 0; i < runs; i++) rs.push(measure(stage, file));
        const sorted = [...rs].sort((a, b) => a.ms - b.ms);
        const med = sorted[Math.floor((sorted.length - 1) / 2)];
        stages[stage] = { median: med, ms: median(rs.map((r) => r.ms)), rssMB: median(rs.map((r) => r.maxRssKB)) / 1024, runs: rs };
        console.log(`  ${stage.padEnd(12)} ${rs.map((r) => `${fmtMs(r.ms)} / ${fmtMb(r.maxRssKB / 1024)}`).join('   ')}${med.error ? `   (${med.error})` : ''}`);
      }
      results.push({ workloads, namespaces: options.namespaces, policies: options.policies, stages });
    }
  } finally {
    cleanup();
  }

  console.log('');
  const rows: string[][] = [];
  for (const r of results) {
    const s = r.stages;
    const f = s.fact.median;
    const conn = s.connectivity.median;
    const rend = s.render.median;
    const label = `${fmtInt(r.workloads)} wl / ${r.namespaces} ns / ${fmtInt(r.policies)} np`;
    rows.push([label, 'parse + inventory', fmtMs(s.parse.ms), fmtMs(s.parse.ms), fmtMb(s.parse.rssMB), `${fmtInt(s.parse.median.objects)} objects`]);
    rows.push([
      '',
      'network fact + class matrix',
      `${fmtMs(f.steps.fact ?? 0)} + ${fmtMs(f.steps.matrix ?? 0)}`,
      fmtMs(s.fact.ms),
      fmtMb(s.fact.rssMB),
      `${fmtInt(f.endpoints ?? 0)} endpoints, ${fmtInt(f.classes ?? 0)} classes, ${fmtInt(f.groups ?? 0)} groups, ${fmtInt(f.externals ?? 0)} external ranges`,
    ]);
    rows.push([
      '',
      'full connectivity (all pairs)',
      `${fmtMs(conn.steps.fact ?? 0)} + ${fmtMs(conn.steps.pairs ?? 0)}`,
      fmtMs(s.connectivity.ms),
      fmtMb(s.connectivity.rssMB),
      `${fmtInt(conn.pairs ?? 0)} allowed pairs (${fmtInt(conn.workloadPairs ?? 0)} workload → workload)`,
    ]);
    rows.push([
      '',
      'render `netpol list` txt',
      rend.error ? 'failed' : fmtMs(rend.steps.render ?? 0),
      fmtMs(s.render.ms),
      fmtMb(s.render.rssMB),
      rend.error ? rend.error : `${fmtInt(rend.outputLines ?? 0)} lines, ${fmtMb((rend.outputBytes ?? 0) / 1048576)}`,
    ]);
  }
  printTable(['input', 'stage', 'own step(s)', 'in-process total', 'peak RSS', 'size'], rows);
  console.log('(median of the runs; "own step(s)": what the stage adds — fact and matrix, fact and pairs — "in-process total" includes parsing)');

  if (results.length >= 2) {
    const [a, b] = results;
    const ratio = (x: number, y: number): string => (x > 0 ? `${(y / x).toFixed(2)}×` : '-');
    console.log(`\ngrowth from ${fmtInt(a.workloads)} to ${fmtInt(b.workloads)} workloads (${ratio(a.workloads, b.workloads)} workloads, namespaces and policies):`);
    printTable(
      ['measure', fmtInt(a.workloads), fmtInt(b.workloads), 'growth'],
      [
        ...STAGES.map((st) => [`${st} time`, fmtMs(a.stages[st].ms), fmtMs(b.stages[st].ms), ratio(a.stages[st].ms, b.stages[st].ms)]),
        ['network fact alone', fmtMs(a.stages.connectivity.median.steps.fact ?? 0), fmtMs(b.stages.connectivity.median.steps.fact ?? 0), ratio(a.stages.connectivity.median.steps.fact ?? 0, b.stages.connectivity.median.steps.fact ?? 0)],
        ['all pairs alone', fmtMs(a.stages.connectivity.median.steps.pairs ?? 0), fmtMs(b.stages.connectivity.median.steps.pairs ?? 0), ratio(a.stages.connectivity.median.steps.pairs ?? 0, b.stages.connectivity.median.steps.pairs ?? 0)],
        ['connectivity peak RSS', fmtMb(a.stages.connectivity.rssMB), fmtMb(b.stages.connectivity.rssMB), ratio(a.stages.connectivity.rssMB, b.stages.connectivity.rssMB)],
        ['classes', fmtInt(a.stages.fact.median.classes ?? 0), fmtInt(b.stages.fact.median.classes ?? 0), ratio(a.stages.fact.median.classes ?? 0, b.stages.fact.median.classes ?? 0)],
        ['merged groups', fmtInt(a.stages.fact.median.groups ?? 0), fmtInt(b.stages.fact.median.groups ?? 0), ratio(a.stages.fact.median.groups ?? 0, b.stages.fact.median.groups ?? 0)],
        ['allowed pairs', fmtInt(a.stages.connectivity.median.pairs ?? 0), fmtInt(b.stages.connectivity.median.pairs ?? 0), ratio(a.stages.connectivity.median.pairs ?? 0, b.stages.connectivity.median.pairs ?? 0)],
      ],
    );
    console.log('(pairs grow with workloads², so listing them cannot grow slower than 4× when workloads double; the fact grows with classes and groups)');
  }

  const target = results.find((r) => r.workloads === TARGET_WORKLOADS);
  if (target) {
    const c = target.stages.connectivity;
    console.log('');
    printTable(
      ['target (issue 4)', 'measured', 'verdict'],
      [
        [`full connectivity ≤ ${fmtMs(TARGET_MS)} (${fmtInt(TARGET_WORKLOADS)} workloads; parse + fact + all pairs)`, fmtMs(c.ms), verdict(c.ms <= TARGET_MS)],
        [`full connectivity peak RSS ≤ ${TARGET_RSS_MB} MB`, fmtMb(c.rssMB), verdict(c.rssMB <= TARGET_RSS_MB)],
      ],
    );
  }
}

// ───────────────────────────── helpers ─────────────────────────────

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i <= 1 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
