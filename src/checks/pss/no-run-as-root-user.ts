import { defineCheck } from '../define-check.js';
import { podTemplate } from '../../kinds/workloads.js';
import { securityContextSites, usesUserNamespace } from './pss-helpers.js';

export const noRunAsRootUser = defineCheck({
  meta: {
    id: 'no-run-as-root-user',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods and containers must not set runAsUser to 0 (root).',
    rationale:
      'runAsUser: 0 makes the process root whatever the image says, defeating runAsNonRoot and the image\'s own USER: root in a container owns root-owned files on host mounts, can use every capability the container keeps, and turns any kernel or runtime bug into a node compromise. Pod Security Standards (restricted) forbid runAsUser: 0 at pod and container level; pods in their own user namespace (hostUsers: false) are exempt.',
    remediation: 'Remove runAsUser: 0 and set runAsUser to a non-zero UID (for example 10001), at pod or container level.',
    references: [{ pss: 'restricted' }, { cis: '5.2.7' }],
    messages: {
      pod: 'The pod sets runAsUser: 0, so containers that do not override it run as root.',
      container: 'The {{container}} sets runAsUser: 0 and runs as root.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t || usesUserNamespace(t)) return;
    // Reported where written: one finding for a pod-level 0 however many containers inherit it.
    for (const site of securityContextSites(t)) {
      if (site.securityContext.runAsUser !== 0) continue;
      ctx.report({
        messageId: site.container ? 'container' : 'pod',
        data: { container: site.where },
        path: `${site.pointer}/runAsUser`,
      });
    }
  },
});
