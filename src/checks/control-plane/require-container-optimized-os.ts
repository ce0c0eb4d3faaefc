import { nodeInfo } from '../../analyzers/control-plane/control-plane-analyzer.js';
import { defineCheck } from '../define-check.js';

/** Minimal, immutable, container-only host operating systems (matched on `status.nodeInfo.osImage`). */
const CONTAINER_OPTIMIZED = /bottlerocket|container-optimized os|fedora coreos|flatcar|talos|red hat enterprise linux coreos/i;

export const requireContainerOptimizedOs = defineCheck({
  meta: {
    id: 'require-container-optimized-os',
    category: 'control-plane',
    severity: 'low',
    kinds: ['Node'],
    stage: 'runtime',
    summary: 'Nodes should run a container-optimized operating system (Bottlerocket, Container-Optimized OS, Flatcar, Fedora/RHEL CoreOS, Talos).',
    rationale:
      'A general-purpose distribution ships compilers, package managers, shells and services that a container escape can use to persist and move on, and is patched package by package. Container-optimized systems have a read-only root file system, a minimal package set and atomic image-based updates, which removes most of what an attacker who reached the node would use and makes drift impossible.',
    remediation:
      'Move the node pool to a container-optimized image (Bottlerocket on EKS, Container-Optimized OS on GKE, Flatcar, Talos, Fedora CoreOS or RHEL CoreOS), or harden the current OS to the CIS benchmark of that distribution.',
    references: [{ url: 'https://kubernetes.io/docs/concepts/security/security-checklist/' }, { url: 'https://cloud.google.com/container-optimized-os/docs/concepts/security' }],
    messages: {
      generalPurposeOs: 'Node "{{node}}" runs {{osImage}}, a general-purpose operating system.',
    },
  },
  check(obj, ctx) {
    const info = nodeInfo(obj);
    const osImage = info.osImage;
    if (typeof osImage !== 'string' || osImage.trim() === '') return;
    const labels = obj.metadata.labels ?? {};
    if (info.operatingSystem === 'windows' || labels['kubernetes.io/os'] === 'windows' || /windows/i.test(osImage)) return;
    if (CONTAINER_OPTIMIZED.test(osImage)) return;
    ctx.report({ messageId: 'generalPurposeOs', data: { node: obj.metadata.name ?? '', osImage }, path: '/status/nodeInfo/osImage' });
  },
});
