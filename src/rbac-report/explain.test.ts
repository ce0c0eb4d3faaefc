import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Subject } from '../analyzers/rbac/rbac-types.js';
import { analyzeRbac } from '../analyzers/rbac/rbac-analyzer.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { explainJson, explainSubject, renderExplainJson, renderExplainText } from './explain.js';
import { SAMPLE_RBAC, assertRbacGolden, sampleFacts } from './sample-rbac.js';

const facts = sampleFacts();
const alice: Subject = { kind: 'User', name: 'alice' };
const prometheus: Subject = { kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' };

describe('explain text', () => {
  it('shows the rules per namespace with the binding → role they come from', () => {
    const out = renderExplainText(facts, alice);
    assertRbacGolden('explain-user.txt', out);
    assert.match(out, /^Permissions of User alice \(user alice; groups system:authenticated\)$/m);
    assert.match(out, /^Namespace shop \(RoleBindings\)$/m);
    assert.match(out, /^ {2}get +secrets +core +db-password +RoleBinding shop\/deployers → Role shop\/deployer$/m);
    assert.doesNotMatch(out, /Cluster-wide/, 'no ClusterRoleBinding names alice');
    assert.match(out, /^2 rules through 1 binding$/m);
  });

  it('puts cluster-wide rules first and lists non-resource URLs as such', () => {
    const out = renderExplainText(facts, prometheus);
    assertRbacGolden('explain-serviceaccount.txt', out);
    assert.match(out, /groups system:serviceaccounts, system:serviceaccounts:monitoring, system:authenticated/);
    assert.match(out, /^ {2}get +\/metrics +\(non-resource URLs\) +ClusterRoleBinding prometheus → ClusterRole monitoring$/m);
  });

  it('shows what a subject gets through its groups, marked', () => {
    const withBootstrap = sampleFacts({ bootstrap: true });
    const out = renderExplainText(withBootstrap, alice);
    assert.match(out, /ClusterRoleBinding system:basic-user \(bootstrap\) → ClusterRole system:basic-user \[as Group system:authenticated\]/);
    const lines = out.split('\n');
    assert.ok(lines.indexOf('Cluster-wide (ClusterRoleBindings: every namespace and cluster-scoped resources)') < lines.indexOf('Namespace shop (RoleBindings)'));
    const group = renderExplainText(withBootstrap, { kind: 'Group', name: 'auditors' });
    // Members of a group are authenticated users: they also get what system:authenticated gets.
    assert.match(group, /^Permissions of Group auditors \(groups auditors, system:authenticated\)$/m);
    assert.match(group, /system:basic-user \[as Group system:authenticated\]$/m);
    assert.match(group, /ClusterRoleBinding auditors-view → ClusterRole view$/m);
  });

  it('warns when no binding names the subject (a typo, or a subject with no grants)', () => {
    const out = renderExplainText(facts, { kind: 'User', name: 'Alice' });
    assert.equal(out, 'Permissions of User Alice (user Alice; groups system:authenticated)\nNo binding names User Alice or its groups (names are case-sensitive), so it may do nothing.\n');
    const viaGroups = renderExplainText(sampleFacts({ bootstrap: true }), { kind: 'User', name: 'Alice' });
    assert.match(viaGroups, /^Note: no binding names User Alice itself; everything below comes through its groups\.$/m);
    assert.doesNotMatch(renderExplainText(sampleFacts({ bootstrap: true }), alice), /Note:/);
  });

  it('lists non-resource URL rules bound by a RoleBinding as ignored, since they grant nothing', () => {
    const extra = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: carol-monitoring, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring-pods}
subjects: [{kind: User, name: carol, apiGroup: rbac.authorization.k8s.io}]
`;
    const more = analyzeRbac(parseManifests(SAMPLE_RBAC + extra, 'rbac.yaml').objects, { bootstrap: false });
    const carol: Subject = { kind: 'User', name: 'carol' };
    const out = renderExplainText(more, carol);
    assert.match(out, /^ {2}get,list,watch +pods,pods\/log +core +RoleBinding shop\/carol-monitoring → ClusterRole monitoring-pods$/m);
    assert.match(out, /^ {2}Ignored: get on URLs \/metrics via RoleBinding shop\/carol-monitoring → ClusterRole monitoring-pods \(a RoleBinding grants no non-resource URLs\)$/m);
    assert.match(out, /^1 rule through 1 binding$/m);
    const json = explainJson(more, carol) as { scopes: { rules: unknown[]; ignored: { nonResourceURLs: string[] }[] }[] };
    assert.equal(json.scopes[0].rules.length, 1);
    assert.deepEqual(json.scopes[0].ignored.map((r) => r.nonResourceURLs), [['/metrics']]);
  });

  it('groups by scope: cluster-wide first, then namespaces in order', () => {
    const { scopes } = explainSubject(sampleFacts({ bootstrap: true }), { kind: 'ServiceAccount', name: 'ci', namespace: 'shop' });
    assert.equal(scopes[0].namespace, undefined);
    assert.deepEqual(scopes.slice(1).map((s) => s.namespace), ['shop']);
  });
});

describe('explain json', () => {
  it('has the subject, its identity and per-scope rules with where they come from', () => {
    const out = renderExplainJson(facts, { kind: 'ServiceAccount', name: 'ci', namespace: 'shop' });
    assertRbacGolden('explain-serviceaccount.json', out);
    const json = JSON.parse(out) as {
      key: string;
      identity: { user: string; groups: string[] };
      scopes: { namespace: string | null; rules: { verbs: string[]; resourceNames: string[]; via: { subject: unknown; binding: { name: string }; role: { name: string }; ruleIndex: number } }[] }[];
    };
    assert.equal(json.key, 'serviceaccount:shop:ci');
    assert.equal(json.identity.user, 'system:serviceaccount:shop:ci');
    assert.deepEqual(json.scopes.map((s) => s.namespace), ['shop']);
    assert.deepEqual(json.scopes[0].rules[1].resourceNames, ['db-password']);
    assert.deepEqual(json.scopes[0].rules[1].via.subject, { kind: 'ServiceAccount', name: 'ci', namespace: 'shop' });
    assert.equal(json.scopes[0].rules[1].via.ruleIndex, 1);
  });
});
