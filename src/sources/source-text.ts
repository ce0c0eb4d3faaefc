import { readFileSync } from 'node:fs';
import { decodeManifest } from './decode.js';

/**
 * The text an input was parsed from — a virtual file (stdin, rendered kustomize/helm output) or the file,
 * decoded exactly as when it was parsed (a byte-order mark stripped) so document offsets match — or
 * undefined when it can no longer be read.
 */
export function sourceText(file: string, virtualFiles: ReadonlyMap<string, string>): string | undefined {
  const virtual = virtualFiles.get(file);
  if (virtual !== undefined) return virtual;
  try {
    return decodeManifest(readFileSync(file), file).text;
  } catch {
    return undefined;
  }
}
