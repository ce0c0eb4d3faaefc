import { defineCheck } from '../define-check.js';
import { describeContainer, effectiveSecurityContext, isWindowsPod, podContainers, podTemplate } from '../../kinds/workloads.js';

export const requireReadOnlyRootFilesystem = defineCheck({
  meta: {
    id: 'require-read-only-root-filesystem',
    category: 'workload',
    severity: 'medium',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Containers must run with a read-only root filesystem.',
    rationale:
      'With a writable root filesystem an attacker who gains code execution can download tools, drop web shells, replace binaries or configuration the application loads later, and persist for the life of the container. A read-only root filesystem makes the image immutable at run time; the application writes only to the volumes it declares.',
    remediation:
      'Set securityContext.readOnlyRootFilesystem to true on every container (it is a container-level field; the pod securityContext has none) and mount an emptyDir volume where the application must write, such as /tmp.',
    references: [{ nsa: 'C-0017' }, { url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' }],
    messages: {
      missing: 'The {{container}} does not set securityContext.readOnlyRootFilesystem, so its root filesystem is writable.',
      writable: 'The {{container}} sets securityContext.readOnlyRootFilesystem to {{value}}, so its root filesystem is writable.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    // Windows containers cannot have a read-only root filesystem (the API rejects the field for them).
    if (!t || isWindowsPod(t)) return;
    for (const c of podContainers(t)) {
      const readOnly = effectiveSecurityContext(t, c).own('readOnlyRootFilesystem');
      if (readOnly.value === true) continue;
      const container = describeContainer(c);
      if (readOnly.from === 'unset') ctx.report({ messageId: 'missing', data: { container }, path: readOnly.pointer });
      else ctx.report({ messageId: 'writable', data: { container, value: JSON.stringify(readOnly.value) }, path: readOnly.pointer });
    }
  },
});
