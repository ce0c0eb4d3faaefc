import type { Inventory } from '../inventory/inventory.js';

/** A fact derived from the whole inventory, computed at most once per scan and only if a check asks. */
export interface Analyzer<T> {
  name: string;
  compute(inventory: Inventory): T;
  /**
   * True when what the fact says about an object never depends on the other objects (a Dockerfile's own
   * model, a built-in kind's scope). Only such facts are available when one object is judged alone
   * (admission), because the rest of the cluster is not in the inventory.
   */
  perObject: boolean;
}

export function defineAnalyzer<T>(name: string, compute: (inventory: Inventory) => T, options: { perObject?: boolean } = {}): Analyzer<T> {
  return { name, compute, perObject: options.perObject ?? false };
}

/** Thrown to a check that asks for a whole-inventory fact while one object is judged alone; the engine skips that check. */
export class NeedsInventoryError extends Error {
  constructor(readonly analyzer: string) {
    super(`the "${analyzer}" fact needs the whole cluster, not one object`);
  }
}

export class Facts {
  private readonly cache = new Map<Analyzer<unknown>, unknown>();

  /** `isolated`: the inventory holds one object judged alone, so only perObject facts may be asked for. */
  constructor(private readonly inventory: Inventory, readonly isolated = false) {}

  get<T>(analyzer: Analyzer<T>): T {
    if (this.isolated && !analyzer.perObject) throw new NeedsInventoryError(analyzer.name);
    if (!this.cache.has(analyzer)) this.cache.set(analyzer, analyzer.compute(this.inventory));
    return this.cache.get(analyzer) as T;
  }
}
