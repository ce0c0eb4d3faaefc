/**
 * The AdmissionReview response: the verdict, the denial message kube-apiserver shows to the user, and the
 * warnings kubectl prints. Both are bounded, because they travel in HTTP headers and terminal output.
 */
import type { Finding } from '../model/types.js';
import type { AdmissionApiVersion } from './admission-review.js';

/** Kubernetes truncates longer warnings; kubectl prints each on its own line. */
export const MAX_WARNING_CHARS = 256;
/** Warnings in one response, the last one being "… N more" when there are more. */
export const MAX_WARNINGS = 20;
/** The denial message (status.message), shown by kubectl after "admission webhook … denied the request:". */
export const MAX_MESSAGE_CHARS = 4096;

export const AUDIT_PREFIX = '[audit: would deny] ';
export const BREAK_GLASS_PREFIX = '[break-glass: would deny] ';

export interface AdmissionStatus {
  code: number;
  reason: string;
  message: string;
}

export interface AdmissionResponseBody {
  uid: string;
  allowed: boolean;
  status?: AdmissionStatus;
  warnings?: string[];
  /** Recorded in the API server's audit log, keys prefixed with the webhook's name. */
  auditAnnotations?: Record<string, string>;
}

export interface AdmissionReviewResponse {
  apiVersion: AdmissionApiVersion;
  kind: 'AdmissionReview';
  response: AdmissionResponseBody;
}

export function reviewResponse(apiVersion: AdmissionApiVersion, response: AdmissionResponseBody): AdmissionReviewResponse {
  return { apiVersion, kind: 'AdmissionReview', response };
}

/** One line, no control characters (names and messages may come from the object). */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  // The API server drops a warning holding any Unicode control character (C0, DEL and C1).
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

/** "<check-id>: <message> Fix: <remediation without its final period>" for each denying finding, joined by "; ", at most MAX_MESSAGE_CHARS. */
export function denialMessage(denying: readonly Finding[], maxChars = MAX_MESSAGE_CHARS): string {
  const parts = denying.map((f) => clean(`${f.checkId}: ${f.message} Fix: ${f.remediation.replace(/\.\s*$/, '')}`));
  let message = '';
  for (let i = 0; i < parts.length; i++) {
    const next = message === '' ? parts[i] : `${message}; ${parts[i]}`;
    const rest = parts.length - i - 1;
    // Keep room for the "… and N more" tail unless this is the last part.
    const tail = rest > 0 ? `; … and ${parts.length - i} more`.length : 0;
    if (next.length + tail > maxChars) {
      if (message === '') {
        // A single part longer than the budget: cut it, and still say how many follow.
        const more = parts.length - 1;
        const suffix = more > 0 ? `; … and ${more} more` : '';
        return `${parts[i].slice(0, maxChars - suffix.length - 1)}…${suffix}`;
      }
      return `${message}; … and ${parts.length - i} more`;
    }
    message = next;
  }
  return message;
}

/** "<check-id>: <message>" (with a prefix), cut to MAX_WARNING_CHARS. */
export function warningText(f: Finding, prefix = ''): string {
  const text = clean(`${prefix}${f.checkId}: ${f.message}`);
  return text.length <= MAX_WARNING_CHARS ? text : `${text.slice(0, MAX_WARNING_CHARS - 1)}…`;
}

/** At most MAX_WARNINGS entries: the first MAX_WARNINGS - 1 and "… N more" when there are more. */
/** The API server keeps at most this many characters of warnings per response and drops the rest. */
const MAX_WARNINGS_TOTAL_CHARS = 4000;

export function capWarnings(warnings: readonly string[], max = MAX_WARNINGS): string[] {
  const kept: string[] = [];
  let total = 0;
  for (const w of warnings) {
    // Room for the "… N more" tail.
    if (kept.length === max - 1 || total + w.length > MAX_WARNINGS_TOTAL_CHARS - 20) break;
    kept.push(w);
    total += w.length;
  }
  if (kept.length === warnings.length) return kept;
  if (kept.length === max - 1 && warnings.length === max) {
    const last = warnings[max - 1];
    if (total + last.length <= MAX_WARNINGS_TOTAL_CHARS) return [...kept, last];
  }
  return [...kept, `… ${warnings.length - kept.length} more`];
}
