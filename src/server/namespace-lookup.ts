import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import type { K8sObject } from '../model/types.js';

/** The Namespace objects policies see as `namespaceObject` (AdmissionReviews do not carry them). */
export interface NamespaceLookup {
  get(name: string): Promise<K8sObject | null>;
}

export interface ApiServerAccess {
  /** https://host:port of the API server. */
  server: string;
  /** The bearer token, or a function giving the current one (projected tokens rotate). */
  token: string | (() => string);
  ca: string;
  /** Name to verify the API server's certificate against, when it differs from the URL's host. */
  tlsServerName?: string;
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** What the API server accepts as a Namespace's name: an RFC 1123 label. */
const NAMESPACE_NAME = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

/** The pod's own API access (in-cluster config), or undefined outside a cluster. */
export function inClusterAccess(env: NodeJS.ProcessEnv = process.env, dir = SERVICE_ACCOUNT_DIR): ApiServerAccess | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  if (!host || !existsSync(`${dir}/token`) || !existsSync(`${dir}/ca.crt`)) return undefined;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  // The kubelet rotates the projected token; re-read it once a minute, as client-go does.
  let token = readFileSync(`${dir}/token`, 'utf8').trim();
  let readAt = Date.now();
  const currentToken = (): string => {
    if (Date.now() - readAt > 60_000) {
      try {
        token = readFileSync(`${dir}/token`, 'utf8').trim();
      } catch {
        // Keep the last token; the API server's answer will say if it is no longer valid.
      }
      readAt = Date.now();
    }
    return token;
  };
  return { server: `https://${hostPart}:${port}`, token: currentToken, ca: readFileSync(`${dir}/ca.crt`, 'utf8') };
}

/**
 * GET /api/v1/namespaces/<name>, cached for `ttlMs` (labels change rarely; a stale label for half a minute
 * is the same trade the API server's own informers make). Concurrent requests for one namespace share one
 * fetch. A failure answers null (policies then see no namespaceObject) and is reported to `onError`.
 */
export class ApiNamespaceLookup implements NamespaceLookup {
  private readonly cache = new Map<string, { at: number; value: Promise<K8sObject | null> }>();
  private readonly agent: Agent;

  constructor(
    private readonly access: ApiServerAccess,
    private readonly onError: (message: string) => void,
    private readonly ttlMs = 30_000,
    private readonly timeoutMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {
    this.agent = new Agent({ keepAlive: true, ca: access.ca, maxSockets: 4 });
  }

  get(name: string): Promise<K8sObject | null> {
    // A name that is not a DNS label names no Namespace; only a forged request carries one, and it must not
    // become a request to the API server (nor an error line quoting it).
    if (!NAMESPACE_NAME.test(name)) return Promise.resolve(null);
    const hit = this.cache.get(name);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.fetch(name);
    this.cache.set(name, { at: this.now(), value });
    // Failures are not cached: the next request asks again.
    value.then((v) => v === null && this.cache.delete(name), () => this.cache.delete(name));
    return value;
  }

  close(): void {
    this.agent.destroy();
  }

  private fetch(name: string): Promise<K8sObject | null> {
    return new Promise((resolve) => {
      const url = new URL(`/api/v1/namespaces/${encodeURIComponent(name)}`, this.access.server);
      const req = request(url, { agent: this.agent, headers: { Authorization: `Bearer ${typeof this.access.token === 'function' ? this.access.token() : this.access.token}`, Accept: 'application/json' }, timeout: this.timeoutMs, servername: this.access.tlsServerName }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode === 200) {
            try {
              const obj = JSON.parse(Buffer.concat(chunks).toString('utf8')) as K8sObject;
              return resolve(obj && obj.kind === 'Namespace' ? obj : null);
            } catch {
              this.onError(`namespace ${name}: unreadable answer from the API server`);
              return resolve(null);
            }
          }
          if (res.statusCode !== 404) this.onError(`namespace ${name}: the API server answered ${res.statusCode}`);
          resolve(null);
        });
        res.on('error', () => resolve(null));
      });
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.timeoutMs} ms`)));
      req.on('error', (err) => {
        this.onError(`namespace ${name}: ${err.message}`);
        resolve(null);
      });
      req.end();
    });
  }
}
