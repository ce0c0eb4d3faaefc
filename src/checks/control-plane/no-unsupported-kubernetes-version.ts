import { controlPlaneAnalyzer, nodeInfo } from '../../analyzers/control-plane/control-plane-analyzer.js';
import { AS_OF, supportStatus } from '../../analyzers/control-plane/k8s-releases.js';
import type { KubeVersion } from '../../analyzers/control-plane/types.js';
import { formatVersion, parseVersion, versionFromKubeadm } from '../../analyzers/control-plane/version.js';
import { defineCheck, type CheckContext } from '../define-check.js';

export const noUnsupportedKubernetesVersion = defineCheck({
  meta: {
    id: 'no-unsupported-kubernetes-version',
    category: 'control-plane',
    severity: 'high',
    kinds: ['Workload', 'ClusterConfiguration', 'ConfigMap', 'Node'],
    stage: 'deploy',
    summary: 'Clusters must run a Kubernetes minor release that still receives upstream security fixes.',
    rationale:
      'Each Kubernetes minor release gets patches for about 14 months. After its end of life, vulnerabilities found in the API server, kubelet or kube-proxy (privilege escalations, authentication bypasses, container escapes through the kubelet) are fixed only in newer releases, so the cluster stays exposed to bugs with public write-ups and exploits. Unless a vendor (EKS, GKE, AKS, OpenShift) still supports that version, upgrading is the only fix.',
    remediation:
      'Upgrade the control plane and then the nodes, one minor release at a time, to a Kubernetes release still in support (https://kubernetes.io/releases/), or confirm that your distribution vendor still patches this version.',
    references: [{ url: 'https://kubernetes.io/releases/' }, { url: 'https://kubernetes.io/releases/version-skew-policy/' }],
    messages: {
      endOfLife: 'Kubernetes {{version}} ({{evidence}}) reached its upstream end of life on {{eol}} and no longer receives security fixes.',
      olderThanTable: 'Kubernetes {{version}} ({{evidence}}) is older than {{oldest}}, out of upstream support since 2021 or earlier.',
    },
  },
  check(obj, ctx) {
    const today = typeof ctx.options.today === 'string' ? ctx.options.today : AS_OF;
    if (obj.kind === 'Node') {
      const kv = nodeInfo(obj).kubeletVersion;
      const v = typeof kv === 'string' ? parseVersion(kv, `kubelet of node ${obj.metadata.name ?? ''}`) : undefined;
      if (v) reportVersion(ctx, v, today, '/status/nodeInfo/kubeletVersion');
      return;
    }
    const facts = ctx.facts.get(controlPlaneAnalyzer);
    if (obj.kind === 'ClusterConfiguration' || obj.kind === 'ConfigMap') {
      for (const doc of facts.docs('ClusterConfiguration')) {
        if (doc.anchor.object !== obj) continue;
        const v = versionFromKubeadm(doc.data.kubernetesVersion, doc.pointerPrefix === '' ? 'ClusterConfiguration' : `ConfigMap ${obj.metadata.name ?? ''}`);
        if (v) reportVersion(ctx, v, today, `${doc.pointerPrefix}/kubernetesVersion`);
      }
      return;
    }
    for (const inst of facts.forAnchor(obj)) {
      if (inst.component === 'etcd' || !inst.version) continue;
      reportVersion(ctx, inst.version, today, inst.argvPointer.replace(/\/(command|args)$/, '/image'));
    }
  },
});

function reportVersion(ctx: CheckContext, v: KubeVersion, today: string, path: string): void {
  const status = supportStatus(v, today);
  const data = { version: formatVersion(v), evidence: v.evidence };
  if (status.state === 'end-of-life') ctx.report({ messageId: 'endOfLife', data: { ...data, eol: status.release.endOfLife }, path });
  else if (status.state === 'older-than-table') ctx.report({ messageId: 'olderThanTable', data: { ...data, oldest: status.oldest }, path });
}
