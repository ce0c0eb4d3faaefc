/**
 * Shared plumbing for the conformance tests: where the oracle data lives, how one fixture is scanned with
 * one check, and plain-text tables for the reports. No test lives here (the file is not a `*.test.ts`).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Check } from '../../src/checks/define-check.js';
import type { Finding } from '../../src/model/types.js';
import { scan } from '../../src/scan.js';

/** The nearest ancestor of `start` that holds a package.json (the compiled tests run from dist/test/conformance). */
export function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
}

export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

/** `<repo root>/../shared/oracles`: third-party test data with the verdicts its authors expect. */
export const ORACLES_DIR = resolve(REPO_ROOT, '..', 'shared', 'oracles');

/** Set to 1 while the lead is still registering checks: the "every mapped check is registered" tests skip. */
export const ALLOW_MISSING_ENV = 'BULWARK_CONFORMANCE_ALLOW_MISSING';

export function missingChecksAllowed(): boolean {
  return process.env[ALLOW_MISSING_ENV] === '1';
}

export function checksById(registry: readonly Check[]): Map<string, Check> {
  return new Map(registry.map((c) => [c.meta.id, c]));
}

export interface FixtureScan {
  /** Unsuppressed findings of the one check that ran. */
  findings: Finding[];
  /** Error-level input problems, including a check that threw. Any of these makes the case a disagreement. */
  errors: string[];
}

/** Scans one fixture file with exactly one check, through the same entry point the CLI uses. */
export async function scanWithCheck(file: string, check: Check): Promise<FixtureScan> {
  const result = await scan([file], { checks: [check] });
  return {
    findings: result.findings.filter((f) => f.checkId === check.meta.id && !f.suppressed),
    errors: result.problems.filter((p) => p.level === 'error').map((p) => `${p.line ?? '?'}: ${p.message}`),
  };
}

/** `Kind/name` (with the namespace when there is one): how the reports name the objects a finding is about. */
export function objectKey(ref: { kind: string; name: string; namespace?: string }): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** A left-aligned text table; cells are single-line strings. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
