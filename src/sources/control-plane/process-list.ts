/**
 * Control-plane process lists as inputs: `ps -ef` / `ps aux` / `ps -eo pid,args` output, bare command lines,
 * `\`-continued lines, systemd `ExecStart=` lines (with `Environment=` variables expanded), env files with
 * `KUBELET_*_ARGS="…"` lines, and NUL-separated `/proc/PID/cmdline`. Each component process becomes one
 * synthetic `ComponentProcess` object whose source line is the line the process was read from.
 */
import type { InputProblem, K8sObject } from '../../model/types.js';
import { findComponentCommand } from '../../analyzers/control-plane/component-specs.js';
import { shellSplit } from '../../analyzers/control-plane/flag-parser.js';
import type { Component } from '../../analyzers/control-plane/types.js';
import type { ParseOutcome } from '../manifest-parser.js';
import type { ParsedObject } from '../parsed-object.js';

export const COMPONENT_PROCESS_API_VERSION = 'bulwark.dev/v1';
export const COMPONENT_PROCESS_KIND = 'ComponentProcess';

export interface ComponentProcessSpec {
  component: Component;
  binary: string;
  /** The whole command line, binary first. */
  argv: string[];
  pid?: number;
  user?: string;
  /** Environment variables the component reads its settings from (etcd's ETCD_*). */
  env?: Record<string, string>;
}

export interface ProcessDraft extends ComponentProcessSpec {
  line: number;
}

/** Builds the synthetic object for one process. */
export function componentProcessObject(spec: ComponentProcessSpec): K8sObject {
  const s: Record<string, unknown> = { component: spec.component, binary: spec.binary, argv: [...spec.argv] };
  if (spec.pid !== undefined) s.pid = spec.pid;
  if (spec.user !== undefined) s.user = spec.user;
  if (spec.env && Object.keys(spec.env).length > 0) s.env = { ...spec.env };
  return { apiVersion: COMPONENT_PROCESS_API_VERSION, kind: COMPONENT_PROCESS_KIND, metadata: { name: spec.component }, spec: s };
}

function processObjects(drafts: ProcessDraft[], file: string): ParsedObject[] {
  return drafts.map((d, docIndex) => {
    const { line, ...spec } = d;
    return { object: componentProcessObject(spec), source: { file, docIndex, startLine: line }, pointerPrefix: '' };
  });
}

const MANIFEST_LINE = /^\s*["']?(apiVersion|kind)["']?\s*:/m;
/** JSON text (a `[Service]` unit section header is not). */
const JSON_START = /^\s*(\{|\[\s*([[{"\]\d-]|true|false|null|$))/;
const TIME = /^(\d+-)?\d+(:\d+)+(\.\d+)?$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;
const ARGS_VARIABLES: [RegExp, Component][] = [
  [/^KUBELET_\w*ARGS$/, 'kubelet'],
  [/^KUBE_API(SERVER)?_ARGS$/, 'kube-apiserver'],
  [/^KUBE_CONTROLLER_MANAGER_ARGS$/, 'kube-controller-manager'],
  [/^KUBE_SCHEDULER_ARGS$/, 'kube-scheduler'],
  [/^KUBE_PROXY_ARGS$/, 'kube-proxy'],
  [/^ETCD_ARGS$/, 'etcd'],
];

/**
 * Reads text as a process list; undefined when it is not one (it has manifest lines, is JSON, or no line runs a
 * control-plane component), so the caller parses it as YAML as before.
 */
export function readProcessList(text: string, file: string): ParseOutcome | undefined {
  if (text.includes('\0')) return readCmdline(text, file);
  if (JSON_START.test(text) || MANIFEST_LINE.test(text)) return undefined;
  const drafts = parseProcessLines(text);
  const problems = singleBinaryNotices(text, file);
  if (drafts.length === 0) {
    if (problems.length > 0) return { objects: [], problems };
    if (!PS_HEADER.test(text)) return undefined;
    return {
      objects: [],
      problems: [
        {
          level: 'notice',
          file,
          line: 1,
          message: 'process list without any Kubernetes component (kube-apiserver, kube-controller-manager, kube-scheduler, etcd, kubelet, kube-proxy); nothing to check in it',
        },
      ],
    };
  }
  return { objects: processObjects(drafts, file), problems };
}

/** The header of `ps -ef`, `ps aux`, `ps -eo pid,args` output. */
const PS_HEADER = /^\s*(UID|USER)?\s*PID\b.*\b(CMD|COMMAND|ARGS)\s*$/m;

/**
 * Distributions that run the components inside one binary (k3s, MicroK8s' kubelite): their settings are not on
 * any component command line, so the CIS checks of those components stay INFO. Say so where the process is.
 */
export function singleBinaryNotices(text: string, file: string): InputProblem[] {
  const out: InputProblem[] = [];
  for (const { text: raw, line } of logicalLines(text)) {
    if (!/\b(k3s|kubelite)\b/.test(raw)) continue;
    const words = shellSplit(raw.trim()).map((w) => w.word);
    for (let i = 0; i < Math.min(words.length, 14); i++) {
      const base = words[i].slice(words[i].lastIndexOf('/') + 1);
      if (base === 'grep' || base === 'pgrep') break;
      const sub = words[i + 1];
      let message: string | undefined;
      if ((base === 'k3s' && sub === 'server') || base === 'k3s-server') {
        message =
          'k3s server runs kube-apiserver, kube-controller-manager, kube-scheduler and the kubelet inside one process: their settings (k3s defaults plus --kube-apiserver-arg, --kube-controller-manager-arg, --kube-scheduler-arg, --kubelet-arg) are on no component command line, so those CIS checks stay INFO; follow the k3s CIS hardening guide';
      } else if ((base === 'k3s' && sub === 'agent') || base === 'k3s-agent') {
        message =
          'k3s agent runs the kubelet and kube-proxy inside one process: their settings (k3s defaults plus --kubelet-arg, --kube-proxy-arg) are on no component command line, so those CIS checks stay INFO; follow the k3s CIS hardening guide';
      } else if (base === 'kubelite') {
        message =
          'MicroK8s kubelite runs the Kubernetes components inside one process; their flags live in /var/snap/microk8s/current/args/<component> files: pass those files (one command line each) to check them';
      }
      if (message) {
        out.push({ level: 'notice', file, line, message });
        break;
      }
    }
  }
  return out;
}

/** NUL-separated argv (`/proc/PID/cmdline`); several may be separated by newlines. */
function readCmdline(text: string, file: string): ParseOutcome | undefined {
  const pidMatch = /\/proc\/(\d+)\/cmdline$/.exec(file);
  const drafts: ProcessDraft[] = [];
  const problems: InputProblem[] = [];
  text.split('\n').forEach((lineText, i) => {
    if (!lineText.includes('\0') && lineText.trim() === '') return;
    const argv = lineText.split('\0');
    while (argv.length > 0 && argv[argv.length - 1] === '') argv.pop();
    const found = findComponentCommand(argv);
    if (!found) return;
    const d: ProcessDraft = { component: found.component, binary: argv[found.binaryIndex], argv: argv.slice(found.binaryIndex), line: i + 1 };
    if (pidMatch) d.pid = Number(pidMatch[1]);
    drafts.push(d);
  });
  if (drafts.length === 0) return undefined;
  return { objects: processObjects(drafts, file), problems };
}

interface LogicalLine {
  text: string;
  line: number;
}

/** Joins `\`-continued lines; each logical line keeps the number of its first physical line. */
export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const physical = text.split(/\r?\n/);
  let cur: LogicalLine | undefined;
  physical.forEach((raw, i) => {
    const continued = /(^|[^\\])\\$/.test(raw.trimEnd());
    const body = continued ? raw.trimEnd().slice(0, -1) : raw;
    if (cur) cur.text += ` ${body.trim()}`;
    else cur = { text: body, line: i + 1 };
    if (!continued) {
      out.push(cur);
      cur = undefined;
    }
  });
  if (cur) out.push(cur);
  return out;
}

/** Every component process in a text of ps output, command lines, unit files or env files. */
function parseProcessLines(text: string): ProcessDraft[] {
  const lines = logicalLines(text);
  const vars = new Map<string, { value: string; line: number }>();
  const commands: { words: string[]; line: number; exec: boolean }[] = [];

  for (const { text: raw, line } of lines) {
    const t = raw.trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';') || /^\[[^\]]*\]$/.test(t)) continue;
    const execStart = /^ExecStart\s*=\s*(.*)$/.exec(t);
    if (execStart) {
      const cmd = execStart[1].replace(/^[-@+!:]+/, '');
      if (cmd.trim() !== '') commands.push({ words: shellSplit(cmd).map((w) => w.word), line, exec: true });
      continue;
    }
    const environment = /^Environment\s*=\s*(.*)$/.exec(t);
    if (environment) {
      for (const { word } of shellSplit(environment[1])) addAssignment(vars, word, line);
      continue;
    }
    const words = shellSplit(t.replace(/^export\s+/, '')).map((w) => w.word);
    if (words.length === 1 && ASSIGNMENT.test(words[0])) {
      addAssignment(vars, words[0], line);
      continue;
    }
    commands.push({ words, line, exec: false });
  }

  const drafts: ProcessDraft[] = [];
  const used = new Set<string>();
  for (const c of commands) {
    const words = c.exec ? expandVariables(c.words, vars, used) : c.words;
    const d = processFromWords(words, c.line);
    if (d) drafts.push(d);
  }
  // Env files: *_ARGS variables nobody's ExecStart consumed describe a process of their own.
  for (const [pattern, component] of ARGS_VARIABLES) {
    if (drafts.some((d) => d.component === component)) continue;
    const defs = [...vars.entries()].filter(([name]) => pattern.test(name) && !used.has(name));
    if (defs.length === 0) continue;
    const argv = [component, ...defs.flatMap(([, v]) => shellSplit(v.value).map((w) => w.word))];
    drafts.push({ component, binary: component, argv, line: Math.min(...defs.map(([, v]) => v.line)) });
  }
  // etcd reads ETCD_* variables (etcd.conf env files): attach them, or describe etcd by them alone.
  const etcdEnv = [...vars.entries()].filter(([name]) => /^ETCD_[A-Z0-9_]+$/.test(name) && name !== 'ETCD_ARGS');
  if (etcdEnv.length > 0) {
    const env = Object.fromEntries(etcdEnv.map(([k, v]) => [k, v.value]));
    const etcd = drafts.filter((d) => d.component === 'etcd');
    if (etcd.length > 0) for (const d of etcd) d.env = { ...env, ...(d.env ?? {}) };
    else drafts.push({ component: 'etcd', binary: 'etcd', argv: ['etcd'], env, line: Math.min(...etcdEnv.map(([, v]) => v.line)) });
  }
  return drafts.sort((a, b) => a.line - b.line);
}

function addAssignment(vars: Map<string, { value: string; line: number }>, word: string, line: number): void {
  const m = ASSIGNMENT.exec(word);
  if (m) vars.set(m[1], { value: m[2], line });
}

/** systemd expansion: `$VAR` splits into words, `${VAR}` too when it is a whole word; unknown variables vanish. */
function expandVariables(words: string[], vars: Map<string, { value: string; line: number }>, used: Set<string>): string[] {
  const out: string[] = [];
  for (const w of words) {
    const whole = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(w);
    if (whole) {
      used.add(whole[1]);
      const v = vars.get(whole[1]);
      if (v) out.push(...shellSplit(v.value).map((x) => x.word));
      continue;
    }
    out.push(
      w.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => {
        const name = a ?? b ?? '';
        used.add(name);
        return vars.get(name)?.value ?? '';
      }),
    );
  }
  return out;
}

/** A command line, optionally preceded by ps columns (`ps -ef`, `ps aux`, `ps -eo pid,args`). */
function processFromWords(words: string[], line: number): ProcessDraft | undefined {
  const limit = Math.min(words.length, 14);
  for (let k = 0; k < limit; k++) {
    if (k > 0 && !psPrefix(words, k)) continue;
    const rest = words.slice(k);
    const found = findComponentCommand(rest);
    if (!found) continue;
    const argv = rest.slice(found.binaryIndex);
    const d: ProcessDraft = { component: found.component, binary: argv[0], argv, line };
    if (k === 1) d.pid = Number(words[0]);
    else if (k >= 2) {
      d.pid = Number(words[1]);
      d.user = words[0];
    }
    return d;
  }
  return undefined;
}

function psPrefix(words: string[], k: number): boolean {
  if (k === 1) return /^\d+$/.test(words[0]);
  return /^\d+$/.test(words[1]) && TIME.test(words[k - 1]);
}
