import type { Position } from './pointer-locator.js';

/**
 * A fast path for locating JSON pointers in block-style YAML (how nearly every manifest is written):
 * it follows keys and sequence items by indentation, without parsing. It answers only when the path is
 * plain block structure and returns undefined otherwise (flow collections, quoted or complex keys,
 * anchors, aliases, tags, nodes written on one line with their parent), so the caller falls back to
 * the parser-based PointerLocator, which it must agree with (a differential test holds it to that).
 */
export class BlockYamlLocator {
  private readonly lines: string[];
  private readonly indents: Int32Array;
  /** Tabs in indentation: YAML forbids them there, so what follows is for the parser to judge. */
  private readonly unsupported: boolean;

  constructor(docText: string, private readonly firstLine: number) {
    // CRLF files: the '\r' is not content (and `.` in a regular expression does not match it).
    this.lines = docText.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    this.indents = new Int32Array(this.lines.length);
    let unsupported = false;
    for (let i = 0; i < this.lines.length; i++) {
      const indent = contentIndent(this.lines[i]);
      if (indent === TAB) unsupported = true;
      this.indents[i] = indent;
    }
    this.unsupported = unsupported;
  }

  locate(segments: string[]): Position | undefined {
    if (segments.length === 0 || this.unsupported) return undefined;
    // Findings of one document share long prefixes (/spec/template/spec/containers/0/…): each node
    // reached is remembered by its path, so a lookup walks only the segments no earlier one walked.
    let state = this.root();
    let path = '';
    for (const segment of segments) {
      if (state === undefined || state.kind !== 'node') return state?.kind === 'stop' ? state.position : undefined;
      path += `/${segment}`;
      let next = this.visited.get(path);
      if (next === undefined) this.visited.set(path, (next = this.step(state, segment)));
      state = next;
    }
    return state?.position;
  }

  private readonly visited = new Map<string, WalkState | undefined>();
  private rootState: WalkState | undefined | null = null;

  private root(): WalkState | undefined {
    if (this.rootState === null) {
      const line = this.nextContent(0, this.lines.length);
      this.rootState = line < 0 || this.indents[line] !== 0 ? undefined : { kind: 'node', line, column: 0, end: this.lines.length, position: undefined };
    }
    return this.rootState;
  }

  /**
   * One segment down from a node. Like the parser-based locator, a path that leaves the document ends
   * at the deepest node it reached ('stop'); undefined means the fast path cannot tell.
   */
  private step(node: WalkState & { kind: 'node' }, segment: string): WalkState | undefined {
    const text = this.lines[node.line].slice(node.column);
    if (text.startsWith('- ') || text === '-') {
      const found = this.item(node.line, node.column, node.end, segment);
      if (found === undefined) return undefined;
      if (found === null) return { kind: 'stop', position: node.position };
      return { kind: 'node', line: found.nodeLine, column: found.nodeColumn, end: found.end, position: { line: this.firstLine + found.nodeLine, column: found.nodeColumn + 1 } };
    }
    const found = this.key(node.line, node.column, node.end, segment);
    if (found === undefined) return undefined;
    if (found === null) return { kind: 'stop', position: node.position };
    const position = { line: this.firstLine + found.keyLine, column: found.keyColumn + 1 };
    // A scalar or empty value: nothing deeper exists.
    if (found.valueLine < 0) return { kind: 'stop', position };
    return { kind: 'node', line: found.valueLine, column: this.indents[found.valueLine], end: found.end, position };
  }

  /** The `index`-th item of the sequence whose first item starts at (line, column); null when it has fewer. */
  private item(line: number, column: number, end: number, segment: string): { nodeLine: number; nodeColumn: number; end: number } | null | undefined {
    if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
    const index = Number(segment);
    let seen = -1;
    for (let i = line; i >= 0 && i < end; i = this.nextContent(i + 1, end)) {
      const indent = i === line ? column : this.indents[i];
      if (indent < column) break;
      if (indent > column) continue;
      const text = this.lines[i].slice(column);
      if (!(text.startsWith('- ') || text === '-')) return undefined;
      if (++seen !== index) continue;
      const itemEnd = this.blockEnd(i + 1, end, column, true);
      const after = text.slice(1);
      const gap = after.length - after.trimStart().length;
      const content = after.trimStart();
      if (content === '' || content.startsWith('#')) {
        const next = this.nextContent(i + 1, itemEnd);
        if (next < 0) return undefined;
        return { nodeLine: next, nodeColumn: this.indents[next], end: itemEnd };
      }
      if (!isPlainBlockStart(content)) return undefined;
      return { nodeLine: i, nodeColumn: column + 1 + gap, end: itemEnd };
    }
    return null;
  }

  /** The key `segment` of the mapping whose first key starts at (line, column), the last occurrence; null when absent. */
  private key(line: number, column: number, end: number, segment: string): { keyLine: number; keyColumn: number; valueLine: number; end: number } | null | undefined {
    let found: { keyLine: number; keyColumn: number; valueLine: number; end: number } | undefined;
    for (let i = line; i < end && i >= 0; i = this.nextContent(i + 1, end)) {
      const indent = i === line ? column : this.indents[i];
      if (indent < column) break;
      if (indent > column) continue;
      const text = this.lines[i].slice(column);
      // Items of a sequence written at its key's column (`containers:\n- name: a`) belong to that key.
      if (text.startsWith('- ') || text === '-') continue;
      const m = PLAIN_KEY.exec(text);
      if (!m) return undefined;
      if (m[1] !== segment) continue;
      const rest = m[2].trim();
      const valueEnd = this.blockEnd(i + 1, end, column, false);
      if (rest === '' || rest.startsWith('#')) {
        const next = this.nextContent(i + 1, valueEnd);
        // An empty value (null): the key is the answer, there is nothing to descend into.
        found = next < 0 ? { keyLine: i, keyColumn: column, valueLine: -1, end: valueEnd } : { keyLine: i, keyColumn: column, valueLine: next, end: valueEnd };
      } else if (/^[&*!|>{[]/.test(rest) || /^["']/.test(rest)) {
        // Anchors, aliases, tags, block scalars, flow collections and quoted scalars: leave them to the parser.
        return undefined;
      } else {
        found = { keyLine: i, keyColumn: column, valueLine: -1, end: valueEnd };
      }
    }
    return found ?? null;
  }

  /**
   * End of the block that follows a line at `column`: the first content line indented less, or equally
   * (for a mapping value; a sequence item also ends at its sibling '-', which sits at the same column).
   */
  private blockEnd(from: number, end: number, column: number, isItem: boolean): number {
    for (let i = this.nextContent(from, end); i >= 0; i = this.nextContent(i + 1, end)) {
      const indent = this.indents[i];
      if (indent < column) return i;
      if (indent === column) {
        // A sequence written at its key's column belongs to that key: `containers:\n- name: a`.
        const text = this.lines[i].slice(column);
        if (!isItem && (text.startsWith('- ') || text === '-')) continue;
        return i;
      }
    }
    return end;
  }

  /** The first line at or after `from` (before `end`) with content, or -1. */
  private nextContent(from: number, end: number): number {
    for (let i = from; i < end; i++) if (this.indents[i] >= 0) return i;
    return -1;
  }
}

/** Where a walk stands: at a node (its first line, content column and end), or stopped at a position. */
type WalkState =
  | { kind: 'node'; line: number; column: number; end: number; position: Position | undefined }
  | { kind: 'stop'; position: Position | undefined };

/**
 * A plain key (no quotes, flow, anchor, tag or complex-key syntax, no spaces) and what follows its ':'.
 * The lazy match stops at the first ':' followed by whitespace or the end of the line, as YAML does.
 */
const PLAIN_KEY = /^([^\s#'"{}[\],&*!|>%@`?:-][^\s]*?)[ \t]*:(?=[ \t\r]|$)(.*)$/;
const TAB = -2;

/** True when an item's content starts a plain block mapping or scalar we can follow. */
function isPlainBlockStart(content: string): boolean {
  return !/^[&*!|>{["'-]/.test(content);
}

/** Indentation of a content line, or -1 for blank lines, comments and document markers. */
function contentIndent(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  if (i === line.length) return -1;
  const c = line[i];
  if (c === '#' || c === '\r') return -1;
  if (c === '\t') return TAB;
  return i;
}
