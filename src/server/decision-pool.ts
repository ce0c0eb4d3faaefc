/**
 * Decisions in worker threads. The server thread only speaks TLS and HTTP; parsing and judging run in a
 * pool of workers, so several CPUs share the work, probes and metrics answer while an enormous object is
 * judged, and a decision that overruns its deadline is answered (500: the API server applies the webhook's
 * failurePolicy) while the stuck worker is replaced instead of blocking every request behind it.
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { K8sObject } from '../model/types.js';
import { refOf, type AdmissionJudge, type ClientDeparture, type Judgement, type RequestRef } from './admission-judge.js';
import { parseAdmissionReview } from './admission-review.js';
import type { AdmissionSettings } from './admission-settings.js';
import type { NamespaceLookup } from './namespace-lookup.js';
import type { Logger } from './webhook-server.js';

export interface WorkerData {
  settings: AdmissionSettings;
  /** Whether to ask the pool for namespaceObject. */
  namespaces: boolean;
  /** Bodies at least this large are named to the pool as soon as they are parsed. */
  announceBytes: number;
}

export type ToWorker =
  | { t: 'judge'; id: number; body: Uint8Array }
  | { t: 'ns'; id: number; object: K8sObject | null; error?: string }
  /** Forget a job that waits for its Namespace: its deadline passed. */
  | { t: 'cancel'; id: number };

export type FromWorker =
  | { t: 'ready' }
  | { t: 'failed'; error: string }
  | { t: 'ref'; id: number; ref: RequestRef }
  | { t: 'ns'; id: number; namespace: string }
  | { t: 'done'; id: number; judgement: Judgement };

export interface DecisionPoolOptions {
  settings: AdmissionSettings;
  workers: number;
  /** From receipt to decision. */
  deadlineMs: number;
  namespaceLookup?: NamespaceLookup;
  log: Logger;
  /** Called each time a worker is replaced (a metric). */
  onReplaced?: () => void;
  /** Default 64 KiB. */
  announceBytes?: number;
  /** For tests: another worker script speaking the same protocol. */
  workerUrl?: URL;
}

interface Job {
  id: number;
  /** Until handed to a worker; afterwards only a body below announceBytes is kept (see pump). */
  body: Uint8Array;
  resolve: (j: Judgement) => void;
  timer: NodeJS.Timeout;
  ref?: RequestRef;
  slot?: Slot;
  /** Parsed, and waiting for the server thread's Namespace lookup (the worker is idle meanwhile). */
  waitingForNamespace?: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  /** Lost (died, failed to start, or replaced after a deadline): its events no longer count. */
  dead?: boolean;
}

const WORKER_URL = new URL('./decision-worker.js', import.meta.url);
/** A worker that fails to start again is retried after this. */
const RESPAWN_DELAY_MS = 1_000;

export class DecisionPool implements AdmissionJudge {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private closing = false;
  private started = false;
  /** Workers replaced after a deadline or a crash (exported as a metric by the server). */
  replaced = 0;

  constructor(private readonly options: DecisionPoolOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new Error('a decision pool needs at least one worker');
  }

  /** Starts every worker; rejects (and stops them) when one cannot build the policy. */
  async start(): Promise<void> {
    const started = Array.from({ length: this.options.workers }, (_, i) => this.spawn(i));
    try {
      await Promise.all(started);
      this.started = true;
      // A worker that became ready and then died while the others were starting was not replaced yet.
      this.slots.forEach((slot, index) => {
        if (slot.dead && this.slots[index] === slot) this.spawn(index).catch(() => undefined);
      });
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  /** `departure` drops a request still waiting for a worker (its client went away); one being judged finishes. */
  judge(body: Uint8Array, departure?: ClientDeparture): Promise<Judgement> {
    if (this.closing) return Promise.resolve({ status: 500, error: 'the webhook is shutting down' });
    return new Promise<Judgement>((resolve) => {
      const id = this.nextId++;
      const job: Job = { id, body, resolve, timer: setTimeout(() => this.expire(job), this.options.deadlineMs) };
      this.jobs.set(id, job);
      this.queue.push(job);
      departure?.onGone(() => {
        if (!job.slot) this.settle(job, { status: 500, error: 'the client went away before a worker was free', ref: refOfJob(job, this.announceBytes) });
      });
      this.pump();
    });
  }

  /** Whether any worker can judge now (readiness: a pool whose workers all fail to start serves nothing). */
  get ready(): boolean {
    return !this.closing && this.slots.some((s) => s.ready);
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const job of [...this.jobs.values()]) this.settle(job, { status: 500, error: 'the webhook is shutting down', ref: job.ref });
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  /** Jobs waiting for a worker and jobs being judged. */
  get pending(): number {
    return this.jobs.size;
  }

  private get announceBytes(): number {
    return this.options.announceBytes ?? 64 * 1024;
  }

  private spawn(index: number): Promise<void> {
    const data: WorkerData = { settings: this.options.settings, namespaces: this.options.namespaceLookup !== undefined, announceBytes: this.announceBytes };
    const worker = new Worker(this.options.workerUrl ?? WORKER_URL, { workerData: data });
    const slot: Slot = { worker, ready: false };
    this.slots[index] = slot;
    return new Promise<void>((resolveStart, rejectStart) => {
      worker.on('message', (message: FromWorker) => {
        if (message.t === 'ready') {
          slot.ready = true;
          resolveStart();
          this.pump();
        } else if (message.t === 'failed') {
          rejectStart(new Error(message.error));
          this.lost(slot, index, `decision worker could not start: ${message.error}`);
        } else {
          this.onJobMessage(slot, message);
        }
      });
      worker.on('error', (err) => {
        rejectStart(err);
        this.lost(slot, index, `decision worker failed: ${err.message.split('\n')[0]}`);
      });
      worker.on('exit', (code) => {
        rejectStart(new Error(`decision worker exited with code ${code}`));
        this.lost(slot, index, `decision worker exited with code ${code}`);
      });
    });
  }

  /** A worker died, could not start or overran a deadline: fail its job, and (unless closing) start another in its place. */
  private lost(slot: Slot, index: number, reason: string): void {
    if (slot.dead || this.slots[index] !== slot) return;
    slot.dead = true;
    const wasReady = slot.ready;
    slot.ready = false;
    void slot.worker.terminate();
    if (slot.job) this.settle(slot.job, { status: 500, error: reason, ref: refOfJob(slot.job, this.announceBytes) });
    slot.job = undefined;
    if (this.closing || !this.started) return;
    this.replaced++;
    this.options.onReplaced?.();
    this.options.log({ level: 'error', msg: 'decision worker replaced', reason });
    // A worker that never became ready would fail again at once: do not spin.
    const retry = setTimeout(() => {
      if (!this.closing && this.slots[index] === slot) this.spawn(index).catch(() => undefined);
    }, wasReady ? 0 : RESPAWN_DELAY_MS);
    retry.unref();
  }

  private onJobMessage(slot: Slot, message: Exclude<FromWorker, { t: 'ready' } | { t: 'failed' }>): void {
    const job = this.jobs.get(message.id);
    if (!job || job.slot !== slot) return;
    if (message.t === 'ref') {
      job.ref = message.ref;
    } else if (message.t === 'ns') {
      const lookup = this.options.namespaceLookup;
      job.waitingForNamespace = true;
      const answer = (object: K8sObject | null, error?: string): void => {
        job.waitingForNamespace = false;
        if (slot.job === job) slot.worker.postMessage({ t: 'ns', id: job.id, object, error } satisfies ToWorker);
      };
      if (!lookup) return answer(null);
      lookup.get(message.namespace).then(
        (object) => answer(object),
        (err: unknown) => answer(null, err instanceof Error ? err.message : String(err)),
      );
    } else {
      slot.job = undefined;
      this.settle(job, message.judgement);
      this.pump();
    }
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot || !slot.ready || slot.job) continue;
      const job = this.queue.shift() as Job;
      slot.job = job;
      job.slot = slot;
      // Hand the bytes over without a copy, unless they share memory with other buffers (Node's pool). The
      // copy must be a Uint8Array's: a Buffer's slice() is a view of the pool, which Node 22+ refuses to
      // transfer (DataCloneError; Node 20 copied it silently).
      // Small bodies are copied too and the pool keeps its own: workers name only large bodies as soon as they
      // are parsed (a message more per request costs more than a copy), yet a small object can be slow as
      // well (a custom policy's regular expression or CEL), and a deadline or a crash should still name it.
      const small = job.body.byteLength < this.announceBytes;
      const whole = job.body.byteOffset === 0 && job.body.byteLength === job.body.buffer.byteLength;
      const body = whole && !small ? job.body : Uint8Array.prototype.slice.call(job.body);
      if (!small) job.body = EMPTY;
      try {
        slot.worker.postMessage({ t: 'judge', id: job.id, body } satisfies ToWorker, [body.buffer as ArrayBuffer]);
      } catch (err) {
        this.lost(slot, this.slots.indexOf(slot), `could not hand a request to a decision worker: ${(err as Error).message}`);
      }
    }
  }

  /** Past the deadline: answer now; a worker still judging is replaced (its loop cannot be interrupted). */
  private expire(job: Job): void {
    if (!this.jobs.has(job.id)) return;
    const seconds = this.options.deadlineMs / 1000;
    this.settle(job, {
      status: 500,
      error: `no decision within ${seconds} s (an enormous object or a slow policy); the API server applies the webhook's failurePolicy`,
      ref: refOfJob(job, this.announceBytes),
    });
    const slot = job.slot;
    if (!slot) return;
    slot.job = undefined;
    if (job.waitingForNamespace) {
      // The worker is idle, waiting for the API server: keep it, have it forget the job.
      slot.worker.postMessage({ t: 'cancel', id: job.id } satisfies ToWorker);
      this.pump();
      return;
    }
    const index = this.slots.indexOf(slot);
    if (index !== -1) this.lost(slot, index, `a decision exceeded the ${seconds} s deadline`);
  }

  private settle(job: Job, judgement: Judgement): void {
    if (!this.jobs.delete(job.id)) return;
    clearTimeout(job.timer);
    const queued = this.queue.indexOf(job);
    if (queued !== -1) this.queue.splice(queued, 1);
    job.resolve(judgement);
  }
}

const EMPTY = new Uint8Array(0);

/**
 * The request a failed job was for: as its worker announced it, else read from the body the pool kept (only
 * bodies below announceBytes, so parsing one here is cheap). Undefined when neither names it.
 */
function refOfJob(job: Job, announceBytes: number): RequestRef | undefined {
  // A large body still queued is not parsed here: that is the work the server thread hands off.
  if (job.ref || job.body.byteLength === 0 || job.body.byteLength >= announceBytes) return job.ref;
  try {
    return refOf(parseAdmissionReview(Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength)));
  } catch {
    return undefined;
  }
}

/**
 * CPUs this process may use: the machine's, capped by a cgroup v2 CPU quota (a container limit), which
 * os.availableParallelism() does not see.
 */
export function cpuBudget(cpuMaxFile = '/sys/fs/cgroup/cpu.max'): number {
  const cpus = availableParallelism();
  try {
    const [quota, period] = readFileSync(cpuMaxFile, 'utf8').trim().split(/\s+/);
    const q = Number(quota);
    const p = Number(period);
    if (quota !== 'max' && q > 0 && p > 0) return Math.max(1, Math.min(cpus, Math.ceil(q / p)));
  } catch {
    // No cgroup v2 quota visible: the machine's CPUs.
  }
  return cpus;
}

/** `--workers auto`: one per usable CPU, at most 4 (each holds its own copy of the policy). */
export function defaultWorkerCount(budget = cpuBudget()): number {
  return Math.max(1, Math.min(4, budget));
}
