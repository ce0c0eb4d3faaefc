import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiNamespaceLookup, inClusterAccess } from './namespace-lookup.js';
import { generateWebhookTls } from './tls-files.js';

describe('namespace lookup from the API server', () => {
  const tls = generateWebhookTls({ serviceName: 'kubernetes', namespace: 'default' });
  const seen: string[] = [];
  const server = createServer({ cert: tls.certPem + tls.caCertPem, key: tls.keyPem }, (req, res) => {
    seen.push(`${req.url} ${req.headers.authorization}`);
    if (req.url === '/api/v1/namespaces/shop') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { zone: 'internal' } } }));
    } else if (req.url === '/api/v1/namespaces/broken') {
      res.writeHead(500).end('boom');
    } else res.writeHead(404).end('{}');
  });
  let url = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('fetches with the token, verifies the CA and name, caches, and answers null on 404 and errors', async () => {
    const errors: string[] = [];
    let clock = 0;
    const access = { server: url, token: 't0ken', ca: tls.caCertPem };
    // The certificate names kubernetes.default.svc, not 127.0.0.1: the lookup must fail closed.
    const unverified = new ApiNamespaceLookup(access, (m) => errors.push(m), 30_000, 2_000, () => clock);
    assert.equal(await unverified.get('shop'), null);
    assert.match(errors[0], /namespace shop: /);
    unverified.close();

    const lookup = new ApiNamespaceLookup({ ...access, tlsServerName: 'kubernetes.default.svc' }, (m) => errors.push(m), 30_000, 2_000, () => clock);
    const ns = await lookup.get('shop');
    assert.deepEqual(ns?.metadata.labels, { zone: 'internal' });
    assert.ok(seen.includes('/api/v1/namespaces/shop Bearer t0ken'));
    const count = seen.length;
    await lookup.get('shop');
    assert.equal(seen.length, count, 'cached');
    clock = 31_000;
    await lookup.get('shop');
    assert.equal(seen.length, count + 1, 'asked again after the TTL');
    assert.equal(await lookup.get('missing'), null);
    assert.equal(await lookup.get('broken'), null);
    assert.ok(errors.some((e) => /broken: the API server answered 500/.test(e)));
    // Names no Namespace can have (only forged requests carry them) are not asked for.
    const [asked, reported] = [seen.length, errors.length];
    for (const name of ['x'.repeat(100_000), 'Shop', 'a/b', '../secrets', '-a', 'a'.repeat(64)]) assert.equal(await lookup.get(name), null, name.slice(0, 20));
    assert.deepEqual([seen.length, errors.length], [asked, reported]);
    assert.equal(await lookup.get('a'.repeat(63)), null);
    assert.equal(seen.length, asked + 1, 'a 63-character label is a valid name');
    lookup.close();
  });

  it('reads the in-cluster service account, and is absent outside a cluster', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-sa-'));
    writeFileSync(join(dir, 'token'), 'abc\n');
    writeFileSync(join(dir, 'ca.crt'), 'CA');
    const access = inClusterAccess({ KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' }, dir);
    assert.equal(access?.server, 'https://10.96.0.1:443');
    assert.equal(access?.ca, 'CA');
    assert.equal(typeof access?.token === 'function' ? access.token() : access?.token, 'abc');
    assert.equal(inClusterAccess({ KUBERNETES_SERVICE_HOST: 'fd00::1' }, dir)?.server, 'https://[fd00::1]:443');
    assert.equal(inClusterAccess({}, dir), undefined);
    assert.equal(inClusterAccess({ KUBERNETES_SERVICE_HOST: '10.96.0.1' }, join(dir, 'nope')), undefined);
  });
});
