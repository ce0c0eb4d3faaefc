import type { Check } from './checks/define-check.js';
import { BUILTIN_CHECKS } from './checks/index.js';
import { runEngine, type ScanResult } from './engine/run.js';
import { Inventory } from './inventory/inventory.js';
import { EMPTY_CONFIG, type BulwarkConfig } from './policy/config.js';
import { readInputs, type InputOptions } from './sources/read-inputs.js';

export interface ScanOptions extends InputOptions {
  config?: BulwarkConfig;
  checks?: Check[];
  annotationSuppressions?: boolean;
  now?: Date;
}

/** The one entry point the CLI, the webhook and library users share: inputs → inventory → engine. */
export async function scan(paths: string[], options: ScanOptions = {}): Promise<ScanResult> {
  const inputs = await readInputs(paths, options);
  const inventory = new Inventory(inputs.objects, inputs.problems, inputs.virtualFiles);
  const result = runEngine(inventory, options.checks ?? BUILTIN_CHECKS, {
    config: options.config ?? EMPTY_CONFIG,
    annotationSuppressions: options.annotationSuppressions,
    now: options.now,
  });
  return { ...result, fileCount: inputs.fileCount };
}
