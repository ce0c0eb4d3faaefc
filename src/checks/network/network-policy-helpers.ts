/** Shared by the NetworkPolicy checks: reading peers and selectors as the API server validates them, wording for messages. */
import { networkCoverage, type NamespaceCoverage } from '../../analyzers/network/network-coverage.js';
import { parseCidr, rangeContains, subtractRanges, universe, type IpRange } from '../../analyzers/network/ip-ranges.js';
import { networkNamespace } from '../../analyzers/network/policies.js';
import { toLabelSelector } from '../../analyzers/workload-index.js';
import { describeSelector, isEmptySelector, type LabelSelector } from '../../inventory/label-selector.js';
import { isWorkload } from '../../kinds/kind-groups.js';
import { asArray, isRecord } from '../../kinds/workloads.js';
import type { CheckMeta, K8sObject } from '../../model/types.js';
import { defineCheck, type Check } from '../define-check.js';

export type Direction = 'ingress' | 'egress';

/** The field holding a rule's peers. */
export function peersField(direction: Direction): 'from' | 'to' {
  return direction === 'ingress' ? 'from' : 'to';
}

/** `"shop/allow-web"`'s inner text: the policy's namespace and name. */
export function describePolicy(obj: K8sObject): string {
  const name = typeof obj.metadata.name === 'string' ? obj.metadata.name : '';
  return `${networkNamespace(obj)}/${name}`;
}

export function describePodSelector(selector: LabelSelector | undefined): string {
  if (!selector) return 'no pod (invalid podSelector)';
  const text = describeSelector(selector);
  return text === '(everything)' ? 'every pod of the namespace' : `pods ${text}`;
}

/** `"a", "b", "c" and 4 more`. Pass `total` (the number of names) to stop reading a long iterable after `max`. */
export function quotedList(names: Iterable<string>, max = 5, total?: number): string {
  const shown: string[] = [];
  let count = 0;
  for (const n of names) {
    if (count++ < max) shown.push(`"${n}"`);
    else if (total !== undefined) break;
  }
  const rest = (total ?? count) - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * A metav1.LabelSelector as the API server validates it: the selector, or why it is rejected (not a map,
 * matchLabels not a map, matchExpressions not a list, an unknown operator, In/NotIn without values,
 * Exists/DoesNotExist with values). Missing (null/undefined) is {}.
 */
export function parseSelector(raw: unknown, field: string): { selector: LabelSelector } | { invalid: string } {
  if (raw === undefined || raw === null) return { selector: {} };
  if (!isRecord(raw)) return { invalid: `${field} is not a map` };
  if (raw.matchLabels !== undefined && raw.matchLabels !== null) {
    if (!isRecord(raw.matchLabels)) return { invalid: `${field}.matchLabels is not a map` };
    for (const [k, v] of Object.entries(raw.matchLabels)) if (v !== null && typeof v === 'object') return { invalid: `${field}.matchLabels "${k}" is not a string` };
  }
  if (raw.matchExpressions !== undefined && raw.matchExpressions !== null) {
    if (!Array.isArray(raw.matchExpressions)) return { invalid: `${field}.matchExpressions is not a list` };
    for (const [i, e] of raw.matchExpressions.entries()) {
      const at = `${field}.matchExpressions[${i}]`;
      if (!isRecord(e) || typeof e.key !== 'string' || e.key === '') return { invalid: `${at} has no key` };
      if (typeof e.operator !== 'string' || !OPERATORS.has(e.operator)) return { invalid: `${at} has operator "${String(e.operator ?? '')}", not In, NotIn, Exists or DoesNotExist` };
      if (e.values !== undefined && e.values !== null && !Array.isArray(e.values)) return { invalid: `${at}.values is not a list` };
      const count = Array.isArray(e.values) ? e.values.length : 0;
      if ((e.operator === 'In' || e.operator === 'NotIn') && count === 0) return { invalid: `${at} uses ${e.operator} without values` };
      if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && count > 0) return { invalid: `${at} uses ${e.operator} with values` };
    }
  }
  const selector = toLabelSelector(raw);
  return selector ? { selector } : { invalid: `${field} is not a label selector` };
}

/** One entry of a rule's from/to list, as written. */
export type PeerInfo =
  | { type: 'invalid'; reason: string }
  | { type: 'ipBlock'; cidr: IpRange; cidrText: string; except: string[]; empty: boolean }
  | { type: 'pods'; namespaceSelector?: LabelSelector; podSelector?: LabelSelector };

/** A peer with the API server's validation: an invalid peer makes it reject the whole policy. */
export function parsePeer(raw: unknown): PeerInfo {
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
    return { type: 'ipBlock', cidr, cidrText, except: except.map(String), empty: subtractRanges(cidr, holes).length === 0 };
  }
  if (!has('podSelector') && !has('namespaceSelector')) return { type: 'invalid', reason: 'it sets none of podSelector, namespaceSelector and ipBlock' };
  const peer: PeerInfo = { type: 'pods' };
  for (const field of ['namespaceSelector', 'podSelector'] as const) {
    if (!has(field)) continue;
    const parsed = parseSelector(raw[field], field);
    if ('invalid' in parsed) return { type: 'invalid', reason: parsed.invalid };
    peer[field] = parsed.selector;
  }
  return peer;
}

/** The cidr is the whole address space of its family (0.0.0.0/0, ::/0). */
export function isWholeAddressSpace(cidr: IpRange): boolean {
  const all = universe(cidr.family);
  return cidr.lo === all.lo && cidr.hi === all.hi;
}

/** The rules of spec.ingress/spec.egress as written, each with its index. */
export function rawRules(obj: K8sObject, direction: Direction): unknown[] {
  return isRecord(obj.spec) ? asArray<unknown>(obj.spec[direction]) : [];
}

/** The peers of a written rule; [] when from/to is missing, empty or not a list. */
export function rawPeers(rule: unknown, direction: Direction): unknown[] {
  return isRecord(rule) ? asArray<unknown>(rule[peersField(direction)]) : [];
}

// ───────────────────────── default deny per namespace (one template, two checks) ─────────────────────────

type DefaultDenyMeta = Omit<CheckMeta, 'kinds' | 'messages' | 'category' | 'stage'> & {
  /** missing, missingUndeclared and allowsAll, with {{namespace}}, {{count}}, {{workload}}, {{policy}}, {{rule}}. */
  messages: { missing: string; missingUndeclared: string; allowsAll: string };
};

/**
 * A namespace must have a policy that selects all its pods (podSelector: {}) and isolates `direction`
 * without an allow-all rule. The anchor is the Namespace object; a namespace the input uses without
 * declaring it is reported once, on its first workload whose pods NetworkPolicy applies to.
 */
export function defineDefaultDenyCheck(direction: Direction, meta: DefaultDenyMeta): Check {
  return defineCheck({
    meta: { ...meta, category: 'network', stage: 'deploy', kinds: ['Namespace', 'Workload'] },
    check(obj, ctx) {
      const coverage = ctx.facts.get(networkCoverage);
      let ns: NamespaceCoverage | undefined;
      let path: string;
      let undeclared = false;
      if (obj.kind === 'Namespace') {
        const name = obj.metadata.name;
        if (typeof name !== 'string' || name === '') return;
        ns = coverage.namespaces.get(name);
        path = '/metadata/name';
      } else {
        if (!isWorkload(obj)) return;
        ns = coverage.namespaces.get(networkNamespace(obj));
        if (!ns || ns.declared || ns.firstIsolatable !== obj) return;
        undeclared = true;
        path = typeof obj.metadata.namespace === 'string' && obj.metadata.namespace !== '' ? '/metadata/namespace' : '/metadata';
      }
      if (!ns) return;
      const covered = ns[direction];
      if (covered.denyPolicy !== undefined) return;
      const namespace = `namespace "${ns.name}"${undeclared ? ' (no Namespace object in the input; reported on its first workload)' : ''}`;
      if (covered.allowAll) {
        const rule = `spec.${direction}[${covered.allowAll.rule}]`;
        ctx.report({ messageId: 'allowsAll', data: { namespace, policy: covered.allowAll.policy, rule }, path });
      } else if (undeclared) {
        const workload = `${obj.kind} "${typeof obj.metadata.name === 'string' ? obj.metadata.name : ''}"`;
        ctx.report({ messageId: 'missingUndeclared', data: { namespace: ns.name, workload, count: ns.policyCount }, path });
      } else ctx.report({ messageId: 'missing', data: { namespace: ns.name, count: ns.policyCount }, path });
    },
  });
}

// ───────────────────────── allow-all rules (one template, two checks) ─────────────────────────

type AllowAllMeta = Omit<CheckMeta, 'kinds' | 'messages' | 'category' | 'stage'> & {
  /** allowAll and allowAllPods, with {{policy}}, {{rule}}, {{pods}}. */
  messages: { allowAll: string; allowAllPods: string };
};

/**
 * A rule of an isolating direction that allows every peer on every port (no from/to, no ports), or every
 * pod of every namespace (namespaceSelector: {} with no or an empty podSelector) on every port.
 */
export function defineAllowAllCheck(direction: Direction, meta: AllowAllMeta): Check {
  return defineCheck({
    meta: { ...meta, category: 'network', stage: 'deploy', kinds: ['NetworkPolicy'] },
    check(obj, ctx) {
      const policy = ctx.facts.get(networkCoverage).policyOf(obj);
      const rules = policy[direction];
      if (!rules) return;
      const data = { policy: describePolicy(obj), pods: describePodSelector(policy.podSelector) };
      rules.forEach((rule, i) => {
        if (rule.ports !== undefined) return;
        const path = `/spec/${direction}/${i}`;
        const ruleText = `spec.${direction}[${i}]`;
        if (rule.peers === undefined) {
          ctx.report({ messageId: 'allowAll', data: { ...data, rule: ruleText }, path });
          return;
        }
        const everyPod = rule.peers.some(
          (p) => p.type === 'pods' && p.namespaceSelector !== undefined && isEmptySelector(p.namespaceSelector) && (p.podSelector === undefined || isEmptySelector(p.podSelector)),
        );
        if (everyPod) ctx.report({ messageId: 'allowAllPods', data: { ...data, rule: ruleText }, path });
      });
    },
  });
}
