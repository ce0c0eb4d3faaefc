/**
 * A stand-in for the part of kube-apiserver that real `kubectl` talks to when it creates and updates
 * objects guarded by a validating admission webhook: discovery served from documents recorded from a real
 * kube-apiserver v1.26, bearer-token users (like --token-auth-file), an in-memory object store, the
 * NamespaceLifecycle rule (no objects in a namespace that does not exist), and validating admission driven
 * by the ValidatingWebhookConfigurations that were created through it: rule and namespace/object selector
 * matching, an AdmissionReview admission.k8s.io/v1 per matching webhook, sent over HTTPS with the
 * configuration's caBundle and the Service's DNS name as the TLS server name, timeoutSeconds, failurePolicy,
 * warnings as `Warning: 299 - "…"` headers and denials as Status objects, in the shapes kube-apiserver uses.
 * It is test support (no test lives here) and does only what kubectl needs for apply/replace/patch/get.
 * Not done, unlike kube-apiserver: authorization (every token may do anything), OpenAPI (/openapi/v2 and v3
 * answer 404, so kubectl runs with --validate=false), protobuf and YAML bodies, strategic-merge, JSON and
 * server-side-apply patches (merge patch only, so a second `kubectl apply` that changes an object fails with
 * 415), defaulting and schema validation of objects, mutating webhooks, other admission plugins than
 * NamespaceLifecycle's existence check, matchPolicy conversion between versions, subresources, watches, and
 * webhooks reached by clientConfig.url. The webhook is dialled at the address the test gives for the
 * Service, not at a ClusterIP, and transport errors other than refused connections and timeouts carry
 * Node's wording instead of Go's.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { selectorMatches, type LabelSelector } from '../../src/inventory/label-selector.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
}

/** Where the Service's port really listens (the stand-in has no Endpoints or kube-proxy). */
export interface ServiceEndpoint {
  host: string;
  port: number;
}

export interface StandInOptions {
  /** The api-recordings directory: api.json, apis.json, api/v1.json, apis/<group>/<version>.json, api/v1/namespaces.json. */
  recordingsDir: string;
  /** Bearer token → user, as kube-apiserver's --token-auth-file maps them; system:authenticated is added. */
  tokens: Record<string, UserInfo>;
  /** Where `<namespace>/<service>:<port>` is really served; undefined: nothing listens there. */
  resolveService: (namespace: string, name: string, port: number) => ServiceEndpoint | undefined;
  /** The serving certificate and key (PEM): kubectl sends bearer tokens over HTTPS only. */
  tls: { cert: string; key: string };
}

/** One AdmissionReview the stand-in sent, and what came of it. */
export interface WebhookCall {
  webhook: string;
  review: JsonObject;
  outcome: 'allowed' | 'denied' | 'failed-open' | 'failed-closed';
  /** The response's warnings (before the API server's own filtering). */
  warnings: string[];
  error?: string;
  ms: number;
}

/** A kubectl request as the stand-in saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  status: number;
  user?: string;
}

interface ResourceInfo {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

interface Target {
  info: ResourceInfo;
  namespace: string;
  name: string;
  subresource: string;
}

/** An error the API server answers with a Status object. */
class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: JsonObject,
    readonly extra: JsonObject = {},
  ) {
    super(message);
  }
  status(): JsonObject {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      ...this.extra,
      code: this.code,
    };
  }
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** "deployments.apps" / "pods": how kube-apiserver names a resource in messages. */
function qualified(info: { group: string; resource: string }): string {
  return info.group === '' ? info.resource : `${info.resource}.${info.group}`;
}

function notFound(info: { group: string; resource: string }, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualified(info)} "${name}" not found`, { name, group: info.group, kind: info.resource });
}

/** NewInternalError: 500, "Internal error occurred: …", the cause repeated in details. */
function internalError(message: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

/** Kubernetes timestamps: RFC 3339, seconds precision, UTC. */
const timestamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class ApiServerStandIn {
  readonly calls: WebhookCall[] = [];
  readonly requests: SeenRequest[] = [];
  /** Audit annotations from webhook responses, keyed `<webhook name>/<key>` as kube-apiserver records them. */
  readonly auditAnnotations: { uid: string; annotations: Record<string, string> }[] = [];
  private readonly server: Server;
  private readonly resources = new Map<string, ResourceInfo[]>();
  private readonly store = new Map<string, JsonObject>();
  private resourceVersion = 1000;
  private readonly discovery: { api: JsonObject; apis: JsonObject; groupVersions: Map<string, JsonObject> };

  constructor(private readonly options: StandInOptions) {
    this.discovery = loadDiscovery(options.recordingsDir);
    for (const [gv, doc] of this.discovery.groupVersions) {
      const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
      const list: ResourceInfo[] = [];
      for (const r of Array.isArray(doc.resources) ? doc.resources : []) {
        if (!isObject(r)) continue;
        list.push({ group, version, resource: str(r.name), kind: str(r.kind), namespaced: r.namespaced === true, verbs: strings(r.verbs) });
      }
      this.resources.set(gv, list);
    }
    // The recorded Namespaces exist from the start (kube-system among them).
    const nsFile = join(options.recordingsDir, 'api', 'v1', 'namespaces.json');
    const namespaces = JSON.parse(readFileSync(nsFile, 'utf8')) as JsonObject;
    for (const item of Array.isArray(namespaces.items) ? namespaces.items : []) {
      if (!isObject(item) || !isObject(item.metadata)) continue;
      const stored: JsonObject = { apiVersion: 'v1', kind: 'Namespace', ...item };
      this.store.set(storeKey('', 'namespaces', '', str(item.metadata.name)), stored);
    }
    this.server = createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
      void this.handle(req, res);
    });
  }

  /** Listens on 127.0.0.1 and an ephemeral port; resolves the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The stored object, or undefined. */
  get(group: string, resource: string, namespace: string, name: string): JsonObject | undefined {
    return this.store.get(storeKey(group, resource, namespace, name));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const seen: SeenRequest = { method: req.method ?? 'GET', url: url.pathname + url.search, status: 0 };
    this.requests.push(seen);
    const warnings: string[] = [];
    let status = 200;
    let body: JsonObject;
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const user = this.authenticate(req);
      seen.user = user.username;
      const result = await this.route(req, url, Buffer.concat(chunks), user, warnings);
      status = result.status;
      body = result.body;
    } catch (err) {
      const e = err instanceof StatusError ? err : internalError(err instanceof Error ? err.message : String(err));
      status = e.code;
      body = e.status();
    }
    seen.status = status;
    const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' };
    const warningHeaders = warningHeaderValues(warnings);
    // Header values travel as bytes: UTF-8 text (e.g. the "…" of a cut warning) is written byte for byte, as Go does.
    if (warningHeaders.length > 0) headers.Warning = warningHeaders.map((h) => Buffer.from(h, 'utf8').toString('latin1'));
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
  }

  /** Bearer tokens only; a request without one is anonymous (and refused, as with --anonymous-auth=false). */
  private authenticate(req: IncomingMessage): UserInfo {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : '';
    const user = this.options.tokens[token];
    if (!user) throw new StatusError(401, 'Unauthorized', 'Unauthorized');
    return { ...user, groups: [...new Set([...user.groups, 'system:authenticated'])] };
  }

  private async route(req: IncomingMessage, url: URL, raw: Buffer, user: UserInfo, warnings: string[]): Promise<{ status: number; body: JsonObject }> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    const discovery = this.discoveryDocument(path, req.headers.accept ?? '');
    if (discovery) {
      if (method !== 'GET') throw new StatusError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
      return { status: 200, body: discovery };
    }
    const target = this.target(path);
    if (!target) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
    const dryRun = url.searchParams.getAll('dryRun');
    if (dryRun.some((d) => d !== 'All')) throw new StatusError(400, 'BadRequest', `Invalid dry run value: ${dryRun.join(', ')}`);
    const isDryRun = dryRun.length > 0;
    const { info, namespace, name, subresource } = target;
    if (subresource !== '') throw new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});

    if (method === 'GET') {
      if (name === '') return { status: 200, body: this.list(info, namespace) };
      const stored = this.get(info.group, info.resource, namespace, name);
      if (!stored) throw notFound(info, name);
      return { status: 200, body: stored };
    }
    if (method === 'POST' && name === '') {
      const object = parseBody(raw, req.headers['content-type']);
      return this.create(info, namespace, object, user, url.searchParams, isDryRun, warnings);
    }
    if (method === 'PUT' && name !== '') {
      const object = parseBody(raw, req.headers['content-type']);
      return this.update(info, namespace, name, object, user, url.searchParams, isDryRun, warnings);
    }
    if (method === 'PATCH' && name !== '') {
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
      // Only RFC 7386 JSON merge patch: strategic merge and server-side apply need the types' merge keys.
      if (type !== 'application/merge-patch+json') {
        throw new StatusError(415, 'UnsupportedMediaType', `the stand-in implements only application/merge-patch+json patches, not ${type}`);
      }
      const stored = this.get(info.group, info.resource, namespace, name);
      if (!stored) throw notFound(info, name);
      const patch = JSON.parse(raw.toString('utf8')) as Json;
      const patched = mergePatch(structuredClone(stored), patch);
      if (!isObject(patched)) throw new StatusError(422, 'Invalid', 'the patch does not leave an object');
      return this.update(info, namespace, name, patched, user, url.searchParams, isDryRun, warnings);
    }
    throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }

  /** Discovery from the recordings, in the legacy (unaggregated) form kube-apiserver 1.26 served by default. */
  private discoveryDocument(path: string, accept: string): JsonObject | undefined {
    const gv = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
    const doc =
      path === '/api' ? this.discovery.api
      : path === '/apis' ? this.discovery.apis
      : path === '/api/v1' ? this.discovery.groupVersions.get('v1')
      : gv ? this.discovery.groupVersions.get(`${gv[1]}/${gv[2]}`)
      : path === '/version' ? JSON.parse(readFileSync(join(this.options.recordingsDir, 'version.json'), 'utf8')) as JsonObject
      : undefined;
    if (!doc) return undefined;
    // kubectl 1.32 asks for aggregated discovery first and plain JSON last; a client that accepts only the
    // aggregated form cannot be served from these recordings (406, as a server without that form answers).
    const types = accept.split(',').map((t) => t.trim());
    const plain = accept === '' || types.some((t) => t === 'application/json' || t.startsWith('application/json;q=') || t === '*/*');
    if (!plain) throw new StatusError(406, 'NotAcceptable', 'only the unaggregated discovery documents were recorded');
    return doc;
  }

  /** /api/v1/[namespaces/<ns>/]<resource>[/<name>[/<sub>]] and /apis/<group>/<version>/… */
  private target(path: string): Target | undefined {
    const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api' && parts.length >= 3) [group, version, rest] = ['', parts[1], parts.slice(2)];
    else if (parts[0] === 'apis' && parts.length >= 4) [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
    else return undefined;
    const list = this.resources.get(group === '' ? version : `${group}/${version}`);
    if (!list) return undefined;
    const find = (resource: string, namespaced: boolean): ResourceInfo | undefined => list.find((r) => r.resource === resource && r.namespaced === namespaced);
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      const info = find(rest[2], true);
      if (info) return { info, namespace: rest[1], name: rest[3] ?? '', subresource: rest.slice(4).join('/') };
    }
    const info = find(rest[0], false);
    if (!info) return undefined;
    return { info, namespace: '', name: rest[1] ?? '', subresource: rest.slice(2).join('/') };
  }

  private list(info: ResourceInfo, namespace: string): JsonObject {
    const prefix = `${info.group}/${info.resource}/${namespace}/`;
    const items = [...this.store.entries()].filter(([k]) => (namespace === '' ? k.startsWith(`${info.group}/${info.resource}/`) : k.startsWith(prefix))).map(([, v]) => v);
    return { kind: `${info.kind}List`, apiVersion: info.group === '' ? info.version : `${info.group}/${info.version}`, metadata: { resourceVersion: String(this.resourceVersion) }, items };
  }

  private checkObject(info: ResourceInfo, namespace: string, object: JsonObject): JsonObject {
    const apiVersion = info.group === '' ? info.version : `${info.group}/${info.version}`;
    if (str(object.kind) !== info.kind || str(object.apiVersion) !== apiVersion) {
      throw new StatusError(400, 'BadRequest', `the API version in the data (${str(object.apiVersion)}) does not match the expected API version (${apiVersion})`);
    }
    const metadata = isObject(object.metadata) ? object.metadata : {};
    if (info.namespaced) {
      if (str(metadata.namespace) !== '' && str(metadata.namespace) !== namespace) {
        throw new StatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      }
      metadata.namespace = namespace;
      // NamespaceLifecycle: runs before the webhooks, so a missing namespace never reaches them.
      if (!this.get('', 'namespaces', '', namespace)) throw notFound({ group: '', resource: 'namespaces' }, namespace);
    } else {
      delete metadata.namespace;
    }
    object.metadata = metadata;
    return metadata;
  }

  private async create(info: ResourceInfo, namespace: string, object: JsonObject, user: UserInfo, query: URLSearchParams, dryRun: boolean, warnings: string[]): Promise<{ status: number; body: JsonObject }> {
    const metadata = this.checkObject(info, namespace, object);
    if (str(metadata.name) === '' && str(metadata.generateName) !== '') metadata.name = str(metadata.generateName) + randomUUID().slice(0, 5);
    const name = str(metadata.name);
    if (name === '') throw new StatusError(422, 'Invalid', `${info.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
    if (this.get(info.group, info.resource, namespace, name)) {
      throw new StatusError(409, 'AlreadyExists', `${qualified(info)} "${name}" already exists`, { name, group: info.group, kind: info.resource });
    }
    // What the registry sets before validating admission (rest.BeforeCreate): uid and creation time.
    metadata.uid = randomUUID();
    metadata.creationTimestamp = timestamp();
    delete metadata.resourceVersion;
    if (info.resource === 'namespaces') metadata.labels = { ...(isObject(metadata.labels) ? metadata.labels : {}), 'kubernetes.io/metadata.name': name };
    const options: JsonObject = { kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1', ...createOptions(query, dryRun) };
    await this.admit({ info, namespace, name, operation: 'CREATE', object, oldObject: null, user, dryRun, options, warnings });
    if (!dryRun) {
      metadata.resourceVersion = String(++this.resourceVersion);
      this.store.set(storeKey(info.group, info.resource, namespace, name), object);
    }
    return { status: 201, body: object };
  }

  private async update(
    info: ResourceInfo, namespace: string, name: string, object: JsonObject, user: UserInfo, query: URLSearchParams, dryRun: boolean,
    warnings: string[],
  ): Promise<{ status: number; body: JsonObject }> {
    const metadata = this.checkObject(info, namespace, object);
    if (str(metadata.name) !== name) throw new StatusError(400, 'BadRequest', 'the name of the object does not match the name on the URL');
    const old = this.get(info.group, info.resource, namespace, name);
    if (!old) throw notFound(info, name);
    const oldMeta = isObject(old.metadata) ? old.metadata : {};
    if (str(metadata.resourceVersion) !== '' && str(metadata.resourceVersion) !== str(oldMeta.resourceVersion)) {
      throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(info)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, group: info.group, kind: info.resource });
    }
    // rest.BeforeUpdate keeps what the client may not change.
    metadata.uid = oldMeta.uid ?? null;
    metadata.creationTimestamp = oldMeta.creationTimestamp ?? null;
    metadata.resourceVersion = oldMeta.resourceVersion ?? null;
    // A patch is admitted as an UPDATE whose options are the patch's, converted to UpdateOptions.
    const options: JsonObject = { kind: 'UpdateOptions', apiVersion: 'meta.k8s.io/v1', ...createOptions(query, dryRun) };
    await this.admit({ info, namespace, name, operation: 'UPDATE', object, oldObject: old, user, dryRun, options, warnings });
    if (!dryRun) {
      metadata.resourceVersion = String(++this.resourceVersion);
      this.store.set(storeKey(info.group, info.resource, namespace, name), object);
    }
    return { status: 200, body: object };
  }

  /** Validating admission: every matching webhook of every ValidatingWebhookConfiguration, in parallel. */
  private async admit(a: {
    info: ResourceInfo; namespace: string; name: string; operation: 'CREATE' | 'UPDATE'; object: JsonObject; oldObject: JsonObject | null;
    user: UserInfo; dryRun: boolean; options: JsonObject; warnings: string[];
  }): Promise<void> {
    const configs = [...this.store.entries()].filter(([k]) => k.startsWith('admissionregistration.k8s.io/validatingwebhookconfigurations/')).map(([, v]) => v);
    // Webhooks are never called for the objects that configure webhooks (so a broken one can be fixed).
    if (a.info.group === 'admissionregistration.k8s.io') return;
    const hooks: JsonObject[] = [];
    for (const config of configs) {
      for (const hook of Array.isArray(config.webhooks) ? config.webhooks : []) {
        if (isObject(hook) && this.matches(hook, a)) hooks.push(hook);
      }
    }
    const results = await Promise.all(hooks.map((h) => this.call(h, a)));
    for (const r of results) a.warnings.push(...r.warnings);
    const failure = results.find((r) => r.error !== undefined);
    if (failure?.error) throw failure.error;
  }

  private matches(hook: JsonObject, a: { info: ResourceInfo; namespace: string; operation: string; object: JsonObject; oldObject: JsonObject | null }): boolean {
    const resource = a.info.resource;
    const ruleMatches = (rule: Json): boolean => {
      if (!isObject(rule)) return false;
      const any = (list: string[], value: string): boolean => list.includes('*') || list.includes(value);
      if (!any(strings(rule.apiGroups), a.info.group) || !any(strings(rule.apiVersions), a.info.version) || !any(strings(rule.operations), a.operation)) return false;
      // "*" is every resource without its subresources; these requests are never for a subresource.
      const resources = strings(rule.resources);
      if (!resources.some((r) => r === '*' || r === '*/*' || r === resource)) return false;
      const scope = str(rule.scope) || '*';
      return scope === '*' || (scope === 'Namespaced') === a.info.namespaced;
    };
    if (!(Array.isArray(hook.rules) ? hook.rules : []).some(ruleMatches)) return false;
    // namespaceSelector: the labels of the request's Namespace; a Namespace is judged by its own labels;
    // other cluster-scoped objects are not subject to it.
    const nsSelector: LabelSelector = isObject(hook.namespaceSelector) ? hook.namespaceSelector : {};
    if (a.info.namespaced) {
      const ns = this.get('', 'namespaces', '', a.namespace);
      if (!selectorMatches(nsSelector, labelsOf(ns))) return false;
    } else if (a.info.resource === 'namespaces') {
      if (!selectorMatches(nsSelector, labelsOf(a.object))) return false;
    }
    // objectSelector: the new or the old object's labels.
    const objSelector: LabelSelector = isObject(hook.objectSelector) ? hook.objectSelector : {};
    return selectorMatches(objSelector, labelsOf(a.object)) || (a.oldObject !== null && selectorMatches(objSelector, labelsOf(a.oldObject)));
  }

  /** One AdmissionReview to one webhook; failures follow its failurePolicy. */
  private async call(
    hook: JsonObject,
    a: { info: ResourceInfo; namespace: string; name: string; operation: string; object: JsonObject; oldObject: JsonObject | null; user: UserInfo; dryRun: boolean; options: JsonObject },
  ): Promise<{ warnings: string[]; error?: StatusError }> {
    const name = str(hook.name);
    const started = Date.now();
    const sideEffects = str(hook.sideEffects);
    if (a.dryRun && sideEffects !== 'None' && sideEffects !== 'NoneOnDryRun') {
      return { warnings: [], error: new StatusError(400, 'BadRequest', `admission webhook "${name}" does not support dry run`) };
    }
    const gvk = { group: a.info.group, version: a.info.version, kind: a.info.kind };
    const gvr = { group: a.info.group, version: a.info.version, resource: a.info.resource };
    const uid = randomUUID();
    const review: JsonObject = {
      kind: 'AdmissionReview',
      apiVersion: 'admission.k8s.io/v1',
      request: {
        uid,
        kind: gvk,
        resource: gvr,
        requestKind: gvk,
        requestResource: gvr,
        name: a.name,
        ...(a.info.namespaced ? { namespace: a.namespace } : {}),
        operation: a.operation,
        userInfo: { username: a.user.username, ...(a.user.uid ? { uid: a.user.uid } : {}), groups: a.user.groups },
        object: a.object,
        oldObject: a.oldObject,
        dryRun: a.dryRun,
        options: a.options,
      },
    };
    const record: WebhookCall = { webhook: name, review, outcome: 'allowed', warnings: [], ms: 0 };
    this.calls.push(record);
    const timeoutSeconds = typeof hook.timeoutSeconds === 'number' ? hook.timeoutSeconds : 10;
    const failOpen = str(hook.failurePolicy) === 'Ignore';
    const failed = (message: string): { warnings: string[]; error?: StatusError } => {
      record.ms = Date.now() - started;
      record.error = `failed calling webhook "${name}": failed to call webhook: ${message}`;
      record.outcome = failOpen ? 'failed-open' : 'failed-closed';
      return failOpen ? { warnings: [] } : { warnings: [], error: internalError(record.error) };
    };
    const clientConfig = isObject(hook.clientConfig) ? hook.clientConfig : {};
    const service = isObject(clientConfig.service) ? clientConfig.service : undefined;
    if (!service) return failed('the stand-in calls webhooks through clientConfig.service only');
    const svcNamespace = str(service.namespace);
    const svcName = str(service.name);
    const svcPort = typeof service.port === 'number' ? service.port : 443;
    const path = str(service.path) || '/';
    const url = `https://${svcName}.${svcNamespace}.svc:${svcPort}${path}?timeout=${timeoutSeconds}s`;
    // The service must exist and expose the port, as the API server's service resolver requires.
    const svc = this.get('', 'services', svcNamespace, svcName);
    if (!svc) return failed(`service "${svcName}" not found`);
    const ports = isObject(svc.spec) && Array.isArray(svc.spec.ports) ? svc.spec.ports : [];
    if (!ports.some((p) => isObject(p) && p.port === svcPort)) return failed(`Post "${url}": service ${svcNamespace}/${svcName} has no port ${svcPort}`);
    const endpoint = this.options.resolveService(svcNamespace, svcName, svcPort);
    if (!endpoint) return failed(`Post "${url}": no endpoints available for service "${svcName}"`);
    const caBundle = str(clientConfig.caBundle);
    let reply: { status: number; body: string };
    try {
      reply = await post({
        host: endpoint.host,
        port: endpoint.port,
        // Verified as kube-apiserver does: against the caBundle only, for the Service's DNS name.
        servername: `${svcName}.${svcNamespace}.svc`,
        ca: caBundle === '' ? undefined : Buffer.from(caBundle, 'base64').toString('utf8'),
        path: `${path}?timeout=${timeoutSeconds}s`,
        body: JSON.stringify(review),
        timeoutMs: timeoutSeconds * 1000,
      });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      // Go's wording for the two common cases; certificate problems carry Node's own explanation.
      const detail = e.name === 'TimeoutError' || e.code === 'ABORT_ERR' ? 'context deadline exceeded'
        : e.code === 'ECONNREFUSED' ? `dial tcp ${endpoint.host}:${endpoint.port}: connect: connection refused`
        : e.code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /CERT|SIGNATURE|ISSUER/.test(e.code ?? '') ? `tls: failed to verify certificate: ${e.message}`
        : e.message;
      return failed(`Post "${url}": ${detail}`);
    }
    if (reply.status !== 200) return failed(`an error on the server ("${reply.body.slice(0, 200)}") has prevented the request from succeeding (status ${reply.status})`);
    let answer: JsonObject;
    try {
      answer = JSON.parse(reply.body) as JsonObject;
    } catch {
      return failed('the webhook response is not JSON');
    }
    // request.VerifyAdmissionResponse: the same version and kind, a response, the request's uid.
    if (answer.apiVersion !== 'admission.k8s.io/v1' || answer.kind !== 'AdmissionReview') {
      return failed(`expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got ${str(answer.apiVersion)}, Kind=${str(answer.kind)}`);
    }
    const response = isObject(answer.response) ? answer.response : undefined;
    if (!response) return failed('webhook response was absent');
    if (response.uid !== uid) return failed(`expected response.uid="${uid}", got "${str(response.uid)}"`);
    record.ms = Date.now() - started;
    const warnings = strings(response.warnings);
    record.warnings = warnings;
    if (isObject(response.auditAnnotations)) {
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(response.auditAnnotations)) annotations[`${name}/${k}`] = str(v);
      this.auditAnnotations.push({ uid, annotations });
    }
    if (response.allowed === true) return { warnings };
    record.outcome = 'denied';
    return { warnings, error: rejection(name, isObject(response.status) ? response.status : undefined) };
  }
}

/** webhookerrors.ToStatusErr: the webhook's Status, its message prefixed with the webhook's name, at least a 400. */
function rejection(webhook: string, result: JsonObject | undefined): StatusError {
  const deniedBy = `admission webhook "${webhook}" denied the request`;
  const code = typeof result?.code === 'number' && result.code >= 400 ? result.code : 400;
  const message = str(result?.message) !== '' ? `${deniedBy}: ${str(result?.message)}` : str(result?.reason) !== '' ? `${deniedBy}: ${str(result?.reason)}` : `${deniedBy} without explanation`;
  return new StatusError(code, str(result?.reason), message, isObject(result?.details) ? result.details : undefined);
}

/** fieldManager, fieldValidation and dryRun from the query, as the options kube-apiserver puts in the review. */
function createOptions(query: URLSearchParams, dryRun: boolean): JsonObject {
  const options: JsonObject = {};
  if (dryRun) options.dryRun = ['All'];
  const fieldManager = query.get('fieldManager');
  if (fieldManager) options.fieldManager = fieldManager;
  const fieldValidation = query.get('fieldValidation');
  if (fieldValidation) options.fieldValidation = fieldValidation;
  return options;
}

function storeKey(group: string, resource: string, namespace: string, name: string): string {
  return `${group}/${resource}/${namespace}/${name}`;
}

function labelsOf(object: JsonObject | undefined): Record<string, string> {
  const labels = object && isObject(object.metadata) && isObject(object.metadata.labels) ? object.metadata.labels : {};
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, str(v)]));
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: JsonObject = isObject(target) ? target : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = mergePatch(result[k] ?? null, v);
  }
  return result;
}

function parseBody(raw: Buffer, contentType: string | undefined): JsonObject {
  const type = (contentType ?? '').split(';')[0].trim();
  // kube-apiserver also decodes protobuf (what kubectl's typed commands, e.g. `create secret`, send) and YAML.
  if (type !== 'application/json') throw new StatusError(415, 'UnsupportedMediaType', `the stand-in decodes application/json only, not ${type}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new StatusError(400, 'BadRequest', `the object provided is unrecognized: ${(err as Error).message}`);
  }
  if (!isObject(parsed)) throw new StatusError(400, 'BadRequest', 'the object provided is unrecognized');
  return parsed;
}

/**
 * Warning headers as kube-apiserver's warning recorder writes them: code 299, agent "-", the text quoted
 * with `"` and `\` escaped; empty texts and texts holding control characters dropped, duplicates dropped;
 * past 4096 characters in all, each text cut to 256 characters, and what still does not fit dropped.
 */
export function warningHeaderValues(texts: readonly string[]): string[] {
  // eslint-disable-next-line no-control-regex
  const valid = [...new Set(texts)].filter((t) => t !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(t));
  const total = valid.reduce((n, t) => n + [...t].length, 0);
  const kept: string[] = [];
  let used = 0;
  for (const text of valid) {
    const t = total > 4096 && [...text].length > 256 ? [...text].slice(0, 256).join('') : text;
    if (total > 4096 && used + [...t].length > 4096) break;
    used += [...t].length;
    kept.push(t);
  }
  return kept.map((t) => `299 - "${t.replace(/[\\"]/g, (c) => `\\${c}`)}"`);
}

/** One HTTPS POST; rejects on transport errors and when timeoutMs passes (TimeoutError). */
function post(o: { host: string; port: number; servername: string; ca: string | undefined; path: string; body: string; timeoutMs: number }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: o.host,
        port: o.port,
        servername: o.servername,
        ca: o.ca,
        method: 'POST',
        path: o.path,
        agent: false,
        signal: AbortSignal.timeout(o.timeoutMs),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, */*' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', (err) => reject(err.name === 'AbortError' && err.cause instanceof Error && err.cause.name === 'TimeoutError' ? err.cause : err));
    req.end(o.body);
  });
}

/** /api, /apis and the group-version documents that were recorded (groups whose documents are missing are left out). */
function loadDiscovery(dir: string): { api: JsonObject; apis: JsonObject; groupVersions: Map<string, JsonObject> } {
  const read = (file: string): JsonObject => JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
  const groupVersions = new Map<string, JsonObject>();
  groupVersions.set('v1', read(join(dir, 'api', 'v1.json')));
  const apis = read(join(dir, 'apis.json'));
  const groups: Json[] = [];
  for (const g of Array.isArray(apis.groups) ? apis.groups : []) {
    if (!isObject(g)) continue;
    const name = str(g.name);
    const versions = (Array.isArray(g.versions) ? g.versions : []).filter((v): v is JsonObject => {
      if (!isObject(v)) return false;
      const file = join(dir, 'apis', name, `${str(v.version)}.json`);
      if (!existsSync(file)) return false;
      groupVersions.set(str(v.groupVersion), read(file));
      return true;
    });
    if (versions.length === 0) continue;
    const preferred = isObject(g.preferredVersion) && versions.some((v) => v.groupVersion === (g.preferredVersion as JsonObject).groupVersion) ? g.preferredVersion : versions[0];
    groups.push({ ...g, versions, preferredVersion: preferred });
  }
  return { api: read(join(dir, 'api.json')), apis: { ...apis, groups }, groupVersions };
}

/** True when the recordings hold what the stand-in serves. */
export function recordingsPresent(dir: string): boolean {
  return ['api.json', 'apis.json', join('api', 'v1.json'), join('api', 'v1', 'namespaces.json')].every((f) => existsSync(join(dir, f))) && readdirSync(join(dir, 'apis')).length > 0;
}
