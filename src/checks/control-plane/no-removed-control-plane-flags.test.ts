import { CheckTester } from '../../testing/check-tester.js';
import { psLine, staticPod } from '../../testing/control-plane.js';
import { noRemovedControlPlaneFlags } from './no-removed-control-plane-flags.js';

const image = (component: string, tag: string) => ({ image: `registry.k8s.io/${component}:${tag}` });

CheckTester.run(noRemovedControlPlaneFlags, {
  valid: [
    staticPod('kube-apiserver', ['--secure-port=6443', '--enable-admission-plugins=NodeRestriction,PodSecurity']),
    psLine(['/usr/bin/kubelet', '--config=/var/lib/kubelet/config.yaml']),
    { name: 'etcd --port is not a Kubernetes flag', yaml: staticPod('etcd', ['--port=2379']) },
  ],
  invalid: [
    {
      name: 'insecure port on 1.30',
      yaml: staticPod('kube-apiserver', ['--insecure-port=0', '--secure-port=6443'], image('kube-apiserver', 'v1.30.2')),
      findings: [{ messageId: 'removed', path: '/spec/containers/0/command/1', line: 18, message: /^kube-apiserver uses --insecure-port, removed in Kubernetes 1\.24 \(this cluster runs 1\.30\.2\): the component does not start with it\. Remove it; the API server serves only on --secure-port\.$/ }],
    },
    {
      name: 'PodSecurityPolicy on 1.23 is deprecated',
      yaml: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,PodSecurityPolicy'], image('kube-apiserver', 'v1.23.1')),
      findings: [{ messageId: 'deprecated', path: '/spec/containers/0/command/1', message: /PodSecurityPolicy in --enable-admission-plugins, deprecated since Kubernetes 1\.21 and removed in Kubernetes 1\.25 \(this cluster runs 1\.23\.1\): remove it before upgrading/ }],
    },
    {
      name: 'admission-control is deprecated but accepted',
      yaml: staticPod('kube-apiserver', ['--admission-control=NodeRestriction'], image('kube-apiserver', 'v1.33.1')),
      findings: [{ messageId: 'deprecated', path: '/spec/containers/0/command/1', message: /deprecated since Kubernetes 1\.10 and still accepted\. Move the plugins/ }],
    },
    {
      name: 'kubelet process without a known version',
      yaml: psLine(['/usr/bin/kubelet', '--allow-privileged=true']),
      findings: [{ messageId: 'removedUnknownVersion', path: '/spec/argv/1', line: 11 }],
    },
    {
      name: 'scheduler --port is a no-op',
      yaml: staticPod('kube-scheduler', ['--port=0', '--bind-address=127.0.0.1'], image('kube-scheduler', 'v1.28.0')),
      findings: [{ messageId: 'noEffect', path: '/spec/containers/0/command/1', message: /no effect since Kubernetes 1\.23/ }],
    },
  ],
});
