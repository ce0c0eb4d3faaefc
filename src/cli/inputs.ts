import type { Command } from 'commander';
import { Inventory } from '../inventory/inventory.js';
import type { InputProblem } from '../model/types.js';
import { readInputs } from '../sources/read-inputs.js';
import { UsageError } from './exit-codes.js';

/** Commander's argument parser for a repeatable option: each use adds a value (none given: undefined, or the default). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--helm` (repeatable) and `--max-file-size`, as every command that reads manifests takes them. */
export function withInputOptions(command: Command): Command {
  return command
    .option('--helm <chart>', 'render a Helm chart with `helm template` and read it too (repeatable)', collect, [])
    .option('--max-file-size <MiB>', 'skip files larger than this', '64');
}

/** `--max-file-size` in bytes; a usage error unless it is a positive number of MiB. */
export function maxFileBytes(maxFileSize: string): number {
  const maxMiB = Number(maxFileSize);
  if (!Number.isFinite(maxMiB) || maxMiB <= 0) throw new UsageError('--max-file-size must be a positive number of MiB');
  return maxMiB * 1024 * 1024;
}

/** Reads the inputs into an inventory; input errors go to stderr as `bulwark: file:line: message`. */
export async function loadInventory(paths: string[], flags: { maxFileSize: string }, helmCharts: string[]): Promise<{ inventory: Inventory; errors: boolean }> {
  const inputs = await readInputs(paths, { helmCharts, maxFileBytes: maxFileBytes(flags.maxFileSize) });
  const inventory = new Inventory(inputs.objects, inputs.problems, inputs.virtualFiles);
  const errors = inputs.problems.filter((p: InputProblem) => p.level === 'error');
  for (const p of errors) process.stderr.write(`bulwark: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
  return { inventory, errors: errors.length > 0 };
}
