import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { InputProblem } from '../model/types.js';
import { decodeManifest } from './decode.js';
import { isDockerfileName, parseDockerfile } from './dockerfile-source.js';
import { parseManifests } from './manifest-parser.js';
import type { ParsedObject } from './parsed-object.js';
import { readProcessList } from './control-plane/process-list.js';

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Read from directories only when they turn out to be control-plane process lists (ps output, cmdline, unit files). */
const PROCESS_FILE = /(\.(txt|cmdline|env|conf|service)|^cmdline)$/i;
/** Real Dockerfiles are kilobytes; anything this large is not one and would only slow the parser down. */
const MAX_DOCKERFILE_BYTES = 4 * 1024 * 1024;
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface InputOptions {
  helmCharts?: string[];
  maxFileBytes?: number;
  /** Read standard input; injected so tests need no real stdin. */
  readStdin?: () => Promise<Buffer>;
  /** Run an external tool; injected so tests can simulate a missing kubectl or helm. */
  runTool?: (tool: string, args: string[]) => Promise<string>;
  /** `bulwark dockerfile`: files named explicitly (and stdin) are Dockerfiles whatever their name; directories yield only Dockerfiles. */
  onlyDockerfiles?: boolean;
}

export interface Inputs {
  objects: ParsedObject[];
  problems: InputProblem[];
  /** Texts that are not files on disk (stdin, rendered kustomize/helm output), kept for locating findings. */
  virtualFiles: Map<string, string>;
  fileCount: number;
}

export class MissingToolError extends Error {}

/** Reads every path (files, directories, `-`, kustomize dirs, helm charts) into objects and problems. */
export async function readInputs(paths: string[], options: InputOptions = {}): Promise<Inputs> {
  const inputs: Inputs = { objects: [], problems: [], virtualFiles: new Map(), fileCount: 0 };
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const runTool = options.runTool ?? runExternalTool;

  /** `dockerfile`: 'named' when the user named the file (or ran `bulwark dockerfile`), 'found' when a directory walk found it. */
  const addText = (file: string, bytes: Uint8Array, virtual: boolean, dockerfile: 'named' | 'found' | false = false): void => {
    inputs.fileCount++;
    if (!dockerfile && bytes.length <= maxBytes && addProcessList(file, bytes, virtual)) return;
    if (dockerfile && bytes.length > Math.min(maxBytes, MAX_DOCKERFILE_BYTES)) {
      inputs.problems.push({ level: 'error', file, message: `Dockerfile is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${(Math.min(maxBytes, MAX_DOCKERFILE_BYTES) / 1048576).toFixed(0)} MiB limit for Dockerfiles; skipped` });
      return;
    }
    if (bytes.length > maxBytes) {
      inputs.problems.push({
        level: 'error',
        file,
        message: `file is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${(maxBytes / 1048576).toFixed(0)} MiB limit (--max-file-size); skipped`,
      });
      return;
    }
    const decoded = decodeManifest(bytes, file);
    inputs.problems.push(...decoded.problems);
    if (decoded.text === undefined) return;
    if (dockerfile) {
      // Kept in memory (Dockerfiles are small) so the analyzer reads exactly the text listed here.
      inputs.virtualFiles.set(file, decoded.text);
      const parsed = parseDockerfile(decoded.text, file, { problemLevel: dockerfile === 'named' || options.onlyDockerfiles ? 'error' : 'notice' });
      for (const o of parsed.objects) inputs.objects.push(o);
      inputs.problems.push(...parsed.problems);
      return;
    }
    if (virtual) inputs.virtualFiles.set(file, decoded.text);
    const parsed = readProcessList(decoded.text, file) ?? parseManifests(decoded.text, file);
    for (const o of parsed.objects) inputs.objects.push(o);
    inputs.problems.push(...parsed.problems);
  };

  /** NUL-separated /proc/PID/cmdline text is not refused as binary; directory candidates are read only when they are process lists. */
  const addProcessList = (file: string, bytes: Uint8Array, virtual: boolean, onlyIfProcesses = false): boolean => {
    if (!onlyIfProcesses && !bytes.subarray(0, 8192).includes(0)) return false;
    const parsed = readProcessList(Buffer.from(bytes).toString('utf8'), file);
    if (!parsed) return false;
    if (onlyIfProcesses) inputs.fileCount++;
    if (virtual) inputs.virtualFiles.set(file, Buffer.from(bytes).toString('utf8'));
    inputs.objects.push(...parsed.objects);
    inputs.problems.push(...parsed.problems);
    return true;
  };

  for (const path of paths) {
    if (path === '-') {
      const read = options.readStdin ?? readStdin;
      addText('<stdin>', await read(), true, options.onlyDockerfiles ? 'named' : false);
      continue;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch {
      inputs.problems.push({ level: 'error', file: path, message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      const kustomization = options.onlyDockerfiles ? undefined : KUSTOMIZATION_FILES.find((f) => existsSync(join(path, f)));
      if (kustomization) {
        const label = `${join(path, kustomization)} (kustomize build)`;
        try {
          addText(label, Buffer.from(await runTool('kubectl', ['kustomize', path])), true);
        } catch (err) {
          inputs.problems.push(toolProblem(err, label, 'kubectl', 'render the directory with `kustomize build` and pipe it into `bulwark scan -`'));
        }
      }
      const candidates: string[] = [];
      for (const file of listManifestFiles(path, inputs.problems, candidates)) {
        const dockerfile = isDockerfile(file);
        // kustomize rendered the manifests; Dockerfiles next to them are still read.
        if ((options.onlyDockerfiles || kustomization) && !dockerfile) continue;
        const bytes = readOrProblem(file, inputs.problems);
        if (bytes) addText(file, bytes, false, dockerfile && 'found');
      }
      if (options.onlyDockerfiles || kustomization) continue;
      for (const file of candidates) {
        const bytes = readFileSync(file);
        if (bytes.length <= maxBytes) addProcessList(file, bytes, false, true);
      }
      continue;
    }
    const bytes = readOrProblem(path, inputs.problems);
    if (bytes) addText(path, bytes, false, (options.onlyDockerfiles || isDockerfile(path)) && 'named');
  }

  for (const chart of options.helmCharts ?? []) {
    const label = `${chart} (helm template)`;
    try {
      addText(label, Buffer.from(await runTool('helm', ['template', chart])), true);
    } catch (err) {
      inputs.problems.push(toolProblem(err, label, 'helm', 'pipe `helm template` output into `bulwark scan -`'));
    }
  }
  return inputs;
}

function isDockerfile(file: string): boolean {
  return isDockerfileName(file) && !MANIFEST_FILE.test(file);
}

function readOrProblem(file: string, problems: InputProblem[]): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (err) {
    problems.push({ level: 'error', file, message: `cannot read file: ${(err as NodeJS.ErrnoException).code ?? err}` });
    return undefined;
  }
}

function toolProblem(err: unknown, file: string, tool: string, alternative: string): InputProblem {
  if (err instanceof MissingToolError) {
    return { level: 'error', file, message: `${tool} is not installed (not found on PATH); install it, or ${alternative}` };
  }
  const detail = err instanceof Error ? err.message.split('\n').find((l) => l.trim() !== '') ?? err.message : String(err);
  return { level: 'error', file, message: `${tool} failed: ${detail.trim()}` };
}

/** Recursive, sorted (so output order is stable), skipping node_modules and .git. */
function listManifestFiles(dir: string, problems: InputProblem[], processCandidates: string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (err) {
      problems.push({ level: 'error', file: d, message: `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? err}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) walk(p);
      } else if (e.isFile() && (MANIFEST_FILE.test(e.name) || isDockerfileName(e.name))) {
        out.push(p);
      } else if (e.isFile() && PROCESS_FILE.test(e.name)) {
        processCandidates.push(p);
      }
    }
  };
  walk(dir);
  return out;
}

function runExternalTool(tool: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') reject(new MissingToolError(tool));
        else reject(new Error(stderr || err.message));
        return;
      }
      resolve(stdout);
    });
  });
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
