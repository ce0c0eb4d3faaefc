import { peerName, type AllowedConnection, type NetworkPeer } from '../analyzers/network/network-analyzer.js';
import { csvField, mdCell } from './cells.js';
import { compareText as compare } from '../reporters/plain-text.js';

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
  const kept = focus === undefined ? connections : connections.filter((c) => focusMatches(c.src, focus) || focusMatches(c.dst, focus));
  // Lists reach millions of rows: each peer is named once, ranked by name (equal names, equal rank), and the rows
  // are sorted by (source rank, destination rank) packed into one number with the row's index, which a
  // Float64Array sorts natively; rows of the same pair (only in odd inputs) are then ordered by connection text.
  const peerIds = new Map<object, number>();
  const peerNames: string[] = [];
  const idOf = (p: NetworkPeer): number => {
    const key = p.type === 'workload' ? p.endpoint : p.range;
    let id = peerIds.get(key);
    if (id === undefined) {
      peerIds.set(key, (id = peerNames.length));
      peerNames.push(peerName(p));
    }
    return id;
  };
  const count = kept.length;
  const srcIds = new Int32Array(count);
  const dstIds = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    srcIds[i] = idOf(kept[i].src);
    dstIds[i] = idOf(kept[i].dst);
  }
  const byName = peerNames.map((_, id) => id).sort((a, b) => compare(peerNames[a], peerNames[b]));
  const rank = new Float64Array(peerNames.length);
  byName.forEach((id, r) => (rank[id] = r > 0 && peerNames[byName[r - 1]] === peerNames[id] ? rank[byName[r - 1]] : r));
  const width = peerNames.length + 1;
  const pairKey = (i: number): number => rank[srcIds[i]] * width + rank[dstIds[i]];
  const row = (i: number): ConnRow => ({ src: peerNames[srcIds[i]], dst: peerNames[dstIds[i]], conn: kept[i].conns.toString() });
  const byConn = (a: number, b: number): number => compare(kept[a].conns.toString(), kept[b].conns.toString());

  let order: ArrayLike<number>;
  if (width * width * Math.max(count, 1) <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = pairKey(i) * count + i;
    keys.sort();
    const indices = new Array<number>(count);
    for (let x = 0; x < count; x++) indices[x] = keys[x] % count;
    // Runs of one pair (their indices ascending, as a stable sort leaves them) ordered by connection text.
    for (let x = 0; x < count; ) {
      let y = x + 1;
      const k = pairKey(indices[x]);
      while (y < count && pairKey(indices[y]) === k) y++;
      if (y - x > 1) indices.splice(x, y - x, ...indices.slice(x, y).sort(byConn));
      x = y;
    }
    order = indices;
  } else {
    order = Array.from({ length: count }, (_, i) => i).sort((a, b) => pairKey(a) - pairKey(b) || byConn(a, b));
  }
  const rows = new Array<ConnRow>(count);
  for (let x = 0; x < count; x++) rows[x] = row(order[x]);
  return rows;
}

export function focusMatches(peer: NetworkPeer, focus: string): boolean {
  if (peer.type !== 'workload') return false;
  const e = peer.endpoint;
  return focus === e.name || focus === `${e.namespace}/${e.name}` || focus === `${e.namespace}/${e.name}[${e.kind}]`;
}


/** `src => dst : conns`, one line per connection. */
export function renderConnlistTxt(rows: ConnRow[]): string {
  return joinLines(rows, (r) => `${r.src} => ${r.dst} : ${r.conn}`);
}

/**
 * One line per row, each ended by a newline. Lines are joined in chunks, so that each line's string dies
 * young instead of millions of them living until one final join.
 */
function joinLines(rows: ConnRow[], line: (r: ConnRow) => string, header = ''): string {
  const CHUNK = 8192;
  const chunks: string[] = [header];
  const lines: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    lines.length = 0;
    const end = Math.min(rows.length, i + CHUNK);
    for (let j = i; j < end; j++) lines.push(line(rows[j]));
    lines.push('');
    chunks.push(lines.join('\n'));
  }
  return chunks.join('');
}

export function renderConnlistJson(rows: ConnRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** RFC 4180: the connection column is quoted when it lists several ports (`"TCP 80,443"`). */
export function renderConnlistCsv(rows: ConnRow[]): string {
  return joinLines(rows, (r) => `${csvField(r.src)},${csvField(r.dst)},${csvField(r.conn)}`, 'src,dst,conn\n');
}

export function renderConnlistMd(rows: ConnRow[]): string {
  return joinLines(rows, (r) => `| ${mdCell(r.src)} | ${mdCell(r.dst)} | ${mdCell(r.conn)} |`, '| src | dst | conn |\n|-----|-----|------|\n');
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
