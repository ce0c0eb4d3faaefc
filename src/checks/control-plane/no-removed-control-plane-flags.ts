import { controlPlaneAnalyzer } from '../../analyzers/control-plane/control-plane-analyzer.js';
import { describeRemovedHit, findRemovedSettings, REMOVED_HIT_MESSAGES } from '../../analyzers/control-plane/removed-flags.js';
import { defineCheck } from '../define-check.js';

export const noRemovedControlPlaneFlags = defineCheck({
  meta: {
    id: 'no-removed-control-plane-flags',
    category: 'control-plane',
    severity: 'medium',
    kinds: ['Workload', 'ComponentProcess', 'KubeletConfiguration'],
    stage: 'deploy',
    summary: 'Control-plane components must not use flags or admission plugins that Kubernetes removed or deprecated.',
    rationale:
      'Kubernetes components refuse to start with a flag or admission plugin they no longer know, so a manifest carried over from an older release (--insecure-port=0, PodSecurityPolicy, --basic-auth-file, --allow-privileged) turns the next upgrade into an outage, often on every control-plane node at once. Settings that still parse but do nothing give a false sense of protection: the control they stood for (PodSecurityPolicy, SecurityContextDeny, DenyEscalatingExec) is simply gone.',
    remediation:
      'Remove the flag or plugin and apply its replacement (for example PodSecurity admission instead of PodSecurityPolicy, --encryption-provider-config instead of --experimental-encryption-provider-config), then restart the component.',
    references: [{ url: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/' }, { url: 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/' }],
    messages: REMOVED_HIT_MESSAGES,
  },
  check(obj, ctx) {
    const facts = ctx.facts.get(controlPlaneAnalyzer);
    for (const inst of facts.forAnchor(obj)) {
      const version = inst.version ?? facts.version;
      for (const hit of findRemovedSettings(inst, version)) {
        const { messageId, data } = describeRemovedHit(hit, version);
        ctx.report({
          messageId,
          data,
          path: hit.pointer ?? inst.argvPointer,
        });
      }
    }
  },
});
