/**
 * Where the kube-bench oracle lives (`<repo>/../shared/oracles/kube-bench`), for tests that compare our data and
 * semantics with kube-bench's. Tests skip with a message when it is absent.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const ROOT = repoRoot(dirname(fileURLToPath(import.meta.url)));

/** Absolute path of the kube-bench oracle directory, or undefined when it is not on disk. */
export const KUBE_BENCH_ORACLE: string | undefined = (() => {
  if (ROOT === undefined) return undefined;
  const dir = resolve(ROOT, '..', 'shared', 'oracles', 'kube-bench');
  return existsSync(dir) ? dir : undefined;
})();

export const ORACLE_MISSING = 'kube-bench oracle not found at ../shared/oracles/kube-bench (skipped)';
