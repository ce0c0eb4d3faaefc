import type { Inventory } from '../inventory/inventory.js';
import { namespaceKey } from '../inventory/inventory.js';
import { asArray, isRecord, type PodTemplate } from '../kinds/workloads.js';
import { defineAnalyzer } from './facts.js';

const SA_USER_PREFIX = 'system:serviceaccount:';
const ALL_SA_GROUP = 'system:serviceaccounts';
const NS_SA_GROUP_PREFIX = 'system:serviceaccounts:';

export interface ServiceAccountInfo {
  /** The ServiceAccount's automountServiceAccountToken, when it is a boolean. */
  automount: boolean | undefined;
}

/**
 * The ServiceAccounts of the input and which of them some RoleBinding or ClusterRoleBinding of the
 * input names, directly (kind ServiceAccount, or the User "system:serviceaccount:<ns>:<name>") or via
 * the groups "system:serviceaccounts" and "system:serviceaccounts:<ns>". Namespaces are compared by
 * `namespaceKey` ('' for objects without one).
 */
export class ServiceAccountUsage {
  private readonly accounts = new Map<string, ServiceAccountInfo>();
  private readonly bound = new Set<string>();
  private readonly boundNamespaces = new Set<string>();
  private allBound = false;

  addServiceAccount(nsKey: string, name: string, info: ServiceAccountInfo): void {
    this.accounts.set(key(nsKey, name), info);
  }

  bindServiceAccount(nsKey: string, name: string): void {
    this.bound.add(key(nsKey, name));
  }

  bindNamespace(nsKey: string): void {
    this.boundNamespaces.add(nsKey);
  }

  bindAll(): void {
    this.allBound = true;
  }

  /** The ServiceAccount object of the input, if there is one. */
  serviceAccount(nsKey: string, name: string): ServiceAccountInfo | undefined {
    return this.accounts.get(key(nsKey, name));
  }

  /** True when some binding in the input grants the service account a role. */
  isBound(nsKey: string, name: string): boolean {
    return this.allBound || this.boundNamespaces.has(nsKey) || this.bound.has(key(nsKey, name));
  }
}

export const serviceAccountUsage = defineAnalyzer('service-account-usage', (inventory: Inventory): ServiceAccountUsage => {
  const usage = new ServiceAccountUsage();
  for (const { object } of inventory.ofKind('ServiceAccount')) {
    const name = object.metadata.name;
    if (typeof name !== 'string' || name === '') continue;
    const automount = object.automountServiceAccountToken;
    usage.addServiceAccount(namespaceKey(object), name, { automount: typeof automount === 'boolean' ? automount : undefined });
  }
  for (const kind of ['RoleBinding', 'ClusterRoleBinding'] as const) {
    for (const { object } of inventory.ofKind(kind)) {
      // In a RoleBinding a ServiceAccount subject without a namespace means the binding's namespace;
      // a ClusterRoleBinding has none to lend, so such a subject is invalid and binds nothing.
      const defaultNs = kind === 'RoleBinding' ? namespaceKey(object) : undefined;
      for (const subject of asArray<unknown>(object.subjects)) {
        if (!isRecord(subject) || typeof subject.name !== 'string') continue;
        const name = subject.name;
        switch (subject.kind) {
          case 'ServiceAccount': {
            if (typeof subject.apiGroup === 'string' && subject.apiGroup !== '') break;
            const ns = typeof subject.namespace === 'string' && subject.namespace !== '' ? subject.namespace : defaultNs;
            if (ns !== undefined && name !== '') usage.bindServiceAccount(ns, name);
            break;
          }
          case 'User': {
            if (!name.startsWith(SA_USER_PREFIX)) break;
            const [ns, saName, ...rest] = name.slice(SA_USER_PREFIX.length).split(':');
            if (ns && saName && rest.length === 0) usage.bindServiceAccount(ns, saName);
            break;
          }
          case 'Group':
            if (name === ALL_SA_GROUP) usage.bindAll();
            else if (name.startsWith(NS_SA_GROUP_PREFIX) && name.length > NS_SA_GROUP_PREFIX.length) {
              usage.bindNamespace(name.slice(NS_SA_GROUP_PREFIX.length));
            }
            break;
          default:
            break;
        }
      }
    }
  }
  return usage;
});

export interface PodServiceAccount {
  /** The service account the pods run as ("default" when unset). */
  name: string;
  /** The field that names it; undefined when neither is set. */
  field: 'serviceAccountName' | 'serviceAccount' | undefined;
  /** Pointer of that field, or of serviceAccountName when neither is set. */
  pointer: string;
}

/**
 * The service account of a pod, as the API server resolves it: serviceAccountName, else the
 * deprecated serviceAccount alias, else "default".
 */
export function podServiceAccount(t: PodTemplate): PodServiceAccount {
  for (const field of ['serviceAccountName', 'serviceAccount'] as const) {
    const value = t.spec[field];
    if (typeof value === 'string' && value !== '') return { name: value, field, pointer: `${t.specPointer}/${field}` };
  }
  return { name: 'default', field: undefined, pointer: `${t.specPointer}/serviceAccountName` };
}

export interface TokenMount {
  mounted: boolean;
  /** What decided: the pod's field, the ServiceAccount's field, or Kubernetes' default (mount). */
  decidedBy: 'pod' | 'serviceAccount' | 'default';
  /** Pointer of the pod's automountServiceAccountToken (set or not): where to fix it. */
  pointer: string;
}

/**
 * Whether the service account token is automounted into the pods: the pod's
 * automountServiceAccountToken wins; when unset, the ServiceAccount's (if it is in the input); else true.
 */
export function tokenMount(t: PodTemplate, nsKey: string, usage: ServiceAccountUsage): TokenMount {
  const pointer = `${t.specPointer}/automountServiceAccountToken`;
  const own = t.spec.automountServiceAccountToken;
  if (typeof own === 'boolean') return { mounted: own, decidedBy: 'pod', pointer };
  const sa = usage.serviceAccount(nsKey, podServiceAccount(t).name);
  if (sa?.automount !== undefined) return { mounted: sa.automount, decidedBy: 'serviceAccount', pointer };
  return { mounted: true, decidedBy: 'default', pointer };
}

function key(nsKey: string, name: string): string {
  return `${nsKey}\u0000${name}`;
}
