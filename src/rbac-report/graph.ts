import type { BindingInfo, RbacFacts, RoleInfo, Subject } from '../analyzers/rbac/rbac-types.js';
import { subjectKey } from '../analyzers/rbac/subjects.js';
import { compareSubjects, sourceOf } from './format.js';
import { compareText } from '../reporters/plain-text.js';

export interface GraphOptions {
  /** Also draw Kubernetes' bootstrap bindings (and what they bind); by default only input bindings are drawn. */
  includeBootstrap?: boolean;
}

export interface GraphNode {
  id: string;
  type: 'subject' | 'binding' | 'role';
  kind: string;
  name: string;
  namespace?: string;
  /** From the shipped bootstrap policy rather than the input (for a subject: named by bootstrap bindings only). */
  bootstrap: boolean;
  /** Roles: rules computed by aggregation. */
  aggregated?: boolean;
  /** Roles: referenced by a binding but defined neither in the input nor in the bootstrap policy. */
  missing?: boolean;
  source?: { file: string; line: number } | { cluster: string; uid: string };
}

export interface GraphEdge {
  from: string;
  to: string;
  /** subject → binding that names it; binding → its roleRef; source role → the aggregated role it feeds. */
  type: 'subject' | 'roleRef' | 'aggregation';
}

export interface RbacGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const subjectId = (s: Subject): string => `subject:${subjectKey(s)}`;
const bindingId = (b: BindingInfo): string => `binding:${b.kind}:${b.namespace !== undefined ? `${b.namespace}/` : ''}${b.name}`;
const roleId = (kind: string, namespace: string | undefined, name: string): string =>
  `role:${kind}:${namespace !== undefined ? `${namespace}/` : ''}${name}`;

/**
 * Subjects → bindings → roles, plus aggregation edges from the ClusterRoles an aggregated role selects.
 * Drawn: input bindings (all bindings with includeBootstrap), every input role, the roles the drawn
 * bindings reference (a missing one as a `missing` node), and aggregation sources and targets of drawn roles.
 */
export function buildGraph(facts: RbacFacts, options: GraphOptions = {}): RbacGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const addEdge = (from: string, to: string, type: GraphEdge['type']): void => {
    edges.set(`${from}\u0000${to}\u0000${type}`, { from, to, type });
  };
  const roleQueue: RoleInfo[] = [];
  const addRole = (role: RoleInfo): string => {
    const id = roleId(role.kind, role.namespace, role.name);
    if (!nodes.has(id)) {
      nodes.set(id, {
        id,
        type: 'role',
        kind: role.kind,
        name: role.name,
        ...(role.namespace !== undefined ? { namespace: role.namespace } : {}),
        bootstrap: role.bootstrap,
        aggregated: role.aggregated,
        ...(role.source ? { source: sourceOf(role.source.source) } : {}),
      });
      roleQueue.push(role);
    }
    return id;
  };

  const subjectNodes = new Map<string, { subject: Subject; bootstrap: boolean }>();
  const bindings = facts.bindings.filter((b) => options.includeBootstrap || !b.bootstrap);
  for (const b of bindings) {
    const id = bindingId(b);
    nodes.set(id, {
      id,
      type: 'binding',
      kind: b.kind,
      name: b.name,
      ...(b.namespace !== undefined ? { namespace: b.namespace } : {}),
      bootstrap: b.bootstrap,
      ...(b.source ? { source: sourceOf(b.source.source) } : {}),
    });
    for (const s of b.subjects) {
      const sid = subjectId(s);
      const seen = subjectNodes.get(sid);
      subjectNodes.set(sid, { subject: s, bootstrap: (seen?.bootstrap ?? true) && b.bootstrap });
      addEdge(sid, id, 'subject');
    }
    if (b.role) {
      addEdge(id, addRole(b.role), 'roleRef');
    } else {
      const namespace = b.roleRef.kind === 'Role' ? b.namespace : undefined;
      const rid = roleId(b.roleRef.kind, namespace, b.roleRef.name);
      if (!nodes.has(rid)) {
        nodes.set(rid, {
          id: rid,
          type: 'role',
          kind: b.roleRef.kind,
          name: b.roleRef.name,
          ...(namespace !== undefined ? { namespace } : {}),
          bootstrap: false,
          missing: true,
        });
      }
      addEdge(id, rid, 'roleRef');
    }
  }
  for (const role of facts.roles) if (!role.bootstrap) addRole(role);

  // Aggregation, both ways, until no new role appears: the sources an aggregated role selects, and
  // the aggregated roles an input role feeds (only where the target really selects it).
  for (let i = 0; i < roleQueue.length; i++) {
    const role = roleQueue[i];
    if (role.kind !== 'ClusterRole') continue;
    const id = roleId(role.kind, undefined, role.name);
    for (const sourceName of role.aggregatedFrom) {
      const source = facts.role('ClusterRole', undefined, sourceName);
      if (source) addEdge(addRole(source), id, 'aggregation');
    }
    if (role.bootstrap && !options.includeBootstrap) continue;
    for (const targetName of role.aggregatesInto) {
      const target = facts.role('ClusterRole', undefined, targetName);
      if (target?.aggregatedFrom.includes(role.name)) addEdge(id, addRole(target), 'aggregation');
    }
  }

  for (const [id, { subject, bootstrap }] of subjectNodes) {
    nodes.set(id, {
      id,
      type: 'subject',
      kind: subject.kind,
      name: subject.name,
      ...(subject.namespace !== undefined ? { namespace: subject.namespace } : {}),
      bootstrap,
    });
  }

  const subjectOrder = new Map(
    [...subjectNodes.entries()].sort(([, a], [, b]) => compareSubjects(a.subject, b.subject)).map(([id], i) => [id, i]),
  );
  const typeOrder: Record<GraphNode['type'], number> = { subject: 0, binding: 1, role: 2 };
  const sortedNodes = [...nodes.values()].sort(
    (a, b) =>
      typeOrder[a.type] - typeOrder[b.type] ||
      Number(a.bootstrap) - Number(b.bootstrap) ||
      (a.type === 'subject' ? (subjectOrder.get(a.id) ?? 0) - (subjectOrder.get(b.id) ?? 0) : 0) ||
      compareText(a.id, b.id),
  );
  const edgeOrder: Record<GraphEdge['type'], number> = { subject: 0, roleRef: 1, aggregation: 2 };
  const sortedEdges = [...edges.values()].sort((a, b) => edgeOrder[a.type] - edgeOrder[b.type] || compareText(a.from, b.from) || compareText(a.to, b.to));
  return { nodes: sortedNodes, edges: sortedEdges };
}

export function renderGraphJson(facts: RbacFacts, options: GraphOptions = {}): string {
  return `${JSON.stringify(buildGraph(facts, options), null, 2)}\n`;
}

/** Graphviz: subjects as ellipses, bindings as boxes, roles as rounded boxes; bootstrap dashed, missing roles red. */
export function renderGraphDot(facts: RbacFacts, options: GraphOptions = {}): string {
  const graph = buildGraph(facts, options);
  const lines = [
    'digraph rbac {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const n of graph.nodes) lines.push(`  ${quote(n.id)} [${nodeAttributes(n)}];`);
  for (const e of graph.edges) {
    const attrs = e.type === 'aggregation' ? ' [style=dotted, label="aggregated into"]' : '';
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)}${attrs};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeAttributes(n: GraphNode): string {
  const qualifiedName = n.namespace !== undefined ? `${n.namespace}/${n.name}` : n.name;
  const notes = [n.aggregated ? '(aggregated)' : '', n.missing ? '(missing)' : ''].filter(Boolean);
  const label = [n.kind, qualifiedName, ...notes].join('\n');
  const styles: string[] = [];
  if (n.type === 'role') styles.push('rounded');
  if (n.bootstrap || n.missing) styles.push('dashed');
  const attrs = [`label=${quote(label)}`, `shape=${n.type === 'subject' ? 'ellipse' : 'box'}`];
  if (styles.length > 0) attrs.push(`style=${quote(styles.join(','))}`);
  if (n.missing) attrs.push('color=red', 'fontcolor=red');
  return attrs.join(', ');
}

/** A DOT double-quoted string; newlines become DOT's `\n` line breaks. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
