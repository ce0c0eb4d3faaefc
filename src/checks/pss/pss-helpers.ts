/**
 * Shared by the Pod Security Standards checks: where security contexts are set, capability names,
 * and the allow-lists the standards define. Not a check itself.
 */
import type { ContainerRef, PodTemplate } from '../../kinds/workloads.js';
import { asArray, describeContainer, isRecord, podContainers } from '../../kinds/workloads.js';
import { objectMemo } from '../../model/object-memo.js';

/** One place a securityContext is written: the pod's, or one container's. */
export interface SecurityContextSite {
  /** `pod`, or `container "app"` / `init container "setup"` / `ephemeral container "debug"`: for messages. */
  where: string;
  /** JSON pointer of the securityContext itself. */
  pointer: string;
  securityContext: Record<string, unknown>;
  /** Undefined for the pod-level site. */
  container?: ContainerRef;
}

/**
 * Every securityContext written in the pod, pod level first. For controls the standards forbid
 * wherever they are set (hostProcess, Unconfined seccomp or AppArmor, custom SELinux, runAsUser 0),
 * a value is reported where it is written: a pod-level value is one finding per object however many
 * containers inherit it, and is reported even when every container overrides it.
 */
export function securityContextSites(t: PodTemplate): readonly SecurityContextSite[] {
  // Five checks ask for the same template's sites; like podContainers, the answer is kept per template.
  return sitesOf(t);
}

const sitesOf = objectMemo((t: PodTemplate): readonly SecurityContextSite[] => readSecurityContextSites(t));

function readSecurityContextSites(t: PodTemplate): SecurityContextSite[] {
  const sites: SecurityContextSite[] = [];
  const podSc = t.spec.securityContext;
  if (isRecord(podSc)) sites.push({ where: 'pod', pointer: `${t.specPointer}/securityContext`, securityContext: podSc });
  for (const c of podContainers(t)) {
    const sc = c.container.securityContext;
    if (isRecord(sc)) sites.push({ where: describeContainer(c), pointer: `${c.pointer}/securityContext`, securityContext: sc, container: c });
  }
  return sites;
}

/** A sub-object of a securityContext (seccompProfile, seLinuxOptions…), or undefined when absent or not an object. */
export function subObject(sc: Record<string, unknown>, field: string): Record<string, unknown> | undefined {
  const value = sc[field];
  return isRecord(value) ? value : undefined;
}

/** `CAP_SYS_ADMIN`, `sys_admin` and ` SYS_ADMIN ` all name SYS_ADMIN: runtimes accept either spelling. */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** Capabilities the baseline profile lets a container add (Docker's historical default set, minus NET_RAW). */
export const BASELINE_ALLOWED_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

export interface CapabilityEntry {
  /** As written in the manifest. */
  name: string;
  /** Upper case, without the CAP_ prefix. */
  normalized: string;
  /** JSON pointer of the list item. */
  pointer: string;
}

/**
 * The string items of a container's securityContext.capabilities.add or .drop; `present` is false
 * when the list (or the capabilities object) is absent. Non-string items are skipped: the API
 * server would reject them.
 */
export function capabilityList(c: ContainerRef, list: 'add' | 'drop'): { present: boolean; pointer: string; entries: CapabilityEntry[] } {
  const sc = c.container.securityContext;
  const caps = isRecord(sc) ? sc.capabilities : undefined;
  const raw = isRecord(caps) ? caps[list] : undefined;
  const pointer = `${c.pointer}/securityContext/capabilities/${list}`;
  const entries: CapabilityEntry[] = [];
  asArray<unknown>(raw).forEach((name, i) => {
    if (typeof name === 'string') entries.push({ name, normalized: normalizeCapability(name), pointer: `${pointer}/${i}` });
  });
  return { present: raw !== undefined && raw !== null, pointer, entries };
}

/** Pods running in their own user namespace (`hostUsers: false`), which the standards relax some controls for. */
export function usesUserNamespace(t: PodTemplate): boolean {
  return t.spec.hostUsers === false;
}

/** A JSON pointer segment for a map key (annotation keys contain '/'). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A manifest value for a message: strings as they are, anything else as JSON. */
export function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}
