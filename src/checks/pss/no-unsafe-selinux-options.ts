import { defineCheck } from '../define-check.js';
import { podTemplate } from '../../kinds/workloads.js';
import { securityContextSites, show, subObject } from './pss-helpers.js';

/** SELinux types the baseline profile allows ('' leaves the runtime's default, container_t). */
const ALLOWED_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

export const noUnsafeSelinuxOptions = defineCheck({
  meta: {
    id: 'no-unsafe-selinux-options',
    category: 'workload',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Pods must not set custom SELinux types, users or roles.',
    rationale:
      'On SELinux hosts the container types (container_t and friends) confine what a container process may touch on the node. Choosing another type such as spc_t (super-privileged container) or unconfined_t, or a custom SELinux user or role, lifts that confinement and opens host files and devices to the workload. Pod Security Standards (baseline) allow only the container types and no user or role.',
    remediation: 'Remove seLinuxOptions.user and seLinuxOptions.role, and leave seLinuxOptions.type unset or set it to container_t, container_init_t, container_kvm_t or container_engine_t.',
    references: [{ pss: 'baseline' }],
    messages: {
      type: 'The {{where}} sets seLinuxOptions.type to "{{value}}", which is not a confined container type.',
      user: 'The {{where}} sets a custom SELinux user "{{value}}".',
      role: 'The {{where}} sets a custom SELinux role "{{value}}".',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    for (const site of securityContextSites(t)) {
      const options = subObject(site.securityContext, 'seLinuxOptions');
      if (!options) continue;
      const base = `${site.pointer}/seLinuxOptions`;
      if (isSet(options.type) && !ALLOWED_TYPES.has(options.type as string)) {
        ctx.report({ messageId: 'type', data: { where: site.where, value: show(options.type) }, path: `${base}/type` });
      }
      for (const field of ['user', 'role'] as const) {
        if (isSet(options[field])) ctx.report({ messageId: field, data: { where: site.where, value: show(options[field]) }, path: `${base}/${field}` });
      }
    }
  },
});
