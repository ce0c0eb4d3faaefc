import { defineCheck } from '../define-check.js';
import { podTemplate } from '../../kinds/workloads.js';
import { pointerSegment, securityContextSites, show, subObject } from './pss-helpers.js';

const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export const noUnsafeApparmorProfile = defineCheck({
  meta: {
    id: 'no-unsafe-apparmor-profile',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must not disable or override the default AppArmor profile.',
    rationale:
      'On AppArmor hosts the runtime\'s default profile blocks writes to /proc and /sys, mounting and other actions container escapes rely on. An Unconfined profile removes that layer, so a compromised process keeps every path open to it. Pod Security Standards (baseline) allow only RuntimeDefault or a Localhost profile, in the appArmorProfile field and in the legacy container.apparmor.security.beta.kubernetes.io annotations.',
    remediation: 'Set securityContext.appArmorProfile.type to RuntimeDefault (or Localhost with a reviewed profile), or remove it; in legacy annotations use runtime/default or localhost/<profile>.',
    references: [{ pss: 'baseline' }],
    messages: {
      profile: 'The {{where}} sets appArmorProfile.type to {{type}}; only RuntimeDefault or Localhost are allowed.',
      annotation: 'The AppArmor annotation for container "{{container}}" sets profile "{{profile}}"; only runtime/default or localhost/<profile> are allowed.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const site of securityContextSites(t)) {
      const profile = subObject(site.securityContext, 'appArmorProfile');
      if (!profile || ALLOWED_TYPES.has(profile.type as string)) continue;
      // An appArmorProfile without a type is as unacceptable to the standard as Unconfined.
      const type = profile.type === undefined || profile.type === null ? '(unset)' : `"${show(profile.type)}"`;
      ctx.report({ messageId: 'profile', data: { where: site.where, type }, path: `${site.pointer}/appArmorProfile/type` });
    }
    // Object.keys, not Object.entries: the same keys in the same order, without a pair per key.
    for (const key of Object.keys(t.annotations)) {
      const value = t.annotations[key];
      if (!key.startsWith(ANNOTATION_PREFIX)) continue;
      if (value === 'runtime/default' || value.startsWith('localhost/')) continue;
      ctx.report({
        messageId: 'annotation',
        data: { container: key.slice(ANNOTATION_PREFIX.length), profile: value },
        path: `${t.metadataPointer}/annotations/${pointerSegment(key)}`,
      });
    }
  },
});
