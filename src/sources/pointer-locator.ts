import yaml from 'js-yaml';
import { MANIFEST_SCHEMA } from './yaml-schema.js';

interface NodeFrame {
  line: number;
  column: number;
  result?: unknown;
  /** Allocated on the first child: most nodes are scalars and never need one. */
  children: NodeFrame[] | null;
}

const NO_CHILDREN: NodeFrame[] = [];

export interface Position {
  line: number;
  column: number;
}

/**
 * Maps JSON pointers to line/column inside one YAML document. Built on demand (only for documents
 * with findings) from js-yaml's node listener: a mapping's children arrive as key, value, key, value…
 */
export class PointerLocator {
  private readonly root: NodeFrame | undefined;

  constructor(docText: string, private readonly firstLine: number) {
    const stack: NodeFrame[] = [{ line: 0, column: 0, children: null }];
    try {
      yaml.load(docText, {
        json: true,
        maxDepth: 1000,
        schema: MANIFEST_SCHEMA,
        listener(event, state) {
          if (event === 'open') {
            stack.push({ line: state.line, column: state.position - state.lineStart, children: null });
          } else {
            const frame = stack.pop();
            if (!frame) return;
            frame.result = state.result;
            const parent = stack[stack.length - 1];
            (parent.children ??= []).push(frame);
          }
        },
      });
      this.root = stack[0].children?.[0];
    } catch {
      this.root = undefined;
    }
  }

  /** Position of the deepest existing node on the pointer's path: the key line for mapping entries. */
  locate(pointer: string): Position {
    let frame = this.root;
    if (!frame) return { line: this.firstLine, column: 1 };
    let best: NodeFrame = frame;
    for (const segment of parsePointer(pointer)) {
      const next = childFrame(frame, segment);
      if (!next) break;
      best = next.anchor;
      frame = next.value;
    }
    return { line: this.firstLine + best.line, column: best.column + 1 };
  }
}

function childFrame(outer: NodeFrame, segment: string): { anchor: NodeFrame; value: NodeFrame } | undefined {
  // js-yaml may wrap a flow collection in a block-context frame holding the same value: unwrap it.
  let frame = outer;
  while (frame.children?.length === 1 && frame.children[0].result === frame.result && typeof frame.result === 'object') frame = frame.children[0];
  const children = frame.children ?? NO_CHILDREN;
  if (Array.isArray(frame.result)) {
    const index = Number(segment);
    const item = Number.isInteger(index) ? children[index] : undefined;
    return item ? { anchor: item, value: item } : undefined;
  }
  if (frame.result === null || typeof frame.result !== 'object') return undefined;
  // The last occurrence wins, as in the parsed value (duplicate keys are parsed last-wins).
  for (let i = children.length - 2; i >= 0; i -= 2) {
    const key = children[i];
    if (String(key.result) === segment) return { anchor: key, value: children[i + 1] ?? key };
  }
  return undefined;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
