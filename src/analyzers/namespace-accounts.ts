import type { Inventory } from '../inventory/inventory.js';
import { namespaceKey } from '../inventory/inventory.js';
import { effectiveKind, isNamespaced } from '../kinds/kind-groups.js';
import { podTemplate } from '../kinds/workloads.js';
import { defineAnalyzer } from './facts.js';
import { podServiceAccount } from './service-account-usage.js';

/** Namespaces every cluster has, whether or not the input defines them. */
export const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Kinds whose presence in a namespace says nothing about the namespace existing (they may be the mistake). */
const RBAC_KINDS = new Set(['Role', 'RoleBinding']);

/**
 * What the input says about namespaces and the ServiceAccounts in them: the Namespace objects, the
 * namespaces its other objects are placed in, the ServiceAccount objects, and the service accounts its
 * workloads run as. Namespaces are compared by `namespaceKey` ('' for objects without one).
 */
export class NamespaceAccounts {
  /** Names of the input's Namespace objects. */
  readonly namespaces = new Set<string>();
  /** Namespaces that namespaced input objects (other than Roles and RoleBindings) name explicitly. */
  readonly populated = new Set<string>();
  private readonly accounts = new Map<string, Set<string>>();
  private readonly workloadAccounts = new Map<string, Set<string>>();

  addNamespace(name: string): void {
    this.namespaces.add(name);
  }

  addPopulated(ns: string): void {
    this.populated.add(ns);
  }

  addServiceAccount(nsKey: string, name: string): void {
    add(this.accounts, nsKey, name);
  }

  addWorkloadAccount(nsKey: string, name: string): void {
    add(this.workloadAccounts, nsKey, name);
  }

  /** True when the input has at least one Namespace object. */
  hasNamespaceObjects(): boolean {
    return this.namespaces.size > 0;
  }

  /** The input defines the namespace, places objects in it, or every cluster has it. */
  namespaceKnown(ns: string): boolean {
    return BUILT_IN_NAMESPACES.has(ns) || this.namespaces.has(ns) || this.populated.has(ns);
  }

  /** Names of the ServiceAccount objects of the input in the namespace. */
  serviceAccountsIn(nsKey: string): ReadonlySet<string> {
    return this.accounts.get(nsKey) ?? EMPTY;
  }

  /** Service accounts the input's workloads in the namespace run as. */
  workloadAccountsIn(nsKey: string): ReadonlySet<string> {
    return this.workloadAccounts.get(nsKey) ?? EMPTY;
  }

  /** Every namespace key holding a ServiceAccount object or a workload. */
  accountNamespaces(): string[] {
    return [...new Set([...this.accounts.keys(), ...this.workloadAccounts.keys()])];
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

export const namespaceAccounts = defineAnalyzer('namespace-accounts', (inventory: Inventory): NamespaceAccounts => {
  const out = new NamespaceAccounts();
  for (const { object } of inventory.objects) {
    const kind = effectiveKind(object);
    if (kind === undefined) continue;
    const name = object.metadata.name;
    if (kind === 'Namespace') {
      if (typeof name === 'string' && name !== '') out.addNamespace(name);
      continue;
    }
    const ns = object.metadata.namespace;
    if (typeof ns === 'string' && ns !== '' && isNamespaced(kind) && !RBAC_KINDS.has(kind)) out.addPopulated(ns);
    if (kind === 'ServiceAccount') {
      if (typeof name === 'string' && name !== '') out.addServiceAccount(namespaceKey(object), name);
      continue;
    }
    const t = podTemplate(object);
    if (t) out.addWorkloadAccount(namespaceKey(object), podServiceAccount(t).name);
  }
  return out;
});
