import type { ShellCommand } from './types.js';

/**
 * A small POSIX-ish shell reader for RUN instructions: enough of `sh` to split a script into simple
 * commands with their words, lines and pipelines. It removes quotes (`'…'`, `"…"`, `\x`), keeps variable
 * references and command substitutions as written (`$VERSION`, `$(uname -m)`), drops redirections and
 * comments, reads here-documents, and treats `&&`, `||`, `;`, `|`, `&`, newlines, subshell parentheses and
 * `{ …; }` groups as command boundaries. Compound-command keywords (`if`, `then`, `do`, …) are skipped so
 * that the commands inside them are seen; `sh -c '…'` / `bash -c "…"` bodies and `sh <<EOF` scripts are
 * read one level deep (the wrapper command is kept as well).
 */

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);
/** Reserved words that open or continue a compound command; the command after them is the real one. */
const SKIPPED_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'esac', 'time']);
/** Compound headers whose words are not a command (`for x in a b`, `case $x in`). */
const HEADER_KEYWORDS = new Set(['for', 'select', 'case', 'function']);

interface SplitOptions {
  /** The 1-based file line of an offset in the script. Default: counts newlines from line 1. */
  lineOf?: (offset: number) => number;
  /** Expand `sh -c` bodies and `sh <<EOF` scripts (one level; off inside an expansion). */
  expandShells?: boolean;
  /** Allocates pipeline ids; share one between calls so ids stay unique across the commands of one RUN. */
  pipelineIds?: { next: number };
  /** The source text of the script span [start, end) as written (line breaks kept). Default: the script slice. */
  textOf?: (start: number, end: number) => string;
}

interface Building {
  words: string[];
  wordOffsets: number[];
  start: number;
  end: number;
  heredocs: { body: string; offset: number }[];
}

/** Splits a shell script into simple commands. Never throws; unterminated quotes end at the end of the text. */
export function splitShellCommands(script: string, options: SplitOptions = {}): ShellCommand[] {
  const lineOf = options.lineOf ?? newlineCounter(script);
  const textOf = options.textOf ?? ((start: number, end: number): string => script.slice(start, end));
  const expand = options.expandShells ?? true;
  const out: ShellCommand[] = [];
  const ids = options.pipelineIds ?? { next: 0 };
  let pipeline = ids.next++;
  let pipeIndex = 0;
  let cmd: Building = fresh(0);
  let word = null as string | null;
  let wordStart = 0;
  /** Set after a redirection operator: the next word is its target, not an argument. */
  let redirectTarget: 'file' | 'heredoc' | 'heredoc-strip' | null = null;
  const pendingHeredocs: { delimiter: string; strip: boolean; command: Building }[] = [];
  const awaitingBodies: Building[] = [];
  const n = script.length;
  let i = 0;

  function fresh(at: number): Building {
    return { words: [], wordOffsets: [], start: at, end: at, heredocs: [] };
  }

  const endWord = (): void => {
    if (word === null) return;
    if (redirectTarget === 'heredoc' || redirectTarget === 'heredoc-strip') {
      pendingHeredocs.push({ delimiter: word, strip: redirectTarget === 'heredoc-strip', command: cmd });
    } else if (redirectTarget === null) {
      if (cmd.words.length === 0 && SKIPPED_KEYWORDS.has(word) && !isQuotedAt(wordStart)) {
        // a reserved word: the command starts after it
      } else {
        if (cmd.words.length === 0) cmd.start = wordStart;
        cmd.words.push(word);
        cmd.wordOffsets.push(wordStart);
      }
    }
    redirectTarget = null;
    cmd.end = i;
    word = null;
  };

  const isQuotedAt = (offset: number): boolean => script[offset] === '"' || script[offset] === "'" || script[offset] === '\\';

  /** Ends the current command; `pipe` when it is followed by `|`. */
  const endCommand = (pipe: boolean): void => {
    endWord();
    redirectTarget = null;
    const built = cmd;
    if (built.words.length > 0 && !HEADER_KEYWORDS.has(built.words[0])) {
      const command: ShellCommand = {
        argv: built.words,
        line: lineOf(built.wordOffsets[0]),
        text: textOf(built.start, built.end).trim(),
        pipeline,
        pipeIndex,
      };
      out.push(command);
      // A command reading a here-document is expanded once its body has been read.
      if (expand && pendingHeredocs.some((h) => h.command === built)) awaitingBodies.push(built);
      else if (expand) expandInner(built);
      if (pipe) pipeIndex++;
      else {
        pipeline = ids.next++;
        pipeIndex = 0;
      }
    } else if (!pipe && pipeIndex > 0) {
      pipeline = ids.next++;
      pipeIndex = 0;
    }
    cmd = fresh(i);
  };

  /** `sh -c 'script'` and `bash <<EOF` bodies: their commands follow the wrapper, one level deep. */
  const expandInner = (built: Building): void => {
    const at = shellIndex(built.words);
    if (at < 0) return;
    const rest = built.words.slice(at + 1);
    let scriptIndex = -1;
    let sawC = false;
    for (let k = 0; k < rest.length; k++) {
      const w = rest[k];
      if (!sawC && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(w)) {
        sawC = true;
        continue;
      }
      if (w === '-o' || w === '+o') {
        k++;
        continue;
      }
      if (/^[-+][a-zA-Z]+$/.test(w) || w === '--') continue;
      scriptIndex = sawC ? at + 1 + k : -1;
      break;
    }
    const inner = (body: string, bodyLine: number): void => {
      const lines = newlineCounter(body);
      for (const c of splitShellCommands(body, { lineOf: (o) => bodyLine + lines(o) - 1, expandShells: false, pipelineIds: ids })) out.push(c);
    };
    if (scriptIndex >= 0) {
      const offset = built.wordOffsets[scriptIndex];
      const quote = script[offset] === "'" || script[offset] === '"' ? 1 : 0;
      inner(built.words[scriptIndex], lineOf(offset + quote));
    } else if (!sawC && built.heredocs.length > 0 && rest.every((w) => /^[-+][a-zA-Z]+$/.test(w) || w === '-s')) {
      for (const h of built.heredocs) inner(h.body, lineOf(h.offset));
    }
  };

  const readHeredocBodies = (): void => {
    // `i` is just past a newline: each pending here-document's body runs to its delimiter line.
    for (const h of pendingHeredocs) {
      const bodyStart = i;
      let body = '';
      for (;;) {
        if (i >= n) break;
        let eol = script.indexOf('\n', i);
        if (eol < 0) eol = n;
        let lineText = script.slice(i, eol);
        if (h.strip) lineText = lineText.replace(/^\t+/, '');
        i = eol < n ? eol + 1 : n;
        if (lineText === h.delimiter || lineText.replace(/\r$/, '') === h.delimiter) break;
        body += lineText + '\n';
      }
      h.command.heredocs.push({ body, offset: bodyStart });
      h.command.end = Math.max(h.command.end, i);
    }
    pendingHeredocs.length = 0;
    for (const b of awaitingBodies) expandInner(b);
    awaitingBodies.length = 0;
  };

  const add = (text: string): void => {
    word = (word ?? '') + text;
  };

  const startWord = (): void => {
    if (word === null) {
      word = '';
      wordStart = i;
    }
  };

  /** Reads `$(…)`, `${…}`, `$((…))` or a backquoted part as written; returns its end (exclusive). */
  const skipSubstitution = (from: number): number => {
    if (script[from] === '`') {
      let k = from + 1;
      while (k < n && script[k] !== '`') k += script[k] === '\\' ? 2 : 1;
      return Math.min(k + 1, n);
    }
    const open = script[from + 1];
    const close = open === '(' ? ')' : '}';
    let depth = 0;
    let k = from + 1;
    while (k < n) {
      const ch = script[k];
      if (ch === '\\') {
        k += 2;
        continue;
      }
      if (ch === "'" && open === '(') {
        const q = script.indexOf("'", k + 1);
        k = q < 0 ? n : q + 1;
        continue;
      }
      if (ch === '"') {
        k = skipDoubleQuoted(k + 1);
        continue;
      }
      if (ch === open) depth++;
      else if (ch === close) {
        depth--;
        if (depth === 0) return k + 1;
      }
      k++;
    }
    return n;
  };

  const skipDoubleQuoted = (from: number): number => {
    let k = from;
    while (k < n && script[k] !== '"') {
      if (script[k] === '\\') k += 2;
      else if (script[k] === '$' && (script[k + 1] === '(' || script[k + 1] === '{')) k = skipSubstitution(k);
      else if (script[k] === '`') k = skipSubstitution(k);
      else k++;
    }
    return Math.min(k + 1, n);
  };

  while (i < n) {
    const ch = script[i];
    if (ch === '\\') {
      if (script[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (script[i + 1] === '\r' && script[i + 2] === '\n') {
        i += 3;
        continue;
      }
      startWord();
      if (i + 1 < n) add(script[i + 1]);
      i += 2;
      continue;
    }
    if (ch === "'") {
      startWord();
      const q = script.indexOf("'", i + 1);
      const end = q < 0 ? n : q;
      add(script.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      startWord();
      let k = i + 1;
      while (k < n && script[k] !== '"') {
        const c = script[k];
        if (c === '\\' && k + 1 < n) {
          const next = script[k + 1];
          if (next === '\n') k += 2;
          else if ('$`"\\'.includes(next)) {
            add(next);
            k += 2;
          } else {
            add(c);
            k++;
          }
        } else if ((c === '$' && (script[k + 1] === '(' || script[k + 1] === '{')) || c === '`') {
          const end = skipSubstitution(k);
          add(script.slice(k, end));
          k = end;
        } else {
          add(c);
          k++;
        }
      }
      i = k + 1;
      continue;
    }
    if (ch === '$' && (script[i + 1] === '(' || script[i + 1] === '{')) {
      startWord();
      const end = skipSubstitution(i);
      add(script.slice(i, end));
      i = end;
      continue;
    }
    if (ch === '`') {
      startWord();
      const end = skipSubstitution(i);
      add(script.slice(i, end));
      i = end;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      i++;
      continue;
    }
    if (ch === '#' && word === null) {
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    }
    if (ch === '\n') {
      endCommand(false);
      i++;
      cmd = fresh(i);
      if (pendingHeredocs.length) {
        readHeredocBodies();
        cmd = fresh(i);
      }
      continue;
    }
    if (ch === ';') {
      endCommand(false);
      i += script[i + 1] === ';' ? 2 : 1;
      cmd = fresh(i);
      continue;
    }
    if (ch === '&') {
      if (script[i + 1] === '&') {
        endCommand(false);
        i += 2;
        cmd = fresh(i);
        continue;
      }
      if (script[i + 1] === '>') {
        endWord();
        i += script[i + 2] === '>' ? 3 : 2;
        redirectTarget = 'file';
        continue;
      }
      endCommand(false);
      i++;
      cmd = fresh(i);
      continue;
    }
    if (ch === '|') {
      if (script[i + 1] === '|') {
        endCommand(false);
        i += 2;
      } else {
        endCommand(true);
        i += script[i + 1] === '&' ? 2 : 1;
      }
      cmd = fresh(i);
      continue;
    }
    if (ch === '(' || ch === ')') {
      if (ch === '(' && word !== null && /^[A-Za-z_][\w]*=$/.test(word)) {
        // An array assignment `a=(x y)`: keep it as one word.
        const end = script.indexOf(')', i);
        add(script.slice(i, end < 0 ? n : end + 1));
        i = end < 0 ? n : end + 1;
        continue;
      }
      endCommand(false);
      i++;
      cmd = fresh(i);
      continue;
    }
    if (ch === '<' || ch === '>') {
      // A word of digits right before the operator is a file descriptor (`2>&1`), not an argument.
      if (word !== null && /^\d+$/.test(word) && wordStart + word.length === i) word = null;
      endWord();
      if (ch === '<' && script[i + 1] === '<' && script[i + 2] === '<') {
        i += 3;
        redirectTarget = 'file';
      } else if (ch === '<' && script[i + 1] === '<') {
        const strip = script[i + 2] === '-';
        i += strip ? 3 : 2;
        redirectTarget = strip ? 'heredoc-strip' : 'heredoc';
      } else {
        i++;
        if (script[i] === '>' || script[i] === '&' || script[i] === '|' || (ch === '<' && script[i] === '>')) i++;
        redirectTarget = 'file';
        // `>&2`, `2>&1`: the target is a descriptor, read as the next word.
      }
      while (script[i] === ' ' || script[i] === '\t') i++;
      continue;
    }
    startWord();
    add(ch);
    i++;
  }
  endCommand(false);
  if (pendingHeredocs.length) readHeredocBodies();
  return out;
}

/** Index of the shell in `sh -c …`, after `sudo`/`env`-style wrappers and assignments; -1 when not a shell. */
function shellIndex(words: string[]): number {
  let k = 0;
  while (k < words.length && /^[A-Za-z_][\w]*=/.test(words[k])) k++;
  for (let guard = 0; guard < 4 && k < words.length; guard++) {
    const base = basename(words[k]);
    if (SHELLS.has(base)) return base === 'busybox' ? (words[k + 1] && SHELLS.has(words[k + 1]) ? k + 1 : -1) : k;
    if (base === 'sudo' || base === 'env' || base === 'exec' || base === 'nice' || base === 'nohup' || base === 'command') {
      k++;
      while (k < words.length && (words[k].startsWith('-') || /^[A-Za-z_][\w]*=/.test(words[k]))) {
        if (base === 'sudo' && /^-[ugCDhpRT]$/.test(words[k])) k++;
        k++;
      }
      continue;
    }
    return -1;
  }
  return -1;
}

function basename(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash < 0 ? word : word.slice(slash + 1);
}

/** Offset → 1-based line, counting newlines (binary search over line starts). */
export function newlineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  return (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * Splits instruction arguments into words the way Docker reads ENV/ARG/LABEL values: whitespace
 * separates words, quotes and the escape character (`\`, or the `# escape=` directive's) are removed.
 */
export function splitWords(text: string, escape = '\\'): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '"' || ch === "'") {
      word ??= '';
      let k = i + 1;
      while (k < text.length && text[k] !== ch) {
        if (ch === '"' && text[k] === escape && k + 1 < text.length) k++;
        word += text[k];
        k++;
      }
      i = k;
    } else if (ch === escape && i + 1 < text.length) {
      word = (word ?? '') + text[i + 1];
      i++;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
