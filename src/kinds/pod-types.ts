/** The subset of the Pod API the checks read. Fields are optional: manifests are untrusted input. */

export interface Capabilities {
  add?: string[];
  drop?: string[];
}

export interface SeccompProfile {
  type?: string;
  localhostProfile?: string;
}

export interface SELinuxOptions {
  user?: string;
  role?: string;
  type?: string;
  level?: string;
}

export interface WindowsOptions {
  hostProcess?: boolean;
  runAsUserName?: string;
  gmsaCredentialSpecName?: string;
}

export interface AppArmorProfile {
  type?: string;
  localhostProfile?: string;
}

export interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: Capabilities;
  readOnlyRootFilesystem?: boolean;
  procMount?: string;
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  seLinuxOptions?: SELinuxOptions;
  seccompProfile?: SeccompProfile;
  windowsOptions?: WindowsOptions;
  appArmorProfile?: AppArmorProfile;
}

export interface PodSecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  seLinuxOptions?: SELinuxOptions;
  seccompProfile?: SeccompProfile;
  windowsOptions?: WindowsOptions;
  appArmorProfile?: AppArmorProfile;
  sysctls?: { name?: string; value?: string }[];
  fsGroup?: number;
  supplementalGroups?: number[];
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

export interface EnvVar {
  name?: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name?: string; key?: string; optional?: boolean };
    configMapKeyRef?: { name?: string; key?: string };
    fieldRef?: { fieldPath?: string };
    resourceFieldRef?: { resource?: string };
  };
}

export interface EnvFromSource {
  prefix?: string;
  secretRef?: { name?: string };
  configMapRef?: { name?: string };
}

export interface VolumeMount {
  name?: string;
  mountPath?: string;
  readOnly?: boolean;
  subPath?: string;
  recursiveReadOnly?: string;
}

export interface ResourceRequirements {
  requests?: Record<string, string | number>;
  limits?: Record<string, string | number>;
}

export interface Container {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: ContainerPort[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  volumeMounts?: VolumeMount[];
  resources?: ResourceRequirements;
  securityContext?: SecurityContext;
  restartPolicy?: string;
}

export interface Volume {
  name?: string;
  hostPath?: { path?: string; type?: string };
  [volumeType: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Volume[];
  securityContext?: PodSecurityContext;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  hostUsers?: boolean;
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  os?: { name?: string };
  nodeName?: string;
}
