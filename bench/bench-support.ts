/** Number formatting and statistics shared by the benchmarks. */

export function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

export function fmtMs(ms: number, digits = 0): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(digits)} ms`;
}

export function fmtMb(mb: number): string {
  return `${mb.toFixed(1)} MB`;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
