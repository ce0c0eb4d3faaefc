import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeRbac } from '../analyzers/rbac/rbac-analyzer.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { buildGraph, renderGraphDot, renderGraphJson, type RbacGraph } from './graph.js';
import { assertRbacGolden, sampleFacts } from './sample-rbac.js';

const facts = sampleFacts({ bootstrap: true });
const ids = (g: RbacGraph, type?: string): string[] => g.nodes.filter((n) => !type || n.type === type).map((n) => n.id);
const hasEdge = (g: RbacGraph, from: string, to: string, type: string): boolean => g.edges.some((e) => e.from === from && e.to === to && e.type === type);

describe('rbac graph', () => {
  it('draws input bindings, their subjects and roles, and aggregation sources', () => {
    const g = buildGraph(facts);
    assert.deepEqual(ids(g, 'binding'), [
      'binding:ClusterRoleBinding:auditors-view',
      'binding:ClusterRoleBinding:prometheus',
      'binding:RoleBinding:shop/deployers',
      'binding:RoleBinding:shop/legacy',
    ]);
    assert.deepEqual(ids(g, 'subject'), [
      'subject:user:alice',
      'subject:user:bob',
      'subject:group:auditors',
      'subject:group:devs',
      'subject:serviceaccount:monitoring:prometheus',
      'subject:serviceaccount:shop:ci',
    ]);
    assert.ok(hasEdge(g, 'subject:serviceaccount:shop:ci', 'binding:RoleBinding:shop/deployers', 'subject'));
    assert.ok(hasEdge(g, 'binding:RoleBinding:shop/deployers', 'role:Role:shop/deployer', 'roleRef'));
    assert.ok(hasEdge(g, 'role:ClusterRole:monitoring-pods', 'role:ClusterRole:monitoring', 'aggregation'));
    assert.ok(hasEdge(g, 'role:ClusterRole:system:aggregate-to-view', 'role:ClusterRole:view', 'aggregation'), 'the bootstrap view role is drawn with its sources');
    const view = g.nodes.find((n) => n.id === 'role:ClusterRole:view');
    assert.deepEqual({ bootstrap: view?.bootstrap, aggregated: view?.aggregated }, { bootstrap: true, aggregated: true });
    assert.ok(!ids(g).includes('binding:ClusterRoleBinding:cluster-admin'), 'no bootstrap bindings by default');
    assert.ok(!ids(g).includes('role:ClusterRole:edit'), 'bootstrap roles nobody in the input binds are left out');
  });

  it('shows a binding to a missing role as a missing role node', () => {
    const g = buildGraph(facts);
    const missing = g.nodes.find((n) => n.id === 'role:Role:shop/removed-role');
    assert.deepEqual(missing, { id: 'role:Role:shop/removed-role', type: 'role', kind: 'Role', name: 'removed-role', namespace: 'shop', bootstrap: false, missing: true });
    assert.ok(hasEdge(g, 'binding:RoleBinding:shop/legacy', 'role:Role:shop/removed-role', 'roleRef'));
  });

  it('adds bootstrap bindings with --include-bootstrap, and marks subjects only they name', () => {
    const g = buildGraph(facts, { includeBootstrap: true });
    assert.ok(ids(g).includes('binding:ClusterRoleBinding:cluster-admin'));
    assert.equal(g.nodes.find((n) => n.id === 'subject:group:system:masters')?.bootstrap, true);
    assert.equal(g.nodes.find((n) => n.id === 'subject:user:alice')?.bootstrap, false);
    assert.ok(hasEdge(g, 'subject:group:system:masters', 'binding:ClusterRoleBinding:cluster-admin', 'subject'));
    // Input roles come before bootstrap ones of the same type.
    const roles = g.nodes.filter((n) => n.type === 'role');
    assert.ok(roles.findIndex((n) => n.bootstrap) > roles.findIndex((n) => !n.bootstrap));
  });

  it('draws an input role that feeds a bootstrap aggregated role, with the edge', () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widgets-view
  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
rules: [{apiGroups: [example.com], resources: [widgets], verbs: [get]}]
`;
    const g = buildGraph(analyzeRbac(parseManifests(text, 'x.yaml').objects));
    assert.ok(hasEdge(g, 'role:ClusterRole:widgets-view', 'role:ClusterRole:view', 'aggregation'));
    assert.ok(ids(g).includes('role:ClusterRole:system:aggregate-to-view'));
  });

  it('renders DOT: bootstrap nodes dashed, missing roles red, aggregation dotted', () => {
    const dot = renderGraphDot(facts);
    assertRbacGolden('graph.dot', dot);
    assert.match(dot, /^digraph rbac \{\n/);
    assert.match(dot, /"role:ClusterRole:view" \[label="ClusterRole\\nview\\n\(aggregated\)", shape=box, style="rounded,dashed"\];/);
    assert.match(dot, /"role:Role:shop\/deployer" \[label="Role\\nshop\/deployer", shape=box, style="rounded"\];/);
    assert.match(dot, /"role:Role:shop\/removed-role" \[.*\(missing\)", shape=box, style="rounded,dashed", color=red, fontcolor=red\];/);
    assert.match(dot, /"role:ClusterRole:monitoring-pods" -> "role:ClusterRole:monitoring" \[style=dotted, label="aggregated into"\];/);
    assert.match(dot, /"subject:user:alice" -> "binding:RoleBinding:shop\/deployers";/);
  });

  it('quotes DOT strings', () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: odd}
roleRef: {kind: ClusterRole, name: view}
subjects: [{kind: User, name: 'say "hi" \\ bye', apiGroup: rbac.authorization.k8s.io}]
`;
    const dot = renderGraphDot(analyzeRbac(parseManifests(text, 'x.yaml').objects));
    assert.ok(dot.includes('"subject:user:say \\"hi\\" \\\\ bye" [label="User\\nsay \\"hi\\" \\\\ bye", shape=ellipse];'), dot);
  });

  it('renders JSON nodes and edges', () => {
    const out = renderGraphJson(facts);
    assertRbacGolden('graph.json', out);
    const json = JSON.parse(out) as RbacGraph;
    assert.deepEqual(json, buildGraph(facts));
    const deployer = json.nodes.find((n) => n.id === 'role:Role:shop/deployer');
    assert.deepEqual(deployer?.source, { file: 'deploy/rbac.yaml', line: 1 });
  });
});
