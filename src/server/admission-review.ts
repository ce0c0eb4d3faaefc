/**
 * AdmissionReview requests as kube-apiserver sends them (admission.k8s.io/v1, and v1beta1 from older API
 * servers): parsed and validated into what the webhook needs, or rejected with a one-line reason (the
 * server answers 400, and the API server applies the webhook's failurePolicy).
 */
import { isRecord } from '../kinds/workloads.js';
import type { K8sObject } from '../model/types.js';

export const ADMISSION_API_VERSIONS = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const;
export type AdmissionApiVersion = (typeof ADMISSION_API_VERSIONS)[number];

export const ADMISSION_OPERATIONS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'] as const;
export type AdmissionOperationName = (typeof ADMISSION_OPERATIONS)[number];

/** A request the webhook can answer. */
export interface AdmissionRequestInfo {
  /** Answered in the same apiVersion. */
  apiVersion: AdmissionApiVersion;
  uid: string;
  operation: AdmissionOperationName;
  /** request.namespace ('' for cluster-scoped objects). */
  namespace: string;
  /** request.name, else the object's name, else its generateName (a CREATE may not have a name yet). */
  name: string;
  /** request.kind.kind, else the object's kind. */
  kind: string;
  /** request.userInfo.username ('' when absent). */
  user: string;
  /** The object to judge (CREATE/UPDATE), with metadata.namespace filled from request.namespace. */
  object: K8sObject | null;
  oldObject: K8sObject | null;
  /** request without object/oldObject, for custom policies (`request.*` in CEL). */
  request: Record<string, unknown>;
  /** The request's Namespace, when the server looked it up (`namespaceObject` in CEL). */
  namespaceObject?: K8sObject | null;
}

/** Why a body is not an AdmissionReview the webhook can answer (one line, no object content). */
export class AdmissionReviewError extends Error {}

/** Parses and validates a request body; throws AdmissionReviewError. */
export function parseAdmissionReview(body: string | Buffer): AdmissionRequestInfo {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (err) {
    // V8's message quotes a piece of the body (which may be Secret data): keep only where it broke.
    const position = err instanceof Error ? /position (\d+)/.exec(err.message)?.[1] : undefined;
    throw new AdmissionReviewError(position === undefined ? 'malformed JSON' : `malformed JSON at position ${position}`);
  }
  if (!isRecord(raw)) throw new AdmissionReviewError('body must be a JSON object (an AdmissionReview)');
  if (raw.kind !== 'AdmissionReview') throw new AdmissionReviewError(`kind must be AdmissionReview, not ${describe(raw.kind)}`);
  const apiVersion = raw.apiVersion;
  if (!(ADMISSION_API_VERSIONS as readonly unknown[]).includes(apiVersion)) {
    throw new AdmissionReviewError(`apiVersion must be ${ADMISSION_API_VERSIONS.join(' or ')}, not ${describe(apiVersion)}`);
  }
  const request = raw.request;
  if (!isRecord(request)) throw new AdmissionReviewError('request is missing');
  const uid = request.uid;
  if (typeof uid !== 'string' || uid === '') throw new AdmissionReviewError('request.uid is missing');
  const operation = request.operation;
  if (!(ADMISSION_OPERATIONS as readonly unknown[]).includes(operation)) {
    throw new AdmissionReviewError(`request.operation must be one of ${ADMISSION_OPERATIONS.join(', ')}, not ${describe(operation)}`);
  }
  const op = operation as AdmissionOperationName;
  const namespace = typeof request.namespace === 'string' ? request.namespace : '';
  const requestKind = isRecord(request.kind) ? request.kind : {};

  let object: K8sObject | null = null;
  let oldObject: K8sObject | null = null;
  if (op === 'CREATE' || op === 'UPDATE') {
    if (!isRecord(request.object)) throw new AdmissionReviewError(`request.object is missing (required for ${op})`);
    object = asK8sObject(request.object, requestKind, namespace);
    if (op === 'UPDATE' && isRecord(request.oldObject)) oldObject = asK8sObject(request.oldObject, requestKind, namespace);
  }
  const { object: _o, oldObject: _old, ...rest } = request;
  const meta = object?.metadata;
  const name =
    typeof request.name === 'string' && request.name !== ''
      ? request.name
      : typeof meta?.name === 'string' && meta.name !== ''
        ? meta.name
        : typeof meta?.generateName === 'string'
          ? meta.generateName
          : '';
  const kind = typeof requestKind.kind === 'string' ? requestKind.kind : (object?.kind ?? '');
  const userInfo = isRecord(request.userInfo) ? request.userInfo : {};
  return {
    apiVersion: apiVersion as AdmissionApiVersion,
    uid,
    operation: op,
    namespace,
    name,
    kind,
    user: typeof userInfo.username === 'string' ? userInfo.username : '',
    object,
    oldObject,
    request: rest,
  };
}

/**
 * The object as the engine expects it: apiVersion/kind from request.kind when absent (they are always sent,
 * but the manifest is untrusted), a metadata mapping, and the namespace from the request when unset (the API
 * server defaults it from the request path, after admission sees the object).
 */
function asK8sObject(raw: Record<string, unknown>, requestKind: Record<string, unknown>, namespace: string): K8sObject {
  const obj = raw as K8sObject;
  if (typeof obj.apiVersion !== 'string' && typeof requestKind.version === 'string') {
    obj.apiVersion = typeof requestKind.group === 'string' && requestKind.group !== '' ? `${requestKind.group}/${requestKind.version}` : requestKind.version;
  }
  if (typeof obj.kind !== 'string' && typeof requestKind.kind === 'string') obj.kind = requestKind.kind;
  if (!isRecord(obj.metadata)) obj.metadata = {};
  if (namespace !== '' && (typeof obj.metadata.namespace !== 'string' || obj.metadata.namespace === '')) obj.metadata.namespace = namespace;
  return obj;
}


/** A value named in an error message without echoing arbitrary content. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
  return value === null ? 'null' : typeof value;
}
