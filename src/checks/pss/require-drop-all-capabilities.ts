import { defineCheck } from '../define-check.js';
import { asArray, describeContainer, isRecord, isWindowsPod, podContainers, podTemplate, type ContainerRef } from '../../kinds/workloads.js';
import { capabilityList } from './pss-helpers.js';

/** True when securityContext.capabilities.drop has a string item ALL (any case, surrounding spaces ignored). */
function dropsAll(c: ContainerRef): boolean {
  const sc = c.container.securityContext;
  const caps = isRecord(sc) ? sc.capabilities : undefined;
  const drop = isRecord(caps) ? caps.drop : undefined;
  return asArray<unknown>(drop).some((name) => typeof name === 'string' && name.trim().toUpperCase() === 'ALL');
}

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
      // Runtimes compare ALL case-insensitively. Most containers drop ALL: the list is read as written
      // first, and its entries and pointers are built only for a finding.
      if (dropsAll(c)) continue;
      const drop = capabilityList(c, 'drop');
      ctx.report({ messageId: drop.present ? 'incomplete' : 'missing', data: { container: describeContainer(c) }, path: drop.pointer });
    }
  },
});
