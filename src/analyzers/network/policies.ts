import type { LabelSelector } from '../../inventory/label-selector.js';
import { asArray, isRecord } from '../../kinds/workloads.js';
import type { K8sObject } from '../../model/types.js';
import { parseLabelSelector } from '../workload-index.js';
import { ConnectionSet, isProtocol, type Protocol } from './connection-set.js';
import { parseCidr, rangeContains, subtractRanges, type IpRange } from './ip-ranges.js';

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

/**
 * One entry of a rule's from/to list. Every entry is kept, so peer i is `from[i]`/`to[i]` as written.
 *
 * An invalid entry makes the API server reject the whole policy, so such a policy cannot exist in a
 * cluster; the connectivity analysis nevertheless keeps the rest of the policy and lets the invalid peer
 * match nothing (the checks report it), rather than dropping the policy or guessing a meaning.
 */
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
      /** `cidr` minus `except`, as disjoint ranges (none when the except entries cover the cidr). */
      ranges: IpRange[];
      /** The ipBlock as written, for explanations. */
      text: string;
      cidr: IpRange;
      /** spec's cidr and except entries as written. */
      cidrText: string;
      except: string[];
      /** The except entries cover the whole cidr: the peer matches no address. */
      empty: boolean;
    }
  | {
      type: 'invalid';
      /** Why the API server rejects it, e.g. `ipBlock.except entry "x" is not a CIDR`. */
      reason: string;
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
  /** Why the podSelector (or the spec holding it) is malformed, and where; set exactly when podSelector is undefined. */
  invalidPodSelector?: { reason: string; path: string };
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
  if (rawSpec !== undefined && rawSpec !== null && !isRecord(rawSpec)) {
    policy.invalidPodSelector = { reason: 'spec is not a map', path: '/spec' };
    return policy;
  }
  const spec = isRecord(rawSpec) ? rawSpec : {};
  const selector = parseLabelSelector(spec.podSelector, 'spec.podSelector');
  if ('selector' in selector) policy.podSelector = selector.selector;
  else policy.invalidPodSelector = { reason: selector.reason, path: '/spec/podSelector' };
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
    rule.peers = rawPeers.map(normalizePeer);
  } else if (rawPeers !== undefined && rawPeers !== null && !Array.isArray(rawPeers)) rule.peers = [];
  const rawPorts = raw.ports;
  if (Array.isArray(rawPorts) && rawPorts.length > 0) {
    rule.ports = rawPorts.map(normalizePort).filter((p): p is PortSpec => p !== undefined);
  } else if (rawPorts !== undefined && rawPorts !== null && !Array.isArray(rawPorts)) rule.ports = [];
  return rule;
}

/** A peer as the API server validates it; see PolicyPeer for what an invalid one means. */
function normalizePeer(raw: unknown): PolicyPeer {
  if (!isRecord(raw)) return { type: 'invalid', reason: 'it is not a map' };
  const has = (field: string): boolean => raw[field] !== undefined && raw[field] !== null;
  if (has('ipBlock')) {
    if (has('podSelector') || has('namespaceSelector')) return { type: 'invalid', reason: 'ipBlock cannot be combined with podSelector or namespaceSelector' };
    const block = raw.ipBlock;
    if (!isRecord(block)) return { type: 'invalid', reason: 'ipBlock is not a map' };
    if (block.cidr === undefined || block.cidr === null || block.cidr === '') return { type: 'invalid', reason: 'ipBlock has no cidr' };
    const cidrText = String(block.cidr);
    const cidr = parseCidr(block.cidr);
    if (!cidr) return { type: 'invalid', reason: `ipBlock.cidr "${cidrText}" is not a CIDR` };
    if (block.except !== undefined && block.except !== null && !Array.isArray(block.except)) return { type: 'invalid', reason: 'ipBlock.except is not a list' };
    const except = asArray<unknown>(block.except);
    const holes: IpRange[] = [];
    for (const e of except) {
      const hole = parseCidr(e);
      if (!hole) return { type: 'invalid', reason: `ipBlock.except entry "${String(e)}" is not a CIDR` };
      // The API server wants every except strictly inside the cidr (same family, longer prefix).
      if (!rangeContains(cidr, hole) || hole.hi - hole.lo >= cidr.hi - cidr.lo) {
        return { type: 'invalid', reason: `ipBlock.except entry "${String(e)}" is not strictly inside cidr "${cidrText}"` };
      }
      holes.push(hole);
    }
    const exceptText = except.map(String);
    const ranges = subtractRanges(cidr, holes);
    return {
      type: 'ipBlock',
      ranges,
      text: `${cidrText}${exceptText.length ? ` except ${exceptText.join(', ')}` : ''}`,
      cidr,
      cidrText,
      except: exceptText,
      empty: ranges.length === 0,
    };
  }
  if (!has('podSelector') && !has('namespaceSelector')) return { type: 'invalid', reason: 'it sets none of podSelector, namespaceSelector and ipBlock' };
  const peer: PolicyPeer = { type: 'pods' };
  for (const field of ['namespaceSelector', 'podSelector'] as const) {
    if (!has(field)) continue;
    const parsed = parseLabelSelector(raw[field], field);
    if ('reason' in parsed) return { type: 'invalid', reason: parsed.reason };
    peer[field] = parsed.selector;
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
