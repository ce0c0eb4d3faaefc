import type { Inventory } from '../../inventory/inventory.js';
import { labelsKey, type Labels } from '../../inventory/label-selector.js';
import { asArray, isRecord, podContainers, podTemplate } from '../../kinds/workloads.js';
import type { K8sObject } from '../../model/types.js';
import { toLabels, withControllerLabels, workloadPodLabels } from '../workload-index.js';
import { isProtocol, type Protocol } from './connection-set.js';
import { networkNamespace } from './policies.js';

/** A container port a named NetworkPolicy port can resolve to. */
export interface NamedPort {
  name: string;
  protocol: Protocol;
  port: number;
}

/**
 * Pods that no NetworkPolicy can tell apart: same namespace (hence namespace labels), same pod labels,
 * same named container ports. Connectivity is computed once per pair of classes.
 */
export interface PodClass {
  id: number;
  namespace: string;
  namespaceLabels: Labels;
  labels: Labels;
  namedPorts: NamedPort[];
}

/** A workload as netpol-analyzer names it: pods with a common owner are their owner. */
export interface WorkloadEndpoint {
  namespace: string;
  name: string;
  kind: string;
  /** Classes of the endpoint's pods (usually one; pods of one owner can differ in labels). */
  classIds: number[];
  /** The objects the endpoint comes from (the workload, or the owned pods). */
  objects: K8sObject[];
}

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface EndpointModel {
  endpoints: WorkloadEndpoint[];
  classes: PodClass[];
  /** Labels of every namespace declared or used, with the automatic kubernetes.io/metadata.name. */
  namespaces: Map<string, Labels>;
}

export function buildEndpoints(inventory: Inventory, extraNamespaces: Iterable<string> = []): EndpointModel {
  const namespaces = new Map<string, Labels>();
  for (const { object } of inventory.ofKind('Namespace')) {
    const name = typeof object.metadata.name === 'string' ? object.metadata.name : '';
    if (!name) continue;
    namespaces.set(name, { ...toLabels(object.metadata.labels), [NAMESPACE_NAME_LABEL]: name });
  }
  const nsLabels = (ns: string): Labels => {
    let labels = namespaces.get(ns);
    if (!labels) namespaces.set(ns, (labels = { [NAMESPACE_NAME_LABEL]: ns }));
    return labels;
  };
  for (const ns of extraNamespaces) nsLabels(ns);

  const classes: PodClass[] = [];
  const classByKey = new Map<string, PodClass>();
  const endpoints = new Map<string, WorkloadEndpoint>();
  for (const { object } of inventory.workloads()) {
    const name = typeof object.metadata.name === 'string' ? object.metadata.name : '';
    const namespace = networkNamespace(object);
    const owner = object.kind === 'Pod' ? podOwner(object) : undefined;
    const kind = owner ? owner.kind : object.kind;
    const endpointName = owner ? owner.name : name;
    const labels = withControllerLabels(object, workloadPodLabels(object) ?? {});
    const namedPorts = containerPorts(object);
    const key = `${namespace}\u0000${labelsKey(labels)}\u0000${namedPorts.map((p) => `${p.name}/${p.protocol}/${p.port}`).join(',')}`;
    let cls = classByKey.get(key);
    if (!cls) {
      cls = { id: classes.length, namespace, namespaceLabels: nsLabels(namespace), labels, namedPorts };
      classes.push(cls);
      classByKey.set(key, cls);
    }
    const endpointKey = `${namespace}\u0000${kind}\u0000${endpointName}`;
    let endpoint = endpoints.get(endpointKey);
    if (!endpoint) endpoints.set(endpointKey, (endpoint = { namespace, name: endpointName, kind, classIds: [], objects: [] }));
    if (!endpoint.classIds.includes(cls.id)) endpoint.classIds.push(cls.id);
    endpoint.objects.push(object);
  }
  return { endpoints: [...endpoints.values()], classes, namespaces };
}

/** The controlling owner of a pod (or its first owner), whose name and kind stand for all its pods. */
function podOwner(pod: K8sObject): { kind: string; name: string } | undefined {
  const refs = asArray<unknown>(pod.metadata.ownerReferences).filter(isRecord);
  const ref = refs.find((r) => r.controller === true) ?? refs[0];
  if (!ref || typeof ref.name !== 'string' || ref.name === '') return undefined;
  // A static pod's mirror is "owned" by its Node; it is its own workload.
  if (ref.kind === 'Node') return undefined;
  return { kind: typeof ref.kind === 'string' && ref.kind !== '' ? ref.kind : 'Pod', name: ref.name };
}

/** Named container ports of the pod (regular and init containers: restartable init containers serve too). */
function containerPorts(obj: K8sObject): NamedPort[] {
  const t = podTemplate(obj);
  if (!t) return [];
  const out: NamedPort[] = [];
  for (const c of podContainers(t)) {
    if (c.type === 'ephemeralContainer') continue;
    for (const p of asArray<unknown>(c.container.ports)) {
      if (!isRecord(p) || typeof p.name !== 'string' || p.name === '') continue;
      const protocol = p.protocol === undefined || p.protocol === null ? 'TCP' : p.protocol;
      const port = typeof p.containerPort === 'number' ? p.containerPort : typeof p.containerPort === 'string' ? Number(p.containerPort) : NaN;
      if (!isProtocol(protocol) || !Number.isInteger(port)) continue;
      out.push({ name: p.name, protocol, port });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : a.port - b.port));
}


export function endpointName(e: WorkloadEndpoint): string {
  return `${e.namespace}/${e.name}[${e.kind}]`;
}
