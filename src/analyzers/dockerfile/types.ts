/**
 * The Dockerfile fact: what checks read. A Dockerfile enters the inventory as a synthetic object
 * `{apiVersion: 'bulwark.dev/v1', kind: 'Dockerfile', metadata: {name: <path as given>}, spec: {instructions: [...]}}`
 * (source: the file, line 1; `lineSuppressions` from `# bulwark-ignore <check-id> <reason>` comments), and
 * `dockerfileAnalyzer` parses each one once with dockerfile-ast (loaded only when a Dockerfile is present).
 *
 * Findings report `line` (1-based, the instruction's first line unless a later line of it is meant) and a
 * path: `/spec/instructions/<i>` for an instruction, `/spec/stages/<s>` for a whole stage.
 */

/** An image reference as written and with build ARG defaults substituted (`${BASE:-node:20}` → `node:20`). */
export interface ImageRef {
  /** As written after FROM (`${BASE}`, `node:20-slim@sha256:…`). */
  raw: string;
  /** With ARG defaults declared before the first FROM substituted; `raw` when nothing to substitute. */
  resolved: string;
  /** True when a variable could not be resolved (no default): the image is unknown, checks stay silent. */
  unresolved: boolean;
  /** `docker.io` when none is written (Docker's default), else the registry host (`gcr.io`, `localhost:5000`). */
  registry: string;
  /** Whether the registry was written explicitly. */
  explicitRegistry: boolean;
  /** Repository path without registry, with Docker Hub's implicit `library/` removed: `node`, `bitnami/redis`, `distroless/static`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** `FROM scratch`. */
  scratch: boolean;
}

export interface DockerfileInstruction {
  /** Index in the whole file's instruction list (the `<i>` of `/spec/instructions/<i>`). */
  index: number;
  /** Upper-case keyword: FROM, RUN, COPY, … (ONBUILD's trigger is in `trigger`). */
  keyword: string;
  /** 1-based first and last line (continuations and heredocs included), 1-based column of the keyword. */
  line: number;
  endLine: number;
  column: number;
  /** Arguments after the flags, continuation lines joined with a space, comments inside continuations dropped. */
  args: string;
  /** `--name=value` flags (`--from`, `--chown`, `--chmod`, `--checksum`, `--platform`, `--link`; value null for bare flags). */
  flags: Record<string, string | null>;
  /** RUN `--mount=…` values, in order (the flag may repeat). */
  mounts: string[];
  /** The exec (JSON array) form, when written that way (RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD). */
  execForm?: string[];
  /** Heredoc bodies (`RUN <<EOF … EOF`, `COPY <<EOF /x`), with the line each body starts on. */
  heredocs: { name: string; content: string; line: number }[];
  /** For ONBUILD: the trigger instruction. */
  trigger?: DockerfileInstruction;
  /** Index of the stage it belongs to; -1 for ARGs before the first FROM. */
  stage: number;
}

/** One simple command of a RUN, from shell-form text or a heredoc: `apt-get install -y curl`. */
export interface ShellCommand {
  /** Words after shell-quote removal; variable references left as written (`$VERSION`). Leading `VAR=x` assignments and `sudo`/`env` wrappers are kept. */
  argv: string[];
  /** 1-based line of the command's first word in the file. */
  line: number;
  /**
   * The command's text as written in the file, line breaks (and line-continuation characters) kept, so the
   * line of a word is `line` plus the newlines before it in `text`.
   */
  text: string;
  /** Position in its pipeline: commands joined by `|` share a pipeline id; `pipeIndex` 0 is the first. */
  pipeline: number;
  pipeIndex: number;
}

export interface RunInstruction {
  instruction: DockerfileInstruction;
  /** Simple commands split on `&&`, `||`, `;`, `|`, `&`, newlines; subshells and `sh -c "…"` bodies expanded one level. */
  commands: ShellCommand[];
}

export interface DockerfileStage {
  /** 0-based position (the `<s>` of `/spec/stages/<s>`). */
  index: number;
  /** `AS name`, lower-cased as Docker does. */
  name?: string;
  from: DockerfileInstruction;
  image: ImageRef;
  /** When FROM names an earlier stage (`FROM build AS test`): that stage's index. */
  baseStage?: number;
  platform?: string;
  /** Instructions of the stage, FROM first. */
  instructions: DockerfileInstruction[];
  runs: RunInstruction[];
  /** The last stage: what `docker build` produces without `--target`. */
  isFinal: boolean;
  /** The final stage itself, or a stage the final stage is built FROM (transitively): its content ships. */
  shipsInFinalImage: boolean;
  /** Stages whose files reach the final image only through `COPY --from` (build stages). */
  copiedFromByFinal: boolean;
}

export interface DockerfileModel {
  file: string;
  /** Parser directives (`# syntax=…`, `# escape=`…), with 1-based lines. */
  directives: { name: string; value: string; line: number }[];
  escape: string;
  /** ARGs before the first FROM (global build args) and their defaults. */
  globalArgs: { name: string; value?: string; instruction: DockerfileInstruction }[];
  instructions: DockerfileInstruction[];
  stages: DockerfileStage[];
  finalStage?: DockerfileStage;
  comments: { line: number; text: string }[];
}

export interface DockerfileFacts {
  /** The model of a Dockerfile object of the inventory (undefined for other objects). */
  of(obj: object): DockerfileModel | undefined;
  all(): DockerfileModel[];
}
