import type { LabelSelector } from '../../inventory/label-selector.js';
import { asArray, isRecord } from '../../kinds/workloads.js';
import type { K8sObject } from '../../model/types.js';
import { toLabelSelector } from '../workload-index.js';
import { ConnectionSet, isProtocol, type Protocol } from './connection-set.js';
import { parseCidr, subtractRanges, type IpRange } from './ip-ranges.js';

/** Where an object without metadata.namespace lands, as netpol-analyzer (and kubectl's default context) assume. */
export const DEFAULT_NAMESPACE = 'default';

export function networkNamespace(obj: K8sObject): string {
  const ns = obj.metadata.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : DEFAULT_NAMESPACE;
}

/** One entry of a rule's `ports`: protocol defaults to TCP; no port means every port of the protocol. */
export interface PortSpec {
  protocol: Protocol;
  /** A number, a named port (resolved against the destination's container ports), or undefined (all ports). */
  port?: number | string;
  endPort?: number;
}

export type PolicyPeer =
  | {
      type: 'pods';
      /** undefined: the policy's own namespace; {} : every namespace. */
      namespaceSelector?: LabelSelector;
      /** undefined or {}: every pod (of the selected namespaces). */
      podSelector?: LabelSelector;
    }
  | {
      type: 'ipBlock';
      /** `cidr` minus `except`, as disjoint ranges. */
      ranges: IpRange[];
      /** The ipBlock as written, for explanations. */
      text: string;
    };

export interface PolicyRule {
  /** undefined when `from`/`to` is missing or empty: every source/destination, in the cluster or not. */
  peers?: PolicyPeer[];
  /** undefined when `ports` is missing or empty: every port and protocol. */
  ports?: PortSpec[];
}

export interface NormalizedPolicy {
  namespace: string;
  name: string;
  /** The pods the policy applies to; undefined when malformed (the API server would reject it: it selects nothing). */
  podSelector?: LabelSelector;
  /** Present when the policy isolates the selected pods for ingress (Ingress among its effective policyTypes). */
  ingress?: PolicyRule[];
  /** Present when the policy isolates the selected pods for egress. */
  egress?: PolicyRule[];
}

/**
 * A NetworkPolicy reduced to its meaning. policyTypes, when omitted, is defaulted as the API server does:
 * Ingress always, plus Egress when the policy has at least one egress rule.
 */
export function normalizePolicy(obj: K8sObject): NormalizedPolicy {
  const policy: NormalizedPolicy = { namespace: networkNamespace(obj), name: typeof obj.metadata.name === 'string' ? obj.metadata.name : '' };
  const rawSpec = obj.spec;
  // A missing spec is the zero value: empty podSelector, default policyTypes [Ingress], no rules.
  if (rawSpec !== undefined && rawSpec !== null && !isRecord(rawSpec)) return policy;
  const spec = isRecord(rawSpec) ? rawSpec : {};
  policy.podSelector = toLabelSelector(spec.podSelector);
  const ingressRules = asArray<unknown>(spec.ingress);
  const egressRules = asArray<unknown>(spec.egress);
  let types: string[];
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) types = spec.policyTypes.filter((t): t is string => typeof t === 'string');
  else types = egressRules.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  if (types.includes('Ingress')) policy.ingress = ingressRules.map((r) => normalizeRule(r, 'from'));
  if (types.includes('Egress')) policy.egress = egressRules.map((r) => normalizeRule(r, 'to'));
  return policy;
}

function normalizeRule(raw: unknown, peersField: 'from' | 'to'): PolicyRule {
  // A malformed rule allows nothing: an empty peer list that is not "missing".
  if (!isRecord(raw)) return { peers: [], ports: [] };
  const rule: PolicyRule = {};
  const rawPeers = raw[peersField];
  if (Array.isArray(rawPeers) && rawPeers.length > 0) {
    rule.peers = rawPeers.map(normalizePeer).filter((p): p is PolicyPeer => p !== undefined);
  } else if (rawPeers !== undefined && rawPeers !== null && !Array.isArray(rawPeers)) rule.peers = [];
  const rawPorts = raw.ports;
  if (Array.isArray(rawPorts) && rawPorts.length > 0) {
    rule.ports = rawPorts.map(normalizePort).filter((p): p is PortSpec => p !== undefined);
  } else if (rawPorts !== undefined && rawPorts !== null && !Array.isArray(rawPorts)) rule.ports = [];
  return rule;
}

function normalizePeer(raw: unknown): PolicyPeer | undefined {
  if (!isRecord(raw)) return undefined;
  const hasSelectors = (raw.podSelector !== undefined && raw.podSelector !== null) || (raw.namespaceSelector !== undefined && raw.namespaceSelector !== null);
  if (raw.ipBlock !== undefined && raw.ipBlock !== null) {
    // ipBlock excludes the selectors; such a peer is invalid and matches nothing.
    if (hasSelectors || !isRecord(raw.ipBlock)) return undefined;
    const cidr = parseCidr(raw.ipBlock.cidr);
    if (!cidr) return undefined;
    const excepts = asArray<unknown>(raw.ipBlock.except)
      .map(parseCidr)
      .filter((r): r is IpRange => r !== undefined);
    const exceptText = asArray<unknown>(raw.ipBlock.except).map(String);
    return {
      type: 'ipBlock',
      ranges: subtractRanges(cidr, excepts),
      text: `${String(raw.ipBlock.cidr)}${exceptText.length ? ` except ${exceptText.join(', ')}` : ''}`,
    };
  }
  if (!hasSelectors) return undefined;
  const peer: PolicyPeer = { type: 'pods' };
  if (raw.namespaceSelector !== undefined && raw.namespaceSelector !== null) {
    const s = toLabelSelector(raw.namespaceSelector);
    if (!s) return undefined;
    peer.namespaceSelector = s;
  }
  if (raw.podSelector !== undefined && raw.podSelector !== null) {
    const s = toLabelSelector(raw.podSelector);
    if (!s) return undefined;
    peer.podSelector = s;
  }
  return peer;
}

function normalizePort(raw: unknown): PortSpec | undefined {
  if (!isRecord(raw)) return undefined;
  const protocol = raw.protocol === undefined || raw.protocol === null ? 'TCP' : raw.protocol;
  if (!isProtocol(protocol)) return undefined;
  const spec: PortSpec = { protocol };
  const port = raw.port;
  if (typeof port === 'number') {
    if (!Number.isInteger(port)) return undefined;
    spec.port = port;
    if (typeof raw.endPort === 'number' && Number.isInteger(raw.endPort)) {
      // endPort below port is rejected by the API server: the entry allows nothing.
      if (raw.endPort < port) return undefined;
      spec.endPort = raw.endPort;
    }
  } else if (typeof port === 'string' && port !== '') {
    // An IntOrString written as a quoted number is still a number.
    spec.port = /^\d+$/.test(port) ? Number(port) : port;
    if (typeof spec.port === 'number' && typeof raw.endPort === 'number' && raw.endPort >= spec.port) spec.endPort = raw.endPort;
  } else if (port !== undefined && port !== null) return undefined;
  return spec;
}

/**
 * The connections a rule's ports allow to a destination: named ports resolve against the destination's
 * container ports of the same protocol (none for a destination outside the cluster); no ports means all.
 */
export function allowedPorts(rule: PolicyRule, namedPorts: readonly { name: string; protocol: Protocol; port: number }[]): ConnectionSet {
  if (!rule.ports) return ConnectionSet.ALL;
  let set = ConnectionSet.NONE;
  for (const p of rule.ports) {
    if (p.port === undefined) set = set.union(ConnectionSet.of(p.protocol));
    else if (typeof p.port === 'number') set = set.union(ConnectionSet.of(p.protocol, p.port, p.endPort ?? p.port));
    else for (const np of namedPorts) if (np.name === p.port && np.protocol === p.protocol) set = set.union(ConnectionSet.of(np.protocol, np.port, np.port));
  }
  return set;
}
