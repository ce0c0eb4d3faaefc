import type { K8sObject } from '../model/types.js';

/** Kinds whose objects run pods; the key is the kind, the value the API groups that define it. */
export const WORKLOAD_KINDS: Record<string, string[]> = {
  Pod: [''],
  Deployment: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
  ReplicationController: [''],
  // OpenShift's Deployment with a pod template; kept so mixed clusters are covered.
  DeploymentConfig: ['apps.openshift.io', ''],
};

/** Core kinds whose name a CRD might reuse in another group: matched only in their own groups. */
const KNOWN_KIND_GROUPS: Record<string, string[]> = {
  ...WORKLOAD_KINDS,
  Service: [''],
  Namespace: [''],
  Secret: [''],
  ConfigMap: [''],
  ServiceAccount: [''],
  NetworkPolicy: ['networking.k8s.io', 'extensions'],
  Ingress: ['networking.k8s.io', 'extensions'],
  Role: ['rbac.authorization.k8s.io'],
  ClusterRole: ['rbac.authorization.k8s.io'],
  RoleBinding: ['rbac.authorization.k8s.io'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io'],
  Node: [''],
  // Control-plane configuration files and process lines (CIS checks); `Policy` is also Kyverno's kind.
  KubeletConfiguration: ['kubelet.config.k8s.io'],
  KubeProxyConfiguration: ['kubeproxy.config.k8s.io'],
  EncryptionConfiguration: ['apiserver.config.k8s.io'],
  EncryptionConfig: [''],
  AuthorizationConfiguration: ['apiserver.config.k8s.io'],
  Policy: ['audit.k8s.io'],
  ClusterConfiguration: ['kubeadm.k8s.io'],
  ComponentProcess: ['bulwark.dev'],
  // A Dockerfile read as one synthetic object (src/sources/dockerfile-source.ts).
  Dockerfile: ['bulwark.dev'],
};

export const KIND_GROUPS: Record<string, string[]> = {
  Workload: Object.keys(WORKLOAD_KINDS),
};

/** Kinds that are not namespaced; everything else (including unknown custom resources) is assumed namespaced. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass',
  'CustomResourceDefinition', 'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'APIService', 'CSIDriver', 'CSINode', 'RuntimeClass', 'IngressClass', 'PodSecurityPolicy', 'ComponentStatus',
  'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration', 'VolumeAttachment', 'VolumeSnapshotClass',
  'ClusterIssuer', 'SecurityContextConstraints',
  'IPAddress', 'ServiceCIDR', 'DeviceClass', 'ResourceSlice', 'ClusterTrustBundle', 'StorageVersion',
  'StorageVersionMigration', 'VolumeAttributesClass', 'TokenReview', 'SelfSubjectReview', 'SubjectAccessReview',
  'SelfSubjectAccessReview', 'SelfSubjectRulesReview',
  // Control-plane configuration files and process lines: no namespace. (Not `Policy`: Kyverno's is namespaced.)
  'KubeletConfiguration', 'KubeProxyConfiguration', 'EncryptionConfiguration', 'EncryptionConfig', 'AuthorizationConfiguration',
  'ClusterConfiguration', 'ComponentProcess',
  'Dockerfile',
]);

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The kind the engine treats the object as: its kind, unless a CRD reuses a core name in another group. */
export function effectiveKind(obj: K8sObject): string | undefined {
  const groups = KNOWN_KIND_GROUPS[obj.kind];
  if (groups && !groups.includes(apiGroupOf(obj.apiVersion))) return undefined;
  return obj.kind;
}

export function isWorkload(obj: K8sObject): boolean {
  return effectiveKind(obj) !== undefined && obj.kind in WORKLOAD_KINDS;
}

/** Expands kind groups ("Workload") into kinds; "*" stays as is (every kind). */
export function expandKinds(kinds: string[]): string[] {
  return kinds.flatMap((k) => KIND_GROUPS[k] ?? [k]);
}

export function isNamespaced(kind: string): boolean {
  return !CLUSTER_SCOPED_KINDS.has(kind);
}
