/**
 * The webhook under hostile input, over real HTTPS: bodies no API server sends (its port takes requests from
 * anyone who reaches it), clients that misbehave, and a custom policy slow on a small object. Each case
 * checks the answer, that the server keeps serving, and what reaches the log.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { EMPTY_CONFIG, parseConfig } from '../../src/policy/config.js';
import { MAX_REF_CHARS } from '../../src/server/admission-judge.js';
import type { AdmissionSettings } from '../../src/server/admission-settings.js';
import { DecisionPool } from '../../src/server/decision-pool.js';
import type { LogEntry } from '../../src/server/webhook-server.js';
import { admissionReview, call, deployment, HARDENED, makeCert, startServer, type StartedServer } from './webhook-test-support.js';

const cert = makeCert();
const started: StartedServer[] = [];
async function server(...args: Parameters<typeof startServer>): Promise<StartedServer> {
  const s = await startServer(args[0], args[1], args[2] ?? cert);
  started.push(s);
  return s;
}
after(async () => {
  for (const s of started) await s.server.drain(100);
  rmSync(cert.dir, { recursive: true, force: true });
});

interface Response {
  uid: string;
  allowed: boolean;
  status?: { message: string };
}
const responseOf = (body: string): Response => (JSON.parse(body) as { response: Response }).response;

const nested = (depth: number, open: string, close: string): string => `${open.repeat(depth)}1${close.repeat(depth)}`;
/** An AdmissionReview of `deployment(name, securityContext)` with `insert` spliced in raw JSON after `"request":{`. */
const withRaw = (insert: string, request: Record<string, unknown> = {}, securityContext: Record<string, unknown> = HARDENED): string =>
  admissionReview(deployment('web', securityContext), request).replace('"request":{', `"request":{${insert},`);

describe('hostile AdmissionReviews (server thread)', () => {
  let s: StartedServer;
  before(async () => {
    s = await server({}, { requestTimeoutMs: 2_000 });
  });

  // [case, body, status, allowed]: 200 cases must get the verdict the well-formed request gets.
  const cases: [string, () => string | Buffer, number, boolean?][] = [
    ['100,000 nested arrays in the object', () => admissionReview({ ...deployment('web', HARDENED), status: 0 }).replace('"status":0', `"status":${nested(100_000, '[', ']')}`), 200, true],
    ['100,000 nested objects in a container', () => admissionReview(deployment('web', HARDENED)).replace('"securityContext":{', `"x":${nested(100_000, '{"a":', '}')},"securityContext":{`), 200, true],
    ['100,000 nested arrays in userInfo.extra', () => admissionReview(deployment('web', HARDENED)).replace('"userInfo":{', `"userInfo":{"extra":${nested(100_000, '[', ']')},`), 200, true],
    ['100,000 nested objects in oldObject (UPDATE)', () => withRaw(`"oldObject":{"kind":"Deployment","metadata":${nested(100_000, '{"a":', '}')}}`, { operation: 'UPDATE' }), 200, true],
    ['100,000 nested arrays as the whole body', () => nested(100_000, '[', ']'), 400],
    ['a byte order mark', () => `\ufeff${admissionReview(deployment('web', HARDENED))}`, 400],
    // Decoded as U+FFFD, as Go's encoding/json does: judged like any other name.
    ['bytes that are not UTF-8 in a label', () => {
      const text = admissionReview(deployment('web', HARDENED));
      const at = text.indexOf('"app":"web"') + '"app":"w'.length;
      return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(text.slice(at))]);
    }, 200, true],
    ['__proto__ keys that would make the container privileged', () => admissionReview(deployment('web', HARDENED)).replace('"securityContext":{', '"securityContext":{"__proto__":{"privileged":true},').replace('"metadata":{', '"metadata":{"__proto__":{"namespace":"kube-system"},'), 200, true],
    ['__proto__ in the request', () => withRaw('"__proto__":{"namespace":"kube-system","operation":"DELETE"}', {}, { privileged: true }), 200, false],
    ['userInfo an array, groups a string', () => admissionReview(deployment('web', HARDENED), { userInfo: ['alice'] }), 200, true],
    ['request.kind a string, dryRun "true", namespace a number', () => admissionReview(deployment('web', { privileged: true }), { kind: 'Deployment', dryRun: 'true', namespace: 7 }), 200, false],
    ['oldObject not an object (UPDATE)', () => admissionReview(deployment('web', { privileged: true }), { operation: 'UPDATE', oldObject: 'junk' }), 200, false],
    ['object null on UPDATE', () => admissionReview(null, { operation: 'UPDATE' }), 400],
    ['uid a number', () => admissionReview(deployment('web', HARDENED), { uid: 42 }), 400],
  ];
  for (const [name, body, status, allowed] of cases) {
    it(`${name}: ${status}${allowed === undefined ? '' : allowed ? ', admitted' : ', denied'}`, async () => {
      const r = await call(s.port, s.ca, { body: body() });
      assert.equal(r.status, status, r.body.slice(0, 200));
      if (allowed !== undefined) assert.equal(responseOf(r.body).allowed, allowed);
      assert.equal((await call(s.port, s.ca, { path: '/healthz' })).status, 200);
      assert.equal(({} as Record<string, unknown>).privileged, undefined, 'no prototype was polluted');
    });
  }

  it('Secret values reach neither the log nor an error answer, whatever the shape of the request', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: Buffer.from('hunter2-b64').toString('base64') }, stringData: { token: 'hunter2-plain' } };
    const secretKind = { kind: { group: '', version: 'v1', kind: 'Secret' } };
    const bodies = [
      admissionReview(secret, { uid: 's-1', ...secretKind }),
      admissionReview({ ...secret, data: 'hunter2-junk', stringData: ['hunter2-list'] }, { uid: 's-2', ...secretKind }),
      admissionReview(secret, { uid: 's-3', ...secretKind, operation: 'UPDATE', oldObject: { ...secret, stringData: { token: 'hunter2-old' } } }),
      // Cut inside the data, and a value that breaks the JSON: V8's message would quote the body.
      admissionReview(secret, { ...secretKind }).slice(0, admissionReview(secret, { ...secretKind }).indexOf('hunter2-plain') + 10),
      admissionReview(secret, { ...secretKind }).replace('"hunter2-plain"', 'hunter2-bare'),
    ];
    for (const body of bodies) {
      const r = await call(s.port, s.ca, { body });
      assert.ok([200, 400].includes(r.status), r.body);
      assert.doesNotMatch(r.body, /hunter2|aHVudGVy/);
    }
    assert.doesNotMatch(JSON.stringify(s.logs), /hunter2|aHVudGVy/);
  });

  it('forged references of 100,000 characters: the answer echoes the uid, the log line stays short', async () => {
    const long = (c: string): string => c.repeat(100_000);
    const object = { ...deployment('web', HARDENED), metadata: { name: long('n'), annotations: { 'bulwark.dev/break-glass': long('r') } } };
    const r = await call(s.port, s.ca, {
      body: admissionReview(object, { uid: long('u'), namespace: long('s'), userInfo: { username: long('a'), groups: ['system:masters'] }, kind: { group: 'apps', version: 'v1', kind: long('k') } }),
    });
    assert.equal(r.status, 200);
    assert.equal(responseOf(r.body).uid, long('u'), 'the API server matches the answer by its uid');
    const line = s.logs.find((l) => typeof l.uid === 'string' && l.uid.startsWith('uuu'));
    assert.ok(line, 'logged');
    for (const field of ['uid', 'namespace', 'name', 'user', 'kind', 'breakGlassReason']) {
      const value: string = String(line[field]);
      assert.equal(value.length, MAX_REF_CHARS, field);
      assert.ok(value.endsWith('…'), field);
    }
    assert.ok(JSON.stringify(line).length < 10 * MAX_REF_CHARS);
  });
});

describe('misbehaving clients', () => {
  it('clients leaving mid-body, broken chunked bodies and 413s give their slot back', async () => {
    const s = await server({}, { maxConcurrentRequests: 4, requestTimeoutMs: 2_000 });
    const body = admissionReview(deployment('web', HARDENED));
    const head = (extra: string): string => `POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${extra}\r\n`;
    const abuse = [
      head(`Content-Length: ${body.length}\r\n`) + body.slice(0, 100),
      `${head('Transfer-Encoding: chunked\r\n')}10\r\n0123456789abcdef\r\nzz\r\n`,
      head('Content-Length: 5000000\r\n'),
      `${head('Transfer-Encoding: chunked\r\n')}${(4 * 1024 * 1024).toString(16)}\r\n${'x'.repeat(1024)}`,
    ];
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        new Promise<void>((resolve) => {
          const socket = connect({ host: '127.0.0.1', servername: 'localhost', port: s.port, ca: s.ca }, () => {
            socket.write(abuse[i % abuse.length]);
            setTimeout(() => socket.destroy(), 50);
          });
          socket.on('error', () => undefined);
          socket.on('close', () => resolve());
        }),
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    const answers = await Promise.all(Array.from({ length: 4 }, () => call(s.port, s.ca, { body })));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200]);
  });
});

describe('decision workers and a custom policy slow on a small object', () => {
  it('answers 500 at the deadline and logs which object it was', async () => {
    // Each expression stays under the CEL cost limit, but 8 policies of 10 take far longer than the deadline.
    const expression = 'object.spec.containers.all(a, object.spec.containers.all(b, object.spec.containers.all(c, true)))';
    const policy = (i: number): string =>
      `  - {apiVersion: bulwark.dev/v1, kind: BulwarkPolicy, metadata: {name: slow-${i}}, spec: {title: slow, match: {kinds: [Pod]}, validations: [${Array(10).fill(`{expression: "${expression}"}`).join(', ')}]}}\n`;
    const config = parseConfig(`policies:\n${Array.from({ length: 8 }, (_, i) => policy(i)).join('')}`, '.bulwark.yaml');
    const settings: AdmissionSettings = { config, mode: 'enforce', denyOn: 'medium', excludeNamespaces: [], breakGlassAnnotation: 'bulwark.dev/break-glass', allowAnnotationSuppressions: false };
    const pool = new DecisionPool({ settings, workers: 1, deadlineMs: 150, log: () => undefined });
    await pool.start();
    const s = await server({ config: EMPTY_CONFIG }, { judge: pool, workers: 1 });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'small' }, spec: { containers: Array.from({ length: 90 }, (_, i) => ({ name: `c${i}`, image: 'x:1' })) } };
    const body = admissionReview(pod, { uid: 'slow-1', kind: { group: '', version: 'v1', kind: 'Pod' } });
    assert.ok(body.length < 64 * 1024, 'below the size workers announce');
    const r = await call(s.port, s.ca, { body });
    assert.equal(r.status, 500);
    const line = s.logs.find((l: LogEntry) => l.verdict === 'error');
    assert.match(String(line?.error), /^no decision within 0.15 s/);
    assert.deepEqual([line?.uid, line?.kind, line?.namespace, line?.name, line?.user], ['slow-1', 'Pod', 'shop', 'small', 'alice@example.com']);
  });
});
