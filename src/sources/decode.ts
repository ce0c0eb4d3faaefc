import type { InputProblem } from '../model/types.js';

const BINARY_SNIFF_BYTES = 8192;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');

export interface Decoded {
  text?: string;
  problems: InputProblem[];
}

/**
 * Bytes → text. Binary files are refused; invalid UTF-8 is reported (with its line) and the text is
 * still scanned with replacement characters, so one stray Latin-1 comment does not hide a whole file.
 */
export function decodeManifest(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length === 0) return { problems: [{ level: 'notice', file, message: 'empty file' }] };
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { problems: [{ level: 'error', file, message: 'binary file (contains NUL bytes); skipped' }] };
  }
  try {
    return { text: stripBom(strictUtf8.decode(bytes)), problems: [] };
  } catch {
    const text = stripBom(lossyUtf8.decode(bytes));
    const bad = text.indexOf('\uFFFD');
    const line = bad < 0 ? undefined : lineOf(text, bad);
    return { text, problems: [{ level: 'error', file, line, message: 'invalid UTF-8; invalid bytes replaced with U+FFFD and the file scanned' }] };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
