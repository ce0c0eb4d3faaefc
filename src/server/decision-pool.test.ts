import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { K8sObject } from '../model/types.js';
import { EMPTY_CONFIG, parseConfig } from '../policy/config.js';
import { ClientDeparture, InlineJudge, type Judgement } from './admission-judge.js';
import { buildAdmissionPolicy, type AdmissionSettings } from './admission-settings.js';
import { cpuBudget, DecisionPool, defaultWorkerCount, type DecisionPoolOptions } from './decision-pool.js';
import type { LogEntry } from './webhook-server.js';

const SCRIPTED = new URL('./testing/scripted-decision-worker.js', import.meta.url);
const SETTINGS: AdmissionSettings = {
  config: EMPTY_CONFIG,
  mode: 'enforce',
  denyOn: 'medium',
  excludeNamespaces: ['kube-system'],
  breakGlassAnnotation: 'bulwark.dev/break-glass',
  allowAnnotationSuppressions: false,
};

const pools: DecisionPool[] = [];
after(async () => {
  for (const p of pools) await p.close();
});

async function pool(options: Partial<DecisionPoolOptions> = {}, logs: LogEntry[] = []): Promise<DecisionPool> {
  const p = new DecisionPool({ settings: SETTINGS, workers: 1, deadlineMs: 5_000, log: (e) => logs.push(e), ...options });
  pools.push(p);
  await p.start();
  return p;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function review(object: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: { uid: 'u-1', operation: 'CREATE', namespace: 'shop', kind: { group: '', version: 'v1', kind: String(object.kind) }, userInfo: { username: 'dev' }, object, ...extra },
  });
}

const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'app', image: 'nginx', securityContext: { privileged: true } }] } };
const HARDENED_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'ok', namespace: 'shop' },
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'app', image: 'registry.example.com/app:1.0', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  },
};

describe('decision pool with the real decision worker', () => {
  it('answers exactly what the server thread would, for every kind of outcome', async () => {
    const p = await pool({ workers: 2 });
    const inline = new InlineJudge(buildAdmissionPolicy(SETTINGS));
    const cases: [string, string][] = [
      ['denied', review(POD)],
      ['warned or allowed', review(HARDENED_POD)],
      ['excluded', review({ ...POD, metadata: { name: 'p', namespace: 'kube-system' } }).replace('"namespace":"shop"', '"namespace":"kube-system"')],
      ['malformed', '{"apiVersion":'],
      ['not a review', JSON.stringify({ kind: 'Pod' })],
      ['DELETE', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'd', operation: 'DELETE', namespace: 'shop', kind: { kind: 'Pod' }, oldObject: POD } })],
    ];
    for (const [name, body] of cases) {
      const [fromPool, fromInline] = await Promise.all([p.judge(bytes(body)), inline.judge(bytes(body))]);
      assert.deepEqual(fromPool, fromInline, name);
    }
    const denied = (await p.judge(bytes(review(POD)))) as Extract<Judgement, { status: 200 }>;
    assert.equal(denied.verdict, 'denied');
    assert.ok(denied.denying.includes('no-privileged-container'));
    assert.deepEqual(denied.ref, { uid: 'u-1', operation: 'CREATE', kind: 'Pod', namespace: 'shop', name: 'p', user: 'dev', dryRun: false });
    assert.equal(p.pending, 0);
  });

  it('judges requests concurrently across workers and keeps each answer with its request', async () => {
    const p = await pool({ workers: 3 });
    const bodies = Array.from({ length: 60 }, (_, i) => review(i % 2 ? POD : HARDENED_POD).replace('"uid":"u-1"', `"uid":"u-${i}"`));
    const answers = await Promise.all(bodies.map((b) => p.judge(bytes(b))));
    answers.forEach((a, i) => {
      assert.equal(a.status, 200);
      const j = a as Extract<Judgement, { status: 200 }>;
      assert.equal(j.ref.uid, `u-${i}`);
      assert.equal(j.verdict === 'denied', i % 2 === 1, `request ${i}`);
      assert.match(j.payload, new RegExp(`"uid":"u-${i}"`));
    });
  });

  it('gives custom policies the Namespace from the pool\'s lookup (namespaceObject)', async () => {
    const config = parseConfig(
      [
        'policies:',
        '  - apiVersion: bulwark.dev/v1',
        '    kind: BulwarkPolicy',
        '    metadata: {name: prod-needs-owner}',
        '    spec:',
        '      title: Pods in prod namespaces have an owner',
        '      severity: high',
        '      enforcement: deny',
        '      match: {kinds: [Pod]}',
        '      validations:',
        "        - expression: \"namespaceObject == null || namespaceObject.metadata.?labels.?env.orValue('') != 'prod' || has(object.metadata.labels) && 'owner' in object.metadata.labels\"",
        '          message: pods in prod namespaces need an owner label',
      ].join('\n'),
      'cfg.yaml',
    );
    const asked: string[] = [];
    const namespaces: Record<string, K8sObject> = { shop: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { env: 'prod' } } } };
    const p = await pool({ settings: { ...SETTINGS, config }, namespaceLookup: { get: async (name) => (asked.push(name), namespaces[name] ?? null) } });
    const inShop = (await p.judge(bytes(review(HARDENED_POD)))) as Extract<Judgement, { status: 200 }>;
    assert.deepEqual(inShop.denying, ['prod-needs-owner']);
    const elsewhere = (await p.judge(bytes(review({ ...HARDENED_POD, metadata: { name: 'ok', namespace: 'dev' } }).replace('"namespace":"shop"', '"namespace":"dev"')))) as Extract<Judgement, { status: 200 }>;
    assert.deepEqual(elsewhere.denying, []);
    assert.deepEqual(asked, ['shop', 'dev']);
  });

  it('answers 500 past the deadline for an enormous object, naming it, and replaces the worker', async () => {
    // ~2.7 MB: its RBAC analysis takes far longer than parsing it, so a deadline between the two can name it.
    const rules = Array.from({ length: 40_000 }, (_, i) => ({ apiGroups: [''], resources: [`r${i}`], verbs: ['get'] }));
    const big = JSON.stringify({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: { uid: 'big', operation: 'CREATE', kind: { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole' }, name: 'huge', object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'huge' }, rules } },
    });
    let t = performance.now();
    JSON.parse(big);
    const parseMs = performance.now() - t;
    t = performance.now();
    await new InlineJudge(buildAdmissionPolicy(SETTINGS)).judge(bytes(big));
    const totalMs = performance.now() - t;
    assert.ok(totalMs > 4 * parseMs, `fixture: judging (${totalMs} ms) must take much longer than parsing (${parseMs} ms)`);
    const logs: LogEntry[] = [];
    const p = await pool({ deadlineMs: Math.round(parseMs + (totalMs - parseMs) / 3), announceBytes: 1024 }, logs);
    const answer = await p.judge(bytes(big));
    assert.equal(answer.status, 500);
    assert.match((answer as { error: string }).error, /^no decision within [\d.]+ s/);
    assert.equal((answer as { ref?: { name: string } }).ref?.name, 'huge', 'announced before judging, so the log can name it');
    assert.equal(p.replaced, 1);
    assert.ok(logs.some((l) => l.msg === 'decision worker replaced'));
  });
});

describe('decision pool (scripted worker)', () => {
  const scripted = (options: Partial<DecisionPoolOptions> = {}, logs: LogEntry[] = []) => pool({ workerUrl: SCRIPTED, ...options }, logs);

  it('replaces a worker that overruns the deadline; queued requests go to the others, none is lost', async () => {
    const logs: LogEntry[] = [];
    const p = await scripted({ workers: 2, deadlineMs: 300 }, logs);
    const hang = p.judge(bytes('hang'));
    const others = await Promise.all(Array.from({ length: 20 }, (_, i) => p.judge(bytes(`req-${i}`))));
    assert.deepEqual(others.map((o) => (o as { payload: string }).payload), Array.from({ length: 20 }, (_, i) => `echo:req-${i}:${`req-${i}`.length}`));
    const stuck = await hang;
    assert.equal(stuck.status, 500);
    assert.equal((stuck as { ref?: { name: string } }).ref?.name, 'enormous');
    assert.equal(p.replaced, 1);
    assert.deepEqual(logs.map((l) => l.msg), ['decision worker replaced']);
    assert.match(String(logs[0].reason), /deadline/);
    // Both workers serve again (the replacement included).
    const again = await Promise.all([p.judge(bytes('a')), p.judge(bytes('b')), p.judge(bytes('c'))]);
    assert.deepEqual(again.map((a) => a.status), [200, 200, 200]);
  });

  it('names a small request that overruns the deadline or crashes its worker, from the body the pool kept', async () => {
    const logs: LogEntry[] = [];
    const p = await scripted({ workers: 1, deadlineMs: 200 }, logs);
    for (const [uid, error] of [['spin', /^no decision within 0.2 s/], ['crash', /exited with code 3/]] as const) {
      const answer = await p.judge(bytes(review(POD, { uid })));
      assert.equal(answer.status, 500);
      assert.match((answer as { error: string }).error, error);
      assert.deepEqual((answer as { ref?: unknown }).ref, { uid, operation: 'CREATE', kind: 'Pod', namespace: 'shop', name: 'p', user: 'dev', dryRun: false });
    }
    // A large body is the worker's to name (the pool keeps none): unnamed when the worker said nothing.
    const large = await pool({ workerUrl: SCRIPTED, workers: 1, deadlineMs: 200, announceBytes: 64 });
    const unnamed = await large.judge(bytes(review(POD, { uid: 'spin' })));
    assert.equal(unnamed.status, 500);
    assert.equal((unnamed as { ref?: unknown }).ref, undefined);
  });

  it('a request waiting for a worker also has the deadline', async () => {
    const p = await scripted({ workers: 1, deadlineMs: 200 });
    const [first, second] = await Promise.all([p.judge(bytes('hang')), p.judge(bytes('queued'))]);
    assert.equal(first.status, 500);
    // The queued one either timed out too or was judged by the replacement: never left hanging.
    assert.ok(second.status === 500 || (second.status === 200 && second.payload === 'echo:queued:6'));
  });

  it('a worker that crashes fails only its own request and is replaced', async () => {
    const logs: LogEntry[] = [];
    const p = await scripted({ workers: 1 }, logs);
    const crashed = await p.judge(bytes('crash'));
    assert.equal(crashed.status, 500);
    assert.match((crashed as { error: string }).error, /exited with code 3/);
    const next = await p.judge(bytes('after'));
    assert.equal(next.status, 200);
    assert.equal(p.replaced, 1);
  });

  it('hands the body over whole, also when it shares memory with other buffers', async () => {
    const p = await scripted();
    const shared = Buffer.from('xxhello-worldyy');
    const answer = await p.judge(shared.subarray(2, 13));
    assert.equal((answer as { payload: string }).payload, 'echo:hello-world:11');
    assert.equal(shared.toString(), 'xxhello-worldyy', 'the caller\'s buffer is not detached');
  });

  it('passes Namespace lookups through, including failures', async () => {
    const p = await scripted({
      namespaceLookup: {
        get: async (name) => {
          if (name === 'down') throw new Error('api server unreachable');
          return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team: name } } };
        },
      },
    });
    assert.equal(((await p.judge(bytes('ns:payments'))) as { payload: string }).payload, '{"team":"payments"}');
    assert.equal(((await p.judge(bytes('ns:down'))) as { payload: string }).payload, 'error:api server unreachable');
  });

  it('a request waiting for its Namespace past the deadline is answered 500, and the idle worker is kept', async () => {
    const p = await scripted({ deadlineMs: 200, namespaceLookup: { get: (name) => (name === 'slow' ? new Promise(() => undefined) : Promise.resolve(null)) } });
    const answer = await p.judge(bytes('ns:slow'));
    assert.equal(answer.status, 500);
    assert.equal(p.replaced, 0, 'the worker was only waiting for the API server');
    assert.equal(((await p.judge(bytes('next'))) as { payload: string }).payload, 'echo:next:4');
    assert.equal(p.pending, 0);
  });

  it('drops a request whose client went away while it waited for a worker; one being judged finishes', async () => {
    const p = await scripted({ workers: 1, deadlineMs: 400 });
    const busy = p.judge(bytes('hang'));
    const gone = new ClientDeparture();
    const waiting = p.judge(bytes('queued'), gone);
    gone.leave();
    assert.match(((await waiting) as { error: string }).error, /client went away/);
    assert.equal(p.pending, 1, 'only the request being judged is left');
    assert.equal((await busy).status, 500);
  });

  it('is ready while a worker is, and not once closed', async () => {
    const p = await scripted();
    assert.equal(p.ready, true);
    await p.close();
    assert.equal(p.ready, false);
  });

  it('start fails with the worker\'s reason when it cannot build the policy', async () => {
    // The scripted worker fails to start when its settings say so.
    const settings = { ...SETTINGS, failStart: true } as AdmissionSettings;
    const p = new DecisionPool({ settings, workers: 2, deadlineMs: 1000, log: () => undefined, workerUrl: SCRIPTED });
    await assert.rejects(() => p.start(), /custom policy p\.yaml:3: bad expression/);
  });

  it('close answers what is pending and refuses new work', async () => {
    const p = new DecisionPool({ settings: SETTINGS, workers: 1, deadlineMs: 10_000, log: () => undefined, workerUrl: SCRIPTED });
    await p.start();
    const pending = p.judge(bytes('hang'));
    await new Promise((r) => setTimeout(r, 50));
    await p.close();
    assert.equal((await pending).status, 500);
    assert.match(((await p.judge(bytes('x'))) as { error: string }).error, /shutting down/);
  });
});

describe('worker count', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-cpu-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const cpuMax = (text: string): string => {
    const f = join(dir, `cpu.max.${Math.random()}`);
    writeFileSync(f, text);
    return f;
  };

  it('follows a cgroup v2 CPU quota, rounds up, and never goes below 1', () => {
    const machine = cpuBudget(join(dir, 'missing'));
    assert.ok(machine >= 1);
    assert.equal(cpuBudget(cpuMax('max 100000\n')), machine);
    assert.equal(cpuBudget(cpuMax('50000 100000\n')), 1);
    assert.equal(cpuBudget(cpuMax('100000 100000\n')), 1);
    assert.equal(cpuBudget(cpuMax(`${150000 * 64} 100000\n`)), machine, 'a quota above the machine is the machine');
    assert.equal(cpuBudget(cpuMax('garbage')), machine);
  });

  it('auto is one worker per usable CPU, from 1 to 4', () => {
    assert.deepEqual([1, 2, 3, 4, 8, 64].map((n) => defaultWorkerCount(n)), [1, 2, 3, 4, 4, 4]);
  });
});
