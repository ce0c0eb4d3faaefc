import { networkCoverage } from '../../analyzers/network/network-coverage.js';
import { networkNamespace } from '../../analyzers/network/policies.js';
import { policyModels } from '../../analyzers/network/policy-models.js';
import { describeSelector, isEmptySelector, type LabelSelector, type Labels } from '../../inventory/label-selector.js';
import { asArray, isRecord } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';
import { describePolicy, peersField, quotedList } from './network-policy-helpers.js';

export const noNetworkPolicyPeerMatchingNothing = defineCheck({
  meta: {
    id: 'no-network-policy-peer-matching-nothing',
    category: 'network',
    severity: 'low',
    kinds: ['NetworkPolicy'],
    stage: 'deploy',
    summary: 'Every from/to peer of a NetworkPolicy should match something, be valid, and sit in a rule direction the policy enforces.',
    rationale:
      'A peer whose namespaceSelector misspells a namespace name or label, or whose podSelector matches no workload, allows no traffic: the connection it was written for is blocked, and the usual "fix" under pressure is a broad allow rule that opens the pods to lateral movement from everywhere. An invalid peer (ipBlock combined with selectors, a cidr that does not parse, an except entry outside its cidr, a selector with a bad operator) makes the API server reject the whole policy, so the pods stay unprotected. Rules of a direction missing from policyTypes (egress rules in a policy with policyTypes: [Ingress]) are silently ignored by Kubernetes, so the restriction the author meant does not exist. A namespaceSelector that matches none of the namespaces the input declares or uses (plus default, kube-system, kube-public and kube-node-lease) is reported only when one of its label values is a near miss (one or two edits, or a case difference) of a value those namespaces carry, because the namespace it names may exist in the cluster without being in the input; pods only in namespaces where the input holds workloads and no custom resources (operators create pods from those) other than kube-system, with selector terms on labels that controllers add at run time assumed to match.',
    remediation:
      'Point each peer at labels that exist: match namespaces by their kubernetes.io/metadata.name label (namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: <namespace>}}) or by labels set on the Namespace object, and pods by labels of their pod template; put an ipBlock in a peer of its own with a valid cidr and except entries strictly inside it; and list every direction the policy has rules for in spec.policyTypes (or delete the rules it should not have).',
    references: [
      { url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors' },
    ],
    messages: {
      namespaceSelectorMatchesNothing:
        '{{peer}} of NetworkPolicy "{{policy}}" selects namespaces {{selector}}, which no namespace of the input has; did you mean {{suggestion}}? As written the peer may allow no traffic.',
      podSelectorMatchesNothing:
        '{{peer}} of NetworkPolicy "{{policy}}" selects pods {{selector}} in {{namespaces}}, but no workload there has such pod labels, so the peer allows no traffic.',
      invalidPeer: '{{peer}} of NetworkPolicy "{{policy}}" is invalid: {{reason}}. The API server rejects the whole policy; as written the peer matches nothing.',
      exceptCoversCidr: '{{peer}} of NetworkPolicy "{{policy}}" is ipBlock {{cidr}}, but its except entries ({{except}}) cover all of it, so the peer matches no address.',
      ignoredRules:
        'NetworkPolicy "{{policy}}" has {{count}} {{direction}} rule(s), but its policyTypes ({{types}}) leaves out {{type}}, so Kubernetes ignores them.',
    },
  },
  check(obj, ctx) {
    const coverage = ctx.facts.get(networkCoverage);
    const normalized = ctx.facts.get(policyModels).of(obj);
    const policy = describePolicy(obj);
    const ownNamespace = networkNamespace(obj);
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = normalized[direction];
      if (!rules) {
        // Rules as written in a direction the policy does not isolate: Kubernetes ignores them.
        const written = isRecord(obj.spec) ? asArray<unknown>(obj.spec[direction]).length : 0;
        if (written === 0) continue;
        const types = isRecord(obj.spec) && Array.isArray(obj.spec.policyTypes) ? obj.spec.policyTypes.map(String).join(', ') : '';
        const type = direction === 'ingress' ? 'Ingress' : 'Egress';
        ctx.report({ messageId: 'ignoredRules', data: { policy, count: written, direction, types, type }, path: `/spec/${direction}` });
        continue;
      }
      rules.forEach((rule, i) => {
        // Peers are kept one for one (invalid ones included), so j is the index in from/to as written.
        (rule.peers ?? []).forEach((peer, j) => {
          const path = `/spec/${direction}/${i}/${peersField(direction)}/${j}`;
          const data = { peer: `spec.${direction}[${i}].${peersField(direction)}[${j}]`, policy };
          if (peer.type === 'invalid') {
            ctx.report({ messageId: 'invalidPeer', data: { ...data, reason: peer.reason }, path });
            return;
          }
          if (peer.type === 'ipBlock') {
            if (peer.empty) ctx.report({ messageId: 'exceptCoversCidr', data: { ...data, cidr: peer.cidrText, except: peer.except.join(', ') }, path });
            return;
          }
          let scope: Iterable<string>;
          let scopeText: string;
          if (!peer.namespaceSelector) {
            scope = [ownNamespace];
            scopeText = `namespace "${ownNamespace}"`;
          } else if (isEmptySelector(peer.namespaceSelector)) {
            scope = coverage.knownNamespaces.keys();
            scopeText = 'every namespace';
          } else {
            const matched = coverage.namespacesMatching(peer.namespaceSelector);
            scope = matched;
            if (matched.length === 0) {
              // The namespace may well exist in the cluster without being in the input (ingress-nginx, monitoring):
              // only a near miss of a label value the input's namespaces carry is worth a finding.
              const suggestion = nearMiss(peer.namespaceSelector, coverage.knownNamespaces.values());
              if (suggestion) ctx.report({ messageId: 'namespaceSelectorMatchesNothing', data: { ...data, selector: describeSelector(peer.namespaceSelector), suggestion }, path });
              return;
            }
            scopeText = `${matched.length === 1 ? 'namespace' : 'namespaces'} ${quotedList(matched)}`;
          }
          const podSelector = peer.podSelector;
          if (!podSelector || isEmptySelector(podSelector)) return;
          // Pods of namespaces without workloads in the input are unknown: only judge when every namespace has some.
          for (const ns of scope) if (!coverage.podsKnown(ns) || coverage.anyWorkloadMatches(ns, podSelector)) return;
          ctx.report({ messageId: 'podSelectorMatchesNothing', data: { ...data, selector: describeSelector(podSelector), namespaces: scopeText }, path });
        });
      });
    }
  },
});

/** `key=value` of a known namespace label that the selector's value misses by a typo, or undefined. */
function nearMiss(selector: LabelSelector, namespaces: Iterable<Labels>): string | undefined {
  const wanted: [string, string][] = Object.entries(selector.matchLabels ?? {});
  for (const r of selector.matchExpressions ?? []) if (r.operator === 'In') for (const v of r.values ?? []) wanted.push([r.key, v]);
  let best: { text: string; distance: number } | undefined;
  for (const labels of namespaces) {
    for (const [key, value] of wanted) {
      const have = labels[key];
      if (have === undefined || have === value) continue;
      const distance = have.toLowerCase() === value.toLowerCase() ? 0 : editDistance(have, value, 2);
      if (distance <= 2 && Math.min(have.length, value.length) >= distance * 2 && (!best || distance < best.distance)) best = { text: `${key}=${have}`, distance };
    }
  }
  return best?.text;
}

/** Levenshtein distance, or limit + 1 once it exceeds limit. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...row) > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length];
}
