/** An RFC 4180 CSV field: quoted when it holds a quote, comma or newline (`"TCP 80,443"`). */
export function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A Markdown table cell: pipes escaped so a value cannot split the row. */
export function mdCell(value: string): string {
  return value.replace(/\|/g, '\\|');
}
