import { defineCheck } from '../define-check.js';
import { describeContainer, podContainers, podTemplate } from '../../kinds/workloads.js';
import { BASELINE_ALLOWED_CAPABILITIES, capabilityList } from './pss-helpers.js';

export const noUnsafeCapabilities = defineCheck({
  meta: {
    id: 'no-unsafe-capabilities',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must not add capabilities beyond the baseline set.',
    rationale:
      'Capabilities outside the default set grant kernel powers a normal process never needs: SYS_ADMIN mounts file systems and is a well-known container escape, NET_ADMIN and NET_RAW rewrite routing or spoof packets on the node network, SYS_PTRACE reads other processes\' memory, SYS_MODULE loads kernel modules. Pod Security Standards (baseline) allow only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT.',
    remediation: 'Remove the capability from securityContext.capabilities.add; add only capabilities from the baseline set, and only those the process needs.',
    references: [{ pss: 'baseline' }, { cis: '5.2.8' }, { cis: '5.2.9' }],
    messages: {
      unsafe: 'The {{container}} adds capability {{capability}}, which the baseline profile does not allow.',
      all: 'The {{container}} adds ALL capabilities ("{{capability}}").',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const c of podContainers(t)) {
      for (const cap of capabilityList(c, 'add').entries) {
        if (BASELINE_ALLOWED_CAPABILITIES.has(cap.normalized)) continue;
        ctx.report({
          messageId: cap.normalized === 'ALL' ? 'all' : 'unsafe',
          data: { container: describeContainer(c), capability: cap.name },
          path: cap.pointer,
        });
      }
    }
  },
});
