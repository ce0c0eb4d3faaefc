import { peerName, type AllowedConnection, type NetworkPeer } from '../analyzers/network/network-analyzer.js';

/** One allowed connection as the list command prints it. */
export interface ConnRow {
  src: string;
  dst: string;
  conn: string;
}

export type ConnlistFormat = 'txt' | 'json' | 'csv' | 'md';
export const CONNLIST_FORMATS: readonly ConnlistFormat[] = ['txt', 'json', 'csv', 'md'];

/**
 * Rows sorted by source, destination. With `focus`, only connections from or to the workloads it names
 * (`name`, `namespace/name` or `namespace/name[Kind]`).
 */
export function connlistRows(connections: AllowedConnection[], focus?: string): ConnRow[] {
  // Names are computed once per peer and rows sorted by the rank of their names: lists reach millions of rows.
  const names = new Map<object, string>();
  const nameOf = (p: NetworkPeer): string => {
    const key = p.type === 'workload' ? p.endpoint : p.range;
    let name = names.get(key);
    if (name === undefined) names.set(key, (name = peerName(p)));
    return name;
  };
  const kept = focus === undefined ? connections : connections.filter((c) => focusMatches(c.src, focus) || focusMatches(c.dst, focus));
  const pairs = kept.map((c) => ({ src: nameOf(c.src), dst: nameOf(c.dst), conn: c.conns.toString() }));
  const sortedNames = [...new Set(names.values())].sort(compare);
  const rank = new Map(sortedNames.map((n, i) => [n, i]));
  const width = sortedNames.length + 1;
  const keys = pairs.map((r, i) => ({ key: rank.get(r.src)! * width + rank.get(r.dst)!, i }));
  keys.sort((a, b) => a.key - b.key || compare(pairs[a.i].conn, pairs[b.i].conn));
  return keys.map(({ i }) => pairs[i]);
}

export function focusMatches(peer: NetworkPeer, focus: string): boolean {
  if (peer.type !== 'workload') return false;
  const e = peer.endpoint;
  return focus === e.name || focus === `${e.namespace}/${e.name}` || focus === `${e.namespace}/${e.name}[${e.kind}]`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `src => dst : conns`, one line per connection. */
export function renderConnlistTxt(rows: ConnRow[]): string {
  return rows.map((r) => `${r.src} => ${r.dst} : ${r.conn}\n`).join('');
}

export function renderConnlistJson(rows: ConnRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180: the connection column is quoted when it lists several ports (`"TCP 80,443"`). */
export function renderConnlistCsv(rows: ConnRow[]): string {
  return ['src,dst,conn', ...rows.map((r) => [r.src, r.dst, r.conn].map(csvField).join(','))].join('\n') + '\n';
}

export function renderConnlistMd(rows: ConnRow[]): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  return ['| src | dst | conn |', '|-----|-----|------|', ...rows.map((r) => `| ${cell(r.src)} | ${cell(r.dst)} | ${cell(r.conn)} |`)].join('\n') + '\n';
}

export function renderConnlist(rows: ConnRow[], format: ConnlistFormat): string {
  switch (format) {
    case 'txt':
      return renderConnlistTxt(rows);
    case 'json':
      return renderConnlistJson(rows);
    case 'csv':
      return renderConnlistCsv(rows);
    case 'md':
      return renderConnlistMd(rows);
  }
}
