import type { AccessRequest, NonResourceRequest, ResourceRequest } from '../analyzers/rbac/rbac-types.js';

/** A built-in resource's API group and whether its objects live in a namespace. */
interface KnownResource {
  group: string;
  namespaced: boolean;
}

const known = (group: string, namespaced: boolean, ...resources: string[]): [string, KnownResource][] =>
  resources.map((r) => [r, { group, namespaced }]);

/**
 * Built-in resources whose group is not the core group, plus the cluster-scoped ones, so that
 * `who-can create deployments` asks about `apps` like kubectl does. Anything else is a core resource.
 */
const KNOWN_RESOURCES = new Map<string, KnownResource>([
  ...known('apps', true, 'deployments', 'daemonsets', 'statefulsets', 'replicasets', 'controllerrevisions'),
  ...known('batch', true, 'jobs', 'cronjobs'),
  ...known('rbac.authorization.k8s.io', true, 'roles', 'rolebindings'),
  ...known('rbac.authorization.k8s.io', false, 'clusterroles', 'clusterrolebindings'),
  ...known('networking.k8s.io', true, 'networkpolicies', 'ingresses'),
  ...known('networking.k8s.io', false, 'ingressclasses'),
  ...known('apiextensions.k8s.io', false, 'customresourcedefinitions'),
  ...known('certificates.k8s.io', false, 'certificatesigningrequests'),
  ...known('admissionregistration.k8s.io', false, 'validatingwebhookconfigurations', 'mutatingwebhookconfigurations'),
  ...known('autoscaling', true, 'horizontalpodautoscalers'),
  ...known('policy', true, 'poddisruptionbudgets'),
  ...known('coordination.k8s.io', true, 'leases'),
  ...known('discovery.k8s.io', true, 'endpointslices'),
  ...known('storage.k8s.io', false, 'storageclasses', 'csidrivers', 'csinodes', 'volumeattachments'),
  ...known('scheduling.k8s.io', false, 'priorityclasses'),
  ...known('node.k8s.io', false, 'runtimeclasses'),
  ...known('apiregistration.k8s.io', false, 'apiservices'),
  ...known('authentication.k8s.io', false, 'tokenreviews'),
  ...known('authorization.k8s.io', false, 'subjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews'),
  ...known('', false, 'nodes', 'namespaces', 'persistentvolumes', 'componentstatuses'),
]);

export interface RequestOptions {
  namespace?: string;
  name?: string;
  /** API group, overriding the table and the `resource.group` spelling. */
  group?: string;
}

/** Thrown for a question that cannot be asked (bad resource spelling, options that do not apply). */
export class RequestError extends Error {}

/**
 * The access request a `who-can <verb> <resource>` question asks: `pods`, `pods/exec`,
 * `deployments.apps`, `deployments.apps/scale` or a non-resource URL such as `/metrics`.
 */
export function parseAccessRequest(verb: string, resourceArg: string, options: RequestOptions = {}): AccessRequest {
  if (verb === '') throw new RequestError('the verb is empty');
  if (resourceArg.startsWith('/')) {
    if (options.namespace !== undefined || options.name !== undefined || options.group !== undefined) {
      throw new RequestError(`"${resourceArg}" is a non-resource URL; -n, --name and --group do not apply to it`);
    }
    const request: NonResourceRequest = { verb, path: resourceArg };
    return request;
  }
  const slash = resourceArg.indexOf('/');
  const resourcePart = slash < 0 ? resourceArg : resourceArg.slice(0, slash);
  const subresource = slash < 0 ? undefined : resourceArg.slice(slash + 1);
  if (subresource !== undefined && (subresource === '' || subresource.includes('/'))) {
    throw new RequestError(`"${resourceArg}" is not RESOURCE[/SUBRESOURCE]`);
  }
  const dot = resourcePart.indexOf('.');
  const resource = dot < 0 ? resourcePart : resourcePart.slice(0, dot);
  const spelledGroup = dot < 0 ? undefined : resourcePart.slice(dot + 1);
  if (resource === '') throw new RequestError(`"${resourceArg}" names no resource`);
  if (spelledGroup !== undefined && options.group !== undefined && spelledGroup !== options.group) {
    throw new RequestError(`"${resourceArg}" is in group "${spelledGroup}" but --group says "${options.group}"`);
  }
  const group = options.group ?? spelledGroup ?? KNOWN_RESOURCES.get(resource)?.group ?? '';
  const request: ResourceRequest = { verb, group, resource };
  if (subresource !== undefined) request.subresource = subresource;
  if (options.namespace !== undefined) {
    if (options.namespace === '') throw new RequestError('the namespace given with -n is empty');
    // A request for a Namespace object carries that namespace (RequestInfo sets it), so -n applies there.
    if (isClusterScoped(group, resource) && resource !== 'namespaces') {
      throw new RequestError(`${resource} are cluster-scoped; -n does not apply to them`);
    }
    request.namespace = options.namespace;
  }
  if (options.name !== undefined) request.name = options.name;
  return request;
}

/** True for a built-in resource known to be cluster-scoped (custom resources count as namespaced). */
export function isClusterScoped(group: string, resource: string): boolean {
  const entry = KNOWN_RESOURCES.get(resource);
  return entry !== undefined && entry.group === group && !entry.namespaced;
}

export function isNonResourceRequest(request: AccessRequest): request is NonResourceRequest {
  return 'path' in request;
}

/** `create deployments.apps/scale named "web"`: the request as the command line spells it. */
export function describeRequest(request: AccessRequest): string {
  if (isNonResourceRequest(request)) return `${request.verb} ${request.path}`;
  const group = request.group === '' ? '' : `.${request.group}`;
  const sub = request.subresource ? `/${request.subresource}` : '';
  const name = request.name !== undefined ? ` named "${request.name}"` : '';
  return `${request.verb} ${request.resource}${group}${sub}${name}`;
}
