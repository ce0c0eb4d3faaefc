import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Check } from '../checks/define-check.js';
import { BUILTIN_CHECKS } from '../checks/index.js';
import { isSeverity, severityRank, type Severity } from '../model/types.js';
import { EMPTY_CONFIG, findConfig, loadConfig, type BulwarkConfig, type ExceptionRule } from '../policy/config.js';
import { compilePolicyChecks } from '../policy/custom/index.js';
import { readPolicyPath } from '../policy/custom/policy-file.js';
import { REPORTERS, renderReport, type ReportFormat } from '../reporters/index.js';
import { scan } from '../scan.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE_OR_INPUT, UsageError } from './exit-codes.js';
import { TOOL_VERSION } from './version.js';
import { collect, maxFileBytes } from './inputs.js';

export interface ScanFlags {
  format: string;
  output?: string;
  config?: string;
  failOn?: string;
  helm?: string[];
  maxFileSize: string;
  showSuppressed?: boolean;
  color?: boolean;
  checks?: string;
  skipChecks?: string;
  policies?: string[];
}

/** The options of the scan pipeline (the `ScanFlags`), shared by `bulwark scan` and narrower commands; `--helm` only where charts can be scanned. */
export function addScanOptions(command: Command, { helm }: { helm: boolean }): Command {
  command
    .option('-f, --format <format>', `output format: ${Object.keys(REPORTERS).join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: nearest .bulwark.yaml at or above the first path)')
    .option('--policies <path>', 'custom BulwarkPolicy files or directories, in addition to the config\'s (repeatable)', collect, [])
    .option('--fail-on <severity>', 'exit 1 when an unsuppressed finding whose enforcement is not inform is at or above this severity (default: high)');
  if (helm) command.option('--helm <chart>', 'render a Helm chart with `helm template` and scan it (repeatable)', collect, []);
  return command
    .option('--max-file-size <MiB>', 'skip files larger than this', '64')
    .option('--checks <ids>', 'run only these checks (comma-separated)')
    .option('--skip-checks <ids>', 'do not run these checks (comma-separated)')
    .option('--show-suppressed', 'list suppressed findings in text output')
    .option('--no-color', 'disable colors (also off when stdout is not a TTY or NO_COLOR is set)');
}

export function registerScanCommand(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('scan')
    .description('Scan Kubernetes manifests (files, directories, kustomize dirs, `-` for stdin, helm charts) for security misconfigurations.')
    .argument('[paths...]', 'files or directories to scan; `-` reads stdin', []);
  addScanOptions(command, { helm: true }).action(async (paths: string[], flags: ScanFlags) => {
    setExitCode(await runScan(paths, flags));
  });
}

/** What a command narrows the scan to (`bulwark dockerfile`: Dockerfile inputs and their checks). */
export interface ScanScope {
  /** Read explicit files as Dockerfiles and only Dockerfiles from directories. */
  onlyDockerfiles?: boolean;
  /** The checks the command offers (before --checks/--skip-checks). Default: all built-in checks. */
  checks?: Check[];
  /** Fails with this message when the inputs hold no object at all. */
  requireObjects?: string;
  /** Config exceptions that can apply in this scope (the others are neither applied nor reported unused). */
  keepException?: (e: ExceptionRule) => boolean;
}

/** The scan pipeline shared by `bulwark scan` and narrower commands: config → inputs → engine → report → exit code. */
export async function runScan(paths: string[], flags: ScanFlags, scope: ScanScope = {}): Promise<number> {
  const helm = flags.helm ?? [];
  if (!(flags.format in REPORTERS)) throw new UsageError(`unknown format "${flags.format}" (expected ${Object.keys(REPORTERS).join(', ')})`);
  const maxBytes = maxFileBytes(flags.maxFileSize);
  const inputs = paths.length === 0 && helm.length === 0 ? ['.'] : paths;

  const loaded = loadConfigWithPolicies(flags.config, inputs.find((p) => p !== '-') ?? '.', flags.policies ?? []);
  const config = scope.keepException ? { ...loaded, exceptions: loaded.exceptions.filter(scope.keepException) } : loaded;

  const failOnValue = flags.failOn ?? config.failOn ?? 'high';
  if (!isSeverity(failOnValue)) throw new UsageError(`--fail-on must be one of info, low, medium, high, critical`);
  const failOn: Severity = failOnValue;

  let checks = [...(scope.checks ?? BUILTIN_CHECKS), ...compilePolicyChecks(config.policies)];
  const known = new Set(checks.map((c) => c.meta.id));
  const only = splitIds(flags.checks, known);
  const skip = splitIds(flags.skipChecks, known);
  if (only) checks = checks.filter((c) => only.has(c.meta.id));
  if (skip) checks = checks.filter((c) => !skip.has(c.meta.id));

  const result = await scan(inputs, { config, checks, helmCharts: helm, maxFileBytes: maxBytes, onlyDockerfiles: scope.onlyDockerfiles });
  if (scope.requireObjects && result.objectCount === 0 && !result.problems.some((p) => p.level === 'error')) {
    result.problems.push({ level: 'error', file: inputs.join(' '), message: scope.requireObjects });
  }
  const color = flags.color !== false && !flags.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const report = renderReport(flags.format as ReportFormat, result, {
    color,
    cwd: process.cwd(),
    toolVersion: TOOL_VERSION,
    showSuppressed: flags.showSuppressed,
  });
  if (flags.output) writeFileSync(flags.output, report);
  else process.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
  // Problems go to stderr as well when the report is machine-readable, so CI logs still show them.
  if (flags.format !== 'text') {
    for (const p of result.problems) if (p.level === 'error') process.stderr.write(`bulwark: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
  }

  if (result.problems.some((p) => p.level === 'error')) return EXIT_USAGE_OR_INPUT;
  const failing = result.findings.some((f) => !f.suppressed && f.enforcement !== 'inform' && severityRank(f.severity) >= severityRank(failOn));
  return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** The config (`--config`, else the nearest .bulwark.yaml above `start`) with the policies of `--policies` added. */
export function loadConfigWithPolicies(configFlag: string | undefined, start: string, policyPaths: string[]): BulwarkConfig {
  const configFile = configFlag ?? findConfig(start);
  const config = configFile ? loadConfig(configFile) : { ...EMPTY_CONFIG, policies: [] };
  for (const p of policyPaths) config.policies.push(...readPolicyPath(p));
  return config;
}

function splitIds(value: string | undefined, known: Set<string>): Set<string> | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new UsageError(`unknown check id(s): ${unknown.join(', ')} (see \`bulwark checks list\`)`);
  return new Set(ids);
}
