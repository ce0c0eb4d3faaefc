/**
 * One AdmissionReview body in, one Judgement out: parse, look up the Namespace when policies may need it,
 * decide. A Judgement is plain data (it crosses from decision workers to the server thread) and holds all
 * the server needs to answer, count and log — references to the object, never its content.
 */
import type { K8sObject } from '../model/types.js';
import type { AdmissionPolicy, AdmissionVerdict } from './admission-evaluator.js';
import { AdmissionReviewError, parseAdmissionReview, type AdmissionRequestInfo } from './admission-review.js';
import type { NamespaceLookup } from './namespace-lookup.js';

/** What a log line says about a request. */
export interface RequestRef {
  uid: string;
  operation: string;
  kind: string;
  namespace: string;
  name: string;
  user: string;
  dryRun: boolean;
}

export type Judgement =
  /** Not an AdmissionReview the webhook can answer: 400. */
  | { status: 400; error: string }
  /** Could not be judged (an evaluation error, the deadline): 500, and the API server applies failurePolicy. */
  | { status: 500; error: string; ref?: RequestRef }
  | {
      status: 200;
      /** The AdmissionReview response, serialised. */
      payload: string;
      verdict: AdmissionVerdict;
      ref: RequestRef;
      /** Each check with findings once, with its enforcement (metrics count a check once per request). */
      checks: { id: string; enforcement: string }[];
      denying: string[];
      breakGlassReason?: string;
    };

/**
 * Tells a judge that a request's client went away. Not an AbortController: one per request cost the server
 * a third of its throughput and raised its p99 from 1.6 to 5.7 ms under load (Node 20; see ADR 0007).
 */
export class ClientDeparture {
  private listener: (() => void) | undefined;
  private left = false;

  get gone(): boolean {
    return this.left;
  }

  /** One listener (the judge's); called at once when the client has already left. */
  onGone(listener: () => void): void {
    if (this.left) listener();
    else this.listener = listener;
  }

  leave(): void {
    if (this.left) return;
    this.left = true;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }
}

/** Decides AdmissionReview bodies; in this thread or in a pool of workers. */
export interface AdmissionJudge {
  /** `departure`: the client went away; a judge may drop the request if it has not started on it. */
  judge(body: Uint8Array, departure?: ClientDeparture): Promise<Judgement>;
  close(): Promise<void>;
  /** Whether requests can be judged now (for /readyz). */
  readonly ready: boolean;
}

/**
 * Longest reference (or break-glass reason) a log line carries. What an API server sends is far shorter (names at most 253
 * characters, a ServiceAccount's username about 340), but the port takes requests from anyone who reaches
 * it, and a forged one must not turn a log line into megabytes of its content.
 */
export const MAX_REF_CHARS = 512;

export function refOf(info: AdmissionRequestInfo): RequestRef {
  return {
    uid: bounded(info.uid),
    operation: info.operation,
    kind: bounded(info.kind),
    namespace: bounded(info.namespace),
    name: bounded(info.name),
    user: bounded(info.user),
    dryRun: info.request.dryRun === true,
  };
}

/** `text`, cut to MAX_REF_CHARS (with an ellipsis) for a log line. */
export function bounded(text: string): string {
  return text.length <= MAX_REF_CHARS ? text : `${text.slice(0, MAX_REF_CHARS - 1)}…`;
}

/**
 * Parse, look up the Namespace (when `namespaceOf` is given and the request has an object in one), decide.
 * `onParsed` sees the request before the decision. Never rejects. Used on the server thread and in
 * decision workers alike; a decision without a lookup completes synchronously inside the call.
 */
export async function judgeBody(
  policy: AdmissionPolicy,
  body: Uint8Array,
  namespaceOf?: (name: string) => Promise<K8sObject | null>,
  onParsed?: (info: AdmissionRequestInfo) => void,
): Promise<Judgement> {
  let info: AdmissionRequestInfo;
  try {
    info = parseAdmissionReview(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  } catch (err) {
    return { status: 400, error: err instanceof AdmissionReviewError ? err.message : 'unreadable request' };
  }
  onParsed?.(info);
  if (namespaceOf && info.namespace !== '' && info.object !== null) {
    try {
      info.namespaceObject = await namespaceOf(info.namespace);
    } catch (err) {
      return { status: 500, error: err instanceof Error ? err.message : String(err), ref: refOf(info) };
    }
  }
  return decideParsed(policy, info);
}

/** The decision on a parsed request (namespaceObject already set when looked up). Never throws. */
function decideParsed(policy: AdmissionPolicy, info: AdmissionRequestInfo): Judgement {
  const ref = refOf(info);
  try {
    const decision = policy.decide(info);
    const checks: { id: string; enforcement: string }[] = [];
    const seen = new Set<string>();
    for (const f of decision.findings) {
      if (seen.has(f.checkId)) continue;
      seen.add(f.checkId);
      checks.push({ id: f.checkId, enforcement: f.enforcement });
    }
    const judgement: Judgement = { status: 200, payload: JSON.stringify(decision.review), verdict: decision.verdict, ref, checks, denying: decision.denying };
    if (decision.breakGlassReason !== undefined) judgement.breakGlassReason = decision.breakGlassReason;
    return judgement;
  } catch (err) {
    return { status: 500, error: err instanceof Error ? err.message : String(err), ref };
  }
}

/** Judges on the calling thread: no deadline can interrupt it (`--workers 0`, and tests). */
export class InlineJudge implements AdmissionJudge {
  constructor(
    private readonly policy: AdmissionPolicy,
    private readonly namespaceLookup?: NamespaceLookup,
  ) {}

  judge(body: Uint8Array): Promise<Judgement> {
    const lookup = this.namespaceLookup;
    return judgeBody(this.policy, body, lookup && ((name) => lookup.get(name)));
  }

  async close(): Promise<void> {}

  readonly ready = true;
}
