import { defineCheck } from '../define-check.js';
import { describeContainer, isWindowsPod, podContainers, podTemplate } from '../../kinds/workloads.js';
import { BASELINE_ALLOWED_CAPABILITIES, capabilityList } from './pss-helpers.js';

export const noAddedCapabilities = defineCheck({
  meta: {
    id: 'no-added-capabilities',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers may add back only the NET_BIND_SERVICE capability.',
    rationale:
      'Even the capabilities the baseline profile tolerates give a process powers it rarely needs: DAC_OVERRIDE and FOWNER bypass file permissions, SETUID and SETGID switch to any user, CHOWN takes ownership of files, MKNOD creates device nodes. Pod Security Standards (restricted) let a container add back only NET_BIND_SERVICE after dropping ALL; Windows pods are exempt.',
    remediation: 'Remove the capability from securityContext.capabilities.add; keep only NET_BIND_SERVICE, and only if the process binds a port below 1024.',
    references: [{ pss: 'restricted' }, { cis: '5.2.9' }],
    messages: { added: 'The {{container}} adds capability {{capability}}; the restricted profile allows adding only NET_BIND_SERVICE.' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t || isWindowsPod(t)) return;
    for (const c of podContainers(t)) {
      for (const cap of capabilityList(c, 'add').entries) {
        // Capabilities outside the baseline set (and ALL) are reported by no-unsafe-capabilities, at
        // higher severity; reporting them here too would count one mistake twice.
        if (cap.normalized === 'NET_BIND_SERVICE' || !BASELINE_ALLOWED_CAPABILITIES.has(cap.normalized)) continue;
        ctx.report({ messageId: 'added', data: { container: describeContainer(c), capability: cap.name }, path: cap.pointer });
      }
    }
  },
});
