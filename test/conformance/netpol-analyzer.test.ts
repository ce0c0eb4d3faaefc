/**
 * Conformance with netpol-analyzer (np-guard/netpol-analyzer, Apache-2.0): `connlist_cases.json` maps an
 * input directory (workloads, namespaces, NetworkPolicies) to a golden `list` output. A case agrees when the
 * SET of connections Bulwark lists equals the golden set (order-insensitive): txt lines, or {src,dst,conn}
 * rows for json, csv and md.
 *
 * Implemented: list in txt, json, csv, md and dot (compared as the set of its lines), and `--exposure` in txt
 * and md (compared as the set of lines of the whole output). Not implemented (listed, not asserted): focus
 * options and multiple networks (no such case in the folder today).
 *
 * The diff goldens (`test_outputs/diff/diff_between_<after>_and_<before>.txt`) are compared the same way with
 * `netpol diff <before> <after>`: the set of `diff-type: …` lines.
 *
 * Some inputs are `kubectl get -o json` typed lists (PodList) whose items carry no kind/apiVersion; the
 * manifest parser gives them the list's item kind, as the API server implies.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { diffConnectivity } from '../../src/analyzers/network/connectivity-diff.js';
import { computeExposure } from '../../src/analyzers/network/exposure.js';
import { computeNetwork, type NetworkFacts } from '../../src/analyzers/network/network-analyzer.js';
import { Inventory } from '../../src/inventory/inventory.js';
import { connlistRows, renderConnlist, renderConnlistDot, renderDiffTxt, renderExposureMd, renderExposureTxt, type ConnlistFormat } from '../../src/netpol-report/index.js';
import { readInputs } from '../../src/sources/read-inputs.js';
import { formatTable, ORACLES_DIR } from './oracle-support.js';

const NETPOL_DIR = join(ORACLES_DIR, 'netpol-analyzer');

interface ConnlistCase {
  input_dir: string;
  expected_output: string;
  format: string;
  exposure_analysis: boolean;
  focus_workloads: string[];
  focus_workload_peers: string[];
  focus_direction: string;
  focus_conn: string;
  multiple_networks: boolean;
}

const IMPLEMENTED_FORMATS = new Set(['txt', 'json', 'csv', 'md', 'dot']);

/** Why a case is not run, or undefined when it is. */
function notImplemented(c: ConnlistCase): string | undefined {
  if (c.exposure_analysis && c.format !== 'txt' && c.format !== 'md') return `exposure in format ${c.format} not implemented yet`;
  if (c.focus_workloads.length > 0 || c.focus_workload_peers.length > 0 || c.focus_direction !== '' || c.focus_conn !== '') {
    return 'focus options not implemented yet';
  }
  if (c.multiple_networks) return 'multiple networks (UDN/NAD) are outside NetworkPolicy semantics';
  if (!IMPLEMENTED_FORMATS.has(c.format)) return `format ${c.format} not implemented yet`;
  return undefined;
}

/** Rows as `src|dst|conn` keys, from one golden or rendered output. */
function rowKeys(text: string, format: string): Set<string> {
  const keys = new Set<string>();
  const add = (src: string, dst: string, conn: string): void => void keys.add(`${src.trim()} => ${dst.trim()} : ${conn.trim()}`);
  switch (format) {
    case 'lines':
      for (const line of text.split('\n')) if (line.trimEnd()) keys.add(line.trimEnd());
      break;
    case 'dot':
    case 'txt':
      for (const line of text.split('\n')) if (line.trim()) keys.add(line.trim());
      break;
    case 'json':
      for (const r of JSON.parse(text) as { src: string; dst: string; conn: string }[]) add(r.src, r.dst, r.conn);
      break;
    case 'csv':
      for (const line of text.split('\n').slice(1)) {
        if (!line.trim()) continue;
        const cells = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
        add(cells[0], cells[1], cells[2]);
      }
      break;
    case 'md':
      for (const line of text.split('\n').slice(2)) {
        if (!line.trim()) continue;
        const cells = line.split(' | ').map((s) => s.replace(/^\|\s*|\s*\|$/g, ''));
        add(cells[0], cells[1], cells[2]);
      }
      break;
  }
  return keys;
}

function render(network: NetworkFacts, format: string, exposure = false): string {
  const connections = network.connections();
  if (exposure) {
    const report = computeExposure(network);
    return format === 'md' ? renderExposureMd(connlistRows(connections), report) : renderExposureTxt(connlistRows(connections), report);
  }
  return format === 'dot' ? renderConnlistDot(connections, network.endpoints) : renderConnlist(connlistRows(connections), format as ConnlistFormat);
}

interface Outcome {
  name: string;
  status: 'agree' | 'disagree' | 'not implemented';
  detail: string;
}

test('netpol-analyzer connlist conformance', async () => {
  const cases = JSON.parse(readFileSync(join(NETPOL_DIR, 'connlist_cases.json'), 'utf8')) as ConnlistCase[];
  const outcomes: Outcome[] = [];
  for (const c of cases) {
    const name = `${c.input_dir.replace(/^tests\//, '')} [${c.format}${c.exposure_analysis ? ', exposure' : ''}]`;
    const reason = notImplemented(c);
    if (reason) {
      outcomes.push({ name, status: 'not implemented', detail: reason });
      continue;
    }
    const inputs = await readInputs([join(NETPOL_DIR, c.input_dir)]);
    const network = computeNetwork(new Inventory(inputs.objects, inputs.problems, inputs.virtualFiles));
    // Exposure outputs hold several sections: compared as the set of their (right-trimmed) lines.
    const keyFormat = c.exposure_analysis ? 'lines' : c.format;
    const got = rowKeys(render(network, c.format, c.exposure_analysis), keyFormat);
    const expected = rowKeys(readFileSync(join(NETPOL_DIR, c.expected_output), 'utf8'), keyFormat);
    const missing = [...expected].filter((k) => !got.has(k));
    const extra = [...got].filter((k) => !expected.has(k));
    const agreed = expected.size - missing.length;
    if (missing.length === 0 && extra.length === 0) {
      outcomes.push({ name, status: 'agree', detail: `${agreed}/${expected.size} connections` });
      continue;
    }
    outcomes.push({
      name,
      status: 'disagree',
      detail: `${agreed}/${expected.size} connections, ${extra.length} extra; missing: ${missing.slice(0, 3).join(' ; ')}; extra: ${extra.slice(0, 3).join(' ; ')}`,
    });
  }
  const run = outcomes.filter((o) => o.status !== 'not implemented');
  const agreeing = run.filter((o) => o.status === 'agree').length;
  console.log(formatTable(['case', 'status', 'detail'], outcomes.map((o) => [o.name, o.status, o.detail])));
  console.log(`netpol-analyzer connlist: ${agreeing}/${run.length} implemented cases agree; ${outcomes.filter((o) => o.status === 'not implemented').length} not implemented`);
  assert.ok(run.length > 0, 'no case ran');
  assert.deepEqual(
    run.filter((o) => o.status === 'disagree').map((o) => `${o.name}: ${o.detail}`),
    [],
  );
});

/** The network of one oracle input dir, read as the CLI reads it. */
async function networkOf(dir: string): Promise<NetworkFacts> {
  const inputs = await readInputs([join(NETPOL_DIR, 'tests', dir)]);
  return computeNetwork(new Inventory(inputs.objects, inputs.problems, inputs.virtualFiles));
}

test('netpol-analyzer diff conformance', async () => {
  const dir = join(NETPOL_DIR, 'test_outputs', 'diff');
  const rows: string[][] = [];
  const failures: string[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = /^diff_between_(.+)_and_(.+)\.txt$/.exec(file);
    if (!m) continue;
    const [, after, before] = m;
    const a = await networkOf(before);
    const b = await networkOf(after);
    const got = rowKeys(renderDiffTxt(diffConnectivity(a, b)), 'txt');
    const expected = rowKeys(readFileSync(join(dir, file), 'utf8'), 'txt');
    const agreed = [...expected].filter((k) => got.has(k)).length;
    const extra = [...got].filter((k) => !expected.has(k));
    const ok = agreed === expected.size && extra.length === 0;
    if (!ok) failures.push(`${file}: ${agreed}/${expected.size}, extra ${extra.slice(0, 3).join(' ; ')}`);
    rows.push([`${before} -> ${after}`, ok ? 'agree' : 'disagree', `${agreed}/${expected.size} lines, ${extra.length} extra`]);
  }
  console.log(formatTable(['diff', 'status', 'detail'], rows));
  console.log(`netpol-analyzer diff: ${rows.length - failures.length}/${rows.length} agree`);
  assert.ok(rows.length > 0, 'no diff case ran');
  assert.deepEqual(failures, []);
});
