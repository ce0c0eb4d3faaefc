/** `bulwark webhook serve` as a process: flags, the startup line, one decision per log line, SIGTERM drains and exits 0. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/policy/config.js';
import { repoRoot } from '../../src/testing/repo-root.js';
import { admissionReview, call, deployment, HARDENED, makeCert } from './webhook-test-support.js';

const bin = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
const cert = makeCert();
after(() => rmSync(cert.dir, { recursive: true, force: true }));

function bulwark(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bulwark webhook serve', () => {
  it('rejects bad flags with exit 2 and one line on stderr', () => {
    const tls = ['--tls-cert', cert.certFile, '--tls-key', cert.keyFile];
    for (const [args, message] of [
      [['webhook', 'serve', ...tls, '--mode', 'block'], /--mode must be enforce or audit/],
      [['webhook', 'serve', ...tls, '--deny-on', 'severe'], /--deny-on must be one of/],
      [['webhook', 'serve', ...tls, '--port', '99999'], /--port must be a port number/],
      [['webhook', 'serve', ...tls, '--workers', 'many'], /--workers must be auto or a number from 0 to 64/],
      [['webhook', 'serve', ...tls, '--decision-timeout', '0'], /--decision-timeout must be a positive number/],
      [['webhook', 'serve', ...tls, '--decision-timeout', '3000000'], /at most 30/],
      [['webhook', 'serve', '--tls-cert', cert.certFile, '--tls-key', join(cert.dir, 'missing.key')], /cannot load the TLS key pair/],
      [['webhook', 'serve', '--tls-key', cert.keyFile], /required option '--tls-cert <file>' not specified/],
    ] as [string[], RegExp][]) {
      const r = bulwark(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });

  it('a bad config file is a usage error', () => {
    const config = join(cert.dir, 'bad.yaml');
    writeFileSync(config, 'checks: [\n');
    const r = bulwark(['webhook', 'serve', '--tls-cert', cert.certFile, '--tls-key', cert.keyFile, '--config', config]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.yaml:\d+: invalid YAML/);
  });

  it('serves, logs JSON lines, and drains on SIGTERM with exit 0', async () => {
    const config = join(cert.dir, 'audit.yaml');
    writeFileSync(config, 'checks:\n  require-cpu-requests: {enforcement: deny, severity: high}\n');
    const child = spawn(
      process.execPath,
      [bin, 'webhook', 'serve', '--tls-cert', cert.certFile, '--tls-key', cert.keyFile, '--config', config, '--host', '127.0.0.1', '--port', '0',
        '--exclude-namespace', 'infra', '--exclude-namespace', 'monitoring', '--break-glass-annotation', 'example.com/emergency',
        '--workers', '2'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const startup = await waitFor(() => stdout.split('\n').find((l) => l.includes('"webhook listening"')), () => stderr);
      const info = JSON.parse(startup) as Record<string, unknown>;
      assert.equal(info.mode, 'enforce');
      assert.equal(info.denyOn, 'medium');
      assert.deepEqual(info.excludeNamespaces, ['infra', 'monitoring']);
      assert.equal(info.breakGlassAnnotation, 'example.com/emergency');
      assert.equal(typeof info.checks, 'number');
      // Decisions run in two worker threads, each built from the same config (the denial below proves it reached them).
      assert.equal(info.workers, 2);
      const port = info.port as number;
      assert.ok(port > 0);

      // The config made require-cpu-requests deny: a hardened Deployment without requests is denied.
      const denied = await call(port, cert.cert, { body: admissionReview(deployment('web', HARDENED), { uid: 'cli-1' }) });
      assert.match((JSON.parse(denied.body) as { response: { status: { message: string } } }).response.status.message, /^require-cpu-requests: /);
      const excluded = await call(port, cert.cert, { body: admissionReview(deployment('web', HARDENED), { uid: 'cli-2', namespace: 'monitoring' }) });
      assert.equal((JSON.parse(excluded.body) as { response: { allowed: boolean } }).response.allowed, true);
      // kube-system is no longer excluded once --exclude-namespace is given.
      const sys = await call(port, cert.cert, { body: admissionReview(deployment('web', HARDENED), { uid: 'cli-3', namespace: 'kube-system' }) });
      assert.equal((JSON.parse(sys.body) as { response: { allowed: boolean } }).response.allowed, false);

      const decision = await waitFor(() => stdout.split('\n').find((l) => l.includes('"uid":"cli-1"')), () => stderr);
      const entry = JSON.parse(decision) as Record<string, unknown>;
      assert.equal(entry.verdict, 'denied');
      assert.equal(typeof entry.time, 'string');
      assert.ok(!decision.includes('registry.example.com'), 'no object content in the log');

      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
      assert.match(stdout, /"msg":"draining","signal":"SIGTERM"/);
      assert.match(stdout, /"msg":"stopped"/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

async function waitFor(get: () => string | undefined, context: () => string, ms = 10_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out; stderr: ${context()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('bulwark webhook manifests --config', () => {
  /** The config volume as the kubelet mounts it: every item of the ConfigMap at its path. */
  function mountConfigVolume(text: string, into: string): string {
    const objects = yaml.loadAll(text) as { kind?: string; data?: Record<string, string>; spec?: { template?: { spec?: { volumes?: { name: string; configMap?: { items?: { key: string; path: string }[] } }[] } } } }[];
    const configMap = objects.find((o) => o?.kind === 'ConfigMap');
    const volume = objects.find((o) => o?.kind === 'Deployment')?.spec?.template?.spec?.volumes?.find((v) => v.name === 'config');
    const data = configMap?.data ?? {};
    const items = volume?.configMap?.items ?? Object.keys(data).map((key) => ({ key, path: key }));
    for (const { key, path } of items) {
      mkdirSync(dirname(join(into, path)), { recursive: true });
      writeFileSync(join(into, path), data[key]);
    }
    return join(into, '.bulwark.yaml');
  }

  it('ships the policies the config loads from policies/ beside it, and their hash rolls the pods', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-manifests-'));
    try {
      mkdirSync(join(dir, 'policies', 'team'), { recursive: true });
      writeFileSync(join(dir, '.bulwark.yaml'), 'failOn: high\n');
      cpSync(join(repoRoot(), 'examples', 'policies', 'images-from-our-registry.yaml'), join(dir, 'policies', 'team', 'images.yaml'));
      const render = () => bulwark(['webhook', 'manifests', '--image', 'ghcr.io/acme/bulwark:1@sha256:' + 'a'.repeat(64), '-c', join(dir, '.bulwark.yaml')]);
      const first = render();
      assert.equal(first.code, 0, first.stderr);
      const inPod = loadConfig(mountConfigVolume(first.stdout, join(dir, 'pod')));
      const local = loadConfig(join(dir, '.bulwark.yaml'));
      assert.ok(local.policies.length > 0);
      assert.deepEqual(inPod.policies.map((p) => p.id), local.policies.map((p) => p.id));
      const hash = (text: string) => /bulwark\.dev\/config-sha256: "([0-9a-f]+)"/.exec(text)?.[1];
      writeFileSync(join(dir, 'policies', 'team', 'images.yaml'), `${readFileSync(join(dir, 'policies', 'team', 'images.yaml'), 'utf8')}\n# edited\n`);
      const second = render();
      assert.ok(hash(first.stdout) && hash(second.stdout) && hash(first.stdout) !== hash(second.stdout), 'a policy edit changes the config hash');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses policyPaths, which the pods would not have, before writing any TLS file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-manifests-'));
    try {
      mkdirSync(join(dir, 'shared'), { recursive: true });
      writeFileSync(join(dir, '.bulwark.yaml'), 'policyPaths: [shared]\n');
      const r = bulwark(['webhook', 'manifests', '--image', 'x@sha256:' + 'a'.repeat(64), '-c', join(dir, '.bulwark.yaml'), '--tls', 'generated', '--tls-dir', join(dir, 'tls')]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /policyPaths/);
      assert.equal(existsSync(join(dir, 'tls')), false, 'no key files written for a refused run');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
