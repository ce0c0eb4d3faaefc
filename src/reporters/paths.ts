import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, ObjectRef, SourceLocation } from '../model/types.js';

/** A path as reports show it: relative to cwd with '/' separators, or absolute when it lies outside cwd. */
export function displayPath(file: string, cwd: string): string {
  if (file === '') return file;
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return toPosix(absolute);
  return toPosix(rel);
}

/** True when `file` lies inside cwd (so a cwd-relative URI can name it). */
export function isInside(file: string, cwd: string): boolean {
  const rel = relative(cwd, resolve(cwd, file));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** A relative URI reference for a path inside cwd: POSIX separators, each segment percent-encoded. */
export function relativeUri(file: string, cwd: string): string {
  return toPosix(relative(cwd, resolve(cwd, file))).split('/').map(encodeURIComponent).join('/');
}

/** An absolute file: URI for a path (resolved against cwd). */
export function fileUri(file: string, cwd: string): string {
  return pathToFileURL(resolve(cwd, file)).href;
}

/** The directory as a file: URI ending in '/', as SARIF requires of a base URI. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** `Kind namespace/name`, or `Kind name` for cluster-scoped objects. */
export function resourceLabel(ref: ObjectRef): string {
  const name = ref.name === '' ? '(unnamed)' : ref.name;
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${name}`;
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
export function resourcePath(ref: ObjectRef): string {
  return [ref.kind, ...(ref.namespace ? [ref.namespace] : []), ref.name].join('/');
}

export function isFileLocation(location: SourceLocation): location is { file: string; line: number; column: number } {
  return 'file' in location;
}

/** `file:line:col` for files, `cluster <name>` for live objects. */
export function locationLabel(location: SourceLocation, cwd: string): string {
  if (!isFileLocation(location)) return `cluster ${location.cluster}`;
  const file = displayPath(location.file, cwd);
  if (location.line < 1) return file;
  return location.column >= 1 ? `${file}:${location.line}:${location.column}` : `${file}:${location.line}`;
}

/** Deterministic report order: files (by path), then clusters; then line, column, check id, message. */
export function compareFindings(a: Finding, b: Finding): number {
  const ka = sourceKey(a.location);
  const kb = sourceKey(b.location);
  if (ka !== kb) return ka < kb ? -1 : 1;
  const la = isFileLocation(a.location) ? a.location.line : 0;
  const lb = isFileLocation(b.location) ? b.location.line : 0;
  if (la !== lb) return la - lb;
  const ca = isFileLocation(a.location) ? a.location.column : 0;
  const cb = isFileLocation(b.location) ? b.location.column : 0;
  if (ca !== cb) return ca - cb;
  if (a.checkId !== b.checkId) return a.checkId < b.checkId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Groups findings by the file (or cluster) they are in; files sort before clusters. */
export function sourceKey(location: SourceLocation): string {
  return isFileLocation(location) ? `0\u0000${location.file}` : `1\u0000${location.cluster}`;
}
