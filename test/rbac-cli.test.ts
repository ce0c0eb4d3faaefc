import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SAMPLE_RBAC } from '../src/rbac-report/sample-rbac.js';
import { repoRoot } from '../src/testing/repo-root.js';

const bin = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
const insecure = join(repoRoot(), 'examples', 'insecure');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-rbac-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'rbac.yaml'), SAMPLE_RBAC);
// Outside `dir`, which the commands read by default.
const bad = mkdtempSync(join(tmpdir(), 'bulwark-rbac-cli-bad-'));
after(() => rmSync(bad, { recursive: true, force: true }));
writeFileSync(join(bad, 'broken.yaml'), 'kind: [\n');

function bulwark(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bulwark rbac who-can', () => {
  it('answers from the manifests in the current directory by default', () => {
    const r = bulwark(['rbac', 'who-can', 'patch', 'deployments', '-n', 'shop']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Who can patch deployments\.apps in namespace shop/);
    assert.match(r.stdout, /^User alice +shop +RoleBinding shop\/deployers → Role shop\/deployer → get,list,update,patch on deployments,deployments\/scale in apps$/m);
    assert.match(r.stdout, /^Group system:masters +cluster-wide +ClusterRoleBinding cluster-admin \(bootstrap\) → ClusterRole cluster-admin → \* on \* in \*$/m, 'bootstrap bindings are always part of the answer');
  });

  it('finds the cluster-admin grant in examples/insecure', () => {
    const r = bulwark(['rbac', 'who-can', 'delete', 'secrets', insecure]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /cluster-wide \(only ClusterRoleBindings apply; add -n NAMESPACE/);
    assert.match(r.stdout, /^ServiceAccount shop\/shop-api +cluster-wide +ClusterRoleBinding shop-api-admin → ClusterRole cluster-admin → \* on \* in \*$/m);
    const ns = bulwark(['rbac', 'who-can', 'create', 'pods/exec', '-n', 'shop', insecure]);
    assert.match(ns.stdout, /^ +shop +RoleBinding shop\/shop-api → Role shop\/shop-api → \* on \* in \*$/m);
  });

  it('writes JSON, reads stdin, and takes --name, --group and non-resource URLs', () => {
    const r = bulwark(['rbac', 'who-can', 'get', 'secrets', '-n', 'shop', '--name', 'db-password', '--format', 'json', '-'], SAMPLE_RBAC);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { request: unknown; subjects: { key: string; grants: { binding: { source?: { file: string } } }[] }[] };
    assert.deepEqual(json.request, { verb: 'get', group: '', resource: 'secrets', namespace: 'shop', name: 'db-password' });
    assert.ok(json.subjects.some((s) => s.key === 'serviceaccount:shop:ci' && s.grants[0].binding.source?.file === '<stdin>'));
    const other = JSON.parse(bulwark(['rbac', 'who-can', 'get', 'secrets', '-n', 'shop', '--name', 'other', '-f', 'json', 'rbac.yaml']).stdout) as { subjects: { key: string }[] };
    assert.ok(!other.subjects.some((s) => s.key === 'user:alice'));
    const urls = bulwark(['rbac', 'who-can', 'get', '/metrics', 'rbac.yaml']);
    assert.match(urls.stdout, /^ServiceAccount monitoring\/prometheus +cluster-wide +ClusterRoleBinding prometheus → ClusterRole monitoring → get on URLs \/metrics$/m);
    const group = bulwark(['rbac', 'who-can', 'get', 'deployments', '--group', 'extensions', '-n', 'shop', 'rbac.yaml']);
    assert.match(group.stdout, /^Who can get deployments\.extensions in namespace shop/);
    assert.doesNotMatch(group.stdout, /alice/);
  });
});

describe('bulwark rbac explain', () => {
  it('prints the permission table per scope', () => {
    const r = bulwark(['rbac', 'explain', 'serviceaccount:shop:shop-api', insecure]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Permissions of ServiceAccount shop\/shop-api /);
    assert.match(r.stdout, /^Cluster-wide \(ClusterRoleBindings/m);
    assert.match(r.stdout, /^ {2}\* +\* +\* +ClusterRoleBinding shop-api-admin → ClusterRole cluster-admin$/m);
    assert.match(r.stdout, /^Namespace shop \(RoleBindings\)\n.*\n {2}\* +\* +\* +RoleBinding shop\/shop-api → Role shop\/shop-api$/m);
  });

  it('accepts user:, group: and sa: and writes JSON', () => {
    const user = JSON.parse(bulwark(['rbac', 'explain', 'user:alice', '-f', 'json']).stdout) as { key: string; scopes: { namespace: string | null }[] };
    assert.equal(user.key, 'user:alice');
    assert.deepEqual(user.scopes.map((s) => s.namespace), [null, 'shop']);
    assert.match(bulwark(['rbac', 'explain', 'group:auditors']).stdout, /ClusterRoleBinding auditors-view → ClusterRole view/);
    assert.match(bulwark(['rbac', 'explain', 'sa:shop:ci']).stdout, /^Namespace shop \(RoleBindings\)$/m);
  });
});

describe('bulwark rbac graph', () => {
  it('writes DOT by default with bootstrap nodes dashed', () => {
    const r = bulwark(['rbac', 'graph']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^digraph rbac \{/);
    assert.match(r.stdout, /"role:ClusterRole:view" \[label="ClusterRole\\nview\\n\(aggregated\)", shape=box, style="rounded,dashed"\];/);
    assert.doesNotMatch(r.stdout, /binding:ClusterRoleBinding:cluster-admin/);
  });

  it('writes JSON, with bootstrap bindings on request', () => {
    const plain = JSON.parse(bulwark(['rbac', 'graph', '-f', 'json', insecure]).stdout) as { nodes: { id: string }[]; edges: unknown[] };
    assert.deepEqual(
      plain.nodes.map((n) => n.id),
      [
        'subject:serviceaccount:shop:shop-api',
        'binding:ClusterRoleBinding:shop-api-admin',
        'binding:RoleBinding:shop/shop-api',
        'role:Role:shop/shop-api',
        'role:ClusterRole:cluster-admin',
      ],
    );
    const all = JSON.parse(bulwark(['rbac', 'graph', '--format', 'json', '--include-bootstrap', insecure]).stdout) as { nodes: { id: string; bootstrap: boolean }[] };
    assert.ok(all.nodes.some((n) => n.id === 'binding:ClusterRoleBinding:cluster-admin' && n.bootstrap));
    assert.ok(all.nodes.length > 100);
  });
});

describe('bulwark rbac errors', () => {
  it('exits 2 with one line on usage errors', () => {
    const cases = [
      ['rbac', 'explain', 'alice'],
      ['rbac', 'explain', 'serviceaccount:shop'],
      ['rbac', 'explain'],
      ['rbac', 'who-can', 'get'],
      ['rbac', 'who-can'],
      ['rbac', 'who-can', 'get', 'pods', '--format', 'yaml'],
      ['rbac', 'who-can', 'get', '/metrics', '-n', 'shop'],
      ['rbac', 'who-can', 'get', 'nodes', '-n', 'shop'],
      ['rbac', 'who-can', 'get', 'deployments.apps', '--group', 'extensions'],
      ['rbac', 'graph', '--format', 'png'],
      ['rbac', 'frobnicate'],
    ];
    for (const args of cases) {
      const r = bulwark(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
    }
    assert.match(bulwark(['rbac', 'explain', 'alice']).stderr, /^bulwark: unknown subject "alice" \(expected serviceaccount:NAMESPACE:NAME, user:NAME or group:NAME\)\n$/);
  });

  it('answers from what it could read and exits 2 on unreadable input', () => {
    const r = bulwark(['rbac', 'who-can', 'get', 'secrets', '-n', 'shop', '--name', 'db-password', bad, 'rbac.yaml', 'missing.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /User alice/);
    assert.match(r.stderr, /broken\.yaml:2: invalid YAML/);
    assert.match(r.stderr, /missing\.yaml: no such file or directory/);
  });

  it('has help for every subcommand', () => {
    const r = bulwark(['rbac', '--help']);
    assert.equal(r.code, 0);
    for (const sub of ['who-can', 'explain', 'graph']) assert.match(r.stdout, new RegExp(`\\b${sub}\\b`));
    assert.match(bulwark(['rbac', 'who-can', '--help']).stdout, /-n, --namespace <namespace>/);
  });
});
