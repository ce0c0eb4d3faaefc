import { controlPlaneAnalyzer } from '../../analyzers/control-plane/control-plane-analyzer.js';
import { findRemovedSettings } from '../../analyzers/control-plane/removed-flags.js';
import { formatVersion } from '../../analyzers/control-plane/version.js';
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
    messages: {
      removed: '{{component}} uses {{setting}}, removed in Kubernetes {{removedIn}} (this cluster runs {{version}}): the component does not start with it. {{advice}}',
      deprecated: '{{component}} uses {{setting}}, deprecated{{since}}{{removal}}. {{advice}}',
      removedUnknownVersion: '{{component}} uses {{setting}}, removed in Kubernetes {{removedIn}}; the cluster version is unknown, and from {{removedIn}} on the component does not start with it. {{advice}}',
      noEffect: '{{component}} uses {{setting}}, which has had no effect since Kubernetes {{since}}. {{advice}}',
    },
  },
  check(obj, ctx) {
    const facts = ctx.facts.get(controlPlaneAnalyzer);
    for (const inst of facts.forAnchor(obj)) {
      const version = inst.version ?? facts.version;
      for (const hit of findRemovedSettings(inst, version)) {
        const s = hit.setting;
        const since = s.noEffectSince ?? s.deprecatedIn;
        ctx.report({
          messageId: hit.status,
          data: {
            component: inst.component,
            setting: hit.display,
            removedIn: s.removedIn ?? '',
            version: version ? formatVersion(version) : 'unknown',
            since: hit.status === 'noEffect' ? (s.noEffectSince ?? '') : since ? ` since Kubernetes ${since}` : '',
            removal: s.removedIn
              ? ` and removed in Kubernetes ${s.removedIn}${version ? ` (this cluster runs ${formatVersion(version)})` : ''}: remove it before upgrading`
              : s.noEffectSince
                ? ` and without effect from Kubernetes ${s.noEffectSince}`
                : ' and still accepted',
            advice: s.advice,
          },
          path: hit.pointer ?? inst.argvPointer,
        });
      }
    }
  },
});
