import type { Inventory } from '../inventory/inventory.js';

/** A fact derived from the whole inventory, computed at most once per scan and only if a check asks. */
export interface Analyzer<T> {
  name: string;
  compute(inventory: Inventory): T;
}

export function defineAnalyzer<T>(name: string, compute: (inventory: Inventory) => T): Analyzer<T> {
  return { name, compute };
}

export class Facts {
  private readonly cache = new Map<Analyzer<unknown>, unknown>();

  constructor(private readonly inventory: Inventory) {}

  get<T>(analyzer: Analyzer<T>): T {
    if (!this.cache.has(analyzer)) this.cache.set(analyzer, analyzer.compute(this.inventory));
    return this.cache.get(analyzer) as T;
  }
}
