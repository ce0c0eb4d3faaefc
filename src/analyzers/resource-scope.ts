import type { Inventory } from '../inventory/inventory.js';
import { apiGroupOf, isNamespaced, isWorkload } from '../kinds/kind-groups.js';
import { isRecord } from '../kinds/workloads.js';
import type { K8sObject } from '../model/types.js';
import { defineAnalyzer } from './facts.js';

export type ResourceScope = 'Namespaced' | 'Cluster';

/** API groups served by kube-apiserver itself (not by CRDs or aggregated APIs). */
const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'extensions',
  'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io',
  'discovery.k8s.io', 'events.k8s.io', 'node.k8s.io', 'certificates.k8s.io', 'admissionregistration.k8s.io',
  'apiextensions.k8s.io', 'apiregistration.k8s.io', 'flowcontrol.apiserver.k8s.io', 'resource.k8s.io',
  'storagemigration.k8s.io', 'internal.apiserver.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io',
]);

/**
 * Whether objects are namespaced: built-in kinds from Kubernetes' own table; workload kinds (including
 * OpenShift's DeploymentConfig) are namespaced; custom resources from the `spec.scope` of a
 * CustomResourceDefinition in the input, else unknown.
 */
export class ResourceScopes {
  private readonly custom = new Map<string, ResourceScope>();

  addCustomResource(group: string, kind: string, scope: ResourceScope): void {
    this.custom.set(`${group}\u0000${kind}`, scope);
  }

  /** The object's scope, or undefined for a custom resource whose CRD is not in the input. */
  scopeOf(obj: K8sObject): ResourceScope | undefined {
    const group = apiGroupOf(obj.apiVersion);
    if (BUILTIN_GROUPS.has(group) || isWorkload(obj)) {
      return isNamespaced(obj.kind) ? 'Namespaced' : 'Cluster';
    }
    return this.custom.get(`${group}\u0000${obj.kind}`);
  }
}

export const resourceScopes = defineAnalyzer('resource-scopes', (inventory: Inventory): ResourceScopes => {
  const scopes = new ResourceScopes();
  for (const { object } of inventory.ofKind('CustomResourceDefinition')) {
    if (apiGroupOf(object.apiVersion) !== 'apiextensions.k8s.io') continue;
    const spec = isRecord(object.spec) ? object.spec : undefined;
    const names = spec && isRecord(spec.names) ? spec.names : undefined;
    if (!spec || !names || typeof spec.group !== 'string' || typeof names.kind !== 'string') continue;
    if (spec.scope === 'Namespaced' || spec.scope === 'Cluster') scopes.addCustomResource(spec.group, names.kind, spec.scope);
  }
  return scopes;
}, { perObject: true });
