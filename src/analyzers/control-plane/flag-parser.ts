/**
 * Parses a component's argv the way the component itself does (pflag for Kubernetes binaries, Go `flag` for
 * etcd): `--f=v`, `--f v` (not for booleans), bare booleans, repeated flags (last wins; slice flags append; map
 * flags merge), `_` as a word separator, `--` ending the flags. Every value remembers the argv elements it came
 * from as JSON pointers, so findings point at the exact list item of a static pod or a process line.
 */
import { componentOfBinary, componentOfSubcommand, findComponentCommand, flagKind, isBooleanFlag, isHyperkube, usesGoFlags } from './component-specs.js';
import type { Component, FlagValue, ParsedArgs } from './types.js';

interface Accumulator {
  name: string;
  values: string[];
  occurrences: FlagValue['occurrences'];
}

/** '--Audit_Log-Path' → 'audit-log-path' is NOT done: flag names are case-sensitive; only dashes and `_` are normalised. */
function normaliseFlagName(name: string, component?: Component): string {
  let n = name.replace(/^-+/, '');
  if (!component || !usesGoFlags(component)) n = n.replace(/_/g, '-');
  return n;
}

export interface ArgvStart {
  binary: string;
  /** Index of the first argument (after the binary and any subcommand). */
  argsStart: number;
}

/** Where the arguments start: after the binary found in argv, else (args-only containers) after a leading subcommand word. */
function argvStart(argv: readonly string[], component: Component): ArgvStart {
  const found = findComponentCommand(argv);
  if (found) return { binary: argv[found.binaryIndex], argsStart: found.argsStart };
  let i = 0;
  if (argv.length > 0 && (componentOfSubcommand(argv[0]) === component || componentOfBinary(argv[0]) === component || isHyperkube(argv[0]))) i = 1;
  if (i === 1 && isHyperkube(argv[0]) && argv.length > 1 && componentOfSubcommand(argv[1]) === component) i = 2;
  return { binary: i > 0 ? argv[0] : component, argsStart: i };
}

/**
 * @param argv the whole command line (binary included) or only the arguments (args-only containers)
 * @param pointers JSON pointer of each argv element (same length as argv)
 */
export function parseArgs(argv: readonly string[], pointers: readonly string[], component: Component, start?: ArgvStart): ParsedArgs {
  const { binary, argsStart } = start ?? argvStart(argv, component);
  const flags = new Map<string, Accumulator>();
  const positional: ParsedArgs['positional'] = [];
  const ptr = (i: number): string => pointers[i] ?? '';

  let i = argsStart;
  for (; i < argv.length; i++) {
    const tok = argv[i];
    if (tok === '--') {
      i++;
      break;
    }
    if (!tok.startsWith('-') || tok === '-') {
      positional.push({ value: tok, pointer: ptr(i) });
      continue;
    }
    const body = tok.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const rawName = eq >= 0 ? body.slice(0, eq) : body;
    const name = normaliseFlagName(rawName, component);
    if (name === '') {
      positional.push({ value: tok, pointer: ptr(i) });
      continue;
    }
    let acc = flags.get(name);
    if (!acc) flags.set(name, (acc = { name, values: [], occurrences: [] }));
    acc.occurrences.push({ raw: tok, index: i, pointer: ptr(i) });
    if (eq >= 0) {
      acc.values.push(body.slice(eq + 1));
    } else if (!isBooleanFlag(component, name) && i + 1 < argv.length && !argv[i + 1].startsWith('-')) {
      i++;
      acc.values.push(argv[i]);
      acc.occurrences.push({ raw: argv[i], index: i, pointer: ptr(i) });
    } else {
      acc.values.push('true');
    }
  }
  for (; i < argv.length; i++) positional.push({ value: argv[i], pointer: ptr(i) });

  const values = new Map<string, FlagValue>();
  for (const acc of flags.values()) {
    values.set(acc.name, { name: `--${acc.name}`, value: effectiveValue(acc), occurrences: acc.occurrences });
  }
  return {
    binary,
    get: (n) => values.get(normaliseFlagName(n, component)),
    has: (n) => values.has(normaliseFlagName(n, component)),
    names: () => [...values.values()].map((v) => v.name),
    positional,
    text: argv.join(' '),
  };
}

function effectiveValue(acc: Accumulator): string {
  switch (flagKind(acc.name)) {
    case 'list':
      return acc.values.filter((v) => v !== '').join(',');
    case 'map': {
      const merged = new Map<string, string>();
      for (const v of acc.values) {
        for (const part of v.split(',')) {
          const item = part.trim();
          if (item === '') continue;
          const eq = item.indexOf('=');
          merged.set(eq >= 0 ? item.slice(0, eq).trim() : item, item);
        }
      }
      return [...merged.values()].join(',');
    }
    default:
      return acc.values[acc.values.length - 1];
  }
}

/** Splits a shell-quoted command line into words: quotes and backslashes are removed the way sh would. */
export function shellSplit(line: string): { word: string; offset: number }[] {
  const words: { word: string; offset: number }[] = [];
  let cur = '';
  let start = -1;
  let i = 0;
  const begin = (): void => {
    if (start < 0) start = i;
  };
  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (start >= 0) words.push({ word: cur, offset: start });
      cur = '';
      start = -1;
      i++;
    } else if (ch === "'") {
      begin();
      const close = line.indexOf("'", i + 1);
      const end = close < 0 ? line.length : close;
      cur += line.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      begin();
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) i++;
        cur += line[i];
        i++;
      }
      i++;
    } else if (ch === '\\' && i + 1 < line.length) {
      begin();
      cur += line[i + 1];
      i += 2;
    } else {
      begin();
      cur += ch;
      i++;
    }
  }
  if (start >= 0) words.push({ word: cur, offset: start });
  return words;
}
