import { defineCheck } from '../define-check.js';
import { asArray, isRecord, podTemplate } from '../../kinds/workloads.js';
import { show } from './pss-helpers.js';

/** Namespaced sysctls isolated from other pods and the node: the baseline "safe" set. */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  // Safe since Kubernetes 1.32.
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

export const noUnsafeSysctls = defineCheck({
  meta: {
    id: 'no-unsafe-sysctls',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must set only sysctls from the safe set.',
    rationale:
      'Sysctls outside the safe set either are not namespaced (they change the kernel of the whole node, e.g. kernel.* or vm.*) or can disable protections or starve other pods (e.g. kernel.msgmax, net.core.*). A pod setting them can weaken the node for every workload on it. Pod Security Standards (baseline) allow only the namespaced, isolated sysctls in the safe list.',
    remediation: 'Remove the sysctl from spec.securityContext.sysctls; if the node really needs it, set it on the node and schedule the workload there.',
    references: [{ pss: 'baseline' }],
    messages: { unsafe: 'The pod sets sysctl "{{sysctl}}", which is not in the safe set.' },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    const podSc = t.spec.securityContext;
    if (!isRecord(podSc)) return;
    asArray<unknown>(podSc.sysctls).forEach((s, i) => {
      if (!isRecord(s) || s.name === undefined || s.name === null) return;
      if (typeof s.name === 'string' && SAFE_SYSCTLS.has(s.name)) return;
      ctx.report({ messageId: 'unsafe', data: { sysctl: show(s.name) }, path: `${t.specPointer}/securityContext/sysctls/${i}/name` });
    });
  },
});
