/** Helpers for plain-text and table output shared by the command reports. */

/** Code-point order, so output does not depend on the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Left-aligned columns two spaces apart; the last column is not padded. */
export function table(header: string[], rows: string[][], indent = ''): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    indent + cells.map((cell, i) => (i < cells.length - 1 ? cell.padEnd(widths[i]) : cell)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}
