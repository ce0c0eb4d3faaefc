/**
 * `--file-stats FILE`: permissions and ownership of control-plane files collected elsewhere, as
 *   `stat -c '%a %U:%G %n' …` lines  (`600 root:root /etc/kubernetes/admin.conf`),
 *   `<mode> <user> <group> <path>` lines, `ls -l`-style symbolic modes (`-rw------- root root /path`), or
 *   JSON `[{"path", "mode", "owner", "group", "exists"?, "isDir"?}]`.
 * `stat: cannot stat '/x': No such file or directory` lines record a missing file. Bad lines become one-line
 * problems with file:line; the rest is still read.
 */
import type { InputProblem } from '../../model/types.js';
import type { FileFact } from '../../cis/types.js';

export interface FileStatsOutcome {
  facts: FileFact[];
  problems: InputProblem[];
}

const OCTAL = /^0?[0-7]{3,4}$/;
const SYMBOLIC = /^[-dlcbps]([r-][w-][xsS-]){2}[r-][w-][xtT-][.+@]?$/;
const MISSING = /^stat: cannot (?:stat|statx) ['‘"]?(.+?)['’"]?: No such file or directory$/;

export function parseFileStats(text: string, file: string): FileStatsOutcome {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseJson(trimmed, file);
  const facts: FileFact[] = [];
  const problems: InputProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const missing = MISSING.exec(line);
    if (missing) {
      facts.push({ path: missing[1], exists: false });
      return;
    }
    const fact = parseStatLine(line);
    if (fact) facts.push(fact);
    else problems.push({ level: 'error', file, line: i + 1, message: `not a file-stats line (expected "<mode> <user>:<group> <path>", e.g. "600 root:root /etc/kubernetes/admin.conf"); skipped` });
  });
  return { facts, problems };
}

/** One `stat`-style line, or undefined. */
function parseStatLine(line: string): FileFact | undefined {
  const m = /^(\S+)\s+(\S+)\s+(.+)$/.exec(line);
  if (!m) return undefined;
  const mode = parseMode(m[1]);
  if (!mode) return undefined;
  let owner: string;
  let group: string;
  let path: string;
  const colon = m[2].indexOf(':');
  if (colon > 0 && colon < m[2].length - 1) {
    owner = m[2].slice(0, colon);
    group = m[2].slice(colon + 1);
    path = m[3];
  } else {
    const rest = /^(\S+)\s+(.+)$/.exec(m[3]);
    if (!rest) return undefined;
    owner = m[2];
    group = rest[1];
    path = rest[2];
  }
  const fact: FileFact = { path: path.trim(), exists: true, mode: mode.bits, owner, group };
  if (mode.isDir !== undefined) fact.isDir = mode.isDir;
  return fact;
}

/** '600', '0644', '2755' (octal, as stat %a prints) or '-rw-r--r--' (as ls -l prints). */
export function parseMode(text: string): { bits: number; isDir?: boolean } | undefined {
  if (OCTAL.test(text)) return { bits: parseInt(text, 8) };
  if (!SYMBOLIC.test(text)) return undefined;
  const p = text.slice(1, 10);
  let bits = 0;
  const triple = (s: string, shift: number, special: number, sChar: string): void => {
    if (s[0] === 'r') bits |= 4 << shift;
    if (s[1] === 'w') bits |= 2 << shift;
    if (s[2] === 'x' || s[2] === sChar) bits |= 1 << shift;
    if (s[2] === sChar || s[2] === sChar.toUpperCase()) bits |= special;
  };
  triple(p.slice(0, 3), 6, 0o4000, 's');
  triple(p.slice(3, 6), 3, 0o2000, 's');
  triple(p.slice(6, 9), 0, 0o1000, 't');
  return { bits, isDir: text[0] === 'd' };
}

function parseJson(text: string, file: string): FileStatsOutcome {
  const facts: FileFact[] = [];
  const problems: InputProblem[] = [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { facts, problems: [{ level: 'error', file, line: 1, message: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const items = Array.isArray(value) ? value : [value];
  items.forEach((item, i) => {
    const fact = jsonFact(item);
    if (typeof fact === 'string') problems.push({ level: 'error', file, line: 1, message: `item ${i}: ${fact}; skipped` });
    else facts.push(fact);
  });
  return { facts, problems };
}

/**
 * A JSON item. `mode` as a string is octal ('600', '0o600'); as a number it is read the way stat prints it
 * (600 means 0600) when its digits are all octal, else as the numeric mode (384 = 0600).
 */
function jsonFact(item: unknown): FileFact | string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return 'not an object';
  const o = item as Record<string, unknown>;
  if (typeof o.path !== 'string' || o.path === '') return 'no "path"';
  if (o.exists === false) return { path: o.path, exists: false };
  let bits: number | undefined;
  let isDir: boolean | undefined;
  if (typeof o.mode === 'string') {
    const parsed = parseMode(o.mode.replace(/^0o/i, ''));
    if (!parsed) return `mode "${o.mode}" is neither octal nor ls-style`;
    bits = parsed.bits;
    isDir = parsed.isDir;
  } else if (typeof o.mode === 'number' && Number.isInteger(o.mode) && o.mode >= 0) {
    bits = /^[0-7]+$/.test(String(o.mode)) ? parseInt(String(o.mode), 8) : o.mode & 0o7777;
  } else if (o.mode !== undefined) {
    return 'mode is not a number or string';
  }
  const fact: FileFact = { path: o.path, exists: true };
  if (bits !== undefined) fact.mode = bits;
  let owner = typeof o.owner === 'string' ? o.owner : undefined;
  let group = typeof o.group === 'string' ? o.group : undefined;
  if (owner !== undefined && group === undefined && owner.includes(':')) [owner, group] = owner.split(':', 2);
  if (owner !== undefined) fact.owner = owner;
  if (group !== undefined) fact.group = group;
  if (typeof o.isDir === 'boolean') fact.isDir = o.isDir;
  else if (isDir !== undefined) fact.isDir = isDir;
  return fact;
}

/** Renders a mode the way `stat -c %a` does: '600', '2755'. */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8);
}
