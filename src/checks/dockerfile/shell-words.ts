/**
 * Reading the simple commands of a RUN (`ShellCommand.argv`) the way the shell runs them: the program
 * that actually executes once leading assignments and wrappers (`sudo`, `env`, `nice`, …) are removed,
 * and the file line of any word.
 */
import type { ShellCommand } from '../../analyzers/dockerfile/types.js';

/** Wrapper → options of that wrapper which take a separate argument. */
const WRAPPERS: Record<string, { argOptions: Set<string>; takesOperand?: number }> = {
  sudo: { argOptions: new Set(['-u', '-g', '-h', '-p', '-C', '-r', '-t', '-U', '-D', '-R', '-T', '--user', '--group', '--host', '--prompt', '--close-from', '--role', '--type', '--other-user', '--chdir', '--chroot', '--command-timeout']) },
  doas: { argOptions: new Set(['-u', '-C']) },
  env: { argOptions: new Set(['-u', '-C', '-S', '--unset', '--chdir', '--split-string']) },
  nice: { argOptions: new Set(['-n', '--adjustment']) },
  ionice: { argOptions: new Set(['-c', '-n', '-p', '--class', '--classdata']) },
  nohup: { argOptions: new Set() },
  time: { argOptions: new Set(['-f', '-o', '--format', '--output']) },
  command: { argOptions: new Set() },
  exec: { argOptions: new Set(['-a']) },
  stdbuf: { argOptions: new Set(['-i', '-o', '-e']) },
  timeout: { argOptions: new Set(['-s', '-k', '--signal', '--kill-after']), takesOperand: 1 },
  chroot: { argOptions: new Set(['--userspec', '--groups']), takesOperand: 1 },
  'su-exec': { argOptions: new Set(), takesOperand: 1 },
  gosu: { argOptions: new Set(), takesOperand: 1 },
  xargs: { argOptions: new Set(['-a', '-d', '-E', '-e', '-I', '-i', '-L', '-l', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-chars', '--replace', '--max-lines']) },
};

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** The last path component: `/usr/bin/apt-get` → `apt-get`. */
export function baseName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash >= 0 ? word.slice(slash + 1) : word;
}

/** The words that execute, with wrappers and leading assignments removed, and the index of the first kept word. */
interface UnwrappedCommand {
  /** Words from the executed program on. */
  words: string[];
  /** `argv` index of `words[0]`. */
  offset: number;
  /** Wrappers removed, in order (`sudo`, `env`). */
  wrappers: string[];
}

export function unwrapCommand(argv: readonly string[]): UnwrappedCommand {
  let i = 0;
  const wrappers: string[] = [];
  for (;;) {
    while (i < argv.length && ASSIGNMENT.test(argv[i])) i++;
    if (i >= argv.length) break;
    const name = baseName(argv[i]);
    const wrapper = WRAPPERS[name];
    if (!wrapper) break;
    wrappers.push(name);
    i++;
    // Options of the wrapper (and env's NAME=value operands).
    while (i < argv.length) {
      const w = argv[i];
      if (w === '--') { i++; break; }
      if (name === 'env' && ASSIGNMENT.test(w)) { i++; continue; }
      if (!w.startsWith('-') || w === '-') break;
      if (name === 'nice' && /^-\d+$/.test(w)) { i++; continue; }
      i += wrapper.argOptions.has(w) ? 2 : 1;
    }
    if (wrapper.takesOperand) i += wrapper.takesOperand;
  }
  return { words: argv.slice(i), offset: i, wrappers };
}

/**
 * The file line of `argv[index]`: the command's first line plus the newlines of its text before the
 * word (found in order, each search starting past the previous word, so repeated words and prefixes
 * resolve left to right). Falls back to the command's line.
 */
export function wordLines(cmd: ShellCommand): number[] {
  const lines: number[] = [];
  let cursor = 0;
  let line = cmd.line;
  for (const word of cmd.argv) {
    const at = word === '' ? -1 : cmd.text.indexOf(word, cursor);
    if (at < 0) {
      lines.push(line);
      continue;
    }
    for (let k = cursor; k < at; k++) if (cmd.text.charCodeAt(k) === 10) line++;
    lines.push(line);
    // Past the word: a later word that is a prefix of this one (`gcc` after `gcc-12`) is found after it.
    for (let k = at; k < at + word.length; k++) if (cmd.text.charCodeAt(k) === 10) line++;
    cursor = at + word.length;
  }
  return lines;
}

/** True when the whole word is one unexpanded variable or command substitution (`$PKGS`, `${LIST}`, `$(cat x)`). */
export function isOpaqueWord(word: string): boolean {
  return /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|\(.*\))$/.test(word) || /^`.*`$/.test(word) || word.startsWith('$(') || word.startsWith('<(');
}
