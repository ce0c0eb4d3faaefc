import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeRbac } from '../analyzers/rbac/rbac-analyzer.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { parseAccessRequest } from './access-request.js';
import { SAMPLE_RBAC, assertRbacGolden, sampleFacts } from './sample-rbac.js';
import { renderWhoCanJson, renderWhoCanText, whoCanBySubject } from './who-can.js';

const facts = sampleFacts();

describe('who-can text', () => {
  it('lists each subject with the binding → role → rule and scope (namespaced question)', () => {
    const out = renderWhoCanText(facts, parseAccessRequest('update', 'deployments/scale', { namespace: 'shop' }));
    assertRbacGolden('who-can-namespaced.txt', out);
    assert.match(out, /^Who can update deployments\.apps\/scale in namespace shop \(RoleBindings in shop and every ClusterRoleBinding\)$/m);
    assert.match(out, /^User alice +shop +RoleBinding shop\/deployers → Role shop\/deployer → get,list,update,patch on deployments,deployments\/scale in apps$/m);
    assert.match(out, /^ServiceAccount shop\/ci /m, 'a RoleBinding subject without namespace takes the binding’s');
    assert.match(out, /^3 subjects$/m);
  });

  it('says a question without -n is cluster-wide and suggests -n', () => {
    const out = renderWhoCanText(facts, parseAccessRequest('list', 'pods'));
    assertRbacGolden('who-can-cluster.txt', out);
    assert.match(out, /cluster-wide \(only ClusterRoleBindings apply; add -n NAMESPACE/);
    assert.match(out, /ServiceAccount monitoring\/prometheus +cluster-wide +ClusterRoleBinding prometheus → ClusterRole monitoring → get,list,watch on pods,pods\/log in core/);
    const deployments = renderWhoCanText(facts, parseAccessRequest('get', 'deployments'));
    assert.doesNotMatch(deployments, /alice/, 'RoleBindings do not answer a cluster-wide question');
  });

  it('does not suggest -n for cluster-scoped resources and non-resource URLs', () => {
    const nodes = renderWhoCanText(facts, parseAccessRequest('get', 'nodes'));
    assert.match(nodes, /^Who can get nodes \(cluster-scoped: only ClusterRoleBindings apply\)\nNo subject is allowed\.\n$/);
    const metrics = renderWhoCanText(facts, parseAccessRequest('get', '/metrics'));
    assert.match(metrics, /^Who can get \/metrics \(a non-resource URL: only ClusterRoleBindings grant it\)$/m);
    assert.match(metrics, /ClusterRole monitoring → get on URLs \/metrics$/m);
    assert.doesNotMatch(metrics, /-n NAMESPACE/);
  });

  it('honours resourceNames with --name', () => {
    const allowed = renderWhoCanText(facts, parseAccessRequest('get', 'secrets', { namespace: 'shop', name: 'db-password' }));
    assert.match(allowed, /get on secrets named db-password in core/);
    const denied = renderWhoCanText(facts, parseAccessRequest('get', 'secrets', { namespace: 'shop', name: 'other' }));
    assert.match(denied, /\nNo subject is allowed\.\n$/);
    assert.match(renderWhoCanText(facts, parseAccessRequest('get', 'secrets', { namespace: 'shop' })), /No subject is allowed/, 'a named rule does not allow an unnamed get');
  });

  it('lists input subjects before bootstrap-only ones and counts the latter', () => {
    const withBootstrap = sampleFacts({ bootstrap: true });
    const out = renderWhoCanText(withBootstrap, parseAccessRequest('get', 'pods', { namespace: 'shop' }));
    const subjects = out.split('\n').slice(2, -2).map((l) => l.split('  ')[0]).filter(Boolean);
    assert.ok(subjects.indexOf('Group auditors') < subjects.indexOf('Group system:masters'), out);
    assert.match(out, /Group auditors +cluster-wide +ClusterRoleBinding auditors-view → ClusterRole view → get,list,watch on .*pods/);
    assert.match(out, /ClusterRoleBinding cluster-admin \(bootstrap\) → ClusterRole cluster-admin → \* on \* in \*/);
    assert.match(out, /^\d+ subjects \(\d+ only through Kubernetes' bootstrap bindings\)$/m);
  });

  it('puts every grant of one subject under it, one line each', () => {
    const extra = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-monitoring, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring-pods}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: alice-monitoring}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
`;
    const more = analyzeRbac(parseManifests(SAMPLE_RBAC + extra, 'rbac.yaml').objects, { bootstrap: false });
    const request = parseAccessRequest('watch', 'pods', { namespace: 'shop' });
    const entries = whoCanBySubject(more, request);
    assert.deepEqual(entries.map((e) => `${e.subject.kind}:${e.subject.name}`), ['User:alice', 'ServiceAccount:prometheus']);
    assert.deepEqual(entries[0].grants.map((g) => `${g.binding.kind}/${g.binding.name}`), ['ClusterRoleBinding/alice-monitoring', 'RoleBinding/alice-monitoring']);
    const lines = renderWhoCanText(more, request).split('\n');
    assert.match(lines[2], /^User alice +cluster-wide +ClusterRoleBinding alice-monitoring → ClusterRole monitoring → get,list,watch on pods,pods\/log in core$/);
    assert.match(lines[3], /^ +shop +RoleBinding shop\/alice-monitoring → ClusterRole monitoring-pods → get,list,watch on pods,pods\/log in core$/);
    assert.equal(lines[5], '2 subjects');
  });
});

describe('who-can json', () => {
  it('has the request, the scope and each subject with its grants', () => {
    const json = JSON.parse(renderWhoCanJson(facts, parseAccessRequest('list', 'pods'))) as {
      request: unknown;
      scope: string;
      subjects: { key: string; subject: unknown; grants: { namespace: string | null; binding: { kind: string; name: string; bootstrap: boolean; source?: unknown }; role: { name: string; aggregated: boolean }; ruleIndex: number; rule: { verbs: string[] } }[] }[];
    };
    assert.deepEqual(json.request, { verb: 'list', group: '', resource: 'pods' });
    assert.equal(json.scope, 'cluster');
    assert.equal(json.subjects.length, 1);
    const [s] = json.subjects;
    assert.equal(s.key, 'serviceaccount:monitoring:prometheus');
    assert.deepEqual(s.subject, { kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' });
    assert.equal(s.grants[0].namespace, null);
    assert.deepEqual(s.grants[0].binding, { kind: 'ClusterRoleBinding', name: 'prometheus', bootstrap: false, source: { file: 'deploy/rbac.yaml', line: 42 } });
    assert.equal(s.grants[0].role.name, 'monitoring');
    assert.equal(s.grants[0].role.aggregated, true);
    assert.deepEqual(s.grants[0].rule.verbs, ['get', 'list', 'watch']);
    assertRbacGolden('who-can-namespaced.json', renderWhoCanJson(facts, parseAccessRequest('get', 'secrets', { namespace: 'shop', name: 'db-password' })));
  });
});
