import { createRequire } from 'node:module';
import type { Dockerfile as DockerfileAst } from 'dockerfile-ast';
import type { InputProblem } from '../model/types.js';
import type { LineSuppression, ParsedObject } from './parsed-object.js';

/**
 * Dockerfiles as inventory objects. A Dockerfile becomes one synthetic object
 * `{apiVersion: 'bulwark.dev/v1', kind: 'Dockerfile', metadata: {name: <path as given>}, spec: {instructions}}`
 * located at line 1 of its file, with `# bulwark-ignore <check-id> <reason>` comments as line suppressions.
 * The dockerfile analyzer reads the text again for the full model; this reader stays small.
 */

const DOCKERFILE_API_VERSION = 'bulwark.dev/v1';
export const DOCKERFILE_KIND = 'Dockerfile';

/** `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`, `Containerfile.dev` (any case). */
const DOCKERFILE_NAME = /^(?:(?:docker|container)file(?:\.[^/\\]+)?|[^/\\]+\.(?:docker|container)file)$/i;
/** Companions that share the name but are not Dockerfiles (BuildKit's per-Dockerfile ignore files, docs, backups). */
const NOT_DOCKERFILE = /\.(?:dockerignore|md|txt|orig|rej|bak|swp|sample|ya?ml|json|sh|py|lock|sha256)$/i;

export function isDockerfileName(fileName: string): boolean {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return DOCKERFILE_NAME.test(base) && !NOT_DOCKERFILE.test(base);
}

let parser: { parse(content: string): DockerfileAst } | undefined;

/** dockerfile-ast, loaded on first use so scans without Dockerfiles never load it. */
export function parseDockerfileAst(text: string): DockerfileAst {
  parser ??= (createRequire(import.meta.url)('dockerfile-ast') as { DockerfileParser: { parse(content: string): DockerfileAst } }).DockerfileParser;
  return parser.parse(text);
}

/**
 * The syntax tree each object was listed from, so the analyzer does not parse the file a second time
 * (dockerfile-ast is most of a Dockerfile scan's cost). Weak: it goes when the object goes.
 */
const parsedTrees = new WeakMap<object, { text: string; ast: DockerfileAst }>();

/** The tree `parseDockerfile` built for this object from exactly this text, handed over once. */
export function takeDockerfileAst(obj: object, text: string): DockerfileAst | undefined {
  const entry = parsedTrees.get(obj);
  if (!entry) return undefined;
  parsedTrees.delete(obj);
  return entry.text === text ? entry.ast : undefined;
}

interface DockerfileInstructionEntry {
  keyword: string;
  line: number;
  /** The instruction's arguments with continuations joined (what custom CEL policies read as `arguments`). */
  arguments: string;
}

const SUPPRESSION = /^#\s*bulwark-ignore(?:\s+(\S+))?(?:\s+(.*?))?\s*$/;

/** The instructions Docker knows. */
const DOCKERFILE_KEYWORDS: ReadonlySet<string> = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG',
  'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

interface DockerfileReadOptions {
  /**
   * How to report what `docker build` would reject (no FROM, unknown instructions): 'error' for files the
   * user named, 'notice' for files found in a directory (templates and fragments share the names).
   */
  problemLevel?: InputProblem['level'];
}

/**
 * One Dockerfile's text → its inventory object, plus problems for what `docker build` would reject
 * (unknown instructions, instructions other than ARG before the first FROM, no FROM).
 */
export function parseDockerfile(text: string, file: string, options: DockerfileReadOptions = {}): { objects: ParsedObject[]; problems: InputProblem[] } {
  const level = options.problemLevel ?? 'error';
  const problems: InputProblem[] = [];
  let ast: DockerfileAst;
  try {
    ast = parseDockerfileAst(text);
  } catch (err) {
    return { objects: [], problems: [{ level: 'error', file, message: `cannot parse Dockerfile: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const lines = text.split('\n');
  const instructions: DockerfileInstructionEntry[] = [];
  const lineSuppressions: LineSuppression[] = [];
  let previousEnd = 0;
  let seenFrom = false;
  for (const ins of ast.getInstructions()) {
    const range = ins.getRange();
    const line = range.start.line + 1;
    const endLine = range.end.line + 1;
    const keyword = ins.getKeyword().toUpperCase();
    instructions.push({ keyword, line, arguments: ins.getArgumentsContent() ?? '' });
    if (!DOCKERFILE_KEYWORDS.has(keyword)) problems.push({ level, file, line, message: `unknown instruction "${ins.getInstruction()}" (not a Dockerfile instruction)` });
    else if (!seenFrom && keyword !== 'FROM' && keyword !== 'ARG') problems.push({ level, file, line, message: `${keyword} before the first FROM (only ARG may come first)` });
    if (keyword === 'FROM') seenFrom = true;
    // Comment lines directly above the instruction (stacked, no blank line between) may suppress it.
    for (let l = line - 1; l > previousEnd; l--) {
      const content = (lines[l - 1] ?? '').trim();
      if (!content.startsWith('#')) break;
      const m = SUPPRESSION.exec(content);
      if (m) lineSuppressions.push({ checkId: m[1] ?? '', reason: (m[2] ?? '').trim(), fromLine: line, toLine: endLine, line: l, path: `/spec/instructions/${instructions.length - 1}` });
    }
    previousEnd = Math.max(previousEnd, endLine);
  }
  if (!seenFrom) {
    problems.push({ level, file, line: instructions[0]?.line ?? 1, message: 'no FROM instruction: not a Dockerfile, or one that builds no image' });
  }
  lineSuppressions.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const object: ParsedObject = {
    object: { apiVersion: DOCKERFILE_API_VERSION, kind: DOCKERFILE_KIND, metadata: { name: file }, spec: { instructions } },
    source: { file, docIndex: 0, startLine: 1 },
    pointerPrefix: '',
  };
  if (lineSuppressions.length) object.lineSuppressions = lineSuppressions;
  parsedTrees.set(object.object, { text, ast });
  return { objects: [object], problems };
}
