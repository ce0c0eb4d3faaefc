import yaml from 'js-yaml';
import { MANIFEST_SCHEMA } from './yaml-schema.js';

/**
 * CustomResourceDefinitions are most of the bytes of real install manifests (75% of the reference
 * corpus), almost all of it `openAPIV3Schema` validation trees that no security check reads. This module
 * blanks those blocks out of the text before parsing (keeping every line, so positions stay exact) and
 * re-attaches each schema as a property that parses its original text on first access.
 */

/** Below this size a CRD is parsed whole: eliding it would not pay. */
const MIN_ELIDED_DOCUMENT = 16 * 1024;
const CRD_KIND = /^kind:[ \t]*["']?CustomResourceDefinition["']?[ \t]*$/m;
const CRD_API = /^apiVersion:[ \t]*["']?apiextensions\.k8s\.io\//m;
const SCHEMA_KEY = /^([ \t]*)openAPIV3Schema:[ \t]*$/gm;
const MARKER = '__bulwarkElidedSchema';

export interface ElidedBlock {
  /** Original text from the key line to the end of its nested lines. */
  text: string;
  /** Indentation of the key line, removed before the block is parsed on its own. */
  indent: number;
}

export interface ElidedDocument {
  text: string;
  blocks: ElidedBlock[];
}

/**
 * Returns the document with schema blocks blanked, or undefined when it is not a large block-style CRD.
 * Works on the string with native regex searches: per-line JavaScript would cost more than it saves.
 */
export function elideCrdSchemas(docText: string): ElidedDocument | undefined {
  if (docText.length < MIN_ELIDED_DOCUMENT || !CRD_KIND.test(docText) || !CRD_API.test(docText)) return undefined;
  const blocks: ElidedBlock[] = [];
  const parts: string[] = [];
  let copied = 0;
  SCHEMA_KEY.lastIndex = 0;
  for (let m = SCHEMA_KEY.exec(docText); m; m = SCHEMA_KEY.exec(docText)) {
    const indent = m[1].length;
    const keyEnd = m.index + m[0].length;
    // The block ends before the first later line indented no deeper than the key (blank lines stay inside).
    const endOfBlock = new RegExp(`\\n(?=[ ]{0,${indent}}[^\\s])`, 'g');
    endOfBlock.lastIndex = keyEnd;
    const next = endOfBlock.exec(docText);
    const end = next ? next.index : docText.length;
    blocks.push({ text: docText.slice(m.index, end), indent });
    parts.push(docText.slice(copied, m.index), `${m[1]}openAPIV3Schema: {${MARKER}: ${blocks.length - 1}}`, '\n'.repeat(countNewlines(docText, keyEnd, end)));
    copied = end;
    SCHEMA_KEY.lastIndex = end;
  }
  if (blocks.length === 0) return undefined;
  parts.push(docText.slice(copied));
  return { text: parts.join(''), blocks };
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Replaces each placeholder left by elideCrdSchemas with a lazily parsed property. Returns false when a
 * placeholder is missing or misplaced, so the caller parses the document whole instead.
 */
export function restoreCrdSchemas(crd: unknown, blocks: ElidedBlock[]): boolean {
  const holders: Record<string, unknown>[] = [];
  const spec = asRecord(asRecord(crd)?.spec);
  for (const version of Array.isArray(spec?.versions) ? spec.versions : []) {
    const schema = asRecord(asRecord(version)?.schema);
    if (schema) holders.push(schema);
  }
  const validation = asRecord(spec?.validation);
  if (validation) holders.push(validation);
  let restored = 0;
  for (const holder of holders) {
    const placeholder = asRecord(holder.openAPIV3Schema);
    const index = placeholder?.[MARKER];
    if (typeof index !== 'number' || blocks[index] === undefined) continue;
    defineLazySchema(holder, blocks[index]);
    restored++;
  }
  return restored === blocks.length;
}

function defineLazySchema(holder: Record<string, unknown>, block: ElidedBlock): void {
  Object.defineProperty(holder, 'openAPIV3Schema', {
    configurable: true,
    enumerable: true,
    get() {
      let value: unknown;
      try {
        const text = block.text.split('\n').map((line) => line.slice(Math.min(block.indent, indentOf(line)))).join('\n');
        value = (yaml.load(text, { schema: MANIFEST_SCHEMA }) as Record<string, unknown> | null)?.openAPIV3Schema;
      } catch {
        value = undefined;
      }
      Object.defineProperty(holder, 'openAPIV3Schema', { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
  });
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && (line[n] === ' ' || line[n] === '\t')) n++;
  return n;
}
