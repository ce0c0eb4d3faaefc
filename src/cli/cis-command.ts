import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CIS_1_12_CONTROLS } from '../cis/benchmarks/cis-1-12.js';
import { NODE_TYPES, type NodeType } from '../cis/types.js';
import { CIS_FORMATS, isCisFormat, renderCisReport } from '../cis-report/index.js';
import { runCis } from '../cis-scan.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE_OR_INPUT, UsageError } from './exit-codes.js';
import { TOOL_VERSION } from './version.js';
import { maxFileBytes } from './inputs.js';

interface CisFlags {
  node?: boolean;
  hostRoot?: string;
  fileStats?: string;
  targets?: string;
  check?: string;
  skip?: string;
  k8sVersion?: string;
  kubeBenchStates?: boolean;
  remediations?: boolean;
  format: string;
  output?: string;
  color?: boolean;
  maxFileSize: string;
}

const K8S_VERSION = /^v?\d+\.\d+(\.\d+)?$/;

export function registerCisCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('cis')
    .description(
      'Run the CIS Kubernetes Benchmark 1.12 (control plane, etcd, kubelet, kube-proxy) on static pod manifests, `ps -ef` output, ' +
        'kubelet/kube-proxy config files, or the local node, with kube-bench-compatible verdicts.',
    )
    .argument('[paths...]', 'manifests, config files, process lists (ps -ef, /proc/PID/cmdline) or directories (default: . unless --node); `-` reads stdin')
    .option('--node', 'also read this node: /proc of control-plane processes, the config files they name, and stat of the benchmark files')
    .option('--host-root <dir>', 'with --node: where the host filesystem is mounted (e.g. /host when running in a pod)')
    .option('--file-stats <file>', 'permissions and ownership for the file checks: `stat -c \'%a %U:%G %n\'` lines or JSON [{path, mode, owner, group}]')
    .option('--targets <list>', `sections to run: ${NODE_TYPES.join(', ')} (default: the ones the inputs have components for; policies only on request)`)
    .option('--check <ids>', 'run only these controls or groups (comma-separated, e.g. 1.2.15,4.2)')
    .option('--skip <ids>', 'skip these controls or groups (comma-separated)')
    .option('--k8s-version <version>', 'Kubernetes version of the cluster (e.g. 1.30) when the inputs do not show it')
    .option('--kube-bench-states', "print kube-bench's own states (manual → WARN) instead of MANUAL/INFO, for diffing with kube-bench")
    .option('--no-remediations', 'leave out the remediation sections of the text report')
    .option('-f, --format <format>', `output format: ${CIS_FORMATS.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--max-file-size <MiB>', 'skip files larger than this', '64')
    .option('--no-color', 'disable colors (also off when stdout is not a TTY or NO_COLOR is set)')
    .action(async (paths: string[], flags: CisFlags) => {
      setExitCode(await runCisCommand(paths, flags));
    });
}

async function runCisCommand(paths: string[], flags: CisFlags): Promise<number> {
  if (!isCisFormat(flags.format)) throw new UsageError(`unknown format "${flags.format}" (expected ${CIS_FORMATS.join(', ')})`);
  const maxBytes = maxFileBytes(flags.maxFileSize);
  if (flags.hostRoot !== undefined && !flags.node) throw new UsageError('--host-root needs --node');
  if (flags.k8sVersion !== undefined && !K8S_VERSION.test(flags.k8sVersion)) {
    throw new UsageError(`--k8s-version must look like 1.30 or v1.30.2, not "${flags.k8sVersion}"`);
  }
  const targets = flags.targets === undefined ? undefined : parseTargets(flags.targets);
  const only = splitIds('--check', flags.check);
  const skip = splitIds('--skip', flags.skip);

  const inputs = paths.length === 0 && !flags.node ? ['.'] : paths;
  const run = await runCis(inputs, {
    maxFileBytes: maxBytes,
    ...(flags.node ? { node: true } : {}),
    ...(flags.hostRoot !== undefined ? { hostRoot: flags.hostRoot } : {}),
    ...(flags.fileStats !== undefined ? { fileStats: flags.fileStats } : {}),
    ...(targets ? { targets } : {}),
    ...(only ? { only } : {}),
    ...(skip ? { skip } : {}),
    ...(flags.k8sVersion !== undefined ? { k8sVersion: flags.k8sVersion } : {}),
  });

  const color = flags.color !== false && !flags.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const text = renderCisReport(flags.format, run.report, {
    color,
    cwd: process.cwd(),
    toolVersion: TOOL_VERSION,
    remediations: flags.remediations !== false,
    kubeBenchStates: flags.kubeBenchStates === true,
    ...(run.endOfLife ? { endOfLife: run.endOfLife } : {}),
  });
  if (flags.output) writeFileSync(flags.output, text);
  else process.stdout.write(text);

  const errors = run.report.problems.filter((p) => p.level === 'error');
  // The text report lists input problems itself; the other formats (and a report written to a file) need stderr.
  if (flags.format !== 'text' || flags.output) {
    for (const p of errors) process.stderr.write(`bulwark: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
  }
  if (errors.length > 0) return EXIT_USAGE_OR_INPUT;
  return run.report.results.some((r) => r.control.automated && r.status === 'FAIL') ? EXIT_FINDINGS : EXIT_CLEAN;
}

function parseTargets(value: string): NodeType[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = list.filter((t) => !(NODE_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0 || list.length === 0) throw new UsageError(`unknown target(s) "${unknown.join(', ') || value}" (expected ${NODE_TYPES.join(', ')})`);
  return list as NodeType[];
}

/** Control and group ids of the benchmark, e.g. '1.2.15' and '1.2'; an unknown id is a usage error. */
function splitIds(option: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  const known = new Set<string>();
  for (const c of CIS_1_12_CONTROLS) {
    known.add(c.id);
    known.add(c.group);
    known.add(c.id.split('.')[0]);
  }
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0 || ids.length === 0) throw new UsageError(`${option}: unknown CIS id(s) "${unknown.join(', ') || value}" (e.g. 1.2.15 or 4.2)`);
  return ids;
}
