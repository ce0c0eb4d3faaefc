import { defineCheck } from '../define-check.js';
import { describeContainer, isWindowsPod, podContainers, podTemplate } from '../../kinds/workloads.js';
import { capabilityList } from './pss-helpers.js';

export const requireDropAllCapabilities = defineCheck({
  meta: {
    id: 'require-drop-all-capabilities',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must drop all Linux capabilities.',
    rationale:
      'By default a container keeps the runtime\'s capability set (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW on some runtimes…), so a process that becomes root inside the container can bypass file permissions, change file ownership or forge packets. Dropping ALL and adding back only NET_BIND_SERVICE when needed removes those powers. Pod Security Standards (restricted) require capabilities.drop to contain ALL; Windows pods are exempt.',
    remediation: 'Set securityContext.capabilities.drop to ["ALL"] in every container, adding back only NET_BIND_SERVICE if the process binds a port below 1024.',
    references: [{ pss: 'restricted' }, { cis: '5.2.9' }],
    messages: {
      missing: 'The {{container}} does not drop capabilities (capabilities.drop is unset).',
      incomplete: 'The {{container}} drops some capabilities but not ALL.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t || isWindowsPod(t)) return;
    for (const c of podContainers(t)) {
      const drop = capabilityList(c, 'drop');
      // Runtimes compare ALL case-insensitively.
      if (drop.entries.some((e) => e.name.trim().toUpperCase() === 'ALL')) continue;
      ctx.report({ messageId: drop.present ? 'incomplete' : 'missing', data: { container: describeContainer(c) }, path: drop.pointer });
    }
  },
});
