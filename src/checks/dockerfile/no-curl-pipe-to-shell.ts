import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import type { ShellCommand } from '../../analyzers/dockerfile/types.js';
import { defineCheck } from '../define-check.js';
import { instructionPath } from './instruction-semantics.js';
import { baseName, unwrapCommand, wordLines } from './shell-words.js';

/** Whether a curl/wget invocation writes the download to stdout (curl does unless -o/-O; wget only with -O -). */
function downloaderToStdout(words: readonly string[]): boolean {
  const prog = baseName(words[0] ?? '');
  const args = prog === 'busybox' ? words.slice(2) : words.slice(1);
  const tool = prog === 'busybox' ? words[1] : prog;
  if (tool === 'curl') {
    for (let i = 0; i < args.length; i++) {
      const w = args[i];
      if (w === '--remote-name' || w === '--remote-name-all') return false;
      if (w === '--output' || w === '-o') return args[i + 1] === '-';
      if (w.startsWith('--output=')) return w.slice(9) === '-';
      if (/^-[A-Za-z]+$/.test(w) && !w.startsWith('--')) {
        const o = w.indexOf('o');
        if (w.includes('O')) return false;
        if (o > 0) return (w.slice(o + 1) || args[i + 1]) === '-';
      }
    }
    return true;
  }
  if (tool === 'wget') {
    for (let i = 0; i < args.length; i++) {
      const w = args[i];
      if (w.startsWith('--output-document=')) return /^(-|\/dev\/stdout)$/.test(w.slice(18));
      if (w === '--output-document') return /^(-|\/dev\/stdout)$/.test(args[i + 1] ?? '');
      if (/^-[A-Za-z]*O/.test(w) && !w.startsWith('--')) {
        const value = w.slice(w.indexOf('O') + 1) || args[i + 1] || '';
        return /^(-|\/dev\/stdout)$/.test(value);
      }
    }
    return false;
  }
  return false;
}

const isDownloader = (words: readonly string[]) => {
  const p = baseName(words[0] ?? '');
  return p === 'curl' || p === 'wget' || (p === 'busybox' && words[1] === 'wget');
};

const SHELL = /^(sh|bash|zsh|ash|dash|ksh|mksh|fish)$/;
const INTERPRETER = /^(python[\d.]*|perl[\d.]*|ruby[\d.]*|node|nodejs|php[\d.]*|pwsh)$/;

/** The interpreter a command runs, when it reads its program from stdin (no -c/-e script, no script file). */
function stdinInterpreter(words: readonly string[]): string | undefined {
  const prog = baseName(words[0] ?? '');
  const isShell = SHELL.test(prog);
  if (!isShell && !INTERPRETER.test(prog)) return undefined;
  const inline = isShell ? /^-[A-Za-z]*c[A-Za-z]*$/ : /^(-[A-Za-z]*[cme][A-Za-z]*|-r|-f|-p|--eval|--print|-Command|-File)$/i;
  const withArg = new Set(isShell ? ['-o', '+o', '-O', '+O', '--rcfile', '--init-file'] : ['-W', '-X', '-I', '-M', '-d']);
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-' || w === '--') return prog;
    if (isShell && /^-[A-Za-z]*s/.test(w)) return prog;
    if (inline.test(w)) return undefined;
    if (withArg.has(w)) { i++; continue; }
    if (w.startsWith('-') || w.startsWith('+')) continue;
    return undefined; // a script file operand: stdin is data, not the program
  }
  return prog;
}

/**
 * A program that executes text (a shell, an interpreter, eval, source/.) at the start of a simple
 * command, fed a download through `$(…)`, backticks or `<(…)` in the same command. Read from the script
 * text, because the command splitter expands substitutions into commands of their own.
 */
const SUBSTITUTION =
  /(?:^|[;&|({\n]|\[\s*")[ \t]*(?:sudo[ \t]+(?:-\S+[ \t]+)*)?(?:env[ \t]+)?(?:[\w/.-]*\/)?(sh|bash|zsh|ash|dash|ksh|mksh|python[\d.]*|perl[\d.]*|ruby[\d.]*|node|php[\d.]*|eval|source|\.)[ \t][^;&|\n]*?(?:\$\(|<\(|`)\s*((?:sudo\s+)?(?:[\w/.-]*\/)?(?:curl|wget|busybox\s+wget)\b[^)`]*)/g;

interface SubstitutedDownload {
  interpreter: string;
  downloader: string;
  /** The download command as written inside the substitution, and its words. */
  text: string;
  words: string[];
  offset: number;
}

function substitutedDownloads(text: string): SubstitutedDownload[] {
  const found: SubstitutedDownload[] = [];
  for (const m of text.matchAll(SUBSTITUTION)) {
    const words = unwrapCommand(m[2].trim().split(/\s+/).map((w) => w.replace(/^["']|["']$/g, ''))).words;
    if (!downloaderToStdout(words)) continue;
    found.push({ interpreter: m[1], downloader: baseName(words[0]) === 'busybox' ? 'wget' : baseName(words[0]), text: m[2].trim(), words, offset: m.index });
  }
  return found;
}

/**
 * The file line of a substituted download, from the RUN's commands (which keep their lines across
 * continuations): a process substitution `<(curl …)` is a command of its own; `$(curl …)` and
 * backticks stay one word of the command that runs them. Searched from `from` on, in order; undefined
 * when no command matches (the caller falls back to the script's text).
 */
function substitutionLine(commands: readonly ShellCommand[], hit: SubstitutedDownload, from: number): { line: number; index: number } | undefined {
  const wanted = hit.words.join(' ');
  for (let i = from; i < commands.length; i++) {
    const cmd = commands[i];
    if (unwrapCommand(cmd.argv).words.join(' ') === wanted) return { line: cmd.line, index: i };
    const k = cmd.argv.findIndex((w) => /\$\(|`/.test(w) && w.includes(hit.text));
    if (k >= 0) return { line: wordLines(cmd)[k] ?? cmd.line, index: i };
  }
  return undefined;
}

export const noCurlPipeToShell = defineCheck({
  meta: {
    id: 'no-curl-pipe-to-shell',
    category: 'dockerfile',
    severity: 'medium',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'RUN must not execute a script straight from the network (curl … | sh, sh -c "$(curl …)", bash <(curl …)).',
    rationale:
      'Piping a download into a shell or interpreter runs whatever the server sends at build time, unreviewed and unverified: a compromised install site, a hijacked domain or a truncated download (the shell runs the half it received) executes as root inside the build, and nothing in the Dockerfile changes. The check follows the data: curl writes to stdout unless -o/-O is given, wget only with -O -; the receiving program must read its program from stdin (sh, sh -s, bash -, python - …), so `curl … | python3 -c "…json…"` or `curl … | tar xz` are not reported.',
    remediation:
      'Download the script to a file, verify it against a published checksum or signature (for example `echo "<sha256>  install.sh" | sha256sum -c -`), then run it; better, install a pinned release artifact with ADD --checksum or the distribution\'s package manager.',
    references: [{ url: 'https://docs.docker.com/build/building/best-practices/#using-pipes' }, { url: 'https://docs.docker.com/reference/dockerfile/#add---checksum' }],
    messages: {
      pipe: '{{downloader}} output is piped into {{interpreter}}, which executes it unverified.',
      substitution: '{{interpreter}} executes {{downloader}} output through a command or process substitution, unverified.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        const path = instructionPath(run.instruction);
        const pipelines = new Map<number, ShellCommand[]>();
        for (const cmd of run.commands) {
          const list = pipelines.get(cmd.pipeline);
          if (list) list.push(cmd);
          else pipelines.set(cmd.pipeline, [cmd]);
        }
        const ins = run.instruction;
        const scripts = ins.heredocs.length > 0 ? ins.heredocs.map((h) => ({ text: h.content, line: h.line })) : [{ text: ins.args, line: ins.line }];
        let from = 0;
        for (const script of scripts) {
          for (const hit of substitutedDownloads(script.text)) {
            const found = substitutionLine(run.commands, hit, from);
            let line = script.line;
            if (found) {
              line = found.line;
              from = found.index;
            } else {
              for (let k = 0; k < hit.offset; k++) if (script.text.charCodeAt(k) === 10) line++;
              if (script.text[hit.offset] === '\n') line++;
            }
            ctx.report({ messageId: 'substitution', data: { interpreter: hit.interpreter, downloader: hit.downloader }, path, line });
          }
        }
        for (const list of pipelines.values()) {
          if (list.length < 2) continue;
          list.sort((a, b) => a.pipeIndex - b.pipeIndex);
          for (let i = 0; i < list.length - 1; i++) {
            const words = unwrapCommand(list[i].argv).words;
            if (!isDownloader(words) || !downloaderToStdout(words)) continue;
            const target = list.slice(i + 1).map((c) => stdinInterpreter(unwrapCommand(c.argv).words)).find((x) => x !== undefined);
            if (!target) continue;
            const downloader = baseName(words[0]) === 'busybox' ? 'wget' : baseName(words[0]);
            ctx.report({ messageId: 'pipe', data: { downloader, interpreter: target }, path, line: list[i].line });
            break;
          }
        }
      }
    }
  },
});
