/**
 * YAML builders for control-plane check tests: static pods, process lines (as the `ComponentProcess` objects the
 * process-list sniffer produces), kubelet / kube-proxy configs, EncryptionConfigurations, audit Policies and Nodes.
 * Line numbers are predictable: see the `*_LINE` constants.
 */
import yaml from 'js-yaml';
import type { Component } from '../analyzers/control-plane/types.js';

export interface StaticPodOptions {
  /** Image; default `registry.k8s.io/<component>:v1.33.1` (etcd: `registry.k8s.io/etcd:3.5.21-0`). */
  image?: string;
  env?: Record<string, string>;
  /** Put the flags under `args:` (no `command:`), as images with an entrypoint do. */
  argsOnly?: boolean;
  name?: string;
}

/** Line of `command[0]` (the binary) in staticPod(); flag i is on COMMAND_LINE + 1 + i. With argsOnly, flag i is on COMMAND_LINE + i. */
export const STATIC_POD_COMMAND_LINE = 17;

export function defaultImage(component: Component): string {
  return component === 'etcd' ? 'registry.k8s.io/etcd:3.5.21-0' : `registry.k8s.io/${component}:v1.33.1`;
}

/** A kubeadm-style static pod (mirror-pod labels) running `component` with `flags`. */
export function staticPod(component: Component, flags: string[], opts: StaticPodOptions = {}): string {
  const image = opts.image ?? defaultImage(component);
  const list = (items: string[]) => items.map((f) => `    - ${JSON.stringify(f)}`).join('\n');
  const argv = opts.argsOnly ? `    args:\n${list(flags)}` : `    command:\n${list([component, ...flags])}`;
  const env = opts.env ? `\n    env:\n${Object.entries(opts.env).map(([k, v]) => `    - name: ${k}\n      value: ${JSON.stringify(v)}`).join('\n')}` : '';
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${opts.name ?? `${component}-node1`}
  namespace: kube-system
  labels:
    component: ${component}
    tier: control-plane
  annotations:
    kubernetes.io/config.source: file
spec:
  hostNetwork: true
  containers:
  - name: ${component}
    image: ${image}
${argv}${env}
`;
}

/** The component run by a DaemonSet (kube-proxy style): flag i is on line 16 + i. */
export function daemonSet(component: Component, flags: string[], opts: StaticPodOptions = {}): string {
  const image = opts.image ?? defaultImage(component);
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${opts.name ?? component}
  namespace: kube-system
spec:
  selector: {matchLabels: {k8s-app: ${component}}}
  template:
    metadata: {labels: {k8s-app: ${component}}}
    spec:
      containers:
      - name: ${component}
        image: ${image}
        command:
${[component, ...flags].map((f) => `        - ${JSON.stringify(f)}`).join('\n')}
`;
}

/** Line of `argv[0]` in psLine(); argv element i is on PROCESS_ARGV_LINE + i. */
export const PROCESS_ARGV_LINE = 10;

/** A process line as the sniffer turns it into an object: `argv` is the whole command line, binary first. */
export function psLine(argv: string[], opts: { pid?: number; env?: Record<string, string> } = {}): string {
  const binary = argv[0] ?? '';
  const component = componentOf(binary);
  const env = opts.env ? `\n  env:\n${Object.entries(opts.env).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n')}` : '';
  return `apiVersion: bulwark.dev/v1
kind: ComponentProcess
metadata:
  name: ${component}
spec:
  component: ${component}
  binary: ${JSON.stringify(binary)}
  pid: ${opts.pid ?? 812}
  argv:
${argv.map((a) => `  - ${JSON.stringify(a)}`).join('\n')}${env}
`;
}

function componentOf(binary: string): Component {
  const base = binary.slice(binary.lastIndexOf('/') + 1);
  const known: Component[] = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet', 'kube-proxy'];
  return known.find((c) => c === base) ?? 'kubelet';
}

/** A kubelet.config.k8s.io/v1beta1 KubeletConfiguration with `fields` (YAML-dumped, block style). */
export function kubeletConfig(fields: Record<string, unknown>): string {
  return configDoc('kubelet.config.k8s.io/v1beta1', 'KubeletConfiguration', fields);
}

export function kubeProxyConfig(fields: Record<string, unknown>): string {
  return configDoc('kubeproxy.config.k8s.io/v1alpha1', 'KubeProxyConfiguration', fields);
}

export function encryptionConfig(resources: unknown[]): string {
  return configDoc('apiserver.config.k8s.io/v1', 'EncryptionConfiguration', { resources });
}

export function auditPolicy(rules: unknown[]): string {
  return configDoc('audit.k8s.io/v1', 'Policy', { rules });
}

/** The ConfigMap kubeadm keeps the kubelet config in (`kube-system/kubelet-config`, key `kubelet`). */
export function kubeletConfigMap(fields: Record<string, unknown>): string {
  const embedded = kubeletConfig(fields).trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: kubelet-config
  namespace: kube-system
data:
  kubelet: |
${embedded}
`;
}

export function node(name: string, nodeInfo: Record<string, string>, labels: Record<string, string> = {}): string {
  return yaml.dump({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, status: { nodeInfo } }, { lineWidth: -1 });
}

function configDoc(apiVersion: string, kind: string, fields: Record<string, unknown>): string {
  return yaml.dump({ apiVersion, kind, ...fields }, { lineWidth: -1, noRefs: true });
}

/** Random-looking base64 of `bytes` bytes, for encryption keys. */
export function key(bytes: number, fill = 7): string {
  return Buffer.alloc(bytes, fill).toString('base64');
}
