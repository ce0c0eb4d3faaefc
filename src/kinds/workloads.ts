import { objectMemo } from '../model/object-memo.js';
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
  // Object.keys, not Object.entries: the same own enumerable string keys in the same order, without a pair per key.
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (v !== null && v !== undefined) out[k] = String(v);
  }
  return out;
}

/** Where a workload kind keeps its pod template: the pointer's segments and the pointers derived from it. */
interface TemplateLocation {
  segments: readonly string[];
  specPointer: string;
  metadataPointer: string;
}

function templateLocation(base: string): TemplateLocation {
  return { segments: base.split('/').slice(1), specPointer: `${base}/spec`, metadataPointer: `${base}/metadata` };
}

const POD_TEMPLATE = templateLocation('');
const CRONJOB_TEMPLATE = templateLocation('/spec/jobTemplate/spec/template');
const CONTROLLER_TEMPLATE = templateLocation('/spec/template');

/** Where each workload kind keeps its pod template (computed once: every workload of every scan asks). */
function templateLocationOf(kind: string): TemplateLocation {
  switch (kind) {
    case 'Pod':
      return POD_TEMPLATE;
    case 'CronJob':
      return CRONJOB_TEMPLATE;
    default:
      return CONTROLLER_TEMPLATE;
  }
}

function at(obj: unknown, segments: readonly string[]): unknown {
  let cur = obj;
  for (const seg of segments) {
    if (!isRecord(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/**
 * Many checks ask for the same object's template and containers; objects are never mutated once read,
 * so the answers are kept per object (and per template) for as long as the object lives.
 */
const templateOf = objectMemo(readPodTemplate);
const containersOf = objectMemo(readContainers);

/** The pod template of a workload (a Pod is its own template), or undefined for other kinds. */
export function podTemplate(obj: K8sObject): PodTemplate | undefined {
  return templateOf(obj);
}

function readPodTemplate(obj: K8sObject): PodTemplate | undefined {
  if (!isWorkload(obj)) return undefined;
  const location = templateLocationOf(obj.kind);
  const template = at(obj, location.segments);
  if (!isRecord(template)) return undefined;
  const spec = template.spec;
  if (!isRecord(spec)) return undefined;
  const metadata = isRecord(template.metadata) ? template.metadata : {};
  return {
    spec: spec as PodSpec,
    specPointer: location.specPointer,
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
    metadataPointer: location.metadataPointer,
  };
}

/** Every container of the pod: init, regular and ephemeral, with its pointer. */
export function containers(obj: K8sObject): ContainerRef[] {
  const t = podTemplate(obj);
  return t ? podContainers(t) : [];
}

export function podContainers(t: PodTemplate): ContainerRef[] {
  return containersOf(t);
}

function readContainers(t: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [field, type] of CONTAINER_FIELDS) {
    const list = asArray<unknown>(t.spec[field]);
    // An indexed loop, not forEach: no callback per field, and holes are skipped as forEach skips them.
    for (let i = 0; i < list.length; i++) {
      if (!(i in list)) continue;
      const c = list[i];
      if (!isRecord(c)) continue;
      const container = c as Container;
      out.push({ container, name: String(container.name ?? `#${i}`), type, pointer: `${t.specPointer}/${field}/${i}` });
    }
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
export function effectiveSecurityContext(t: PodTemplate, c: ContainerRef): EffectiveSecurityContext {
  return new EffectiveSecurityContext(t, c);
}

/**
 * What effectiveSecurityContext returns. A class rather than an object of closures: several checks ask
 * for every container of every object, and methods on a prototype cost no allocation per call.
 */
export class EffectiveSecurityContext {
  private readonly containerSc: SecurityContext;
  private readonly podSc: PodSecurityContext;

  constructor(
    private readonly t: PodTemplate,
    private readonly c: ContainerRef,
  ) {
    this.containerSc = isRecord(c.container.securityContext) ? c.container.securityContext : {};
    this.podSc = isRecord(t.spec.securityContext) ? t.spec.securityContext : {};
  }

  get<K extends InheritedField>(field: K): EffectiveValue<NonNullable<SecurityContext[K]>> {
    const own = this.containerSc[field];
    if (own !== undefined && own !== null) return { value: own as NonNullable<SecurityContext[K]>, pointer: `${this.c.pointer}/securityContext/${field}`, from: 'container' };
    const inherited = this.podSc[field];
    if (inherited !== undefined && inherited !== null) return { value: inherited as NonNullable<SecurityContext[K]>, pointer: `${this.t.specPointer}/securityContext/${field}`, from: 'pod' };
    return { value: undefined, pointer: `${this.c.pointer}/securityContext/${field}`, from: 'unset' };
  }

  own<K extends ContainerOnlyField>(field: K): EffectiveValue<NonNullable<SecurityContext[K]>> {
    const own = this.containerSc[field];
    if (own !== undefined && own !== null) return { value: own as NonNullable<SecurityContext[K]>, pointer: `${this.c.pointer}/securityContext/${field}`, from: 'container' };
    return { value: undefined, pointer: `${this.c.pointer}/securityContext/${field}`, from: 'unset' };
  }
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
