/** XML 1.0 escaping. Characters XML 1.0 cannot carry at all are written as visible `\uXXXX` text. */

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Replaces characters not allowed in XML 1.0 (C0 controls, lone surrogates, U+FFFE/U+FFFF). */
export function xmlSafe(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    out += isXmlChar(cp) ? ch : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** For element content ('>' too, so a ']]>' in the text cannot end anything). */
export function xmlText(s: string): string {
  return xmlSafe(s).replace(/[&<>]/g, (ch) => TEXT_ESCAPES[ch]);
}

/** For attribute values in double quotes; whitespace is kept as character references so it survives normalisation. */
export function xmlAttr(s: string): string {
  return xmlSafe(s).replace(/[&<>"'\t\n\r]/g, (ch) => ATTR_ESCAPES[ch]);
}
