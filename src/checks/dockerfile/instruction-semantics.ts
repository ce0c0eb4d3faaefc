/**
 * Shared reading of Dockerfile instructions for the checks of practices 3 and 6–10: simple commands
 * with their `sudo`/`env` wrappers removed (shell-words.ts), package commands (package-commands.ts), key=value
 * instruction arguments and variable substitution from ARG/ENV defaults. Pure functions over the
 * Dockerfile fact (src/analyzers/dockerfile/types.ts).
 */
import type { DockerfileInstruction, DockerfileModel, DockerfileStage, RunInstruction, ShellCommand } from '../../analyzers/dockerfile/types.js';
import { readPackageCommand, type PackageCommand } from './package-commands.js';
import { baseName, unwrapCommand } from './shell-words.js';

export const instructionPath = (i: DockerfileInstruction): string => `/spec/instructions/${i.index}`;
export const stagePath = (s: DockerfileStage): string => `/spec/stages/${s.index}`;

/** Stages whose content is the final image (the final stage and the stages it is built FROM), in build order. */
export function shippingStages(model: DockerfileModel): DockerfileStage[] {
  return model.stages.filter((s) => s.shipsInFinalImage).sort((a, b) => a.index - b.index);
}

/** Stages whose files can reach the final image: shipped ones and those the final image copies from. */
export function reachingStages(model: DockerfileModel): DockerfileStage[] {
  return model.stages.filter((s) => s.shipsInFinalImage || s.copiedFromByFinal);
}

// ---------------------------------------------------------------------------------------------------
// Commands.

/** A simple command with wrappers removed: `sudo -u app env X=1 /usr/bin/apt-get install` → `apt-get install`. */
export interface Command {
  /** Words from the program on, the program as its base name. */
  argv: string[];
  /** Leading `VAR=value` assignments, from the command and from `env`/`sudo` wrappers. */
  assignments: Map<string, string>;
  /** Run through `sudo` or `doas`. */
  sudo: boolean;
  line: number;
  shell: ShellCommand;
  run: RunInstruction;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** Removes leading assignments and wrappers (shell-words.ts), keeping what they tell: assignments and sudo. */
export function unwrap(argv: readonly string[]): { argv: string[]; assignments: Map<string, string>; sudo: boolean } {
  const u = unwrapCommand(argv);
  const assignments = new Map<string, string>();
  for (const w of argv.slice(0, u.offset)) {
    const m = ASSIGNMENT.exec(w);
    if (m) assignments.set(m[1], m[2]);
  }
  const rest = [...u.words];
  if (rest.length > 0) rest[0] = baseName(rest[0]);
  return { argv: rest, assignments, sudo: u.wrappers.includes('sudo') || u.wrappers.includes('doas') };
}

/**
 * The simple commands of a RUN, wrappers removed. The analyzer already reads an exec-form RUN as one
 * command (plus the script of `["sh", "-c", "…"]`).
 */
export function runCommands(run: RunInstruction): Command[] {
  const out: Command[] = [];
  for (const shell of run.commands) {
    const u = unwrap(shell.argv);
    if (u.argv.length === 0) continue;
    out.push({ argv: u.argv, assignments: u.assignments, sudo: u.sudo, line: shell.line, shell, run });
  }
  return out;
}

const commandsMemo = new WeakMap<DockerfileStage, Command[]>();

/**
 * The commands of a stage's RUN instructions (`stage.runs` holds RUNs only: ONBUILD triggers run in
 * images built FROM this one). Computed once per stage: several checks read them.
 */
export function stageCommands(stage: DockerfileStage): readonly Command[] {
  let commands = commandsMemo.get(stage);
  if (!commands) {
    commands = stage.runs.flatMap(runCommands);
    commandsMemo.set(stage, commands);
  }
  return commands;
}

/** `--mount` values of a RUN parsed into key/value maps (`type=cache,target=/x`). */
export function runMounts(run: RunInstruction): Map<string, string>[] {
  return run.instruction.mounts.map((m) => {
    const map = new Map<string, string>();
    for (const part of m.split(',')) {
      const eq = part.indexOf('=');
      const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      map.set(key, eq < 0 ? 'true' : part.slice(eq + 1).trim().replace(/^["']|["']$/g, ''));
    }
    if (!map.has('type')) map.set('type', 'bind');
    return map;
  });
}

/** Whether the RUN mounts a cache or tmpfs over `dir` or a parent of it (nothing written there stays in the layer). */
export function hasScratchMountOver(run: RunInstruction, dir: string): boolean {
  const norm = (p: string) => p.replace(/\/+$/, '') || '/';
  const target = norm(dir);
  return runMounts(run).some((m) => {
    const type = m.get('type');
    const t = m.get('target') ?? m.get('dst') ?? m.get('destination');
    if ((type !== 'cache' && type !== 'tmpfs') || t === undefined) return false;
    const mt = norm(t);
    return target === mt || target.startsWith(mt === '/' ? '/' : mt + '/');
  });
}

// ---------------------------------------------------------------------------------------------------
// Package managers (read by package-commands.ts).

export function packageCommand(command: Command): PackageCommand | undefined {
  return readPackageCommand(command.shell.argv);
}

/** Whether an option list has `--flag`, `--flag=value` or one of the given short letters (also clustered: `-qy`). */
export function hasOption(options: readonly string[], long: string[], short: string[] = []): boolean {
  return options.some((o) => {
    if (long.some((l) => o === l || o.startsWith(l + '='))) return true;
    if (short.length > 0 && /^-[A-Za-z]+$/.test(o)) return short.some((s) => o.includes(s));
    return false;
  });
}

/** The package name of a spec: `gcc=4:12.2-1` → gcc, `musl-dev<1.3` → musl-dev, `libc6:amd64` → libc6. */
export function packageName(spec: string): string {
  return spec.replace(/^["']|["']$/g, '').split(/[=<>~!@]/)[0].replace(/:[a-z0-9]+$/, '').toLowerCase();
}

/** `apk add --virtual .build-deps …` / `-t name`: the virtual package name the packages are grouped under. */
export function apkVirtualName(command: Command): string | undefined {
  if (command.argv[0] !== 'apk') return undefined;
  for (let i = 1; i < command.argv.length; i++) {
    const w = command.argv[i];
    if (w === '--virtual' || w === '-t') return command.argv[i + 1];
    if (w.startsWith('--virtual=')) return w.slice(10);
    if (/^-t./.test(w)) return w.slice(2);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Instruction arguments.

/** Splits instruction arguments into words, honouring quotes and the escape character. */
export function splitWords(text: string, escape = '\\'): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === escape && i + 1 < text.length && quote !== "'") {
      cur += text[++i];
      has = true;
    } else if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

/** ENV/LABEL/ARG pairs: `A=1 B="two words"`, or the legacy `ENV NAME value with spaces`. ARG without `=` gives value undefined. */
export function keyValuePairs(args: string, keyword: string, escape = '\\'): { name: string; value?: string }[] {
  const words = splitWords(args, escape);
  if (words.length === 0) return [];
  if (keyword !== 'ARG' && !words[0].includes('=')) {
    // Legacy form: the first word is the name, the rest of the text the value.
    const rest = args.trim().slice(args.trim().search(/\s/) + 1).trim();
    return [{ name: words[0], value: words.length > 1 ? splitWords(rest, escape).join(' ') : '' }];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? { name: w } : { name: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}

/** Source and destination words of COPY/ADD (JSON form included; heredoc sources `<<EOF` left out of sources). */
export function copyOperands(instr: DockerfileInstruction, escape = '\\'): { sources: string[]; dest: string } | undefined {
  let words: string[] | undefined;
  const text = instr.args.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === 'string')) words = parsed as string[];
    } catch {
      /* not JSON: shell words */
    }
  }
  words ??= splitWords(text, escape);
  if (words.length < 2) return undefined;
  return { sources: words.slice(0, -1).filter((w) => !w.startsWith('<<')), dest: words[words.length - 1] };
}

// ---------------------------------------------------------------------------------------------------
// Variables.

const variablesMemo = new WeakMap<DockerfileStage, Map<number, ReadonlyMap<string, string>>>();

/**
 * Values of build ARGs and ENVs visible before instruction `before` (a file index) in the stages that
 * ship with `stage` (its FROM chain), from their defaults. Global ARGs count only when redeclared.
 * Computed once per stage and instruction (checks ask for every command of a RUN); do not modify.
 */
export function variablesBefore(model: DockerfileModel, stage: DockerfileStage, before: number): ReadonlyMap<string, string> {
  let byIndex = variablesMemo.get(stage);
  if (!byIndex) {
    byIndex = new Map();
    variablesMemo.set(stage, byIndex);
  }
  let vars = byIndex.get(before);
  if (!vars) {
    vars = computeVariablesBefore(model, stage, before);
    byIndex.set(before, vars);
  }
  return vars;
}

function computeVariablesBefore(model: DockerfileModel, stage: DockerfileStage, before: number): Map<string, string> {
  const chain: DockerfileStage[] = [];
  for (let s: DockerfileStage | undefined = stage; s; s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined) {
    chain.unshift(s);
    if (chain.length > model.stages.length) break;
  }
  const globals = new Map(model.globalArgs.filter((a) => a.value !== undefined).map((a) => [a.name, a.value as string]));
  const vars = new Map<string, string>();
  for (const s of chain) {
    const stageArgs = new Map<string, string>();
    for (const i of s.instructions) {
      if (i.index >= before) break;
      if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
      for (const { name, value } of keyValuePairs(i.args, i.keyword, model.escape)) {
        if (i.keyword === 'ARG') {
          const v = value !== undefined ? substitute(value, new Map([...vars, ...stageArgs])) : globals.get(name);
          if (v !== undefined) stageArgs.set(name, v);
          else stageArgs.delete(name);
          vars.set(name, v ?? vars.get(name) ?? '\u0000');
        } else vars.set(name, substitute(value ?? '', vars));
      }
    }
  }
  for (const [k, v] of vars) if (v === '\u0000') vars.delete(k);
  return vars;
}

/** Substitutes `$X`, `${X}`, `${X:-d}`, `${X-d}`, `${X:+a}`; unknown variables stay as written. */
export function substitute(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const v = vars.get(name);
    if (op === undefined) return v ?? whole;
    if (op.endsWith('-')) return v !== undefined && (op === '-' || v !== '') ? v : (word ?? '');
    return v !== undefined && (op === '+' || v !== '') ? (word ?? '') : v === undefined ? whole : '';
  });
}

export function hasVariable(text: string): boolean {
  return /\$(?:\{|[A-Za-z_])/.test(text);
}

// ---------------------------------------------------------------------------------------------------
// chmod modes.

export interface ModeEffect {
  setuid: boolean;
  setgid: boolean;
  /** Others (o) get write permission. */
  worldWritable: boolean;
  /** The sticky bit is set (as on /tmp): world-writable is then intended and safe for shared directories. */
  sticky: boolean;
}

/**
 * What a chmod mode grants: octal (`4755`, `0777`, `2775`) or symbolic (`u+s`, `+s`, `a+rwx`, `o+w,g-w`).
 * Symbolic clauses without who (`+w`) are filtered by the umask, which leaves "others" without write
 * (Docker's default umask is 022), so only `o`/`a` grant world write. Undefined when unreadable.
 */
export function chmodMode(mode: string): ModeEffect | undefined {
  if (/^[0-7]{1,5}$/.test(mode)) {
    const n = parseInt(mode, 8);
    return { setuid: (n & 0o4000) !== 0, setgid: (n & 0o2000) !== 0, worldWritable: (n & 0o002) !== 0, sticky: (n & 0o1000) !== 0 };
  }
  const effect: ModeEffect = { setuid: false, setgid: false, worldWritable: false, sticky: false };
  let readable = false;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return undefined;
    readable = true;
    const who = m[1];
    const all = who === '' || who.includes('a');
    for (const action of m[2].match(/[-+=][rwxXstugo]*/g) ?? []) {
      const op = action[0];
      const perms = action.slice(1);
      if (op === '-') continue;
      if (perms.includes('s')) {
        if (all || who.includes('u')) effect.setuid = true;
        if (all || who.includes('g')) effect.setgid = true;
      }
      if (perms.includes('t') && (all || who.includes('o'))) effect.sticky = true;
      if (perms.includes('w') && (who.includes('a') || who.includes('o'))) effect.worldWritable = true;
    }
  }
  return readable ? effect : undefined;
}

/** The mode operands of a chmod command: `chmod -R 777 /x` → ['777']; `--reference` gives none. */
export function chmodModes(command: Command): string[] {
  if (command.argv[0] !== 'chmod') return [];
  const rest = command.argv.slice(1);
  let i = 0;
  while (i < rest.length) {
    const w = rest[i];
    if (w === '--') {
      i++;
      break;
    }
    if (w.startsWith('--reference')) return [];
    // -R, -v, -c, -f, --recursive…; but `-w`, `-x`, `-s` are modes (removals) and end the options.
    if (/^--[a-z-]+$/.test(w) || /^-[RcfvHLP]+$/.test(w)) {
      i++;
      continue;
    }
    break;
  }
  return i < rest.length ? [rest[i]] : [];
}
