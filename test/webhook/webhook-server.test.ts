/** The webhook end to end over real HTTPS: a server on 127.0.0.1:0 and a client that verifies its certificate. */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { BUILTIN_CHECKS } from '../../src/checks/index.js';
import type { K8sObject } from '../../src/model/types.js';
import { parseConfig } from '../../src/policy/config.js';
import { compilePolicyChecks } from '../../src/policy/custom/index.js';
import { DecisionPool } from '../../src/server/decision-pool.js';
import { EMPTY_CONFIG as NO_CONFIG } from '../../src/policy/config.js';
import { WebhookMetrics } from '../../src/server/metrics.js';
import type { LogEntry } from '../../src/server/webhook-server.js';
import { admissionReview, call, deployment, HARDENED, makeCert, startServer, type StartedServer } from './webhook-test-support.js';

const started: StartedServer[] = [];
async function server(...args: Parameters<typeof startServer>): Promise<StartedServer> {
  const s = await startServer(...args);
  started.push(s);
  return s;
}
after(async () => {
  for (const s of started) {
    await s.server.drain(100);
    rmSync(s.cert.dir, { recursive: true, force: true });
  }
});

function review(body: string): { uid: string; allowed: boolean; status?: { code: number; reason: string; message: string }; warnings?: string[] } {
  const parsed = JSON.parse(body) as { apiVersion: string; kind: string; response: ReturnType<typeof review> };
  assert.equal(parsed.kind, 'AdmissionReview');
  return parsed.response;
}

describe('webhook server over HTTPS', () => {
  let s: StartedServer;
  before(async () => {
    s = await server({}, { requestTimeoutMs: 400 });
  });

  it('admits a hardened Deployment (with warnings) and denies a privileged one with 403 and every reason', async () => {
    const ok = await call(s.port, s.ca, { body: admissionReview(deployment('web', HARDENED), { uid: 'ok-1' }) });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['content-type'], 'application/json');
    const okReview = review(ok.body);
    assert.equal(okReview.uid, 'ok-1');
    assert.equal(okReview.allowed, true);
    assert.ok((okReview.warnings ?? []).length > 0);

    const bad = await call(s.port, s.ca, { body: admissionReview(deployment('evil', { privileged: true }), { uid: 'bad-1' }) });
    const badReview = review(bad.body);
    assert.equal(bad.status, 200);
    assert.equal(badReview.uid, 'bad-1');
    assert.equal(badReview.allowed, false);
    assert.equal(badReview.status?.code, 403);
    assert.equal(badReview.status?.reason, 'Forbidden');
    for (const id of ['no-privileged-container', 'no-privilege-escalation', 'require-run-as-non-root']) assert.match(badReview.status?.message ?? '', new RegExp(`${id}: .+? Fix: `));

    const line = s.logs.find((l) => l.uid === 'bad-1');
    assert.equal(line?.verdict, 'denied');
    assert.equal(line?.kind, 'Deployment');
    assert.equal(line?.namespace, 'shop');
    assert.equal(line?.name, 'evil');
    assert.equal(line?.user, 'alice@example.com');
    assert.ok(Array.isArray(line?.checks) && (line.checks as string[]).includes('no-privileged-container'));
    assert.equal(typeof line?.ms, 'number');
  });

  it('enforces custom CEL policies with the real request, the namespace from the lookup and the policy\'s reason', async () => {
    const config = parseConfig(
      `policies:
  - apiVersion: bulwark.dev/v1
    kind: BulwarkPolicy
    metadata: {name: owner-label-in-prod}
    spec:
      title: Workloads in production namespaces name their owner
      severity: high
      enforcement: deny
      match:
        kinds: [Deployment]
        namespaceSelector: {matchLabels: {env: prod}}
      validations:
        - expression: "'owner' in object.metadata.?labels.orValue({})"
          messageExpression: "request.userInfo.username + ' must label ' + object.metadata.name + ' with its owner in ' + namespaceObject.metadata.name"
          reason: Invalid
`,
      '.bulwark.yaml',
    );
    const namespaces: Record<string, K8sObject> = {
      shop: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { env: 'prod' } } },
    };
    const asked: string[] = [];
    const custom = await server(
      { config, checks: [...BUILTIN_CHECKS, ...compilePolicyChecks(config.policies)] },
      { namespaceLookup: { get: async (name) => (asked.push(name), namespaces[name] ?? null) } },
    );
    const denied = review((await call(custom.port, custom.ca, { body: admissionReview(deployment('web', HARDENED), { uid: 'c-1' }) })).body);
    assert.equal(denied.allowed, false);
    assert.equal(denied.status?.reason, 'Invalid');
    assert.match(denied.status?.message ?? '', /owner-label-in-prod: alice@example.com must label web with its owner in shop Fix: /);
    assert.deepEqual(asked, ['shop']);

    const labelled = { ...deployment('web', HARDENED), metadata: { name: 'web', labels: { owner: 'payments' } } };
    assert.equal(review((await call(custom.port, custom.ca, { body: admissionReview(labelled, { uid: 'c-2' }) })).body).allowed, true);
    // Another namespace without env=prod: the policy does not apply.
    const elsewhere = review((await call(custom.port, custom.ca, { body: admissionReview(deployment('web', HARDENED), { uid: 'c-3', namespace: 'lab' }) })).body);
    assert.equal(elsewhere.allowed, true);
  });

  it('answers a v1beta1 review in v1beta1, on / as well as /validate', async () => {
    const r = await call(s.port, s.ca, { path: '/', body: admissionReview(deployment('web', HARDENED), {}, 'admission.k8s.io/v1beta1') });
    assert.equal(r.status, 200);
    assert.equal((JSON.parse(r.body) as { apiVersion: string }).apiVersion, 'admission.k8s.io/v1beta1');
  });

  it('admits objects in excluded namespaces without evaluating them', async () => {
    const r = await call(s.port, s.ca, { body: admissionReview(deployment('cni', { privileged: true }), { uid: 'ex-1', namespace: 'kube-system' }) });
    assert.deepEqual(review(r.body), { uid: 'ex-1', allowed: true });
    assert.equal(s.logs.find((l) => l.uid === 'ex-1')?.verdict, 'excluded');
  });

  it('break-glass admits, warns, and logs user, reason, object and check ids', async () => {
    const obj = deployment('hotfix', { privileged: true }, { 'bulwark.dev/break-glass': 'INC-2291: restore payments' });
    const r = review((await call(s.port, s.ca, { body: admissionReview(obj, { uid: 'bg-1' }) })).body);
    assert.equal(r.allowed, true);
    assert.ok(r.warnings?.some((w) => w.includes('no-privileged-container')));
    const line = s.logs.find((l) => l.uid === 'bg-1');
    assert.equal(line?.level, 'warn');
    assert.equal(line?.verdict, 'break_glass');
    assert.equal(line?.user, 'alice@example.com');
    assert.equal(line?.breakGlassReason, 'INC-2291: restore payments');
    assert.equal(line?.name, 'hotfix');
    assert.ok((line?.checks as string[]).includes('no-privileged-container'));
  });

  it('never logs object content (env values, Secret data)', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'hunter2-very-secret' } };
    await call(s.port, s.ca, { body: admissionReview(secret, { uid: 'sec-1', kind: { group: '', version: 'v1', kind: 'Secret' } }) });
    const withEnv = deployment('envy', HARDENED);
    (withEnv.spec as { template: { spec: { containers: { env?: unknown }[] } } }).template.spec.containers[0].env = [{ name: 'API_TOKEN', value: 'hunter2-very-secret' }];
    await call(s.port, s.ca, { body: admissionReview(withEnv, { uid: 'sec-2' }) });
    assert.ok(s.logs.some((l) => l.uid === 'sec-1') && s.logs.some((l) => l.uid === 'sec-2'));
    assert.ok(!JSON.stringify(s.logs).includes('hunter2'));
  });

  it('malformed JSON, wrong kind and a missing uid get 400 with a one-line JSON error, and the server keeps serving', async () => {
    for (const body of ['{"apiVersion": "admission', JSON.stringify({ apiVersion: 'v1', kind: 'Pod' }), admissionReview(deployment('x', HARDENED), { uid: undefined })]) {
      const r = await call(s.port, s.ca, { body });
      assert.equal(r.status, 400, body);
      assert.equal(r.body.trimEnd().split('\n').length, 1);
      assert.equal(typeof (JSON.parse(r.body) as { error: string }).error, 'string');
    }
    assert.equal((await call(s.port, s.ca, { path: '/healthz' })).status, 200);
  });

  it('405 for other methods on /validate, 404 for unknown paths', async () => {
    const r = await call(s.port, s.ca, { method: 'GET', path: '/validate' });
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, 'POST');
    assert.equal((await call(s.port, s.ca, { method: 'PUT', path: '/validate', body: '{}' })).status, 405);
    assert.equal((await call(s.port, s.ca, { path: '/nope' })).status, 404);
    assert.equal((await call(s.port, s.ca, { method: 'POST', path: '/healthz', body: '{}' })).status, 405);
  });

  it('413 for a 4 MiB body (declared length), answered without hanging; the server stays up', async () => {
    const t0 = Date.now();
    const big = Buffer.alloc(4 * 1024 * 1024, 0x20);
    const r = await call(s.port, s.ca, { body: big });
    assert.equal(r.status, 413);
    assert.match(r.body, /larger than 3145728 bytes/);
    assert.ok(Date.now() - t0 < 5000);
    assert.equal((await call(s.port, s.ca, { path: '/healthz' })).status, 200);
  });

  it('413 for a chunked body that grows past the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', servername: 'localhost', port: s.port, ca: s.ca, method: 'POST', path: '/validate', headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      for (let i = 0; i < 16; i++) req.write(chunk);
      req.end();
    });
    assert.equal(status, 413);
  });

  it('a slow client (headers never finished) is cut off after the request timeout', async () => {
    const t0 = Date.now();
    const text = await slowClient('POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n');
    assert.ok(Date.now() - t0 < 4000, `took ${Date.now() - t0} ms`);
    assert.ok(text === '' || text.startsWith('HTTP/1.1 408'), text);
  });

  it('a slow client (body never finished) gets 408 after the request timeout', async () => {
    const t0 = Date.now();
    const text = await slowClient('POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n{"apiVersion":');
    assert.ok(Date.now() - t0 < 4000, `took ${Date.now() - t0} ms`);
    assert.match(text, /^HTTP\/1\.1 408/);
  });

  it('answers 429 beyond the concurrent request limit, and serves again once a slot is free', async () => {
    const small = await server({}, { maxConcurrentRequests: 1, requestTimeoutMs: 1500 });
    const hold = connect({ host: '127.0.0.1', servername: 'localhost', port: small.port, ca: small.ca }, () =>
      hold.write('POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n{"apiVersion":'),
    );
    hold.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 200));
    const busy = await call(small.port, small.ca, { body: admissionReview(deployment('w', HARDENED)) });
    assert.equal(busy.status, 429);
    assert.equal(busy.headers['retry-after'], '1');
    hold.destroy();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await call(small.port, small.ca, { body: admissionReview(deployment('w', HARDENED)) })).status, 200);
  });

  it('answers 50 concurrent requests, each with its own uid and verdict', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const denied = i % 3 === 0;
          const r = await call(s.port, s.ca, { agent, body: admissionReview(deployment(`w${i}`, denied ? { privileged: true } : HARDENED), { uid: `c-${i}` }) });
          return { i, denied, status: r.status, review: review(r.body) };
        }),
      );
      for (const r of results) {
        assert.equal(r.status, 200);
        assert.equal(r.review.uid, `c-${r.i}`);
        assert.equal(r.review.allowed, !r.denied, `request ${r.i}`);
      }
    } finally {
      agent.destroy();
    }
  });

  it('refuses TLS below 1.2', async () => {
    await assert.rejects(
      new Promise((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', servername: 'localhost', port: s.port, ca: s.ca, maxVersion: 'TLSv1.1', minVersion: 'TLSv1' }, () => resolve(socket.getProtocol()));
        socket.on('error', reject);
      }),
    );
  });

  function slowClient(partial: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', servername: 'localhost', port: s.port, ca: s.ca }, () => socket.write(partial));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (text += d));
      socket.on('close', () => resolve(text));
      socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve(text) : reject(err)));
      setTimeout(() => {
        socket.destroy();
        reject(new Error('the server did not close the slow connection'));
      }, 5000).unref();
    });
  }
});

describe('probes and metrics', () => {
  it('/healthz, /readyz and /metrics count exactly what was sent', async () => {
    const s = await server();
    assert.deepEqual([(await call(s.port, s.ca, { path: '/healthz' })).body, (await call(s.port, s.ca, { path: '/readyz' })).status], ['ok\n', 200]);
    const send = (obj: unknown, req: Record<string, unknown> = {}) => call(s.port, s.ca, { body: admissionReview(obj, req) });
    for (let i = 0; i < 3; i++) await send(deployment(`bad${i}`, { privileged: true }));
    for (let i = 0; i < 2; i++) await send(deployment(`ok${i}`, HARDENED));
    await send(deployment('sys', { privileged: true }), { namespace: 'kube-system' });
    await send(undefined, { operation: 'DELETE', name: 'old' });
    await send(deployment('glass', { privileged: true }, { 'bulwark.dev/break-glass': 'incident' }));
    await call(s.port, s.ca, { body: '{nope' });

    const m = await call(s.port, s.ca, { path: '/metrics' });
    assert.equal(m.status, 200);
    assert.equal(m.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    const lines = new Set(m.body.split('\n'));
    for (const expected of [
      'bulwark_admission_requests_total{verdict="denied",operation="CREATE"} 3',
      'bulwark_admission_requests_total{verdict="warned",operation="CREATE"} 2',
      'bulwark_admission_requests_total{verdict="excluded",operation="CREATE"} 1',
      'bulwark_admission_requests_total{verdict="allowed",operation="DELETE"} 1',
      'bulwark_admission_requests_total{verdict="break_glass",operation="CREATE"} 1',
      'bulwark_admission_requests_total{verdict="error",operation="unknown"} 1',
      'bulwark_admission_duration_seconds_count 8',
      'bulwark_admission_duration_seconds_bucket{le="+Inf"} 8',
      // 3 denied + 1 break-glass privileged Deployments.
      'bulwark_admission_findings_total{check="no-privileged-container",enforcement="deny"} 4',
    ]) {
      assert.ok(lines.has(expected), `missing ${expected}\n${m.body}`);
    }
    assert.match(m.body, /^process_start_time_seconds \d+$/m);
    // 2 hardened + 3 privileged + 1 break-glass Deployments miss a CPU request.
    assert.ok(lines.has('bulwark_admission_findings_total{check="require-cpu-requests",enforcement="fail-build"} 6'), m.body);
  });

  it('draining: /readyz turns 503, in-flight requests finish, the port closes', async () => {
    const s = await server();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // An in-flight request started before draining still gets its answer.
      const inflight = call(s.port, s.ca, { agent, body: admissionReview(deployment('late', HARDENED), { uid: 'late' }) });
      await new Promise((r) => setTimeout(r, 5));
      const drained = s.server.drain(2000);
      assert.equal(s.server.isReady, false);
      const r = await inflight;
      assert.equal(review(r.body).uid, 'late');
      await drained;
      await assert.rejects(call(s.port, s.ca, { path: '/healthz' }));
    } finally {
      agent.destroy();
    }
  });
});

describe('TLS rotation', () => {
  it('serves the new certificate after the files change, and keeps the old one when the new pair is broken', async () => {
    const s = await server({}, { tlsPollMs: 60_000 });
    const fingerprint = () =>
      new Promise<string>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', servername: 'localhost', port: s.port, rejectUnauthorized: false }, () => {
          const fp = socket.getPeerX509Certificate()?.fingerprint256 ?? '';
          socket.destroy();
          resolve(fp);
        });
        socket.on('error', reject);
      });
    const first = await fingerprint();
    assert.equal(first, new X509Certificate(s.cert.cert).fingerprint256);
    assert.equal(await s.server.reloadTlsIfChanged(), false);

    const next = makeCert(s.cert.dir, 'next');
    // A half-rotated pair (new certificate, old key) is refused and retried later.
    await new Promise((r) => setTimeout(r, 20));
    copyFileSync(next.certFile, s.cert.certFile);
    assert.equal(await s.server.reloadTlsIfChanged(), false);
    assert.equal(await fingerprint(), first);
    assert.ok(s.logs.some((l) => l.msg.startsWith('tls reload failed')));

    copyFileSync(next.keyFile, s.cert.keyFile);
    assert.equal(await s.server.reloadTlsIfChanged(), true);
    assert.equal(await fingerprint(), new X509Certificate(next.cert).fingerprint256);
    // A client trusting the new certificate can talk to the server.
    assert.equal((await call(s.port, next.cert, { path: '/healthz' })).status, 200);
  });
});

describe('webhook server with decision workers', () => {
  const settings = { config: NO_CONFIG, mode: 'enforce', denyOn: 'medium', excludeNamespaces: ['kube-system'], breakGlassAnnotation: 'bulwark.dev/break-glass', allowAnnotationSuppressions: false } as const;

  async function pooled(workerUrl?: URL, deadlineMs = 5_000): Promise<StartedServer> {
    const metrics = new WebhookMetrics();
    const poolLogs: LogEntry[] = [];
    const pool = new DecisionPool({ settings, workers: 2, deadlineMs, log: (e) => poolLogs.push(e), onReplaced: () => metrics.countWorkerReplaced(), workerUrl });
    await pool.start();
    return server({}, { judge: pool, workers: 2, metrics });
  }

  it('/readyz is 503 while no decision worker can judge', async () => {
    const idle = { ready: false, judge: async () => ({ status: 500 as const, error: 'no worker' }), close: async () => undefined };
    const s = await server({}, { judge: idle });
    const ready = await call(s.port, s.ca, { path: '/readyz' });
    assert.equal(ready.status, 503);
    assert.equal(ready.body, 'no decision worker is running\n');
    assert.equal((await call(s.port, s.ca, { path: '/healthz' })).status, 200);
  });

  it('answers, logs and counts as the server thread does', async () => {
    const s = await pooled();
    const ok = await call(s.port, s.ca, { body: admissionReview(deployment('web', HARDENED), { uid: 'w-ok' }) });
    assert.equal(ok.status, 200);
    assert.equal(review(ok.body).allowed, true);
    const bad = await call(s.port, s.ca, { body: admissionReview(deployment('evil', { privileged: true }), { uid: 'w-bad' }) });
    assert.equal(review(bad.body).allowed, false);
    assert.match(review(bad.body).status?.message ?? '', /no-privileged-container: /);
    assert.equal((await call(s.port, s.ca, { body: '{not json' })).status, 400);
    const line = s.logs.find((l) => l.uid === 'w-bad');
    assert.equal(line?.verdict, 'denied');
    assert.equal(line?.name, 'evil');
    assert.ok((line?.denying as string[]).includes('no-privileged-container'));
    const metrics = (await call(s.port, s.ca, { path: '/metrics' })).body;
    assert.match(metrics, /bulwark_admission_requests_total\{verdict="denied",operation="CREATE"\} 1/);
    assert.match(metrics, /bulwark_admission_findings_total\{check="no-privileged-container",enforcement="deny"\} 1/);
    assert.match(metrics, /bulwark_decision_workers_replaced_total 0/);
  });

  it('keeps answering probes while a decision hangs, then answers it 500 at the deadline and replaces the worker', async () => {
    const s = await pooled(new URL('../../src/server/testing/scripted-decision-worker.js', import.meta.url), 600);
    const started = Date.now();
    const hanging = call(s.port, s.ca, { body: 'hang' });
    await new Promise((r) => setTimeout(r, 50));
    const health = await call(s.port, s.ca, { path: '/healthz' });
    assert.equal(health.status, 200);
    assert.ok(Date.now() - started < 600, 'the probe did not wait for the decision');
    const other = await call(s.port, s.ca, { body: 'another request' });
    assert.equal(other.status, 200, 'the other worker judges meanwhile');
    const stuck = await hanging;
    assert.equal(stuck.status, 500);
    const line = s.logs.find((l) => l.verdict === 'error');
    assert.equal(line?.name, 'enormous');
    assert.match(String(line?.error), /no decision within 0\.6 s/);
    assert.equal(line?.bytes, 4, 'the size of the body, though a worker took it over');
    assert.match((await call(s.port, s.ca, { path: '/metrics' })).body, /bulwark_decision_workers_replaced_total 1/);
  });
});
