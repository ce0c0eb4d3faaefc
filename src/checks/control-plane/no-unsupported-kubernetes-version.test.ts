import { CheckTester } from '../../testing/check-tester.js';
import { daemonSet, node, staticPod } from '../../testing/control-plane.js';
import { noUnsupportedKubernetesVersion } from './no-unsupported-kubernetes-version.js';

const TODAY = { today: '2026-11-23' };
const clusterConfig = (version: string) => `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: ${version}\n`;

CheckTester.run(noUnsupportedKubernetesVersion, {
  valid: [
    { name: 'supported API server', yaml: staticPod('kube-apiserver', ['--profiling=false'], { image: 'registry.k8s.io/kube-apiserver:v1.35.1' }), options: TODAY },
    { name: 'newer than the table is never flagged', yaml: staticPod('kube-apiserver', [], { image: 'registry.k8s.io/kube-apiserver:v1.40.0' }), options: TODAY },
    { name: 'etcd tag is the etcd version', yaml: staticPod('etcd', ['--data-dir=/var/lib/etcd'], { image: 'registry.k8s.io/etcd:3.5.1-0' }), options: TODAY },
    { name: '1.34 on its last day of support', yaml: staticPod('kube-scheduler', [], { image: 'registry.k8s.io/kube-scheduler:v1.34.2' }), options: { today: '2026-10-27' } },
    { name: 'kubeadm label with minor only', yaml: clusterConfig('stable-1.35'), options: TODAY },
    { name: 'latest gives no version', yaml: clusterConfig('latest'), options: TODAY },
    { name: 'supported kubelet', yaml: node('n1', { kubeletVersion: 'v1.35.0-eks-1234', osImage: 'Bottlerocket' }), options: TODAY },
    { name: 'not a control-plane image', yaml: staticPod('kube-apiserver', [], { image: 'nginx:1.19.0' }).replace(/- "kube-apiserver"/, '- "nginx"'), options: TODAY },
  ],
  invalid: [
    {
      name: 'minikube 1.23 API server',
      yaml: staticPod('kube-apiserver', ['--profiling=false'], { image: 'k8s.gcr.io/kube-apiserver:v1.23.1' }),
      options: TODAY,
      findings: [{ messageId: 'endOfLife', path: '/spec/containers/0/image', line: 15, message: /^Kubernetes 1\.23\.1 \(image k8s\.gcr\.io\/kube-apiserver:v1\.23\.1\) reached its upstream end of life on 2023-02-28/ }],
    },
    {
      name: 'kube-proxy DaemonSet with an old image',
      yaml: daemonSet('kube-proxy', ['--config=/var/lib/kube-proxy/config.conf'], { image: 'registry.k8s.io/kube-proxy:v1.30.2' }),
      options: TODAY,
      findings: [{ messageId: 'endOfLife', path: '/spec/template/spec/containers/0/image', line: 13 }],
    },
    {
      name: 'kubeadm ClusterConfiguration',
      yaml: clusterConfig('v1.28.4'),
      options: TODAY,
      findings: [{ messageId: 'endOfLife', path: '/kubernetesVersion', line: 3, message: /2024-10-22/ }],
    },
    {
      name: 'ancient kubelet',
      yaml: node('old', { kubeletVersion: 'v1.11.0' }),
      options: TODAY,
      findings: [{ messageId: 'olderThanTable', path: '/status/nodeInfo/kubeletVersion', message: /older than 1\.19/ }],
    },
    {
      name: 'today decides: 1.34 the day after its end of life',
      yaml: node('n', { kubeletVersion: 'v1.34.1' }),
      options: { today: '2026-10-28' },
      findings: [{ messageId: 'endOfLife', path: '/status/nodeInfo/kubeletVersion' }],
    },
  ],
});
