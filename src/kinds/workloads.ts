import type { K8sObject } from '../model/types.js';
import { isWorkload } from './kind-groups.js';
import type { Container, PodSecurityContext, PodSpec, SecurityContext } from './pod-types.js';

export type ContainerType = 'container' | 'initContainer' | 'ephemeralContainer';

export interface ContainerRef {
  container: Container;
  name: string;
  type: ContainerType;
  /** JSON pointer of the container inside the object, e.g. /spec/template/spec/containers/0 */
  pointer: string;
}

export interface PodTemplate {
  spec: PodSpec;
  /** JSON pointer of the pod spec, e.g. /spec/template/spec */
  specPointer: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** JSON pointer of the pod metadata (the template's for controllers, the object's for Pods). */
  metadataPointer: string;
}

const CONTAINER_FIELDS: [keyof PodSpec, ContainerType][] = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

/** Where each workload kind keeps its pod template. */
function templatePointer(kind: string): string {
  switch (kind) {
    case 'Pod':
      return '';
    case 'CronJob':
      return '/spec/jobTemplate/spec/template';
    default:
      return '/spec/template';
  }
}

function at(obj: unknown, pointer: string): unknown {
  let cur = obj;
  for (const seg of pointer.split('/').slice(1)) {
    if (!isRecord(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/**
 * Many checks ask for the same object's template and containers; objects are never mutated once read,
 * so the answers are kept per object (and per template) for as long as the object lives.
 */
const templates = new WeakMap<K8sObject, PodTemplate | null>();
const containerLists = new WeakMap<PodTemplate, ContainerRef[]>();

/** The pod template of a workload (a Pod is its own template), or undefined for other kinds. */
export function podTemplate(obj: K8sObject): PodTemplate | undefined {
  let t = templates.get(obj);
  if (t === undefined) templates.set(obj, (t = readPodTemplate(obj) ?? null));
  return t ?? undefined;
}

function readPodTemplate(obj: K8sObject): PodTemplate | undefined {
  if (!isWorkload(obj)) return undefined;
  const base = templatePointer(obj.kind);
  const template = at(obj, base);
  if (!isRecord(template)) return undefined;
  const spec = template.spec;
  if (!isRecord(spec)) return undefined;
  const metadata = isRecord(template.metadata) ? template.metadata : {};
  return {
    spec: spec as PodSpec,
    specPointer: `${base}/spec`,
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
    metadataPointer: `${base}/metadata`,
  };
}

/** Every container of the pod: init, regular and ephemeral, with its pointer. */
export function containers(obj: K8sObject): ContainerRef[] {
  const t = podTemplate(obj);
  return t ? podContainers(t) : [];
}

export function podContainers(t: PodTemplate): ContainerRef[] {
  let list = containerLists.get(t);
  if (!list) containerLists.set(t, (list = readContainers(t)));
  return list;
}

function readContainers(t: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [field, type] of CONTAINER_FIELDS) {
    asArray<unknown>(t.spec[field]).forEach((c, i) => {
      if (!isRecord(c)) return;
      const container = c as Container;
      out.push({ container, name: String(container.name ?? `#${i}`), type, pointer: `${t.specPointer}/${field}/${i}` });
    });
  }
  return out;
}

/** Fields a container's securityContext inherits from the pod's when it leaves them unset. */
type InheritedField = 'runAsUser' | 'runAsGroup' | 'runAsNonRoot' | 'seLinuxOptions' | 'seccompProfile' | 'windowsOptions' | 'appArmorProfile';
type ContainerOnlyField = 'privileged' | 'allowPrivilegeEscalation' | 'capabilities' | 'readOnlyRootFilesystem' | 'procMount';

export interface EffectiveValue<T> {
  value: T | undefined;
  /** Where the value was set, or where it should be set (the container) when it is unset. */
  pointer: string;
  from: 'container' | 'pod' | 'unset';
}

/**
 * The securityContext the kubelet applies to a container: container-level fields override the pod's
 * (the false positive other tools are known for is ignoring that override).
 */
export function effectiveSecurityContext(t: PodTemplate, c: ContainerRef) {
  const containerSc: SecurityContext = isRecord(c.container.securityContext) ? c.container.securityContext : {};
  const podSc: PodSecurityContext = isRecord(t.spec.securityContext) ? t.spec.securityContext : {};
  const cPtr = `${c.pointer}/securityContext`;
  const pPtr = `${t.specPointer}/securityContext`;
  return {
    get<K extends InheritedField>(field: K): EffectiveValue<NonNullable<SecurityContext[K]>> {
      const own = containerSc[field];
      if (own !== undefined && own !== null) return { value: own as NonNullable<SecurityContext[K]>, pointer: `${cPtr}/${field}`, from: 'container' };
      const inherited = podSc[field];
      if (inherited !== undefined && inherited !== null) return { value: inherited as NonNullable<SecurityContext[K]>, pointer: `${pPtr}/${field}`, from: 'pod' };
      return { value: undefined, pointer: `${cPtr}/${field}`, from: 'unset' };
    },
    own<K extends ContainerOnlyField>(field: K): EffectiveValue<NonNullable<SecurityContext[K]>> {
      const own = containerSc[field];
      if (own !== undefined && own !== null) return { value: own as NonNullable<SecurityContext[K]>, pointer: `${cPtr}/${field}`, from: 'container' };
      return { value: undefined, pointer: `${cPtr}/${field}`, from: 'unset' };
    },
  };
}

export function isWindowsPod(t: PodTemplate): boolean {
  return isRecord(t.spec.os) && t.spec.os.name === 'windows';
}

/** Namespace an object lands in when applied; undefined when the manifest leaves it to kubectl's context. */
export function namespaceOf(obj: K8sObject): string | undefined {
  const ns = obj.metadata.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}

/** `container "app"`, `init container "setup"`, `ephemeral container "debugger"`: for messages. */
export function describeContainer(c: ContainerRef): string {
  const label = c.type === 'container' ? 'container' : c.type === 'initContainer' ? 'init container' : 'ephemeral container';
  return `${label} "${c.name}"`;
}
