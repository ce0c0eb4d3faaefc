import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../src/testing/repo-root.js';

const bin = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
const insecure = join(repoRoot(), 'examples', 'insecure');
const secure = join(repoRoot(), 'examples', 'secure');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-netpol-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function bulwark(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** web (Deployment) and db (StatefulSet) in shop; db admits web on its named port and anyone on 9187 from 10.0.0.0/8 except 10.1.0.0/16. */
const SHOP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: web:1}]}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c, image: db:1, ports: [{name: pg, containerPort: 5432}]}]}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: pg}]
  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
    ports: [{port: 9187}]
`;
writeFileSync(join(dir, 'shop.yaml'), SHOP);
writeFileSync(join(dir, 'broken.yaml'), 'kind: [\n');

describe('bulwark netpol list', () => {
  it('lists allowed connections in netpol-analyzer notation', () => {
    const r = bulwark(['netpol', 'list', 'shop.yaml']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432'), r.stdout);
    assert.ok(lines.includes('10.0.0.0-10.0.255.255[External] => shop/db[StatefulSet] : TCP 9187'), r.stdout);
    assert.ok(lines.includes('10.2.0.0-10.255.255.255[External] => shop/db[StatefulSet] : TCP 9187'), r.stdout);
    assert.ok(!lines.some((l) => l.startsWith('10.1.0.0-10.1.255.255[External] => shop/db')), 'the except range is not admitted');
    assert.ok(lines.includes('shop/db[StatefulSet] => shop/web[Deployment] : All Connections'), 'web is not isolated');
  });
  it('reads the current directory by default and writes json and csv', () => {
    const json = JSON.parse(bulwark(['netpol', 'list', '-f', 'json']).stdout) as { src: string; dst: string; conn: string }[];
    assert.ok(json.some((c) => c.src === 'shop/web[Deployment]' && c.dst === 'shop/db[StatefulSet]' && c.conn === 'TCP 5432'));
    const csv = bulwark(['netpol', 'list', 'shop.yaml', '-f', 'csv']).stdout.split('\n');
    assert.equal(csv[0], 'src,dst,conn');
  });
  it('writes one self-contained html page with the graph data', () => {
    const r = bulwark(['netpol', 'list', 'shop.yaml', '-f', 'html']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<!DOCTYPE html>/i);
    assert.doesNotMatch(r.stdout, /(src|href)\s*=\s*["']?https?:/i, 'no remote resources');
    const data = /<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(r.stdout);
    assert.ok(data, 'embedded graph data');
    assert.match(data[1], /shop\/db\[StatefulSet\]|db/);
  });
  it('--focus keeps only connections of one workload', () => {
    const lines = bulwark(['netpol', 'list', 'shop.yaml', '--focus', 'shop/web']).stdout.trim().split('\n');
    assert.ok(lines.length > 0);
    for (const l of lines) assert.match(l, /shop\/web\[Deployment\]/);
  });
  it('reports a broken file on stderr with file:line, exits 2, and still lists the rest', () => {
    const r = bulwark(['netpol', 'list', 'broken.yaml', 'shop.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.yaml:2: /);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stdout, /shop\/web\[Deployment\] => shop\/db\[StatefulSet\] : TCP 5432/);
  });
  it('rejects an unknown format with one line and exit 2', () => {
    const r = bulwark(['netpol', 'list', 'shop.yaml', '-f', 'xml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown format "xml"/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});

describe('bulwark netpol exposure', () => {
  it('says who reaches each workload and which rule or missing isolation allows it', () => {
    const r = bulwark(['netpol', 'exposure', 'shop.yaml', '--direction', 'ingress']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^shop\/db\[StatefulSet\] +outside +10\.0\.0\.0-10\.0\.255\.255\[External\] +TCP 9187 +shop\/db ingress\[1\]: ipBlock 10\.0\.0\.0\/8 except 10\.1\.0\.0\/16$/m);
    assert.match(r.stdout, /^shop\/web\[Deployment\] +entire-cluster +entire-cluster +All Connections +not isolated: no NetworkPolicy selects it with policyType Ingress$/m);
    assert.doesNotMatch(r.stdout, /Egress exposure/);
    assert.match(r.stdout, /^2 workloads: 2 reachable from outside the cluster, 1 from every pod of the cluster, 0 from selected pods of any namespace; 1 not isolated for ingress, 2 not isolated for egress\.$/m, "the summary counts both directions");
  });
  it('writes json with scope and reasons', () => {
    const r = bulwark(['netpol', 'exposure', 'shop.yaml', '-f', 'json', '--focus', 'db']);
    const report = JSON.parse(r.stdout) as { exposure: { workload: string; direction: string; scope: string; because: string[] }[]; notIsolated: { workload: string; direction: string }[] };
    assert.ok(report.exposure.every((e) => e.workload === 'shop/db[StatefulSet]'));
    assert.ok(report.exposure.some((e) => e.direction === 'ingress' && e.scope === 'outside' && e.because[0] === 'shop/db ingress[1]: ipBlock 10.0.0.0/8 except 10.1.0.0/16'));
    assert.deepEqual(report.notIsolated, [{ workload: 'shop/db[StatefulSet]', direction: 'egress' }]);
  });
  it('finds nothing reachable from outside in the secure example', () => {
    const r = bulwark(['netpol', 'exposure', secure]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /0 reachable from outside the cluster, 0 from every pod of the cluster/);
    assert.match(r.stdout, /shop\/frontend\[Deployment\] +selected-namespaces +ingress-nginx\/\[all pods\] +TCP 8080/);
  });
});

describe('bulwark netpol diff', () => {
  it('shows what the secure policies change relative to the insecure ones', () => {
    const r = bulwark(['netpol', 'diff', insecure, secure]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Connectivity diff:$/m);
    assert.match(r.stdout, /^diff-type: (removed|changed), source: /m);
  });
  it('needs two arguments', () => {
    const r = bulwark(['netpol', 'diff', insecure]);
    assert.equal(r.code, 2);
  });
});
