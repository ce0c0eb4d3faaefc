/**
 * The admission webhook over HTTPS (node:https, no framework): POST /validate (and /) answers
 * AdmissionReviews with the AdmissionPolicy's decision; /healthz, /readyz and /metrics serve the kubelet and
 * Prometheus. Bodies are bounded, slow clients time out, the TLS key pair is re-read when cert-manager
 * rotates it, and SIGTERM drains (the CLI wires the signal to `drain()`).
 *
 * Logs are one JSON line per decision, with references only (kind, namespace, name, user, check ids):
 * never object content, so Secret data never reaches the log.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AdmissionPolicy } from './admission-evaluator.js';
import { bounded, ClientDeparture, InlineJudge, type AdmissionJudge } from './admission-judge.js';
import { METRICS_CONTENT_TYPE, WebhookMetrics } from './metrics.js';
import type { NamespaceLookup } from './namespace-lookup.js';

/** kube-apiserver caps request bodies at 3 MiB; an AdmissionReview carries the object (and the old one), so nothing legitimate is larger. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Bytes discarded after a 413 before the connection is cut (so honest clients can read the 413). */
const MAX_DISCARD_BYTES = 16 * 1024 * 1024;

export type LogEntry = Record<string, unknown> & { level: 'info' | 'warn' | 'error'; msg: string };
export type Logger = (entry: LogEntry) => void;

/**
 * One JSON line per entry on stdout, with the time first. Lines written in the same turn of the event loop
 * go out in one write at the end of it (under load that is one system call for many decisions instead of
 * one each); an exiting process flushes what is pending.
 */
export const stdoutLogger: Logger = (entry) => {
  pendingLog += `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`;
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushLog);
  }
};

let pendingLog = '';
let flushScheduled = false;

function flushLog(): void {
  flushScheduled = false;
  if (pendingLog === '') return;
  const text = pendingLog;
  pendingLog = '';
  process.stdout.write(text);
}
process.on('exit', flushLog);

const DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

export interface WebhookServerOptions {
  /** The policy (its settings are logged at start); judged in this thread unless `judge` is given. */
  policy: AdmissionPolicy;
  /** Where decisions are made: a DecisionPool of worker threads, or (default) this thread. */
  judge?: AdmissionJudge;
  tlsCertFile: string;
  tlsKeyFile: string;
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  maxBodyBytes?: number;
  /** Whole request (headers and body) must arrive within this; also the TLS handshake and header timeouts. Default 10 s. */
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** How often the key pair's files are checked for rotation. Default 30 s. */
  tlsPollMs?: number;
  log?: Logger;
  metrics?: WebhookMetrics;
  /** Requests read or judged at once; more get 429 (default 64). */
  maxConcurrentRequests?: number;
  /** Where `namespaceObject` comes from (in a cluster: the API server); without it policies see null. Only for the default judge (a pool has its own). */
  namespaceLookup?: NamespaceLookup;
  /** For the start-up line: how many decision workers the judge runs (0: this thread). */
  workers?: number;
}

interface FileStamp {
  cert: string;
  key: string;
}

export class WebhookServer {
  readonly metrics: WebhookMetrics;
  private readonly log: Logger;
  private readonly maxBodyBytes: number;
  private readonly server: Server;
  private readonly judge: AdmissionJudge;
  private ready = false;
  private draining = false;
  private tlsStamp: FileStamp;
  private tlsTimer: NodeJS.Timeout | undefined;
  private closed: Promise<void> | undefined;

  constructor(private readonly options: WebhookServerOptions) {
    this.metrics = options.metrics ?? new WebhookMetrics();
    this.log = options.log ?? stdoutLogger;
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.judge = options.judge ?? new InlineJudge(options.policy, options.namespaceLookup);
    const requestTimeout = options.requestTimeoutMs ?? 10_000;
    const cert = readFileSync(options.tlsCertFile);
    const key = readFileSync(options.tlsKeyFile);
    this.tlsStamp = { cert: stampOf(statSync(options.tlsCertFile)), key: stampOf(statSync(options.tlsKeyFile)) };
    this.server = createServer({
      cert,
      key,
      minVersion: 'TLSv1.2',
      handshakeTimeout: requestTimeout,
      requestTimeout,
      headersTimeout: requestTimeout,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      // Timeouts are enforced by a periodic sweep; make it fine enough for short (test) timeouts.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(requestTimeout / 4))),
    });
    // Idle sockets (no request in progress, no keep-alive) are closed after this.
    this.server.timeout = Math.max(requestTimeout * 3, 30_000);
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => this.route(req, res));
    this.server.on('tlsClientError', () => {
      /* handshake failures (scanners, wrong CA) are the client's problem; nothing to log per connection */
    });
    this.server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
      if (socket.writable && err.code !== 'ECONNRESET') {
        const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      }
      socket.destroy();
    });
  }

  /** Listens; resolves with the bound port once the server accepts connections (ready from then on). */
  async listen(): Promise<number> {
    const { host = '0.0.0.0', port = 8443 } = this.options;
    await new Promise<void>((resolveListen, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolveListen();
      });
    });
    this.server.on('error', (err) => this.log({ level: 'error', msg: 'server error', error: err.message }));
    this.tlsTimer = setInterval(() => void this.reloadTlsIfChanged(), this.options.tlsPollMs ?? 30_000);
    this.tlsTimer.unref();
    this.ready = true;
    const opts = this.options.policy.options;
    this.log({
      level: 'info',
      msg: 'webhook listening',
      host,
      port: this.port,
      mode: opts.mode,
      denyOn: opts.denyOn,
      checks: this.options.policy.checks.length,
      workers: this.options.workers ?? 0,
      denyChecks: this.options.policy.denyCheckCount,
      excludeNamespaces: opts.excludeNamespaces,
      breakGlassAnnotation: opts.breakGlassAnnotation,
      annotationSuppressions: opts.allowAnnotationSuppressions,
    });
    return this.port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo | null)?.port ?? 0;
  }

  get isReady(): boolean {
    return this.ready && !this.draining;
  }

  /**
   * Stops accepting connections, answers /readyz with 503, lets in-flight requests finish and closes idle
   * keep-alive connections; after `graceMs` the remaining connections are cut. Resolves when closed.
   */
  drain(graceMs = 20_000, delayMs = 0): Promise<void> {
    if (this.closed) return this.closed;
    this.draining = true;
    if (this.tlsTimer) clearInterval(this.tlsTimer);
    // Kubernetes removes the pod from the Service's endpoints while SIGTERM is delivered, not before: keep
    // answering for `delayMs` (readyz already says 503) so requests still routed here are not refused.
    this.closed = new Promise<void>((resolve) => setTimeout(resolve, delayMs)).then(() => new Promise<void>((resolveClose) => {
      const force = setTimeout(() => this.server.closeAllConnections(), graceMs);
      force.unref();
      this.server.close(() => {
        clearTimeout(force);
        void this.judge.close().then(resolveClose, resolveClose);
      });
      this.server.closeIdleConnections();
    }));
    return this.closed;
  }

  /** Re-reads the key pair when either file changed (cert-manager rotates the Secret's files). A half-written pair is retried at the next poll. */
  async reloadTlsIfChanged(): Promise<boolean> {
    const { tlsCertFile, tlsKeyFile } = this.options;
    let stamp: FileStamp;
    try {
      stamp = { cert: stampOf(await stat(tlsCertFile)), key: stampOf(await stat(tlsKeyFile)) };
    } catch (err) {
      this.log({ level: 'error', msg: 'tls files unreadable; keeping the current certificate', error: (err as Error).message });
      return false;
    }
    if (stamp.cert === this.tlsStamp.cert && stamp.key === this.tlsStamp.key) return false;
    try {
      this.server.setSecureContext({ cert: readFileSync(tlsCertFile), key: readFileSync(tlsKeyFile), minVersion: 'TLSv1.2' });
    } catch (err) {
      this.log({ level: 'error', msg: 'tls reload failed; keeping the current certificate', error: (err as Error).message.split('\n')[0] });
      return false;
    }
    this.tlsStamp = stamp;
    this.log({ level: 'info', msg: 'tls certificate reloaded', cert: tlsCertFile });
    return true;
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    if (this.draining) res.setHeader('Connection', 'close');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    if (path === '/validate' || path === '/') {
      if (method !== 'POST') return sendError(res, 405, 'method not allowed: use POST', { Allow: 'POST' });
      return this.readBody(req, res);
    }
    const probe = path === '/healthz' || path === '/readyz' || path === '/metrics';
    if (!probe) return sendError(res, 404, 'not found');
    if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, 'method not allowed: use GET', { Allow: 'GET, HEAD' });
    if (path === '/healthz') return sendText(res, 200, 'ok\n');
    if (path === '/readyz') {
      if (!this.isReady) return sendText(res, 503, this.draining ? 'draining\n' : 'starting\n');
      return this.judge.ready ? sendText(res, 200, 'ok\n') : sendText(res, 503, 'no decision worker is running\n');
    }
    return sendText(res, 200, this.metrics.render(), METRICS_CONTENT_TYPE);
  }

  /** Bodies being received or judged now; bounded so many large bodies at once cannot exhaust memory. */
  private inFlight = 0;

  private readBody(req: IncomingMessage, res: ServerResponse): void {
    if (this.inFlight >= (this.options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS)) {
      this.metrics.countRequest('error', 'unknown');
      req.resume();
      return sendError(res, 429, 'too many concurrent admission requests; retry', { 'Retry-After': '1', Connection: 'close' });
    }
    this.inFlight++;
    let released = false;
    let judging = false;
    const release = (): void => {
      if (!released) {
        released = true;
        this.inFlight--;
      }
    };
    // A request being judged keeps its place until the judgement is back, even if its client left: the
    // limit bounds the bodies held, not the sockets open.
    const departure = new ClientDeparture();
    res.on('close', () => {
      if (!res.writableFinished) departure.leave();
      if (!judging) release();
    });
    const max = this.maxBodyBytes;
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    const reject = (): void => {
      rejected = true;
      chunks.length = 0;
      this.metrics.countRequest('error', 'unknown');
      this.log({ level: 'warn', msg: 'request body too large', bytes: Number.isFinite(declared) ? declared : `>${max}`, limit: max });
      sendError(res, 413, `request body larger than ${max} bytes`);
    };
    if (Number.isFinite(declared) && declared > max) reject();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (rejected) {
        // The 413 is on its way; what follows is read and dropped (so the client can read it), within bounds.
        if (size > max + MAX_DISCARD_BYTES) req.socket.destroy();
        return;
      }
      if (size > max) return reject();
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (rejected) return;
      // Its own memory (never a slice of Node's shared pool), so a decision worker can take it without a copy.
      const body = new Uint8Array(size);
      let offset = 0;
      for (const c of chunks) {
        body.set(c, offset);
        offset += c.length;
      }
      judging = true;
      void this.admit(body, res, departure).finally(release);
    });
    req.on('error', () => {
      /* aborted by the client; nothing to answer */
    });
  }

  private async admit(body: Uint8Array, res: ServerResponse, departure: ClientDeparture): Promise<void> {
    const started = process.hrtime.bigint();
    // Read before judging: a decision worker takes the bytes over.
    const bytes = body.byteLength;
    const judgement = await this.judge.judge(body, departure);
    const seconds = elapsedSeconds(started);
    // Requests that were in flight when draining began must not hold their connection open afterwards.
    if (this.draining) res.setHeader('Connection', 'close');
    if (judgement.status === 400) {
      this.metrics.countRequest('error', 'unknown');
      this.log({ level: 'warn', msg: 'bad admission request', error: judgement.error });
      return sendError(res, 400, judgement.error);
    }
    if (judgement.status === 500) {
      this.metrics.countRequest('error', judgement.ref?.operation ?? 'unknown');
      this.metrics.observeDuration(seconds);
      this.log({ ...judgement.ref, level: 'error', msg: 'admission', verdict: 'error', error: judgement.error, bytes, ms: round(seconds * 1000) });
      return sendError(res, 500, 'internal error while evaluating the object');
    }
    const payload = judgement.payload;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);

    this.metrics.countRequest(judgement.verdict, judgement.ref.operation);
    this.metrics.observeDuration(seconds);
    for (const c of judgement.checks) this.metrics.countFinding(c.id, c.enforcement);
    const entry: LogEntry = { level: 'info', msg: 'admission', ...judgement.ref, verdict: judgement.verdict, checks: judgement.checks.map((c) => c.id), ms: round(seconds * 1000) };
    if (judgement.denying.length > 0) entry.denying = judgement.denying;
    if (judgement.breakGlassReason !== undefined) {
      entry.level = 'warn';
      entry.msg = 'break-glass admission';
      entry.breakGlassReason = bounded(judgement.breakGlassReason);
    }
    this.log(entry);
  }
}

function stampOf(s: Stats): string {
  return `${s.mtimeMs}:${s.size}:${s.ino}`;
}

function elapsedSeconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function sendText(res: ServerResponse, code: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** A one-line JSON error. */
function sendError(res: ServerResponse, code: number, message: string, headers: Record<string, string> = {}): void {
  const body = `${JSON.stringify({ error: message })}\n`;
  res.writeHead(code, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
