import type { Command } from 'commander';
import { diffConnectivity } from '../analyzers/network/connectivity-diff.js';
import { Facts } from '../analyzers/facts.js';
import { networkAnalyzer, type NetworkFacts } from '../analyzers/network/network-analyzer.js';
import type { WorkloadEndpoint } from '../analyzers/network/endpoints.js';
import { computeExposure } from '../analyzers/network/exposure.js';
import {
  CONNLIST_FORMATS,
  EXPOSURE_FORMATS,
  exposureSummary,
  focusMatches,
  renderExposureReport,
  type ExposureFormat,
  DIFF_FORMATS,
  connlistRows,
  renderConnlist,
  renderConnlistDot,
  renderConnlistHtml,
  renderDiff,
  renderExposureMd,
  renderExposureTxt,
  type ConnlistFormat,
  type DiffFormat,
} from '../netpol-report/index.js';
import { EXIT_CLEAN, EXIT_USAGE_OR_INPUT, UsageError } from './exit-codes.js';
import { loadInventory, withInputOptions } from './inputs.js';

interface InputFlags {
  helm: string[];
  maxFileSize: string;
}

interface ListFlags extends InputFlags {
  format: string;
  focus?: string;
  exposure?: boolean;
}

interface ExposureFlags extends InputFlags {
  format: string;
  direction: string;
  focus?: string;
}

interface DiffFlags {
  maxFileSize: string;
  format: string;
}

const LIST_FORMATS = [...CONNLIST_FORMATS, 'dot', 'html'];

export function registerNetpolCommand(program: Command, setExitCode: (code: number) => void): void {
  const netpol = program.command('netpol').description('Analyse what NetworkPolicies allow between workloads, namespaces and external addresses.');

  withInputOptions(
    netpol
      .command('list')
      .description('List the allowed connections, one per line: `src => dst : conns` (netpol-analyzer notation).')
      .argument('[paths...]', 'manifest files or directories (default: .); `-` reads stdin')
      .option('-f, --format <format>', `output format: ${LIST_FORMATS.join(', ')}`, 'txt')
      .option('--focus <workload>', 'only connections from or to this workload (NAME, NAMESPACE/NAME or NAMESPACE/NAME[Kind])')
      .option('--exposure', 'also show what each workload is exposed to beyond the input: the entire cluster, selector-described pods, outside (txt, md; html always shows it)'),
  ).action(async (paths: string[], flags: ListFlags) => {
    if (!LIST_FORMATS.includes(flags.format)) throw new UsageError(`unknown format "${flags.format}" (expected ${LIST_FORMATS.join(', ')})`);
    if (flags.exposure && flags.format !== 'txt' && flags.format !== 'md') throw new UsageError('--exposure supports the txt and md formats (the html page always shows exposure; `bulwark netpol exposure` has json and csv)');
    const { network, errors } = await loadNetwork(paths.length === 0 && flags.helm.length === 0 ? ['.'] : paths, flags, flags.helm);
    const connections = network.connections();
    let text: string;
    if (flags.exposure) {
      const rows = connlistRows(connections, flags.focus);
      const exposure = computeExposure(network);
      text = flags.format === 'md' ? renderExposureMd(rows, exposure) : renderExposureTxt(rows, exposure);
    } else if (flags.format === 'dot') text = renderConnlistDot(connections, network.endpoints, flags.focus);
    else if (flags.format === 'html') text = renderConnlistHtml(connections, network.endpoints, computeExposure(network), { focus: flags.focus });
    else text = renderConnlist(connlistRows(connections, flags.focus), flags.format as ConnlistFormat);
    process.stdout.write(text);
    setExitCode(errors ? EXIT_USAGE_OR_INPUT : EXIT_CLEAN);
  });

  withInputOptions(
    netpol
      .command('exposure')
      .description('Show which workloads are reachable from outside the cluster, from every pod, or from pods of any namespace (and where they may connect), and why: the policy rule and open selector or ipBlock, or no isolating policy.')
      .argument('[paths...]', 'manifest files or directories (default: .); `-` reads stdin')
      .option('-f, --format <format>', `output format: ${EXPOSURE_FORMATS.join(', ')}`, 'txt')
      .option('--direction <direction>', 'ingress, egress or both', 'both')
      .option('--focus <workload>', 'only this workload (NAME, NAMESPACE/NAME or NAMESPACE/NAME[Kind])'),
  ).action(async (paths: string[], flags: ExposureFlags) => {
    if (!(EXPOSURE_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`unknown format "${flags.format}" (expected ${EXPOSURE_FORMATS.join(', ')})`);
    if (!['ingress', 'egress', 'both'].includes(flags.direction)) throw new UsageError(`unknown direction "${flags.direction}" (expected ingress, egress or both)`);
    const { network, errors } = await loadNetwork(paths.length === 0 && flags.helm.length === 0 ? ['.'] : paths, flags, flags.helm);
    const full = computeExposure(network);
    const inFocus = (workload: WorkloadEndpoint): boolean => flags.focus === undefined || focusMatches({ type: 'workload', endpoint: workload }, flags.focus);
    const focused = { entries: full.entries.filter((e) => inFocus(e.workload)), unprotected: full.unprotected.filter((u) => inFocus(u.workload)) };
    const inDirection = (e: { direction: 'egress' | 'ingress' }): boolean => flags.direction === 'both' || e.direction === flags.direction;
    const shown = { entries: focused.entries.filter(inDirection), unprotected: focused.unprotected.filter(inDirection) };
    const summary = exposureSummary(focused, network.endpoints.filter(inFocus).length);
    process.stdout.write(renderExposureReport(shown, flags.format as ExposureFormat, summary));
    setExitCode(errors ? EXIT_USAGE_OR_INPUT : EXIT_CLEAN);
  });

  netpol
    .command('diff')
    .description('Show the connections added, removed and changed from the BEFORE manifests to the AFTER manifests (what-if of a policy change).')
    .argument('<before>', 'manifest file or directory: the reference (ref1)')
    .argument('<after>', 'manifest file or directory: the change (ref2)')
    .option('-f, --format <format>', `output format: ${DIFF_FORMATS.join(', ')}`, 'txt')
    .option('--max-file-size <MiB>', 'skip files larger than this', '64')
    .action(async (before: string, after: string, flags: DiffFlags) => {
      if (!(DIFF_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`unknown format "${flags.format}" (expected ${DIFF_FORMATS.join(', ')})`);
      const a = await loadNetwork([before], flags, []);
      const b = await loadNetwork([after], flags, []);
      process.stdout.write(renderDiff(diffConnectivity(a.network, b.network), flags.format as DiffFormat));
      setExitCode(a.errors || b.errors ? EXIT_USAGE_OR_INPUT : EXIT_CLEAN);
    });
}


/** Reads the inputs and computes the network fact; input errors go to stderr. */
async function loadNetwork(paths: string[], flags: { maxFileSize: string }, helmCharts: string[]): Promise<{ network: NetworkFacts; errors: boolean }> {
  const { inventory, errors } = await loadInventory(paths, flags, helmCharts);
  return { network: new Facts(inventory).get(networkAnalyzer), errors };
}
