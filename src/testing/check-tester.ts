import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Check, CheckOptions } from '../checks/define-check.js';
import { runEngine, type ScanResult } from '../engine/run.js';
import { Inventory } from '../inventory/inventory.js';
import { EMPTY_CONFIG } from '../policy/config.js';
import { parseDockerfile } from '../sources/dockerfile-source.js';
import { parseManifests } from '../sources/manifest-parser.js';

export interface ExpectedFinding {
  messageId: string;
  path: string;
  line?: number;
  /** The rendered message must match (for data worth pinning, such as a suggestion). */
  message?: RegExp;
}

export interface ValidCase {
  name?: string;
  /** A manifest; or give `dockerfile` instead (read as a file named `Dockerfile`). */
  yaml?: string;
  dockerfile?: string;
  options?: CheckOptions;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

export interface CheckCases {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

const FILE = 'case.yaml';
const DOCKERFILE = 'Dockerfile';

/** Runs one check alone through the real engine on an in-memory manifest. */
export function runCheck(check: Check, yaml: string, options: CheckOptions = {}): ScanResult {
  const parsed = parseManifests(yaml, FILE);
  if (parsed.problems.some((p) => p.level === 'error')) {
    throw new Error(`test manifest does not parse: ${parsed.problems.map((p) => `${p.line}: ${p.message}`).join('; ')}`);
  }
  const inventory = new Inventory(parsed.objects, [], new Map([[FILE, yaml]]));
  return runEngine(inventory, [check], { config: { ...EMPTY_CONFIG, options } });
}

/** Runs one check alone through the real engine on an in-memory Dockerfile (file name `Dockerfile`). */
export function runDockerfileCheck(check: Check, dockerfile: string, options: CheckOptions = {}, extraChecks: Check[] = []): ScanResult {
  // Odd Dockerfiles (no FROM, unknown instructions) are legitimate test input: their problems are notices.
  const parsed = parseDockerfile(dockerfile, DOCKERFILE, { problemLevel: 'notice' });
  const inventory = new Inventory(parsed.objects, [], new Map([[DOCKERFILE, dockerfile]]));
  return runEngine(inventory, [check, ...extraChecks], { config: { ...EMPTY_CONFIG, options } });
}

function runCase(check: Check, c: ValidCase): ScanResult {
  if (c.dockerfile !== undefined) return runDockerfileCheck(check, c.dockerfile, c.options);
  if (c.yaml === undefined) throw new Error('a case needs `yaml` or `dockerfile`');
  return runCheck(check, c.yaml, c.options);
}

/**
 * Table-driven tests for a check, ESLint RuleTester style: valid cases must produce no finding; invalid
 * cases exactly the listed ones. It rejects invalid cases without findings, unknown message ids, and
 * messages that no case exercises.
 */
export const CheckTester = {
  run(check: Check, cases: CheckCases): void {
    const { meta } = check;
    describe(meta.id, () => {
      cases.valid.forEach((c, i) => {
        const vc = typeof c === 'string' ? { yaml: c } : c;
        it(`valid: ${vc.name ?? `#${i + 1}`}`, () => {
          const result = runCase(check, vc);
          const own = result.findings.filter((f) => f.checkId === meta.id);
          assert.deepEqual(own.map((f) => `${f.path}: ${f.message}`), []);
        });
      });
      cases.invalid.forEach((c, i) => {
        it(`invalid: ${c.name ?? `#${i + 1}`}`, () => {
          assert.ok(c.findings.length > 0, 'an invalid case must expect at least one finding');
          for (const e of c.findings) assert.ok(e.messageId in meta.messages, `unknown messageId "${e.messageId}"`);
          const result = runCase(check, c);
          const own = result.findings.filter((f) => f.checkId === meta.id);
          const withLines = c.findings.some((e) => e.line !== undefined);
          const actual = own.map((f) => ({
            messageId: f.messageId,
            path: f.path,
            line: withLines && 'line' in f.location ? f.location.line : undefined,
          }));
          const expected = c.findings.map((e) => ({ messageId: e.messageId, path: e.path, line: withLines ? e.line : undefined }));
          assert.deepEqual(sortFindings(actual), sortFindings(expected));
          for (const e of c.findings) {
            if (!e.message) continue;
            const texts = own.filter((f) => f.messageId === e.messageId && f.path === e.path).map((f) => f.message);
            assert.ok(texts.some((t) => e.message!.test(t)), `no ${e.messageId} at ${e.path} matches ${e.message}: ${texts.join(' | ')}`);
          }
        });
      });
      it('every message is exercised by an invalid case', () => {
        const used = new Set(cases.invalid.flatMap((c) => c.findings.map((f) => f.messageId)));
        const unused = Object.keys(meta.messages).filter((id) => !used.has(id));
        assert.deepEqual(unused, [], `messages never exercised: ${unused.join(', ')}`);
      });
    });
  },
};

function sortFindings<T extends { path: string; messageId: string; line?: number }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.path + a.messageId + (a.line ?? '')).localeCompare(b.path + b.messageId + (b.line ?? '')));
}
