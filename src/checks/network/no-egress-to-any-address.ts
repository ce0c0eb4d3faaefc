import { policyModels } from '../../analyzers/network/policy-models.js';
import { defineCheck } from '../define-check.js';
import { describePodSelector, describePolicy, isWholeAddressSpace } from './network-policy-helpers.js';

export const noEgressToAnyAddress = defineCheck({
  meta: {
    id: 'no-egress-to-any-address',
    category: 'network',
    severity: 'medium',
    kinds: ['NetworkPolicy'],
    stage: 'deploy',
    summary: 'NetworkPolicy egress rules must not allow ipBlock 0.0.0.0/0 or ::/0 on every port.',
    rationale:
      'An egress rule allowing ipBlock 0.0.0.0/0 (or ::/0 for IPv6) without ports lets the selected pods open connections on any port to any address: a compromised pod exfiltrates data to any host, downloads tooling and talks to its command-and-control server over any protocol, reaches internal networks the nodes can route to, and on cloud nodes asks the instance metadata endpoint (169.254.169.254, fd00:ec2::254) for credentials. except entries remove some ranges, but every address they do not list, and every port, stays open. Rules with no to at all are reported by no-allow-all-egress-policy instead.',
    remediation:
      'Narrow the rule: list the destinations the workload needs as small ipBlock cidrs (or pod and namespace selectors) and add ports, e.g. `to: [{ipBlock: {cidr: 203.0.113.0/24}}], ports: [{port: 443, protocol: TCP}]`; if the pods must reach the internet, keep 0.0.0.0/0 only with ports: [{port: 443, protocol: TCP}] and except: [169.254.169.254/32, <pod CIDR>, <service CIDR>, <node CIDR>].',
    references: [
      { cis: '5.3.2' },
      { url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource' },
    ],
    messages: {
      anyAddress:
        '{{peer}} of NetworkPolicy "{{policy}}" allows ipBlock {{cidr}} with no ports: {{pods}} may connect to every {{family}} address on every port, the internet and the cloud metadata endpoint included.',
      anyAddressExcept:
        '{{peer}} of NetworkPolicy "{{policy}}" allows ipBlock {{cidr}} except {{except}} with no ports: {{pods}} may connect to every other {{family}} address on every port, the internet included.',
    },
  },
  check(obj, ctx) {
    const policy = ctx.facts.get(policyModels).of(obj);
    // Egress rules count only when the policy isolates Egress (its effective policyTypes include it).
    const rules = policy.egress;
    if (!rules) return;
    rules.forEach((rule, i) => {
      // Rules with ports are narrowed; rules without peers are no-allow-all-egress-policy's.
      if (rule.ports !== undefined || rule.peers === undefined) return;
      rule.peers.forEach((peer, j) => {
        if (peer.type !== 'ipBlock' || !isWholeAddressSpace(peer.cidr) || peer.empty) return;
        const data = {
          peer: `spec.egress[${i}].to[${j}]`,
          policy: describePolicy(obj),
          cidr: peer.cidrText,
          pods: describePodSelector(policy.podSelector),
          family: peer.cidr.family === 4 ? 'IPv4' : 'IPv6',
        };
        const path = `/spec/egress/${i}/to/${j}/ipBlock/cidr`;
        if (peer.except.length > 0) ctx.report({ messageId: 'anyAddressExcept', data: { ...data, except: peer.except.join(', ') }, path });
        else ctx.report({ messageId: 'anyAddress', data, path });
      });
    });
  },
});
