/**
 * Shared by the NetworkPolicy checks: wording for messages and the two check templates. Policies, their
 * rules, peers and selectors are read through policyModels (normalizePolicy, the one parser), a per-object
 * fact, so the checks that judge a policy's own rules run at admission too.
 */
import { networkCoverage, type NamespaceCoverage } from '../../analyzers/network/network-coverage.js';
import { universe, type IpRange } from '../../analyzers/network/ip-ranges.js';
import { networkNamespace } from '../../analyzers/network/policies.js';
import { policyModels } from '../../analyzers/network/policy-models.js';
import { describeSelector, isEmptySelector, type LabelSelector } from '../../inventory/label-selector.js';
import { isWorkload } from '../../kinds/kind-groups.js';
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

/** The cidr is the whole address space of its family (0.0.0.0/0, ::/0). */
export function isWholeAddressSpace(cidr: IpRange): boolean {
  const all = universe(cidr.family);
  return cidr.lo === all.lo && cidr.hi === all.hi;
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
      const policy = ctx.facts.get(policyModels).of(obj);
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
