/**
 * `netpol list --format html`: one self-contained page (inline CSS, SVG and script, no network access) with an
 * interactive graph of the allowed connections — namespaces as boxes, workloads as nodes, external ranges in
 * their own box, exposure highlighted.
 *
 * The layout is computed here, deterministically, so it is testable and identical from run to run; the page
 * script only draws the laid-out graph from the embedded JSON and handles pan, zoom, search and selection.
 * The page script is a typed function of this module (`runGraphPage`) embedded with `Function.prototype.toString`:
 * the compiler checks it, and it must therefore be self-contained (no reference to anything outside its body
 * except its parameter and DOM globals).
 */
import { endpointName, type WorkloadEndpoint } from '../analyzers/network/endpoints.js';
import { describeReason, type ExposureReport } from '../analyzers/network/exposure.js';
import { formatRange, type IpRange } from '../analyzers/network/ip-ranges.js';
import type { AllowedConnection, NetworkPeer } from '../analyzers/network/network-analyzer.js';
import { focusMatches } from './connlist.js';
import { compareText as compare } from '../reporters/plain-text.js';

export interface ConnlistHtmlOptions {
  /** Keep only the connections from or to this workload (`name`, `ns/name` or `ns/name[Kind]`), and their peers. */
  focus?: string;
  title?: string;
  /** Above this many connections, edges are drawn only for the selected node (default 5,000). */
  maxDrawnEdges?: number;
}

export const DEFAULT_MAX_DRAWN_EDGES = 5000;
/** Edge labels are drawn on the edges themselves only when there are this few (else hover shows them). */
const EDGE_LABEL_LIMIT = 60;

// ─── The data the page receives ─────────────────────────────────────────────────────────────────────────────

export interface GraphBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A namespace, or the box of external ranges. */
export interface GraphGroup extends GraphBox {
  name: string;
  external: boolean;
}

/**
 * How exposed a node is, for its colour: `unprotected` — no policy isolates its ingress, so the whole cluster
 * and outside reach it; `exposed` — isolated, but a policy admits traffic from outside the cluster;
 * `internal` — neither; `external` — an address range outside the cluster.
 */
export type NodeStatus = 'unprotected' | 'exposed' | 'internal' | 'external';

/**
 * One exposure entry of a workload, compact because a workload can have hundreds (one per external range):
 * direction 0 = ingress, 1 = egress; peer, conns and reasons (the policy rules that open it, or no isolation) are
 * indices into GraphData.strings.
 */
export type GraphExposure = [direction: 0 | 1, peer: number, conns: number, reasons: number[]];

export interface GraphNode extends GraphBox {
  /** netpol-analyzer's full name: `ns/name[Kind]` or `range[External]`. */
  id: string;
  /** The workload's name, or the address range. */
  name: string;
  /** `Deployment`, …, or `External`. */
  kind: string;
  namespace: string | null;
  group: number;
  status: NodeStatus;
  unprotectedIngress: boolean;
  unprotectedEgress: boolean;
  exposure: GraphExposure[];
}

export interface GraphSummary {
  workloads: number;
  namespaces: number;
  externals: number;
  connections: number;
  /** Workloads reachable from outside the cluster (unprotected ingress, or admitted from an external range). */
  exposedToOutside: number;
  unprotectedIngress: number;
  unprotectedEgress: number;
}

export interface GraphData {
  title: string;
  focus: string | null;
  summary: GraphSummary;
  /** Whether every edge is drawn when the page opens; otherwise only the selected node's edges are. */
  allEdgesDrawn: boolean;
  /** Whether the connection of each edge is written on it (else it is shown on hover and in the panel). */
  edgeLabels: boolean;
  edgeLabelLimit: number;
  width: number;
  height: number;
  /** Distinct strings — connections (`TCP 80,443`), exposure peers, policy names — sorted; referred to by index. */
  strings: string[];
  groups: GraphGroup[];
  nodes: GraphNode[];
  /**
   * Edges grouped by source node and run-length encoded, so that dense graphs (no policy: every pair
   * connected) stay small: for each source, `src, runCount`, then per run `firstDst, length, conn` — the
   * edges src→firstDst … src→firstDst+length-1, all allowing strings[conn].
   */
  edges: number[];
}

// ─── Layout constants (page units) ──────────────────────────────────────────────────────────────────────────

const NODE_W = 170;
const NODE_H = 34;
const EXTERNAL_W = 230;
const CELL_GAP_X = 14;
const CELL_GAP_Y = 12;
const BOX_PAD = 12;
const BOX_HEADER = 24;
const BOX_GAP = 40;
/** Approximate width of a character of a box title (bold 12px), to make boxes wide enough for their name. */
const TITLE_CHAR_W = 7.5;
const MAX_TITLE_W = 480;


/** Numbers inside names compare as numbers (`app-2` before `app-10`), so a grid reads in the expected order. */
function naturalCompare(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    // Odd positions hold digit runs (split with a capturing group); compare them by value, then by length (leading zeros).
    if (i % 2 === 1) return Number(pa[i]) - Number(pb[i]) || pa[i].length - pb[i].length || compare(pa[i], pb[i]);
    return compare(pa[i], pb[i]);
  }
  return pa.length - pb.length;
}

function compareRanges(a: IpRange, b: IpRange): number {
  const order = (x: bigint, y: bigint): number => (x < y ? -1 : x > y ? 1 : 0);
  return a.family - b.family || order(a.lo, b.lo) || order(a.hi, b.hi);
}

// ─── Building the graph ─────────────────────────────────────────────────────────────────────────────────────

/** A node before layout. */
interface NodeSeed {
  id: string;
  name: string;
  kind: string;
  namespace: string | null;
}

/** The graph to draw, laid out, as the page's JSON. Exported for tests. */
export function buildConnlistGraph(connections: AllowedConnection[], endpoints: WorkloadEndpoint[], exposure: ExposureReport, options: ConnlistHtmlOptions = {}): GraphData {
  const focus = options.focus;
  const shown = focus === undefined ? connections : connections.filter((c) => focusMatches(c.src, focus) || focusMatches(c.dst, focus));

  const { workloads, externals } = collectPeers(shown, endpoints, focus);
  // Node order: external ranges by address, then workloads by namespace and name. Indices follow it, so
  // the nodes of one namespace are consecutive — which is what makes the edge runs long.
  const seeds: NodeSeed[] = [
    ...[...externals.values()].sort(compareRanges).map((r) => {
      const name = formatRange(r);
      return { id: `${name}[External]`, name, kind: 'External', namespace: null };
    }),
    ...[...workloads.values()]
      .map((e) => ({ id: endpointName(e), name: e.name, kind: e.kind, namespace: e.namespace }))
      .sort((a, b) => naturalCompare(a.namespace, b.namespace) || naturalCompare(a.name, b.name) || compare(a.kind, b.kind)),
  ];
  const { groups, nodeBoxes, groupOf, width, height } = layout(seeds);

  const strings = new StringTable();
  const edgeList = resolveEdges(shown, seeds, strings);
  const exposureOf = exposureByWorkload(exposure, strings, new Set(seeds.map((s) => s.id)));
  strings.freeze();
  const final = (i: number): number => strings.finalIndex(i);

  const nodes: GraphNode[] = seeds.map((s, i) => {
    const x = exposureOf.get(s.id);
    const unprotectedIngress = x?.unprotectedIngress ?? false;
    const fromOutside = x?.entries.some((e) => e.direction === 'ingress' && e.peerName.endsWith('[External]')) ?? false;
    const status: NodeStatus = s.namespace === null ? 'external' : unprotectedIngress ? 'unprotected' : fromOutside ? 'exposed' : 'internal';
    return {
      ...s,
      ...nodeBoxes[i],
      group: groupOf[i],
      status,
      unprotectedIngress,
      unprotectedEgress: x?.unprotectedEgress ?? false,
      exposure: (x?.entries ?? []).map((e): GraphExposure => [e.direction === 'ingress' ? 0 : 1, final(e.peer), final(e.conns), e.policies.map(final)]),
    };
  });

  const maxDrawn = options.maxDrawnEdges ?? DEFAULT_MAX_DRAWN_EDGES;
  const workloadNodes = nodes.filter((n) => n.namespace !== null);
  return {
    title: options.title ?? (focus === undefined ? 'Bulwark: allowed connections' : `Bulwark: allowed connections of ${focus}`),
    focus: focus ?? null,
    summary: {
      workloads: workloadNodes.length,
      namespaces: groups.filter((g) => !g.external).length,
      externals: externals.size,
      connections: shown.length,
      exposedToOutside: workloadNodes.filter((n) => n.status === 'unprotected' || n.status === 'exposed').length,
      unprotectedIngress: workloadNodes.filter((n) => n.unprotectedIngress).length,
      unprotectedEgress: workloadNodes.filter((n) => n.unprotectedEgress).length,
    },
    allEdgesDrawn: shown.length <= maxDrawn,
    edgeLabels: shown.length <= EDGE_LABEL_LIMIT,
    edgeLabelLimit: EDGE_LABEL_LIMIT,
    width,
    height,
    strings: strings.strings(),
    groups,
    nodes,
    edges: encodeEdges(edgeList, strings, seeds.length),
  };
}

/** The workloads to draw (all of them, or with a focus those involved) and the external ranges of the shown connections, by name. */
function collectPeers(shown: AllowedConnection[], endpoints: WorkloadEndpoint[], focus: string | undefined): { workloads: Map<string, WorkloadEndpoint>; externals: Map<string, IpRange> } {
  const workloads = new Map<string, WorkloadEndpoint>();
  const addWorkload = (e: WorkloadEndpoint): void => {
    const name = endpointName(e);
    if (!workloads.has(name)) workloads.set(name, e);
  };
  for (const e of endpoints) if (focus === undefined || focusMatches({ type: 'workload', endpoint: e }, focus)) addWorkload(e);
  // Ingress and egress split the address space differently: the same range can come as two objects; one node.
  const externals = new Map<string, IpRange>();
  const seen = new Set<object>();
  for (const c of shown) {
    for (const p of [c.src, c.dst]) {
      const key = p.type === 'workload' ? p.endpoint : p.range;
      if (seen.has(key)) continue;
      seen.add(key);
      if (p.type === 'workload') addWorkload(p.endpoint);
      else externals.set(`${formatRange(p.range)}[External]`, p.range);
    }
  }
  return { workloads, externals };
}

/** Distinct strings; indices are provisional until `freeze` sorts the table (so output does not depend on input order). */
class StringTable {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  private remap: Int32Array | undefined;

  add(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      this.index.set(text, (i = this.list.length));
      this.list.push(text);
    }
    return i;
  }

  freeze(): void {
    const order = this.list.map((_, i) => i).sort((a, b) => compare(this.list[a], this.list[b]));
    this.remap = new Int32Array(order.length);
    order.forEach((provisional, final) => (this.remap![provisional] = final));
  }

  finalIndex(provisional: number): number {
    return this.remap![provisional];
  }

  get size(): number {
    return this.list.length;
  }

  strings(): string[] {
    return [...this.list].sort(compare);
  }
}

interface EdgeList {
  src: Int32Array;
  dst: Int32Array;
  /** Provisional StringTable indices. */
  conn: Int32Array;
}

/** The shown connections as node indices. Names are computed once per peer object, not per connection. */
function resolveEdges(shown: AllowedConnection[], seeds: NodeSeed[], strings: StringTable): EdgeList {
  const byName = new Map(seeds.map((s, i) => [s.id, i]));
  const byObject = new Map<object, number>();
  const nodeOf = (p: NetworkPeer): number => {
    const key = p.type === 'workload' ? p.endpoint : p.range;
    let i = byObject.get(key);
    if (i === undefined) byObject.set(key, (i = byName.get(p.type === 'workload' ? endpointName(p.endpoint) : `${formatRange(p.range)}[External]`)!));
    return i;
  };
  const connIndex = new Map<object, number>();
  const out: EdgeList = { src: new Int32Array(shown.length), dst: new Int32Array(shown.length), conn: new Int32Array(shown.length) };
  shown.forEach((c, k) => {
    out.src[k] = nodeOf(c.src);
    out.dst[k] = nodeOf(c.dst);
    // Connection sets are shared between many connections: stringify each set once.
    let ci = connIndex.get(c.conns);
    if (ci === undefined) connIndex.set(c.conns, (ci = strings.add(c.conns.toString())));
    out.conn[k] = ci;
  });
  return out;
}

/**
 * GraphData.edges: bucket the edges by source (counting sort, linear), sort each bucket by (dst, conn) as
 * numbers, and merge consecutive destinations with the same connection into runs.
 */
function encodeEdges(edges: EdgeList, strings: StringTable, nodeCount: number): number[] {
  const m = edges.src.length;
  const start = new Int32Array(nodeCount + 1);
  for (let k = 0; k < m; k++) start[edges.src[k] + 1]++;
  for (let i = 0; i < nodeCount; i++) start[i + 1] += start[i];
  const width = Math.max(1, strings.size);
  const keys = new Float64Array(m);
  const fill = start.slice(0, nodeCount);
  for (let k = 0; k < m; k++) keys[fill[edges.src[k]]++] = edges.dst[k] * width + strings.finalIndex(edges.conn[k]);

  const out: number[] = [];
  for (let s = 0; s < nodeCount; s++) {
    if (start[s] === start[s + 1]) continue;
    const bucket = keys.subarray(start[s], start[s + 1]).sort();
    const runs: number[] = [];
    for (const key of bucket) {
      const dst = Math.floor(key / width);
      const conn = key - dst * width;
      const n = runs.length;
      if (n > 0 && runs[n - 1] === conn && runs[n - 3] + runs[n - 2] === dst) runs[n - 2]++;
      else runs.push(dst, 1, conn);
    }
    // A loop, not push(...runs): a hub's runs can exceed the engine's argument limit.
    out.push(s, runs.length / 3);
    for (const v of runs) out.push(v);
  }
  return out;
}

interface WorkloadExposure {
  /** peer, conns and policies as provisional StringTable indices. */
  entries: { direction: 'ingress' | 'egress'; peerName: string; peer: number; conns: number; policies: number[] }[];
  unprotectedIngress: boolean;
  unprotectedEgress: boolean;
}

/** Exposure entries and unprotected directions of the shown workloads, by name; entries sorted (ingress first, then by peer). */
function exposureByWorkload(report: ExposureReport, strings: StringTable, shown: Set<string>): Map<string, WorkloadExposure> {
  const out = new Map<string, WorkloadExposure>();
  const of = (e: WorkloadEndpoint): WorkloadExposure | undefined => {
    const name = endpointName(e);
    if (!shown.has(name)) return undefined;
    let x = out.get(name);
    if (!x) out.set(name, (x = { entries: [], unprotectedIngress: false, unprotectedEgress: false }));
    return x;
  };
  for (const e of report.entries) {
    of(e.workload)?.entries.push({ direction: e.direction, peerName: e.peer, peer: strings.add(e.peer), conns: strings.add(e.conns.toString()), policies: e.reasons.map((r) => strings.add(describeReason(r, e.direction))) });
  }
  for (const u of report.unprotected) {
    const x = of(u.workload);
    if (x && u.direction === 'ingress') x.unprotectedIngress = true;
    else if (x) x.unprotectedEgress = true;
  }
  const directionOrder = { ingress: 0, egress: 1 };
  for (const x of out.values()) x.entries.sort((a, b) => directionOrder[a.direction] - directionOrder[b.direction] || compare(a.peerName, b.peerName));
  return out;
}

// ─── Layout ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A box of nodes in a grid, sized but not yet placed. */
interface GridBox {
  name: string;
  external: boolean;
  members: number[];
  cols: number;
  nodeW: number;
  w: number;
  h: number;
}

function gridBox(name: string, external: boolean, members: number[], cols: number, nodeW: number): GridBox {
  const rows = Math.ceil(members.length / cols);
  const gridW = cols * nodeW + (cols - 1) * CELL_GAP_X;
  const titleW = Math.min(MAX_TITLE_W, name.length * TITLE_CHAR_W);
  return {
    name,
    external,
    members,
    cols,
    nodeW,
    w: 2 * BOX_PAD + Math.max(gridW, titleW),
    h: BOX_HEADER + BOX_PAD + rows * NODE_H + (rows - 1) * CELL_GAP_Y + BOX_PAD,
  };
}

/** Columns that make a box of n nodes roughly square. */
function squareColumns(n: number, nodeW: number): number {
  return Math.max(1, Math.round(Math.sqrt((n * (NODE_H + CELL_GAP_Y)) / (nodeW + CELL_GAP_X))));
}

/**
 * Namespaces as near-square grids of their workloads, packed in shelves (rows of boxes) in name order;
 * the external ranges in a box of their own to the left, as tall as the namespaces.
 */
function layout(seeds: NodeSeed[]): { groups: GraphGroup[]; nodeBoxes: GraphBox[]; groupOf: number[]; width: number; height: number } {
  const byNamespace = new Map<string, number[]>();
  const externalMembers: number[] = [];
  seeds.forEach((s, i) => {
    if (s.namespace === null) return void externalMembers.push(i);
    let list = byNamespace.get(s.namespace);
    if (!list) byNamespace.set(s.namespace, (list = []));
    list.push(i);
  });
  const nsBoxes = [...byNamespace].map(([ns, members]) => gridBox(ns, false, members, squareColumns(members.length, NODE_W), NODE_W));

  // Shelf packing: the target width makes the whole picture about as wide as high (times 1.4, for screens).
  const area = nsBoxes.reduce((sum, b) => sum + (b.w + BOX_GAP) * (b.h + BOX_GAP), 0);
  const targetW = Math.max(Math.sqrt(area * 1.4), ...nsBoxes.map((b) => b.w));
  const nsPlaces: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  let shelfH = 0;
  for (const b of nsBoxes) {
    if (x > 0 && x + b.w > targetW) {
      x = 0;
      y += shelfH + BOX_GAP;
      shelfH = 0;
    }
    nsPlaces.push({ x, y });
    x += b.w + BOX_GAP;
    shelfH = Math.max(shelfH, b.h);
  }
  const nsHeight = nsBoxes.length ? y + shelfH : 0;

  // The external box takes as many columns as it needs to be no taller than the namespaces — but no more
  // than a square box would have, so that a few small namespaces do not stretch it into one long row.
  const boxes: { box: GridBox; x: number; y: number }[] = [];
  let offsetX = 0;
  if (externalMembers.length) {
    const n = externalMembers.length;
    const fitRows = Math.floor((nsHeight - BOX_HEADER - BOX_PAD + CELL_GAP_Y) / (NODE_H + CELL_GAP_Y));
    const cols = Math.min(squareColumns(n, EXTERNAL_W), Math.ceil(n / Math.max(1, fitRows)));
    const ext = gridBox('External', true, externalMembers, cols, EXTERNAL_W);
    boxes.push({ box: ext, x: 0, y: 0 });
    offsetX = ext.w + BOX_GAP;
  }
  nsBoxes.forEach((box, k) => boxes.push({ box, x: nsPlaces[k].x + offsetX, y: nsPlaces[k].y }));

  const groups: GraphGroup[] = [];
  const nodeBoxes: GraphBox[] = new Array<GraphBox>(seeds.length);
  const groupOf: number[] = new Array<number>(seeds.length);
  for (const { box, x: bx, y: by } of boxes) {
    const g = groups.length;
    groups.push({ name: box.name, external: box.external, x: bx, y: by, w: box.w, h: box.h });
    box.members.forEach((node, k) => {
      const col = k % box.cols;
      const row = Math.floor(k / box.cols);
      nodeBoxes[node] = { x: bx + BOX_PAD + col * (box.nodeW + CELL_GAP_X), y: by + BOX_HEADER + BOX_PAD + row * (NODE_H + CELL_GAP_Y), w: box.nodeW, h: NODE_H };
      groupOf[node] = g;
    });
  }
  const width = Math.max(0, ...groups.map((g) => g.x + g.w));
  const height = Math.max(0, ...groups.map((g) => g.y + g.h));
  return { groups, nodeBoxes, groupOf, width, height };
}

/**
 * The curve of an edge from box a to box b: a quadratic Bézier bent to the left of its direction, so that
 * a→b and b→a do not overlap; (lx, ly) is its midpoint, for the label.
 * Boxes in one column (or row) of a grid have others between them, which a straight or gently bent edge
 * would run over: such edges leave and enter by the sides (or tops/bottoms) and bulge only into the gap
 * between columns (rows), 12–14 units wide in this layout. Other edges go border to border.
 * Runs in the page too (embedded by toString): self-contained, plain arithmetic only.
 */
export function edgeCurve(a: GraphBox, b: GraphBox): { d: string; lx: number; ly: number } {
  const round = (v: number): number => Math.round(v * 10) / 10;
  const ax = a.x + a.w / 2;
  const ay = a.y + a.h / 2;
  const bx = b.x + b.w / 2;
  const by = b.y + b.h / 2;
  const len = Math.hypot(bx - ax, by - ay) || 1;
  // (px, py): unit normal to the left of the direction a→b.
  const px = (by - ay) / len;
  const py = -(bx - ax) / len;
  let sx: number;
  let sy: number;
  let ex: number;
  let ey: number;
  let cx: number;
  let cy: number;
  const GAP_BULGE = 20;
  if (Math.abs(bx - ax) < a.w / 2) {
    // Same column: out of the side the normal points to, a bulge into the gap, back in by the same side.
    const side = px >= 0 ? 1 : -1;
    sx = ax + (side * a.w) / 2;
    ex = bx + (side * (b.w / 2 + 2));
    sy = ay;
    ey = by;
    cx = (side > 0 ? Math.max(sx, ex) : Math.min(sx, ex)) + side * Math.min(GAP_BULGE, len * 0.5);
    cy = (sy + ey) / 2;
  } else if (Math.abs(by - ay) < a.h / 2) {
    // Same row: likewise by the top or bottom.
    const side = py >= 0 ? 1 : -1;
    sy = ay + (side * a.h) / 2;
    ey = by + side * (b.h / 2 + 2);
    sx = ax;
    ex = bx;
    cx = (sx + ex) / 2;
    cy = (side > 0 ? Math.max(sy, ey) : Math.min(sy, ey)) + side * Math.min(GAP_BULGE, len * 0.5);
  } else {
    const ux = (bx - ax) / len;
    const uy = (by - ay) / len;
    // Distance from a box's centre to its border along (ux, uy).
    const toBorder = (box: GraphBox): number => Math.min(box.w / 2 / (Math.abs(ux) || 1e-9), box.h / 2 / (Math.abs(uy) || 1e-9));
    sx = ax + ux * toBorder(a);
    sy = ay + uy * toBorder(a);
    ex = bx - ux * (toBorder(b) + 2);
    ey = by - uy * (toBorder(b) + 2);
    const bend = Math.min(80, len * 0.15);
    cx = (sx + ex) / 2 + px * bend;
    cy = (sy + ey) / 2 + py * bend;
  }
  return {
    d: `M${round(sx)},${round(sy)}Q${round(cx)},${round(cy)} ${round(ex)},${round(ey)}`,
    lx: round(0.25 * sx + 0.5 * cx + 0.25 * ex),
    ly: round(0.25 * sy + 0.5 * cy + 0.25 * ey),
  };
}

// ─── The page ───────────────────────────────────────────────────────────────────────────────────────────────

/** A self-contained HTML page with the interactive connectivity graph. */
export function renderConnlistHtml(connections: AllowedConnection[], endpoints: WorkloadEndpoint[], exposure: ExposureReport, options: ConnlistHtmlOptions = {}): string {
  const data = buildConnlistGraph(connections, endpoints, exposure, options);
  const script = pageScript();
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing is fetched: the page only runs its own inline script and style, also when opened from disk.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    header(data),
    '<main>',
    '<div id="canvas">',
    SVG_SHELL,
    LEGEND,
    '</div>',
    '<aside id="panel" hidden><button id="panel-close" type="button" title="Close (Esc)">×</button><h2 id="panel-title"></h2><div id="panel-body"></div></aside>',
    '</main>',
    '<noscript><p class="note">This page draws the graph with JavaScript; enable it to see the graph.</p></noscript>',
    `<script type="application/json" id="data">${scriptSafeJson(data)}</script>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** JSON that cannot end its script element or open a comment in it, whatever the manifests' strings hold. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** 12,345 — written out rather than toLocaleString, whose output depends on the ICU data Node was built with. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function header(data: GraphData): string {
  const s = data.summary;
  const stat = (value: number, label: string, cls = ''): string => `<span class="stat${cls ? ` ${cls}` : ''}"><b>${thousands(value)}</b> ${label}</span>`;
  const notes: string[] = [];
  if (data.focus !== null) notes.push(`Focus: connections from or to ${escapeHtml(data.focus)}.`);
  if (!data.allEdgesDrawn) notes.push(`${thousands(s.connections)} connections are too many to draw: edges are drawn only for the selected node — click a node or search for one.`);
  return [
    '<header>',
    `<h1>${escapeHtml(data.title)}</h1>`,
    '<div class="stats">',
    stat(s.workloads, 'workloads'),
    stat(s.namespaces, 'namespaces'),
    stat(s.externals, 'external ranges'),
    stat(s.connections, 'connections'),
    stat(s.exposedToOutside, 'exposed to outside', 'exposed'),
    stat(s.unprotectedIngress, 'unprotected ingress', 'unprotected'),
    stat(s.unprotectedEgress, 'unprotected egress', 'egress'),
    '</div>',
    '<div class="tools"><input id="search" type="search" placeholder="Search workloads (Enter selects)" autocomplete="off"><span id="search-count"></span>',
    '<button id="zoom-in" type="button" title="Zoom in">+</button><button id="zoom-out" type="button" title="Zoom out">−</button><button id="zoom-fit" type="button" title="Fit to window">Fit</button></div>',
    ...notes.map((n) => `<p class="note">${n}</p>`),
    '</header>',
  ].join('\n');
}

const SVG_SHELL = [
  '<svg id="graph" role="img" aria-label="Allowed connections graph">',
  '<defs>',
  ...[
    ['arrow', '#8c959f'],
    ['arrow-ext', '#cf222e'],
    ['arrow-out', '#0969da'],
    ['arrow-in', '#1a7f37'],
  ].map(([id, color]) => `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${color}"/></marker>`),
  '</defs>',
  '<g id="layer-groups"></g><g id="layer-edges"></g><g id="layer-selected-edges"></g><g id="layer-nodes"></g><g id="layer-labels"></g>',
  '</svg>',
].join('');

const LEGEND = [
  '<div id="legend">',
  '<div><svg width="26" height="14"><rect class="sw st-internal" x="1" y="1" width="24" height="12" rx="3"/></svg>workload</div>',
  '<div><svg width="26" height="14"><rect class="sw st-exposed" x="1" y="1" width="24" height="12" rx="3"/></svg>exposed to outside by a policy</div>',
  '<div><svg width="26" height="14"><rect class="sw st-unprotected" x="1" y="1" width="24" height="12" rx="3"/></svg>ingress not isolated (any source)</div>',
  '<div><svg width="26" height="14"><rect class="sw st-internal" x="1" y="1" width="24" height="12" rx="3"/><circle class="egress-badge" cx="22" cy="4" r="4"/></svg>egress not isolated</div>',
  '<div><svg width="26" height="14"><rect class="sw st-external" x="1" y="1" width="24" height="12" rx="3"/></svg>external address range</div>',
  '<div><svg width="26" height="14"><path d="M1,7H24" stroke="#0969da" stroke-width="2"/></svg>outgoing from selected</div>',
  '<div><svg width="26" height="14"><path d="M1,7H24" stroke="#1a7f37" stroke-width="2"/></svg>incoming to selected</div>',
  '</div>',
].join('');

const STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:13px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#fff}
body{display:flex;flex-direction:column}
header{padding:8px 14px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
h1{font-size:16px;margin:0 0 4px}
.stats{display:flex;flex-wrap:wrap;gap:6px 14px;margin-bottom:6px}
.stat.exposed b{color:#bc4c00}.stat.unprotected b{color:#cf222e}.stat.egress b{color:#9a6700}
.tools{display:flex;gap:6px;align-items:center}
.tools input{width:280px;padding:3px 6px}
.tools button{min-width:30px}
.note{margin:4px 0 0;color:#9a6700}
main{flex:1;display:flex;min-height:0}
#canvas{flex:1;position:relative;min-width:0}
#graph{width:100%;height:100%;display:block;cursor:grab;user-select:none;touch-action:none;background:#fff}
#graph.dragging{cursor:grabbing}
.group rect{fill:#f6f8fa;stroke:#8c959f;stroke-width:1.2}
.group.external rect{fill:#fff5f5;stroke:#cf222e;stroke-dasharray:6 4}
.group text{font:bold 12px system-ui,sans-serif;fill:#57606a}
.node{cursor:pointer}
.node rect,.sw{stroke-width:1.2}
.st-internal{fill:#ddf4ff;stroke:#0969da}
.st-exposed{fill:#fff1e5;stroke:#bc4c00;stroke-width:2.5}
.st-unprotected{fill:#ffebe9;stroke:#cf222e;stroke-width:2.5;stroke-dasharray:5 3}
.st-external{fill:#fff;stroke:#cf222e}
.egress-badge{fill:#9a6700;stroke:#fff;stroke-width:1}
.node .name{font:11px system-ui,sans-serif;fill:#1f2328}
.node .kind{font:9px system-ui,sans-serif;fill:#57606a}
.node.ext .name{fill:#a40e26}
.node.selected rect{stroke:#1f2328;stroke-width:3.5;stroke-dasharray:none}
.node.match rect{stroke:#d4a72c;stroke-width:4;stroke-dasharray:none}
.edge{fill:none;stroke:#8c959f;stroke-width:1;opacity:.6;marker-end:url(#arrow)}
.edge.from-ext{stroke:#cf222e;marker-end:url(#arrow-ext)}
.edge.out{stroke:#0969da;stroke-width:2;opacity:1;marker-end:url(#arrow-out)}
.edge.in{stroke:#1a7f37;stroke-width:2;opacity:1;marker-end:url(#arrow-in)}
.edge-label{font:10px system-ui,sans-serif;fill:#1a7f37;paint-order:stroke;stroke:#fff;stroke-width:3;pointer-events:none}
#graph.has-selection .edge:not(.out):not(.in){opacity:.05}
#graph.has-selection .node:not(.selected):not(.peer){opacity:.25}
#graph.searching .node:not(.match):not(.selected){opacity:.3}
#legend{position:absolute;left:8px;bottom:8px;background:rgba(255,255,255,.92);border:1px solid #d0d7de;border-radius:6px;padding:6px 8px;font-size:12px}
#legend div{display:flex;align-items:center;gap:6px}
#panel{width:380px;border-left:1px solid #d0d7de;overflow:auto;padding:10px 14px;position:relative;background:#fff}
#panel[hidden]{display:none}
#panel h2{font-size:14px;margin:0 24px 6px 0;word-break:break-all}
#panel h3{font-size:13px;margin:12px 0 4px}
#panel-close{position:absolute;right:8px;top:8px}
#panel table{border-collapse:collapse;width:100%;font-size:12px}
#panel td,#panel th{border-bottom:1px solid #eaeef2;padding:2px 4px;text-align:left;vertical-align:top;word-break:break-all}
#panel .peer-link{color:#0969da;cursor:pointer;text-decoration:underline}
#panel .bad{color:#cf222e;font-weight:bold}
#panel .good{color:#1a7f37}
`;

/** The inline script: the page function and the edge geometry it uses, then a call. */
function pageScript(): string {
  const code = `'use strict';\n${edgeCurve.toString()}\n${runGraphPage.toString()}\nrunGraphPage(edgeCurve);`;
  // The script is our code, not data; still, make sure it cannot end its own element.
  if (/<\/script|<!--/i.test(code)) throw new Error('inline script contains a sequence that would break the page');
  return code;
}

/**
 * The page's behaviour, run in the browser (embedded by toString; see the module comment). Draws the groups,
 * nodes and — when not too many — edges from the JSON data; pan by dragging the background, zoom with the
 * wheel or buttons (both change the viewBox); click a node to highlight its connections and open the panel;
 * search filters nodes by name. Text from the data goes in with textContent only.
 */
function runGraphPage(curve: typeof edgeCurve): void {
  const byId = (id: string): HTMLElement => {
    const el = document.getElementById(id);
    if (!el) throw new Error(`missing #${id}`);
    return el;
  };
  const data = JSON.parse(byId('data').textContent ?? '') as GraphData;
  const svg = byId('graph') as unknown as SVGSVGElement;
  // The SVG namespace, taken from the parsed page so that the page holds no URL at all.
  const svgNs = svg.namespaceURI ?? '';
  const layer = (id: string): SVGGElement => byId(id) as unknown as SVGGElement;
  const groupsLayer = layer('layer-groups');
  const edgesLayer = layer('layer-edges');
  const selectedEdgesLayer = layer('layer-selected-edges');
  const nodesLayer = layer('layer-nodes');
  const labelsLayer = layer('layer-labels');
  const panel = byId('panel');
  const panelTitle = byId('panel-title');
  const panelBody = byId('panel-body');
  const search = byId('search') as HTMLInputElement;
  const searchCount = byId('search-count');
  const nodes = data.nodes;

  const svgEl = <K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, parent: Element): SVGElementTagNameMap[K] => {
    const el = document.createElementNS(svgNs, tag) as SVGElementTagNameMap[K];
    for (const k of Object.keys(attrs)) el.setAttribute(k, String(attrs[k]));
    parent.appendChild(el);
    return el;
  };
  const htmlEl = <K extends keyof HTMLElementTagNameMap>(tag: K, text: string, parent: Element, cls?: string): HTMLElementTagNameMap[K] => {
    const el = document.createElement(tag);
    el.textContent = text;
    if (cls) el.setAttribute('class', cls);
    parent.appendChild(el);
    return el;
  };
  const fit = (text: string, max: number): string => (text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text);

  // ── Edges: decode the runs once; each edge has an index in run order ──
  interface Edge {
    index: number;
    src: number;
    dst: number;
    conn: number;
  }
  const runSrc: number[] = [];
  const runDst: number[] = [];
  const runLen: number[] = [];
  const runConn: number[] = [];
  const runBase: number[] = [];
  const outRuns = new Map<number, [number, number]>();
  let edgeCount = 0;
  for (let i = 0; i < data.edges.length; ) {
    const src = data.edges[i++];
    const count = data.edges[i++];
    outRuns.set(src, [runSrc.length, runSrc.length + count]);
    for (let r = 0; r < count; r++) {
      runSrc.push(src);
      runDst.push(data.edges[i++]);
      runLen.push(data.edges[i++]);
      runConn.push(data.edges[i++]);
      runBase.push(edgeCount);
      edgeCount += runLen[runLen.length - 1];
    }
  }
  const runEdge = (r: number, k: number): Edge => ({ index: runBase[r] + k, src: runSrc[r], dst: runDst[r] + k, conn: runConn[r] });
  const runEdges = (r: number, out: Edge[]): void => {
    for (let k = 0; k < runLen[r]; k++) out.push(runEdge(r, k));
  };
  const outgoing = (n: number): Edge[] => {
    const out: Edge[] = [];
    const range = outRuns.get(n);
    if (range) for (let r = range[0]; r < range[1]; r++) runEdges(r, out);
    return out;
  };
  // Incoming edges: one pass over the runs (runs are few even when edges are many).
  const incoming = (n: number): Edge[] => {
    const out: Edge[] = [];
    for (let r = 0; r < runSrc.length; r++) if (runDst[r] <= n && n < runDst[r] + runLen[r]) out.push(runEdge(r, n - runDst[r]));
    return out;
  };

  const drawLabel = (e: Edge): void => {
    const c = curve(nodes[e.src], nodes[e.dst]);
    svgEl('text', { x: c.lx, y: c.ly, 'text-anchor': 'middle', class: 'edge-label' }, labelsLayer).textContent = data.strings[e.conn];
  };
  const drawEdge = (e: Edge, parent: Element, cls: string): SVGPathElement => {
    const a = nodes[e.src];
    const b = nodes[e.dst];
    const path = svgEl('path', { d: curve(a, b).d, class: `edge${a.status === 'external' ? ' from-ext' : ''}${cls ? ` ${cls}` : ''}` }, parent);
    svgEl('title', {}, path).textContent = `${a.id} → ${b.id}: ${data.strings[e.conn]}`;
    return path;
  };

  // ── Static drawing ──
  for (const g of data.groups) {
    const el = svgEl('g', { class: g.external ? 'group external' : 'group' }, groupsLayer);
    svgEl('rect', { x: g.x, y: g.y, width: g.w, height: g.h, rx: 10 }, el);
    svgEl('text', { x: g.x + 12, y: g.y + 17 }, el).textContent = fit(g.external ? 'External' : `${g.name} [namespace]`, Math.floor((g.w - 24) / 7.5));
    svgEl('title', {}, el).textContent = g.external ? 'Addresses outside the cluster' : `namespace ${g.name}`;
  }
  const nodeEls: SVGGElement[] = nodes.map((n, i) => {
    const el = svgEl('g', { class: n.status === 'external' ? 'node ext' : 'node', 'data-i': i, transform: `translate(${n.x},${n.y})` }, nodesLayer);
    svgEl('rect', { width: n.w, height: n.h, rx: 6, class: `st-${n.status}` }, el);
    const chars = Math.floor((n.w - 14) / 6.2);
    if (n.status === 'external') svgEl('text', { x: 7, y: 21, class: 'name' }, el).textContent = fit(n.name, chars);
    else {
      svgEl('text', { x: 7, y: 15, class: 'name' }, el).textContent = fit(n.name, chars);
      svgEl('text', { x: 7, y: 27, class: 'kind' }, el).textContent = fit(n.kind, chars + 4);
    }
    if (n.unprotectedEgress) svgEl('circle', { cx: n.w - 6, cy: 6, r: 4.5, class: 'egress-badge' }, el);
    svgEl('title', {}, el).textContent = n.id;
    return el;
  });
  const edgeEls: SVGPathElement[] = [];
  if (data.allEdgesDrawn) for (let r = 0; r < runSrc.length; r++) {
    const list: Edge[] = [];
    runEdges(r, list);
    for (const e of list) {
      edgeEls.push(drawEdge(e, edgesLayer, ''));
      if (data.edgeLabels) drawLabel(e);
    }
  }

  // ── Pan and zoom: the viewBox keeps the element's aspect ratio, so screen and page units map linearly ──
  const view = { x: 0, y: 0, w: 1, h: 1 };
  const applyView = (): void => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
  const aspect = (): number => {
    const r = svg.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? r.height / r.width : 0.6;
  };
  const fitView = (): void => {
    // Room for the edges that bulge out of the outermost boxes.
    const margin = 40;
    const w = data.width + 2 * margin;
    const h = data.height + 2 * margin;
    const a = aspect();
    view.w = Math.max(w, h / a);
    view.h = view.w * a;
    view.x = -margin - (view.w - w) / 2;
    view.y = -margin - (view.h - h) / 2;
    applyView();
  };
  /** Zoom by factor around the point at screen coordinates (cx, cy), or the centre. */
  const zoom = (factor: number, cx?: number, cy?: number): void => {
    const r = svg.getBoundingClientRect();
    const fx = cx === undefined || r.width === 0 ? 0.5 : (cx - r.left) / r.width;
    const fy = cy === undefined || r.height === 0 ? 0.5 : (cy - r.top) / r.height;
    const px = view.x + fx * view.w;
    const py = view.y + fy * view.h;
    view.w *= factor;
    view.h *= factor;
    view.x = px - fx * view.w;
    view.y = py - fy * view.h;
    applyView();
  };
  const centreOn = (n: number): void => {
    const node = nodes[n];
    const a = aspect();
    view.w = Math.min(view.w, 1400);
    view.h = view.w * a;
    view.x = node.x + node.w / 2 - view.w / 2;
    view.y = node.y + node.h / 2 - view.h / 2;
    applyView();
  };
  fitView();
  window.addEventListener('resize', () => {
    view.h = view.w * aspect();
    applyView();
  });
  byId('zoom-in').addEventListener('click', () => zoom(1 / 1.25));
  byId('zoom-out').addEventListener('click', () => zoom(1.25));
  byId('zoom-fit').addEventListener('click', fitView);
  svg.addEventListener(
    'wheel',
    (ev: WheelEvent) => {
      ev.preventDefault();
      // deltaMode 1 (Firefox with a mouse wheel) counts lines, not pixels.
      const pixels = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
      zoom(Math.exp(Math.max(-300, Math.min(300, pixels)) * 0.0015), ev.clientX, ev.clientY);
    },
    { passive: false },
  );

  const nodeIndexOf = (target: EventTarget | null): number => {
    for (let el = target as Element | null; el && el !== svg; el = el.parentNode as Element | null) {
      const i = el.getAttribute ? el.getAttribute('data-i') : null;
      if (i !== null) return Number(i);
    }
    return -1;
  };
  let drag: { x: number; y: number; moved: boolean } | undefined;
  svg.addEventListener('pointerdown', (ev: PointerEvent) => {
    if (nodeIndexOf(ev.target) >= 0) return;
    drag = { x: ev.clientX, y: ev.clientY, moved: false };
    svg.classList.add('dragging');
  });
  window.addEventListener('pointermove', (ev: PointerEvent) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x;
    const dy = ev.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true;
    const r = svg.getBoundingClientRect();
    const scale = r.width > 0 ? view.w / r.width : 1;
    view.x -= dx * scale;
    view.y -= dy * scale;
    drag.x = ev.clientX;
    drag.y = ev.clientY;
    applyView();
  });
  window.addEventListener('pointerup', () => {
    // A click on the background (no drag) clears the selection.
    if (drag && !drag.moved) clearSelection();
    drag = undefined;
    svg.classList.remove('dragging');
  });

  // ── Selection ──
  let selected = -1;
  let lit: Element[] = [];
  const light = (el: Element, cls: string): void => {
    el.classList.add(cls);
    lit.push(el);
  };
  function clearSelection(): void {
    for (const el of lit) el.classList.remove('out', 'in', 'peer', 'selected');
    lit = [];
    selectedEdgesLayer.replaceChildren();
    if (!data.edgeLabels) labelsLayer.replaceChildren();
    svg.classList.remove('has-selection');
    panel.hidden = true;
    selected = -1;
  }
  const select = (n: number): void => {
    clearSelection();
    selected = n;
    svg.classList.add('has-selection');
    light(nodeEls[n], 'selected');
    const out = outgoing(n);
    const inc = incoming(n);
    // Labels on the selected node's edges when the graph has none drawn and this node has few edges.
    const label = !data.edgeLabels && out.length + inc.length <= data.edgeLabelLimit;
    for (const [list, cls] of [[out, 'out'], [inc, 'in']] as const) {
      for (const e of list) {
        light(nodeEls[cls === 'out' ? e.dst : e.src], 'peer');
        if (data.allEdgesDrawn) light(edgeEls[e.index], cls);
        else drawEdge(e, selectedEdgesLayer, cls);
        if (label) drawLabel(e);
      }
    }
    showPanel(n, out, inc);
  };
  nodesLayer.addEventListener('click', (ev: Event) => {
    const n = nodeIndexOf(ev.target);
    if (n >= 0) select(n);
  });
  byId('panel-close').addEventListener('click', () => clearSelection());
  document.addEventListener('keydown', (ev: KeyboardEvent) => {
    if (ev.key === 'Escape') clearSelection();
  });

  // ── Side panel ──
  const LIST_LIMIT = 500;
  const peerLink = (n: number, parent: Element): void => {
    const link = htmlEl('span', nodes[n].id, parent, 'peer-link');
    link.addEventListener('click', () => {
      select(n);
      centreOn(n);
    });
  };
  const table = (head: string[], parent: Element): HTMLTableElement => {
    const t = htmlEl('table', '', parent);
    const tr = htmlEl('tr', '', t);
    for (const h of head) htmlEl('th', h, tr);
    return t;
  };
  const connectionsSection = (title: string, list: Edge[], peerOf: (e: Edge) => number): void => {
    htmlEl('h3', `${title} (${list.length})`, panelBody);
    if (list.length === 0) return void htmlEl('p', 'none', panelBody);
    const t = table(['peer', 'allowed'], panelBody);
    for (const e of list.slice(0, LIST_LIMIT)) {
      const tr = htmlEl('tr', '', t);
      peerLink(peerOf(e), htmlEl('td', '', tr));
      htmlEl('td', data.strings[e.conn], tr);
    }
    if (list.length > LIST_LIMIT) htmlEl('p', `… and ${list.length - LIST_LIMIT} more`, panelBody);
  };
  const isolation = (label: string, unprotected: boolean): void => {
    const p = htmlEl('p', `${label}: `, panelBody);
    htmlEl('span', unprotected ? 'not isolated — no NetworkPolicy selects it, everything is allowed' : 'isolated by NetworkPolicy', p, unprotected ? 'bad' : 'good');
  };
  function showPanel(n: number, out: Edge[], inc: Edge[]): void {
    const node = nodes[n];
    panelTitle.textContent = node.id;
    panelBody.replaceChildren();
    const facts = table(['', ''], panelBody);
    const fact = (k: string, v: string): void => {
      const tr = htmlEl('tr', '', facts);
      htmlEl('th', k, tr);
      htmlEl('td', v, tr);
    };
    fact('kind', node.kind);
    if (node.namespace !== null) fact('namespace', node.namespace);
    fact('name', node.name);
    if (node.status !== 'external') {
      if (node.status === 'exposed') htmlEl('p', 'Reachable from outside the cluster through a policy.', panelBody, 'bad');
      isolation('Ingress', node.unprotectedIngress);
      isolation('Egress', node.unprotectedEgress);
      htmlEl('h3', `Exposure (${node.exposure.length})`, panelBody);
      if (node.exposure.length === 0) htmlEl('p', 'none beyond the workloads shown', panelBody);
      else {
        const t = table(['direction', 'peer', 'allowed', 'because'], panelBody);
        for (const [direction, peer, conns, reasons] of node.exposure) {
          const tr = htmlEl('tr', '', t);
          htmlEl('td', direction === 0 ? 'ingress' : 'egress', tr);
          htmlEl('td', data.strings[peer], tr);
          htmlEl('td', data.strings[conns], tr);
          const open = direction === 0 ? node.unprotectedIngress : node.unprotectedEgress;
          htmlEl('td', reasons.length ? reasons.map((p) => data.strings[p]).join('; ') : open ? '(not isolated)' : '—', tr);
        }
      }
    }
    connectionsSection('Outgoing', out, (e) => e.dst);
    connectionsSection('Incoming', inc, (e) => e.src);
    panel.hidden = false;
  }

  // ── Search ──
  let matches: number[] = [];
  search.addEventListener('input', () => {
    for (const i of matches) nodeEls[i].classList.remove('match');
    const q = search.value.trim().toLowerCase();
    matches = q ? nodes.map((n, i) => (n.id.toLowerCase().includes(q) ? i : -1)).filter((i) => i >= 0) : [];
    for (const i of matches) nodeEls[i].classList.add('match');
    svg.classList.toggle('searching', q !== '');
    searchCount.textContent = q ? `${matches.length} match${matches.length === 1 ? '' : 'es'}` : '';
  });
  search.addEventListener('keydown', (ev: KeyboardEvent) => {
    if (ev.key !== 'Enter' || matches.length === 0) return;
    const next = matches.find((i) => i > selected) ?? matches[0];
    select(next);
    centreOn(next);
  });
}
