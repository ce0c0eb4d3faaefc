import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeVersion } from './types.js';
import { imageTag, versionFromImage, versionFromKubeadm, versionFromOverride, versionFromVersionOutput, parseVersion } from './version.js';

const show = (v: KubeVersion | undefined): string | undefined => (v ? `${v.major}.${v.minor}${v.patch !== undefined ? `.${v.patch}` : ''}` : undefined);

describe('version detection', () => {
  const images: [string, string | undefined][] = [
    ['registry.k8s.io/kube-apiserver:v1.30.2', '1.30.2'],
    ['k8s.gcr.io/kube-apiserver:v1.23.1', '1.23.1'],
    ['gcr.io/google-containers/kube-apiserver-amd64:v1.11.0', '1.11.0'],
    ['registry.k8s.io/kube-apiserver:v1.30.2@sha256:1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef', '1.30.2'],
    ['registry.k8s.io/kube-apiserver@sha256:1.2.3', undefined],
    ['docker.io/rancher/hardened-kubernetes:v1.28.5-rke2r1-build20240110', undefined],
    ['registry.k8s.io/etcd:3.5.1-0', undefined],
    ['registry.k8s.io/kube-apiserver', undefined],
    ['localhost:5000/kube-apiserver:v1.29.1', '1.29.1'],
    ['k8s.gcr.io/hyperkube:v1.17.0', '1.17.0'],
    ['nginx:1.25.3', undefined],
  ];
  for (const [image, expect] of images) it(`image ${image}`, () => assert.equal(show(versionFromImage(image)), expect));

  it('a vendor image counts when the container runs a component; etcd never', () => {
    assert.equal(show(versionFromImage('docker.io/rancher/hardened-kubernetes:v1.28.5-rke2r1-build20240110', 'kube-apiserver')), '1.28.5');
    assert.equal(versionFromImage('registry.k8s.io/etcd:3.5.1-0', 'etcd'), undefined);
    assert.equal(versionFromImage('registry.k8s.io/kube-apiserver:v1.30.2')?.evidence, 'image registry.k8s.io/kube-apiserver:v1.30.2');
  });

  const tags: [string, string][] = [
    ['a/b:v1', 'v1'],
    ['host:5000/a/b', ''],
    ['a/b:v1@sha256:ff', 'v1'],
  ];
  for (const [image, tag] of tags) it(`tag of ${image}`, () => assert.equal(imageTag(image), tag));

  const texts: [string, string | undefined][] = [
    ['v1.29.3-eks-ae9a62a', '1.29.3'],
    ['v1.30.1+k3s1', '1.30.1'],
    ['1.30', '1.30'],
    ['latest', undefined],
  ];
  for (const [text, expect] of texts) it(`parseVersion ${text}`, () => assert.equal(show(parseVersion(text, 'x')), expect));

  const kubeadm: [unknown, string | undefined][] = [
    ['v1.30.2', '1.30.2'],
    ['stable-1.30', '1.30'],
    ['stable', undefined],
    ['latest', undefined],
    [130, undefined],
  ];
  for (const [value, expect] of kubeadm) it(`kubeadm ${String(value)}`, () => assert.equal(show(versionFromKubeadm(value, 'f')), expect));

  it('kubelet --version output and overrides', () => {
    assert.equal(show(versionFromVersionOutput('Kubernetes v1.30.2\n', 'kubelet')), '1.30.2');
    assert.equal(versionFromVersionOutput('command not found', 'kubelet'), undefined);
    assert.equal(show(versionFromOverride('v1.30.2')), '1.30.2');
    assert.equal(show(versionFromOverride('1.30')), '1.30');
    assert.equal(versionFromOverride('1.30.x'), undefined);
  });
});
