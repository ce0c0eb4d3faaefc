import type { WorkloadEndpoint } from '../analyzers/network/endpoints.js';
import { peerName, type AllowedConnection } from '../analyzers/network/network-analyzer.js';
import { focusMatches } from './connlist.js';
import { compareText as compare } from '../reporters/plain-text.js';

function q(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}


/**
 * Graphviz DOT in netpol-analyzer's layout: one cluster per namespace holding its workloads (blue),
 * external ranges (red) at the top level, and one edge per allowed connection labelled with what it allows.
 */
export function renderConnlistDot(connections: AllowedConnection[], endpoints: WorkloadEndpoint[], focus?: string): string {
  const shown = focus === undefined ? connections : connections.filter((c) => focusMatches(c.src, focus) || focusMatches(c.dst, focus));
  const workloads = focus === undefined ? endpoints : endpoints.filter((e) => focusMatches({ type: 'workload', endpoint: e }, focus) || shown.some((c) => (c.src.type === 'workload' && c.src.endpoint === e) || (c.dst.type === 'workload' && c.dst.endpoint === e)));
  const byNamespace = new Map<string, WorkloadEndpoint[]>();
  for (const e of workloads) {
    let list = byNamespace.get(e.namespace);
    if (!list) byNamespace.set(e.namespace, (list = []));
    list.push(e);
  }
  const lines = ['digraph {'];
  for (const ns of [...byNamespace.keys()].sort(compare)) {
    lines.push(`\tsubgraph ${q(`cluster_${ns}[namespace]`)} {`, '\t\tcolor="black"', '\t\tfontcolor="black"');
    const nodes = byNamespace.get(ns)!.map((e) => ({ id: `${e.namespace}/${e.name}[${e.kind}]`, label: `${e.name}[${e.kind}]` }));
    for (const node of nodes.sort((a, b) => compare(a.id, b.id))) lines.push(`\t\t${q(node.id)} [label=${q(node.label)} color="blue" fontcolor="blue"]`);
    lines.push(`\t\tlabel=${q(`${ns}[namespace]`)}`, '\t}');
  }
  const externals = new Set<string>();
  for (const c of shown) for (const p of [c.src, c.dst]) if (p.type === 'external') externals.add(peerName(p));
  for (const x of [...externals].sort(compare)) lines.push(`\t${q(x)} [label=${q(x)} color="red2" fontcolor="red2"]`);
  const edges = shown.map((c) => ({ src: peerName(c.src), dst: peerName(c.dst), conn: c.conns.toString(), weight: c.src.type === 'external' ? '0.5' : '1' }));
  edges.sort((a, b) => compare(a.src, b.src) || compare(a.dst, b.dst));
  for (const e of edges) lines.push(`\t${q(e.src)} -> ${q(e.dst)} [label=${q(e.conn)} color="gold2" fontcolor="darkgreen" weight=${e.weight}]`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
