/**
 * The subset of Kubernetes JSONPath templates kube-bench's path items use (spec §2.5), evaluated with missing keys
 * allowed: `{.a.b.c}`, `{.a['b.c']}`, `{.list[0]}`, `{.list[:]}`, `{.list[*]}`, `{range <expr>}…{end}`, `{}` / `{@}`
 * (the current value), quoted literals `{','}` and plain text between actions. Anything else is a template error.
 */
import { isRecord } from '../../kinds/workloads.js';

type Segment = { kind: 'field'; name: string } | { kind: 'index'; index: number } | { kind: 'all' } | { kind: 'slice'; start?: number; end?: number };

type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'expr'; segments: Segment[] }
  | { kind: 'range'; segments: Segment[]; body: TemplateNode[] };

export type JsonPathResult = { ok: true; text: string } | { ok: false; error: string };

class TemplateError extends Error {}

/** Splits the template into text and `{…}` actions; quotes inside an action may contain braces. */
function tokenize(template: string): { kind: 'text' | 'action'; text: string }[] {
  const out: { kind: 'text' | 'action'; text: string }[] = [];
  let i = 0;
  let text = '';
  while (i < template.length) {
    const c = template[i];
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    if (text !== '') out.push({ kind: 'text', text });
    text = '';
    let j = i + 1;
    let quote: string | undefined;
    for (; j < template.length; j++) {
      const d = template[j];
      if (quote) {
        if (d === '\\') j++;
        else if (d === quote) quote = undefined;
      } else if (d === "'" || d === '"') quote = d;
      else if (d === '}') break;
    }
    if (j >= template.length) throw new TemplateError(`unclosed action in "${template}"`);
    out.push({ kind: 'action', text: template.slice(i + 1, j).trim() });
    i = j + 1;
  }
  if (text !== '') out.push({ kind: 'text', text });
  return out;
}

function parseQuoted(s: string): string | undefined {
  if (s.length >= 2 && (s[0] === "'" || s[0] === '"') && s[s.length - 1] === s[0]) {
    return s.slice(1, -1).replace(/\\(.)/g, (_m, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
  }
  return undefined;
}

function parseInteger(s: string): number | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  if (!/^-?\d+$/.test(t)) throw new TemplateError(`bad index "${s}"`);
  return Number(t);
}

function parseExpr(expr: string): Segment[] {
  let s = expr;
  if (s.startsWith('@') || s.startsWith('$')) s = s.slice(1);
  const segments: Segment[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      if (s[i + 1] === '.') throw new TemplateError('recursive descent is not supported');
      let j = i + 1;
      while (j < s.length && /[A-Za-z0-9_\-/]/.test(s[j] ?? '')) j++;
      const name = s.slice(i + 1, j);
      if (name !== '') segments.push({ kind: 'field', name });
      i = j;
    } else if (c === '[') {
      const close = s.indexOf(']', i);
      if (close < 0) throw new TemplateError(`unclosed [ in "${expr}"`);
      const inner = s.slice(i + 1, close).trim();
      const quoted = parseQuoted(inner);
      if (quoted !== undefined) segments.push({ kind: 'field', name: quoted });
      else if (inner === '*') segments.push({ kind: 'all' });
      else if (inner.includes(':')) {
        const parts = inner.split(':');
        if (parts.length > 3) throw new TemplateError(`bad slice "${inner}"`);
        segments.push({ kind: 'slice', start: parseInteger(parts[0] ?? ''), end: parseInteger(parts[1] ?? '') });
      } else if (inner.startsWith('?')) throw new TemplateError('filters are not supported');
      else {
        const index = parseInteger(inner);
        if (index === undefined) throw new TemplateError(`empty index in "${expr}"`);
        segments.push({ kind: 'index', index });
      }
      i = close + 1;
    } else {
      throw new TemplateError(`unexpected "${c}" in "${expr}"`);
    }
  }
  return segments;
}

function parseTemplate(template: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: { body: TemplateNode[] }[] = [{ body: root }];
  for (const token of tokenize(template)) {
    const body = stack[stack.length - 1]!.body;
    if (token.kind === 'text') {
      body.push({ kind: 'text', text: token.text });
      continue;
    }
    const action = token.text;
    const quoted = parseQuoted(action);
    if (quoted !== undefined) body.push({ kind: 'text', text: quoted });
    else if (action === 'end') {
      if (stack.length === 1) throw new TemplateError('{end} without {range}');
      stack.pop();
    } else if (/^range\s/.test(action)) {
      const node: TemplateNode = { kind: 'range', segments: parseExpr(action.slice(5).trim()), body: [] };
      body.push(node);
      stack.push(node);
    } else if (action === '' || action === '@' || action === '$' || /^[.@$[]/.test(action)) {
      body.push({ kind: 'expr', segments: action === '' ? [] : parseExpr(action) });
    } else {
      throw new TemplateError(`unsupported action "{${action}}"`);
    }
  }
  if (stack.length !== 1) throw new TemplateError('{range} without {end}');
  return root;
}

function applySegments(value: unknown, segments: Segment[]): unknown[] {
  let current: unknown[] = [value];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || v === undefined) continue;
      if (seg.kind === 'field') {
        if (isRecord(v) && Object.prototype.hasOwnProperty.call(v, seg.name)) next.push(v[seg.name]);
      } else if (Array.isArray(v)) {
        if (seg.kind === 'all') next.push(...v);
        else if (seg.kind === 'index') {
          const i = seg.index < 0 ? v.length + seg.index : seg.index;
          if (i >= 0 && i < v.length) next.push(v[i]);
        } else {
          const norm = (n: number | undefined, dflt: number): number => {
            if (n === undefined) return dflt;
            const m = n < 0 ? v.length + n : n;
            return Math.max(0, Math.min(v.length, m));
          };
          next.push(...v.slice(norm(seg.start, 0), norm(seg.end, v.length)));
        }
      } else if (seg.kind === 'all' && isRecord(v)) {
        next.push(...Object.values(v));
      }
    }
    current = next;
  }
  return current;
}

/** How Go prints one JSONPath result: strings as is, numbers and booleans in decimal form, null as nothing. */
export function renderScalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

function render(nodes: TemplateNode[], current: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'expr') out += applySegments(current, node.segments).map(renderScalar).join(' ');
    else for (const item of applySegments(current, node.segments)) out += render(node.body, item);
  }
  return out;
}

/** Evaluates a template against parsed data; missing keys render as nothing, bad templates are errors. */
export function evaluateJsonPath(template: string, data: unknown): JsonPathResult {
  try {
    return { ok: true, text: render(parseTemplate(template), data) };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, error: e.message };
    throw e;
  }
}

/** JSON pointer of a plain field path (`{.a.b}` → `/a/b`); undefined for anything with ranges or indexes. */
export function jsonPathPointer(template: string): string | undefined {
  const m = /^\{\.([A-Za-z0-9_\-.]+)\}$/.exec(template);
  if (!m) return undefined;
  return '/' + (m[1] ?? '').split('.').map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}
