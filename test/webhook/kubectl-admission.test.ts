/**
 * End to end as far as this machine allows: the real `kubectl` (no cluster here) talks to the API-server
 * stand-in (apiserver-stand-in.ts: discovery recorded from kube-apiserver v1.26, an object store, validating
 * admission), which calls the real `bulwark webhook serve` process over HTTPS exactly as the generated
 * ValidatingWebhookConfiguration tells it. The manifests come from `bulwark webhook manifests --tls generated`
 * and are applied with kubectl in the order their notes give; the webhook process runs with the Deployment's
 * own container arguments (paths moved to a temp dir) and the ConfigMap's config. Assertions are on kubectl's
 * exit code and output, the AdmissionReviews the stand-in sent, and the webhook's log.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import yaml from 'js-yaml';
import { oraclesDir, repoRoot } from '../../src/testing/repo-root.js';
import { ApiServerStandIn, recordingsPresent, type ServiceEndpoint, type WebhookCall } from './apiserver-stand-in.js';
import { CASES_DIR, DELIBERATE_DIFFERENCES } from './polaris-webhook-expectations.js';
import { makeCert } from './webhook-test-support.js';

const RECORDINGS = join(oraclesDir(), '..', 'fixtures', 'kube-apiserver-1.26', 'api-recordings');
const BIN = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
const IMAGE = `ghcr.io/acme/bulwark:0.1.0@sha256:${'a'.repeat(64)}`;
const WEBHOOK = 'validate.bulwark.dev';
const SERVICE_URL = 'https://bulwark-webhook.bulwark-system.svc:443/validate?timeout=5s';

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
}
const skip = !onPath('kubectl') ? 'kubectl is not on the PATH'
  : !existsSync(RECORDINGS) || !recordingsPresent(RECORDINGS) ? `kube-apiserver recordings not found at ${RECORDINGS}`
  : !onPath('openssl') ? 'openssl is not on the PATH (needed for the generated certificates)'
  : false;

type Doc = Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> } };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `Warning: …` lines kubectl printed on stderr. */
const warningLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('Warning: ')).map((l) => l.slice('Warning: '.length));

/** A container spec for the objects below. */
function container(securityContext: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'app',
    image: 'registry.example.com/shop/web:1.4.2',
    securityContext,
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
  };
}
const HARDENED = { privileged: false, allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
const PRIVILEGED = { privileged: true };

function deployment(name: string, securityContext: Record<string, unknown>, extra: { namespace?: string; annotations?: Record<string, string> } = {}): Doc {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(extra.namespace ? { namespace: extra.namespace } : {}), labels: { app: name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [container(securityContext)] } } },
  };
}

function pod(name: string, securityContext: Record<string, unknown>): Doc {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers: [container(securityContext)] } };
}

describe('kubectl → API-server stand-in → bulwark webhook serve', { skip }, () => {
  let dir = '';
  let standIn: ApiServerStandIn;
  let webhook: ChildProcess | undefined;
  let webhookLog = '';
  let webhookExited: Promise<number | null> = Promise.resolve(null);
  /** Where the Service bulwark-system/bulwark-webhook:443 leads (the "pod"); changed by the failure tests. */
  let route: ServiceEndpoint | undefined;
  let manifests: Doc[] = [];
  let applyManifests: Run;
  let applyWebhookConfig: Run;
  let createSecret: Run;
  const timings: string[] = [];
  /** Every kubectl run with its output; printed with BULWARK_KUBECTL_TRANSCRIPT=1. */
  const transcript: string[] = [];
  const started = Date.now();

  const file = (name: string, docs: unknown[]): string => {
    const path = join(dir, name);
    writeFileSync(path, docs.map((d) => yaml.dump(d, { lineWidth: -1, noRefs: true })).join('---\n'));
    return path;
  };

  /** Real kubectl against the stand-in; never a shell, never the user's ~/.kube. */
  const kubectl = (args: string[], context = 'dev'): Promise<Run> => {
    const t = Date.now();
    return new Promise((resolve) => {
      execFile(
        'kubectl',
        ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'kube-cache'), '--context', context, ...args],
        { env: { PATH: process.env.PATH ?? '', HOME: dir }, timeout: 15_000 },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
          const ms = Date.now() - t;
          timings.push(`${ms} ms  kubectl ${args.filter((a) => !a.startsWith(dir)).join(' ')}`);
          transcript.push(`$ kubectl ${args.join(' ')}   # exit ${code}\n${stdout}${stderr}`);
          resolve({ code, stdout, stderr, ms });
        },
      );
    });
  };

  const callsFor = (namespace: string, name: string): WebhookCall[] =>
    standIn.calls.filter((c) => {
      const r = c.review.request as { namespace?: string; name?: string };
      return (r.namespace ?? '') === namespace && r.name === name;
    });

  const webhookEntries = (): Record<string, unknown>[] =>
    // One line per decision: "admission", or "break-glass admission" (logged as a warning).
    webhookLog.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => typeof e.verdict === 'string');

  const waitForLog = async (pred: (e: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const hit = webhookEntries().find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no such webhook log line; log:\n${webhookLog}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-kubectl-'));
    // 1. The manifests, with the real CLI: a private CA and serving certificate in tls/.
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [BIN, 'webhook', 'manifests', '--image', IMAGE, '--tls', 'generated', '--tls-dir', join(dir, 'tls'), '-o', join(dir, 'manifests.yaml')], (err, _o, stderr) =>
        err ? reject(new Error(`webhook manifests failed: ${stderr}`)) : resolve());
    });
    manifests = yaml.loadAll(readFileSync(join(dir, 'manifests.yaml'), 'utf8')) as Doc[];

    // 2. The API server, serving HTTPS (kubectl sends bearer tokens over TLS only) with its own certificate.
    const apiCert = makeCert(dir, 'apiserver');
    standIn = new ApiServerStandIn({
      recordingsDir: RECORDINGS,
      tls: { cert: apiCert.cert, key: readFileSync(apiCert.keyFile, 'utf8') },
      tokens: {
        'dev-token': { username: 'alice@example.com', uid: 'u-alice', groups: ['developers'] },
        'admin-token': { username: 'kubernetes-admin', groups: ['system:masters'] },
      },
      resolveService: (namespace, name) => (namespace === 'bulwark-system' && name.startsWith('bulwark-webhook') ? route : undefined),
    });
    const port = await standIn.listen();
    const ca = Buffer.from(apiCert.cert).toString('base64');
    writeFileSync(join(dir, 'kubeconfig'), yaml.dump({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'stand-in', cluster: { server: `https://127.0.0.1:${port}`, 'certificate-authority-data': ca } }],
      users: [{ name: 'alice', user: { token: 'dev-token' } }, { name: 'admin', user: { token: 'admin-token' } }],
      contexts: [
        { name: 'dev', context: { cluster: 'stand-in', user: 'alice', namespace: 'team-a' } },
        { name: 'admin', context: { cluster: 'stand-in', user: 'admin', namespace: 'team-a' } },
      ],
      'current-context': 'dev',
    }));

    // 3. As the manifests' notes say: everything but the webhook configuration, the TLS Secret, the pods, then the configuration.
    const vwcIndex = manifests.findIndex((d) => d.kind === 'ValidatingWebhookConfiguration');
    assert.equal(vwcIndex, manifests.length - 1, 'the webhook configuration comes last');
    applyManifests = await kubectl(['apply', '--validate=false', '-f', file('manifests-without-vwc.yaml', manifests.slice(0, vwcIndex))], 'admin');
    // The Secret the notes ask for. `kubectl create secret` would POST protobuf, which the stand-in does not
    // decode: the same object is rendered by kubectl and applied as JSON.
    const secret = await kubectl(['-n', 'bulwark-system', 'create', 'secret', 'tls', 'bulwark-webhook-tls', '--cert', join(dir, 'tls', 'tls.crt'), '--key', join(dir, 'tls', 'tls.key'), '--dry-run=client', '-o', 'yaml']);
    assert.equal(secret.code, 0, secret.stderr);
    writeFileSync(join(dir, 'secret.yaml'), secret.stdout);
    createSecret = await kubectl(['apply', '--validate=false', '-f', join(dir, 'secret.yaml')], 'admin');

    // The "pod": the Deployment's own container arguments, with the mounted paths moved into the temp dir.
    const deploy = manifests.find((d) => d.kind === 'Deployment') as Doc & { spec: { template: { spec: { containers: { args: string[] }[] } } } };
    const configMap = manifests.find((d) => d.kind === 'ConfigMap') as Doc & { data: Record<string, string> };
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', '.bulwark.yaml'), configMap.data['.bulwark.yaml']);
    const args = deploy.spec.template.spec.containers[0].args.map((a) => a.replace('/etc/bulwark/tls', join(dir, 'tls')).replace('/etc/bulwark/config', join(dir, 'config')));
    args[args.indexOf('--port') + 1] = '0';
    webhook = spawn(process.execPath, [BIN, ...args, '--host', '127.0.0.1', '--drain-delay', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    webhook.stdout?.setEncoding('utf8').on('data', (d: string) => (webhookLog += d));
    webhook.stderr?.setEncoding('utf8').on('data', (d: string) => (webhookLog += d));
    const child = webhook;
    webhookExited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    const listening = await waitForLine(() => webhookLog.split('\n').find((l) => l.includes('"webhook listening"')), () => webhookLog);
    route = { host: '127.0.0.1', port: (JSON.parse(listening) as { port: number }).port };

    applyWebhookConfig = await kubectl(['apply', '--validate=false', '-f', file('vwc.yaml', [manifests[vwcIndex]])], 'admin');
  });

  after(async () => {
    if (webhook && webhook.exitCode === null) webhook.kill('SIGKILL');
    await standIn?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    console.log(`kubectl admission test: ${Date.now() - started} ms in all, ${timings.length} kubectl runs`);
    if (process.env.BULWARK_KUBECTL_TRANSCRIPT === '1') console.log(`per kubectl run:\n  ${timings.join('\n  ')}\n\n${transcript.join('\n')}`);
  });

  it('kubectl applies the generated manifests and registers the webhook', () => {
    assert.equal(applyManifests.code, 0, applyManifests.stderr);
    const expected = manifests.slice(0, -1).map((d) => {
      const [group] = String(d.apiVersion).includes('/') ? String(d.apiVersion).split('/') : [''];
      return `${d.kind.toLowerCase()}${group === '' ? '' : `.${group}`}/${d.metadata.name} created`;
    });
    assert.deepEqual(applyManifests.stdout.trim().split('\n'), expected);
    assert.equal(createSecret.code, 0, createSecret.stderr);
    assert.equal(createSecret.stdout.trim(), 'secret/bulwark-webhook-tls created');
    assert.equal(applyWebhookConfig.code, 0, applyWebhookConfig.stderr);
    assert.equal(applyWebhookConfig.stdout.trim(), 'validatingwebhookconfiguration.admissionregistration.k8s.io/bulwark-webhook created');
    // The ClusterRole and ClusterRoleBinding were created before the configuration existed; the namespaced
    // objects live in the excluded bulwark-system: nothing reached the webhook so far.
    assert.deepEqual(standIn.calls, []);
    assert.ok(standIn.get('admissionregistration.k8s.io', 'validatingwebhookconfigurations', '', 'bulwark-webhook'));
  });

  it('CREATE through kubectl apply: hardened objects are created (with warnings), privileged ones are forbidden', async () => {
    const cases: { name: string; doc: Doc; code: number; out: RegExp; denying?: string; warns?: RegExp }[] = [
      // No seccomp profile and no digest: admitted (those checks warn by default), and kubectl shows why.
      { name: 'web', doc: deployment('web', HARDENED), code: 0, out: /^deployment\.apps\/web created\n$/, warns: /^Warning: require-image-digest: /m },
      { name: 'priv-deploy', doc: deployment('priv-deploy', PRIVILEGED), code: 1, out: /^Error from server \(Forbidden\): error when creating ".*priv-deploy\.yaml": admission webhook "validate\.bulwark\.dev" denied the request: .*no-privileged-container: /m, denying: 'no-privileged-container' },
      { name: 'priv-pod', doc: pod('priv-pod', PRIVILEGED), code: 1, out: /^Error from server \(Forbidden\): error when creating ".*priv-pod\.yaml": admission webhook "validate\.bulwark\.dev" denied the request: .*no-privileged-container: /m, denying: 'no-privileged-container' },
    ];
    for (const c of cases) {
      const r = await kubectl(['apply', '--validate=false', '-f', file(`${c.name}.yaml`, [c.doc])]);
      assert.equal(r.code, c.code, `${c.name}: ${r.stdout}${r.stderr}`);
      assert.match(c.code === 0 ? r.stdout : r.stderr, c.out);
      const calls = callsFor('team-a', c.name);
      assert.equal(calls.length, 1, c.name);
      const request = calls[0].review.request as Record<string, unknown>;
      assert.equal(request.operation, 'CREATE');
      assert.deepEqual(request.userInfo, { username: 'alice@example.com', uid: 'u-alice', groups: ['developers', 'system:authenticated'] });
      assert.deepEqual(request.options, { kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1', fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Ignore' });
      assert.equal(request.dryRun, false);
      assert.equal(request.oldObject, null);
      // kubectl prints every warning the webhook returned, in order.
      assert.deepEqual(warningLines(r.stderr), calls[0].warnings, c.name);
      if (c.warns) assert.match(r.stderr, c.warns);
      // The review went through the real webhook process: its log names the same uid.
      const logged = await waitForLog((e) => e.uid === request.uid);
      assert.equal(logged.verdict, c.code === 0 ? (calls[0].warnings.length > 0 ? 'warned' : 'allowed') : 'denied');
      if (c.denying) assert.ok((logged.checks as string[]).includes(c.denying));
      assert.equal(standIn.get(c.doc.kind === 'Pod' ? '' : 'apps', c.doc.kind === 'Pod' ? 'pods' : 'deployments', 'team-a', c.name) !== undefined, c.code === 0);
    }
  });

  it('UPDATE through kubectl replace and kubectl patch: the webhook gets the old object and denies the new privilege', async () => {
    const replaced = await kubectl(['replace', '--validate=false', '-f', file('web-privileged.yaml', [deployment('web', PRIVILEGED)])]);
    assert.equal(replaced.code, 1, replaced.stdout);
    assert.match(replaced.stderr, /^Error from server \(Forbidden\): error when replacing ".*web-privileged\.yaml": admission webhook "validate\.bulwark\.dev" denied the request: .*no-privileged-container: /m);
    const patch = JSON.stringify({ spec: { template: { spec: { containers: [container(PRIVILEGED)] } } } });
    const patched = await kubectl(['patch', 'deployment', 'web', '--type', 'merge', '-p', patch]);
    assert.equal(patched.code, 1, patched.stdout);
    assert.match(patched.stderr, /^Error from server \(Forbidden\): admission webhook "validate\.bulwark\.dev" denied the request: .*no-privileged-container: /m);
    const relabel = await kubectl(['patch', 'deployment', 'web', '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":"frontend"}}}']);
    assert.equal(relabel.code, 0, relabel.stderr);
    assert.equal(relabel.stdout.trim(), 'deployment.apps/web patched');

    const updates = callsFor('team-a', 'web').slice(1).map((c) => c.review.request as Record<string, unknown>);
    assert.deepEqual(updates.map((r) => [r.operation, (r.options as { fieldManager?: string }).fieldManager, (r.options as { kind: string }).kind]), [
      ['UPDATE', 'kubectl-replace', 'UpdateOptions'],
      ['UPDATE', 'kubectl-patch', 'UpdateOptions'],
      ['UPDATE', 'kubectl-patch', 'UpdateOptions'],
    ]);
    for (const r of updates) assert.equal((r.oldObject as Doc).metadata.name, 'web');
    assert.equal((standIn.get('apps', 'deployments', 'team-a', 'web') as Doc).metadata.labels?.tier, 'frontend');
  });

  it('--dry-run=server sends dryRun: true and stores nothing, whatever the verdict', async () => {
    const ok = await kubectl(['apply', '--validate=false', '--dry-run=server', '-f', file('dry-ok.yaml', [deployment('dry-ok', HARDENED)])]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout.trim(), 'deployment.apps/dry-ok created (server dry run)');
    const bad = await kubectl(['apply', '--validate=false', '--dry-run=server', '-f', file('dry-bad.yaml', [deployment('dry-bad', PRIVILEGED)])]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Error from server \(Forbidden\): error when creating ".*dry-bad\.yaml": admission webhook "validate\.bulwark\.dev" denied the request/);
    for (const name of ['dry-ok', 'dry-bad']) {
      const [call] = callsFor('team-a', name);
      const request = call.review.request as Record<string, unknown>;
      assert.equal(request.dryRun, true, name);
      assert.deepEqual((request.options as { dryRun?: string[] }).dryRun, ['All']);
      assert.equal((await waitForLog((e) => e.uid === request.uid)).dryRun, true);
      assert.equal(standIn.get('apps', 'deployments', 'team-a', name), undefined);
    }
  });

  it('objects in kube-system never reach the webhook (namespaceSelector)', async () => {
    const r = await kubectl(['apply', '--validate=false', '-f', file('sys-priv.yaml', [deployment('sys-priv', PRIVILEGED, { namespace: 'kube-system' })])]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'deployment.apps/sys-priv created');
    assert.deepEqual(callsFor('kube-system', 'sys-priv'), []);
    // Give a stray log line the chance to appear, then make sure there is none.
    await waitForLog((e) => e.name === 'web');
    assert.deepEqual(webhookEntries().filter((e) => e.name === 'sys-priv'), []);
  });

  it('break-glass: system:masters is admitted with warnings and audit annotations; anyone else is still denied', async () => {
    const doc = deployment('hotfix', PRIVILEGED, { annotations: { 'bulwark.dev/break-glass': 'INC-4711 node debugging' } });
    const path = file('hotfix.yaml', [doc]);
    const dev = await kubectl(['apply', '--validate=false', '-f', path]);
    assert.equal(dev.code, 1);
    assert.ok(warningLines(dev.stderr).includes('bulwark.dev/break-glass: ignored, only members of system:masters may break glass'), dev.stderr);
    assert.match(dev.stderr, /Error from server \(Forbidden\)/);
    const admin = await kubectl(['apply', '--validate=false', '-f', path], 'admin');
    assert.equal(admin.code, 0, admin.stderr);
    assert.equal(admin.stdout.trim(), 'deployment.apps/hotfix created');
    assert.ok(warningLines(admin.stderr).some((w) => w.startsWith('[break-glass: would deny] no-privileged-container: ')), admin.stderr);
    const call = callsFor('team-a', 'hotfix')[1];
    const request = call.review.request as { uid: string; userInfo: { groups: string[] } };
    assert.deepEqual(request.userInfo.groups, ['system:masters', 'system:authenticated']);
    const audit = standIn.auditAnnotations.find((a) => a.uid === request.uid);
    assert.equal(audit?.annotations['validate.bulwark.dev/break-glass-reason'], 'INC-4711 node debugging');
    assert.equal((await waitForLog((e) => e.uid === request.uid)).verdict, 'break_glass');
  });

  it('Polaris webhook cases through kubectl: passing_test.* created, failing_test.* forbidden (deliberate differences excepted)', { skip: !existsSync(CASES_DIR) && `no Polaris cases at ${CASES_DIR}` }, async () => {
    const files = readdirSync(CASES_DIR).filter((f) => /^(passing|failing)_test\..+\.ya?ml$/.test(f)).sort();
    assert.ok(files.length >= 20);
    // One namespace per file: several files reuse the same object names.
    const namespaces = files.map((_, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `polaris-${i}` } }));
    const ns = await kubectl(['apply', '--validate=false', '-f', file('polaris-namespaces.yaml', namespaces)], 'admin');
    assert.equal(ns.code, 0, ns.stderr);
    const results: string[] = [];
    const queue = files.map((f, i) => ({ f, i }));
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { f, i } = next;
        const r = await kubectl(['apply', '--validate=false', '-n', `polaris-${i}`, '-f', join(CASES_DIR, f)]);
        const expected = DELIBERATE_DIFFERENCES[f]?.bulwark ?? (f.startsWith('passing_test.') ? 'admitted' : 'denied');
        const actual = r.code === 0 ? 'admitted' : /admission webhook "validate\.bulwark\.dev" denied the request/.test(r.stderr) ? 'denied' : `error: ${r.stderr.trim()}`;
        results.push(`${actual === expected ? 'ok   ' : 'WRONG'} ${f}: expected ${expected}, kubectl ${actual}`);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    results.sort();
    console.log(`Polaris webhook cases through kubectl:\n  ${results.join('\n  ')}`);
    assert.deepEqual(results.filter((l) => l.startsWith('WRONG')), []);
  });

  it('the certificate is verified for <service>.<namespace>.svc against the caBundle', async () => {
    // The same webhook behind a Service of another name: its certificate does not name that host.
    const vwc = structuredClone(manifests[manifests.length - 1]) as Doc & { webhooks: { clientConfig: { service: { name: string } } }[] };
    vwc.webhooks[0].clientConfig.service.name = 'bulwark-webhook-other';
    const svc = structuredClone(manifests.find((d) => d.kind === 'Service')) as Doc;
    svc.metadata.name = 'bulwark-webhook-other';
    assert.equal((await kubectl(['apply', '--validate=false', '-f', file('svc-other.yaml', [svc])], 'admin')).code, 0);
    assert.equal((await kubectl(['replace', '--validate=false', '-f', file('vwc-other.yaml', [vwc])], 'admin')).code, 0);
    const r = await kubectl(['apply', '--validate=false', '-f', file('san.yaml', [deployment('san', HARDENED)])]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Error from server \(InternalError\): error when creating ".*san\.yaml": Internal error occurred: failed calling webhook "validate\.bulwark\.dev": failed to call webhook: Post "https:\/\/bulwark-webhook-other\.bulwark-system\.svc:443\/validate\?timeout=5s": .*(altnames|does not match)/);
    const restored = await kubectl(['replace', '--validate=false', '-f', join(dir, 'vwc.yaml')], 'admin');
    assert.equal(restored.stdout.trim(), 'validatingwebhookconfiguration.admissionregistration.k8s.io/bulwark-webhook replaced');
  });

  it('a webhook that does not answer within timeoutSeconds fails the request (failurePolicy Fail)', async () => {
    // A listener that accepts connections and never answers; timeoutSeconds lowered to 1 to keep the test short.
    const held: Socket[] = [];
    const blackHole: TcpServer = createTcpServer((s) => held.push(s));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const saved = route;
    route = { host: '127.0.0.1', port: (blackHole.address() as { port: number }).port };
    const vwc = structuredClone(manifests[manifests.length - 1]) as Doc & { webhooks: { timeoutSeconds: number }[] };
    vwc.webhooks[0].timeoutSeconds = 1;
    try {
      assert.equal((await kubectl(['replace', '--validate=false', '-f', file('vwc-1s.yaml', [vwc])], 'admin')).code, 0);
      const r = await kubectl(['apply', '--validate=false', '-f', file('slow.yaml', [deployment('slow', HARDENED)])]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Internal error occurred: failed calling webhook "validate\.bulwark\.dev": failed to call webhook: Post "https:\/\/bulwark-webhook\.bulwark-system\.svc:443\/validate\?timeout=1s": context deadline exceeded/);
      assert.ok(r.ms >= 1000, `kubectl returned after ${r.ms} ms`);
      assert.equal(callsFor('team-a', 'slow')[0].outcome, 'failed-closed');
    } finally {
      route = saved;
      for (const s of held) s.destroy();
      blackHole.close();
      await kubectl(['replace', '--validate=false', '-f', join(dir, 'vwc.yaml')], 'admin');
    }
  });

  it('the webhook stopped: failurePolicy Fail rejects with "failed calling webhook"; the Ignore manifests admit', async () => {
    webhook?.kill('SIGTERM');
    assert.equal(await webhookExited, 0, webhookLog);
    const down = await kubectl(['apply', '--validate=false', '-f', file('down.yaml', [deployment('down', PRIVILEGED)])]);
    assert.equal(down.code, 1);
    const refused = `Error from server (InternalError): error when creating "${join(dir, 'down.yaml')}": Internal error occurred: failed calling webhook "${WEBHOOK}": failed to call webhook: Post "${SERVICE_URL}": dial tcp 127.0.0.1:${route?.port}: connect: connection refused`;
    assert.equal(down.stderr.trim(), refused);

    // The same manifests generated with --failure-policy Ignore: only the webhook configuration changes.
    const ignoreDir = join(dir, 'ignore');
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [BIN, 'webhook', 'manifests', '--image', IMAGE, '--tls', 'generated', '--tls-dir', join(ignoreDir, 'tls'), '--failure-policy', 'Ignore', '-o', join(dir, 'ignore.yaml')], (err, _o, stderr) =>
        err ? reject(new Error(stderr)) : resolve());
    });
    const ignoreVwc = (yaml.loadAll(readFileSync(join(dir, 'ignore.yaml'), 'utf8')) as Doc[]).find((d) => d.kind === 'ValidatingWebhookConfiguration') as Doc & { webhooks: { failurePolicy: string }[] };
    assert.equal(ignoreVwc.webhooks[0].failurePolicy, 'Ignore');
    const replaced = await kubectl(['replace', '--validate=false', '-f', file('vwc-ignore.yaml', [ignoreVwc])], 'admin');
    assert.equal(replaced.code, 0, replaced.stderr);
    const admitted = await kubectl(['apply', '--validate=false', '-f', join(dir, 'down.yaml')]);
    assert.equal(admitted.code, 0, admitted.stderr);
    assert.equal(admitted.stdout.trim(), 'deployment.apps/down created');
    assert.equal(admitted.stderr, '');
    assert.deepEqual(callsFor('team-a', 'down').map((c) => c.outcome), ['failed-closed', 'failed-open']);
  });
});

async function waitForLine(get: () => string | undefined, context: () => string, ms = 10_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out; output: ${context()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
