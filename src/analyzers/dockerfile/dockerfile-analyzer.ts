import type { Inventory } from '../../inventory/inventory.js';
import type { Dockerfile as DockerfileAst } from 'dockerfile-ast';
import { DOCKERFILE_KIND, parseDockerfileAst, takeDockerfileAst } from '../../sources/dockerfile-source.js';
import { sourceText } from '../../sources/source-text.js';
import { defineAnalyzer } from '../facts.js';
import { parseImageRef, substituteArgs } from './image-ref.js';
import { newlineCounter, splitShellCommands, splitWords } from './shell-words.js';
import type { DockerfileFacts, DockerfileInstruction, DockerfileModel, DockerfileStage, ImageRef, RunInstruction, ShellCommand } from './types.js';

/** Every Dockerfile of the inventory, parsed once (on first use) into the model checks read. */
export const dockerfileAnalyzer = defineAnalyzer('dockerfile', (inventory: Inventory): DockerfileFacts => {
  const models = new Map<object, DockerfileModel>();
  const modelOf = (o: (typeof inventory.objects)[number]): DockerfileModel => {
    let model = models.get(o.object);
    if (!model) {
      const file = 'file' in o.source ? o.source.file : o.object.metadata.name ?? '';
      const text = sourceText(file, inventory.virtualFiles);
      model = text === undefined ? unreadable(file) : buildDockerfileModel(text, file, takeDockerfileAst(o.object, text));
      models.set(o.object, model);
    }
    return model;
  };
  const dockerfiles = inventory.ofKind(DOCKERFILE_KIND);
  const byObject = new Map(dockerfiles.map((o) => [o.object as object, o]));
  return {
    of(obj: object): DockerfileModel | undefined {
      const o = byObject.get(obj);
      return o ? modelOf(o) : undefined;
    },
    all(): DockerfileModel[] {
      return dockerfiles.map(modelOf);
    },
  };
}, { perObject: true });

function unreadable(file: string): DockerfileModel {
  return { file, directives: [], escape: '\\', globalArgs: [], instructions: [], stages: [], comments: [] };
}

/** Instructions whose leading `--name=value` words are flags (Docker parses flags for these only). */
const FLAGGED = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_OPERATOR = /<<(-?)(["']?)([A-Za-z0-9_][\w.-]*)\2/g;
const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

/** The text of an instruction's first logical line (continuations joined as Docker joins them) and where each piece came from. */
interface Logical {
  text: string;
  /** Offsets in `text` where a file line starts contributing, with that line (1-based), ascending. */
  segments: { offset: number; line: number }[];
  /** The last file line the logical line used (1-based). */
  lastLine: number;
}

/** Parses one Dockerfile's text. Never throws on odd input (dockerfile-source.ts reports what docker build rejects). */
export function buildDockerfileModel(text: string, file: string, parsed?: DockerfileAst): DockerfileModel {
  const ast = parsed ?? parseDockerfileAst(text);
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const escape = ast.getEscapeCharacter() || '\\';
  const continuation = new RegExp(`${escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}[ \\t]*$`);
  const model: DockerfileModel = {
    file,
    directives: ast.getDirectives().map((d) => ({ name: d.getName().toLowerCase(), value: d.getValue(), line: d.getRange().start.line + 1 })),
    escape,
    globalArgs: [],
    instructions: [],
    stages: [],
    comments: ast.getComments().map((c) => ({ line: c.getRange().start.line + 1, text: c.getContent() })),
  };

  const readLogical = (line0: number, char: number, lastLine0: number): Logical => {
    const segments: Logical['segments'] = [];
    let out = '';
    let l = line0;
    let piece = (lines[l] ?? '').slice(char);
    for (;;) {
      segments.push({ offset: out.length, line: l + 1 });
      if (!continuation.test(piece) || l >= lastLine0) {
        out += piece;
        break;
      }
      out += piece.replace(continuation, '');
      // Comment and empty lines inside a continuation are dropped, as Docker drops them.
      l++;
      while (l < lastLine0 && /^\s*(#.*)?$/.test(lines[l] ?? '')) l++;
      piece = lines[l] ?? '';
    }
    return { text: out, segments, lastLine: l + 1 };
  };

  const build = (
    keyword: string,
    logical: Logical,
    startInLogical: number,
    range: { line: number; endLine: number; column: number },
    index: number,
    stage: number,
  ): DockerfileInstruction & { lineAt: (offset: number) => number; argsOffset: number } => {
    const lineAt = (offset: number): number => {
      let line = logical.segments[0].line;
      for (const s of logical.segments) if (s.offset <= offset) line = s.line;
      return line;
    };
    // Skip the keyword and the blanks after it.
    let p = startInLogical;
    while (p < logical.text.length && /\s/.test(logical.text[p])) p++;
    p += keyword.length;
    while (p < logical.text.length && /\s/.test(logical.text[p])) p++;
    const flags: Record<string, string | null> = {};
    const mounts: string[] = [];
    if (FLAGGED.has(keyword)) {
      for (;;) {
        const m = /^--([A-Za-z][\w-]*)(?:=((?:"[^"]*"|'[^']*'|\S)*))?(?=\s|$)/.exec(logical.text.slice(p));
        if (!m) break;
        const value = m[2] === undefined ? null : unquote(m[2]);
        flags[m[1].toLowerCase()] = value;
        if (m[1].toLowerCase() === 'mount' && value !== null) mounts.push(value);
        p += m[0].length;
        while (p < logical.text.length && /\s/.test(logical.text[p])) p++;
      }
    }
    const args = logical.text.slice(p).trim();
    const ins: DockerfileInstruction & { lineAt: (offset: number) => number; argsOffset: number } = {
      index,
      keyword,
      line: range.line,
      endLine: range.endLine,
      column: range.column,
      args,
      flags,
      mounts,
      heredocs: [],
      stage,
      lineAt,
      argsOffset: p,
    };
    let execText: string | undefined;
    if (EXEC_FORM.has(keyword)) execText = args;
    else if (keyword === 'HEALTHCHECK') execText = /^CMD\s+(\[[\s\S]*)$/i.exec(args)?.[1];
    if (execText?.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(execText);
        if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) ins.execForm = parsed as string[];
      } catch {
        // Not valid JSON: Docker runs it in shell form.
      }
    }
    return ins;
  };

  const readHeredocs = (ins: DockerfileInstruction, logical: Logical): void => {
    if (!HEREDOC_KEYWORDS.has(ins.keyword) || ins.execForm) return;
    let next = logical.lastLine; // 0-based index of the line after the logical line
    for (const m of ins.args.matchAll(HEREDOC_OPERATOR)) {
      const [, strip, , name] = m;
      const bodyLine = next + 1;
      const body: string[] = [];
      while (next < ins.endLine) {
        const raw = lines[next] ?? '';
        next++;
        const lineText = strip ? raw.replace(/^\t+/, '') : raw;
        if (lineText === name) break;
        body.push(lineText);
      }
      ins.heredocs.push({ name, content: body.length ? body.join('\n') + '\n' : '', line: bodyLine });
    }
  };

  let stageIndex = -1;
  const runs = new Map<number, RunInstruction[]>();
  const astInstructions = ast.getInstructions();
  astInstructions.forEach((a, index) => {
    const range = a.getRange();
    const line0 = range.start.line;
    const lastLine0 = range.end.line;
    const keyword = a.getKeyword().toUpperCase();
    if (keyword === 'FROM') stageIndex++;
    const logical = readLogical(line0, range.start.character, lastLine0);
    const pos = { line: line0 + 1, endLine: lastLine0 + 1, column: range.start.character + 1 };
    const ins = build(keyword, logical, 0, pos, index, stageIndex);
    readHeredocs(ins, logical);
    if (keyword === 'ONBUILD') {
      const m = /^\s*([A-Za-z]+)/.exec(ins.args);
      if (m) {
        const triggerKeyword = m[1].toUpperCase();
        const start = ins.argsOffset;
        const trigger = build(triggerKeyword, logical, start, { ...pos, column: pos.column + (logical.segments.length === 1 ? start : 0) }, index, stageIndex);
        readHeredocs(trigger, logical);
        ins.trigger = strip(trigger);
      }
    }
    const plain = strip(ins);
    if (keyword === 'RUN') {
      const list = runs.get(stageIndex) ?? [];
      list.push({ instruction: plain, commands: runCommands(ins, logical, lines) });
      runs.set(stageIndex, list);
    }
    model.instructions.push(plain);
  });

  // Build arguments declared before the first FROM: the only ones FROM lines may use.
  const buildArgs = new Map<string, string | undefined>();
  for (const ins of model.instructions) {
    if (ins.stage >= 0 || ins.keyword !== 'ARG') continue;
    for (const word of splitWords(ins.args, escape)) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word : word.slice(0, eq);
      const value = eq < 0 ? undefined : word.slice(eq + 1);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
      model.globalArgs.push({ name, value, instruction: ins });
      buildArgs.set(name, value);
    }
  }

  for (const ins of model.instructions) {
    if (ins.keyword === 'FROM') {
      const words = splitWords(ins.args, escape);
      const raw = words[0] ?? '';
      const sub = substituteArgs(raw, buildArgs, escape);
      const image: ImageRef = parseImageRef(raw, sub.value, sub.unresolved || sub.value === '');
      const stage: DockerfileStage = {
        index: model.stages.length,
        from: ins,
        image,
        instructions: [],
        runs: runs.get(ins.stage) ?? [],
        isFinal: false,
        shipsInFinalImage: false,
        copiedFromByFinal: false,
      };
      if (words.length >= 3 && words[1].toLowerCase() === 'as') stage.name = words[2].toLowerCase();
      if (ins.flags.platform) stage.platform = ins.flags.platform;
      if (!image.unresolved) {
        const base = model.stages.findIndex((s) => s.name !== undefined && s.name === image.resolved.toLowerCase());
        if (base >= 0) stage.baseStage = base;
      }
      model.stages.push(stage);
    }
    if (ins.stage >= 0) model.stages[ins.stage].instructions.push(ins);
  }

  // No FROM (reported by dockerfile-source.ts with the other problems docker build rejects): no image.
  if (model.stages.length === 0) return model;
  const final = model.stages[model.stages.length - 1];
  final.isFinal = true;
  model.finalStage = final;
  for (let s: DockerfileStage | undefined = final; s && !s.shipsInFinalImage; s = s.baseStage === undefined ? undefined : model.stages[s.baseStage]) {
    s.shipsInFinalImage = true;
  }
  // Stages whose files reach the final image through COPY --from, transitively (and what they are built FROM).
  const stageRef = (from: string, before: number): number => {
    if (/^\d+$/.test(from)) return Number(from) < before ? Number(from) : -1;
    return model.stages.findIndex((s, i) => i < before && s.name === from.toLowerCase());
  };
  const work = model.stages.filter((s) => s.shipsInFinalImage);
  const seen = new Set(work);
  while (work.length) {
    const s = work.pop() as DockerfileStage;
    for (const ins of s.instructions) {
      const from = ins.flags.from;
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || !from) continue;
      const ref = stageRef(from, s.index);
      if (ref < 0) continue;
      for (let t: DockerfileStage | undefined = model.stages[ref]; t && !seen.has(t); t = t.baseStage === undefined ? undefined : model.stages[t.baseStage]) {
        seen.add(t);
        if (!t.shipsInFinalImage) t.copiedFromByFinal = true;
        work.push(t);
      }
    }
  }
  return model;
}

/** Drops the builder's helpers so the instruction is the contract's plain data. */
function strip(ins: DockerfileInstruction & { lineAt?: unknown; argsOffset?: unknown }): DockerfileInstruction {
  const { lineAt: _l, argsOffset: _a, ...rest } = ins;
  void _l;
  void _a;
  return rest;
}

/** The simple commands a RUN executes: shell form (with here-documents), `RUN <<EOF` scripts, or exec form. */
function runCommands(ins: DockerfileInstruction & { lineAt: (offset: number) => number; argsOffset: number }, logical: Logical, lines: string[]): ShellCommand[] {
  if (ins.execForm) {
    const argv = ins.execForm;
    const commands: ShellCommand[] = [{ argv, line: ins.line, text: ins.args, pipeline: 0, pipeIndex: 0 }];
    const c = argv.findIndex((w) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(w));
    if (argv.length > 0 && SHELL_NAMES.has(basename(argv[0])) && c > 0 && c + 1 < argv.length) {
      const script = argv[c + 1];
      for (const cmd of splitShellCommands(script, { lineOf: () => ins.line, expandShells: false, pipelineIds: { next: 1 } })) commands.push(cmd);
    }
    return commands;
  }
  // `RUN <<EOF` alone: the body is the script (run by its #! interpreter when it names one).
  const only = /^<<(-?)(["']?)([A-Za-z0-9_][\w.-]*)\2\s*$/.exec(ins.args);
  if (only && ins.heredocs.length === 1) {
    const body = ins.heredocs[0];
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body.content);
    if (shebang) {
      const interpreter = basename(shebang[1]) === 'env' ? basename(shebang[2] ?? '') : basename(shebang[1]);
      if (!SHELL_NAMES.has(interpreter)) return [];
    }
    const count = newlineCounter(body.content);
    return splitShellCommands(body.content, { lineOf: (o) => body.line + count(o) - 1 });
  }
  // Shell form: the first logical line, then (for here-documents) the lines after it, as the shell sees them.
  const head = logical.text.slice(ins.argsOffset);
  const tail = ins.heredocs.length ? lines.slice(logical.lastLine, ins.endLine).join('\n') : '';
  const script = tail ? `${head}\n${tail}` : head;
  const tailCount = newlineCounter(tail);
  const tailStarts = [0];
  for (let k = tail.indexOf('\n'); k !== -1; k = tail.indexOf('\n', k + 1)) tailStarts.push(k + 1);
  // A script offset → 0-based file line and column, so that a command's text can be cut from the file as written.
  const positionOf = (o: number): { line: number; col: number } => {
    if (o <= head.length) {
      const at = o + ins.argsOffset;
      let k = 0;
      while (k + 1 < logical.segments.length && logical.segments[k + 1].offset <= at) k++;
      const seg = logical.segments[k];
      return { line: seg.line - 1, col: at - seg.offset + (k === 0 ? ins.column - 1 : 0) };
    }
    const t = o - head.length - 1;
    const n = tailCount(t);
    return { line: logical.lastLine + n - 1, col: t - tailStarts[n - 1] };
  };
  const textOf = (start: number, end: number): string => {
    if (end <= start) return '';
    const a = positionOf(start);
    const b = positionOf(end - 1);
    if (a.line === b.line) return (lines[a.line] ?? '').slice(a.col, b.col + 1);
    const out = [(lines[a.line] ?? '').slice(a.col)];
    for (let l = a.line + 1; l < b.line; l++) out.push(lines[l] ?? '');
    out.push((lines[b.line] ?? '').slice(0, b.col + 1));
    return out.join('\n');
  };
  return splitShellCommands(script, {
    lineOf: (o) => (o <= head.length ? ins.lineAt(o + ins.argsOffset) : logical.lastLine + tailCount(o - head.length - 1)),
    textOf,
  });
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

function unquote(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]) ? value.slice(1, -1) : value;
}
