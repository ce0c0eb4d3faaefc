/**
 * Test plumbing for the webhook: a throw-away self-signed certificate for localhost/127.0.0.1 (openssl),
 * a CA-verifying HTTPS client, AdmissionReview bodies, and a server started on 127.0.0.1:0.
 * No test lives here (the file is not a `*.test.ts`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpsRequest, type Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAdmissionPolicy, type AdmissionPolicyOptions } from '../../src/server/admission-evaluator.js';
import { WebhookServer, type LogEntry, type WebhookServerOptions } from '../../src/server/webhook-server.js';

export interface TestCert {
  dir: string;
  certFile: string;
  keyFile: string;
  cert: string;
}

/** A self-signed EC certificate for localhost and 127.0.0.1, valid one day, in `dir` (default: a new temp dir). */
export function makeCert(dir = mkdtempSync(join(tmpdir(), 'bulwark-webhook-')), name = 'tls'): TestCert {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-days', '1', '-keyout', keyFile, '-out', certFile],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { dir, certFile, keyFile, cert: readFileSync(certFile, 'utf8') };
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request verified against `ca` (no rejectUnauthorized: false anywhere). */
export function call(
  port: number,
  ca: string,
  opts: { method?: string; path?: string; body?: string | Buffer; agent?: Agent; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port,
        ca,
        method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
        path: opts.path ?? '/validate',
        agent: opts.agent,
        headers: { ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export function deployment(name: string, securityContext: Record<string, unknown>, annotations?: Record<string, string>): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name }, ...(annotations ? { annotations } : {}) },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'registry.example.com/shop/web:1.4.2', securityContext }] },
      },
    },
  };
}

/** No deny-by-default check objects to this container. */
export const HARDENED = { privileged: false, allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };

export function admissionReview(object: unknown, request: Record<string, unknown> = {}, apiVersion = 'admission.k8s.io/v1'): string {
  return JSON.stringify({
    apiVersion,
    kind: 'AdmissionReview',
    request: {
      uid: 'uid-1',
      kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      resource: { group: 'apps', version: 'v1', resource: 'deployments' },
      operation: 'CREATE',
      namespace: 'shop',
      userInfo: { username: 'alice@example.com', groups: ['system:masters', 'system:authenticated'] },
      object,
      dryRun: false,
      ...request,
    },
  });
}

export interface StartedServer {
  server: WebhookServer;
  port: number;
  ca: string;
  logs: LogEntry[];
  cert: TestCert;
}

/** A WebhookServer on 127.0.0.1:0 with the built-in checks and default settings, logging into `logs`. */
export async function startServer(
  policyOptions: Partial<AdmissionPolicyOptions> = {},
  serverOptions: Partial<WebhookServerOptions> = {},
  cert = makeCert(),
): Promise<StartedServer> {
  const policy = defaultAdmissionPolicy(policyOptions);
  const logs: LogEntry[] = [];
  const server = new WebhookServer({
    policy,
    tlsCertFile: cert.certFile,
    tlsKeyFile: cert.keyFile,
    host: '127.0.0.1',
    port: 0,
    log: (e) => logs.push(e),
    ...serverOptions,
  });
  const port = await server.listen();
  return { server, port, ca: cert.cert, logs, cert };
}
