import { defineCheck } from '../define-check.js';
import { podTemplate } from '../../kinds/workloads.js';
import { securityContextSites, subObject } from './pss-helpers.js';

export const noHostProcess = defineCheck({
  meta: {
    id: 'no-host-process',
    category: 'workload',
    severity: 'critical',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Windows pods must not run HostProcess containers.',
    rationale:
      'A Windows HostProcess container runs directly on the node as a host process, with the node\'s network and file system and, typically, SYSTEM or administrator rights: it is the Windows equivalent of a privileged container with host namespaces. Pod Security Standards (baseline) forbid hostProcess: true at pod or container level.',
    remediation: 'Remove securityContext.windowsOptions.hostProcess (pod and container level) or set it to false.',
    references: [{ pss: 'baseline' }, { cis: '5.2.10' }],
    messages: {
      hostProcess: 'The {{where}} sets windowsOptions.hostProcess: true and runs as a Windows host process.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    // Forbidden wherever it is set: a pod-level true is reported once, even if containers set false.
    for (const site of securityContextSites(t)) {
      if (subObject(site.securityContext, 'windowsOptions')?.hostProcess === true) {
        ctx.report({ messageId: 'hostProcess', data: { where: site.where }, path: `${site.pointer}/windowsOptions/hostProcess` });
      }
    }
  },
});
