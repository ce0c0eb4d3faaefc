import yaml from 'js-yaml';
import { MANIFEST_SCHEMA } from './yaml-schema.js';
import type { InputProblem, K8sObject } from '../model/types.js';
import { elideCrdSchemas, restoreCrdSchemas } from './crd-schema-elision.js';
import type { DocumentSpan, ParsedObject } from './parsed-object.js';

export interface ParseOutcome {
  objects: ParsedObject[];
  problems: InputProblem[];
}

/** Nesting deeper than this is not a Kubernetes object; it is an attack or a bug. */
export const MAX_DEPTH = 256;
/** Nodes after alias expansion; a "billion laughs" document exceeds this by orders of magnitude. */
export const MAX_EXPANDED_NODES = 2_000_000;

const DOC_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
const CONTENT_LINE = /^[ \t]*[^\s#]/m;
const MAYBE_ANCHOR = /&[^\s]/;

/**
 * Splits a YAML stream into documents at `---`/`...` markers (YAML forbids them inside content at
 * column 0), so one broken document does not hide the others as a single loadAll would.
 * A document's text starts right after its marker, so its first line is the marker's line.
 */
export function splitDocuments(text: string): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  let offset = 0;
  let firstLine = 1;
  let line = 1;
  let counted = 0;
  DOC_MARKER.lastIndex = 0;
  for (let m = DOC_MARKER.exec(text); m; m = DOC_MARKER.exec(text)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    counted = m.index;
    spans.push({ offset, end: m.index, firstLine });
    offset = m.index + m[0].length;
    firstLine = line;
  }
  spans.push({ offset, end: text.length, firstLine });
  return spans.filter((s) => CONTENT_LINE.test(text.slice(s.offset, s.end)));
}

/** Parses one file's text into Kubernetes objects; every problem is a record, never a throw. */
export function parseManifests(text: string, file: string): ParseOutcome {
  const objects: ParsedObject[] = [];
  const problems: InputProblem[] = [];
  const spans = splitDocuments(text);
  spans.forEach((span, docIndex) => {
    const docText = text.slice(span.offset, span.end);
    const value = parseDocument(docText, file, span, problems);
    if (value === undefined) return;
    collectObjects(value, file, docIndex, span, docText, objects, problems);
  });
  return { objects, problems };
}

function parseDocument(docText: string, file: string, span: DocumentSpan, problems: InputProblem[]): unknown {
  const elided = elideCrdSchemas(docText);
  if (elided) {
    try {
      const value = yaml.load(elided.text, { filename: file, maxDepth: MAX_DEPTH, schema: MANIFEST_SCHEMA });
      if (restoreCrdSchemas(value, elided.blocks)) return value;
    } catch {
      // Fall through: the whole document is parsed, so errors carry their exact message and line.
    }
  }
  try {
    return guard(yaml.load(docText, { filename: file, maxDepth: MAX_DEPTH, schema: MANIFEST_SCHEMA }), docText, file, span, problems);
  } catch (err) {
    if (err instanceof yaml.YAMLException && /duplicated mapping key/.test(err.reason)) {
      problems.push({
        level: 'notice',
        file,
        line: span.firstLine + (err.mark?.line ?? 0),
        message: 'duplicated mapping key; the last value is used (kubectl rejects such a document)',
      });
      try {
        return guard(yaml.load(docText, { filename: file, json: true, maxDepth: MAX_DEPTH, schema: MANIFEST_SCHEMA }), docText, file, span, problems);
      } catch (again) {
        problems.push(describeError(again, file, span));
        return undefined;
      }
    }
    problems.push(describeError(err, file, span));
    return undefined;
  }
}

function describeError(err: unknown, file: string, span: DocumentSpan): InputProblem {
  if (err instanceof yaml.YAMLException && /maxDepth/.test(err.reason)) {
    return { level: 'error', file, line: span.firstLine + (err.mark?.line ?? 0), message: `document nested deeper than ${MAX_DEPTH} levels; skipped` };
  }
  if (err instanceof yaml.YAMLException) {
    return { level: 'error', file, line: span.firstLine + (err.mark?.line ?? 0), message: `invalid YAML: ${err.reason}` };
  }
  if (err instanceof RangeError) {
    return { level: 'error', file, line: span.firstLine, message: `document nested too deeply to parse (limit ${MAX_DEPTH} levels)` };
  }
  return { level: 'error', file, line: span.firstLine, message: `cannot parse document: ${err instanceof Error ? err.message : String(err)}` };
}

/** Rejects documents too deep or too large once aliases are expanded, before any check walks them. */
function guard(value: unknown, docText: string, file: string, span: DocumentSpan, problems: InputProblem[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  const hasAnchors = MAYBE_ANCHOR.test(docText);
  const verdict = measure(value, hasAnchors);
  if (verdict === 'deep') {
    problems.push({ level: 'error', file, line: span.firstLine, message: `document nested deeper than ${MAX_DEPTH} levels; skipped` });
    return undefined;
  }
  if (verdict === 'large') {
    problems.push({
      level: 'error',
      file,
      line: span.firstLine,
      message: `document expands to more than ${MAX_EXPANDED_NODES} nodes through YAML aliases (an alias bomb?); skipped`,
    });
    return undefined;
  }
  return value;
}

/**
 * Iterative (no recursion, so no stack overflow) depth check; when the document has anchors it also
 * counts nodes as if aliases were expanded, memoising shared subtrees so the count itself stays linear.
 */
function measure(root: object, countExpansion: boolean): 'ok' | 'deep' | 'large' {
  const sizes = new Map<object, number>();
  const stack: { node: object; depth: number; children: object[] | null }[] = [{ node: root, depth: 1, children: null }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.depth > MAX_DEPTH) return 'deep';
    if (top.children === null) {
      top.children = [];
      for (const child of Object.values(top.node)) {
        if (child !== null && typeof child === 'object' && !(countExpansion && sizes.has(child))) top.children.push(child);
      }
      for (const child of top.children) stack.push({ node: child, depth: top.depth + 1, children: null });
      continue;
    }
    stack.pop();
    if (!countExpansion) continue;
    let size = 1;
    for (const child of Object.values(top.node)) {
      size += child !== null && typeof child === 'object' ? (sizes.get(child) ?? 1) : 1;
    }
    if (size > MAX_EXPANDED_NODES) return 'large';
    sizes.set(top.node, size);
  }
  return 'ok';
}

function collectObjects(
  value: unknown,
  file: string,
  docIndex: number,
  span: DocumentSpan,
  docText: string,
  objects: ParsedObject[],
  problems: InputProblem[],
): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ level: 'notice', file, line: firstContentLine(docText, span), message: 'document is not a mapping; skipped' });
    return;
  }
  const record = value as Record<string, unknown>;
  if (isList(record)) {
    const itemKind = (record.kind as string).slice(0, -'List'.length);
    (record.items as unknown[]).forEach((item, i) => addObject(withListType(item, itemKind, record.apiVersion), `/items/${i}`));
    return;
  }
  addObject(record, '');

  function addObject(item: unknown, pointerPrefix: string): void {
    const line = firstContentLine(docText, span);
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ level: 'notice', file, line, message: `${pointerPrefix || 'document'} is not a mapping; skipped` });
      return;
    }
    const obj = item as Record<string, unknown>;
    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || obj.apiVersion === '' || obj.kind === '') {
      problems.push({
        level: 'notice',
        file,
        line,
        message: `${pointerPrefix ? `List item ${pointerPrefix}` : 'document'} has no apiVersion/kind; skipped (not a Kubernetes object)`,
      });
      return;
    }
    if (obj.metadata === null || typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) obj.metadata = {};
    objects.push({ object: obj as K8sObject, source: { file, docIndex, startLine: line }, pointerPrefix, span });
  }
}

/**
 * The API server omits kind and apiVersion on the items of a typed list (`PodList`, …), as returned by
 * a list request; they are the list's own, without the `List` suffix. Items of a `v1 List` carry theirs.
 */
function withListType(item: unknown, itemKind: string, apiVersion: unknown): unknown {
  if (itemKind === '' || item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const obj = item as Record<string, unknown>;
  if (obj.kind !== undefined && obj.apiVersion !== undefined) return item;
  return { ...obj, kind: obj.kind ?? itemKind, apiVersion: obj.apiVersion ?? apiVersion };
}

/** `v1 List` and typed lists (`DeploymentList`, …) as `kubectl get -o yaml` prints them. */
function isList(record: Record<string, unknown>): boolean {
  return typeof record.kind === 'string' && record.kind.endsWith('List') && Array.isArray(record.items);
}

function firstContentLine(docText: string, span: DocumentSpan): number {
  const m = CONTENT_LINE.exec(docText);
  if (!m) return span.firstLine;
  let line = span.firstLine;
  for (let i = docText.indexOf('\n'); i !== -1 && i < m.index; i = docText.indexOf('\n', i + 1)) line++;
  return line;
}
