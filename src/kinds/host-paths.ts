import { asArray, isRecord, podContainers, type ContainerRef, type PodTemplate } from './workloads.js';

/** Host paths as hostPath volumes name them: normalisation, containment, runtime sockets, exposures. */

/** A Windows named pipe (`\\.\pipe\name`, also written with '/'): lower-cased, with backslashes. */
const WINDOWS_PIPE = /^[\\/]{2}\.[\\/]pipe[\\/]([^\\/]+)$/i;

/**
 * Lexical normalisation of an absolute host path: '//' and '/./' collapse, '..' is resolved, a trailing
 * '/' is dropped; a Windows named pipe becomes `\\.\pipe\<name>` in lower case. undefined for other
 * paths (relative or Windows drive paths).
 */
export function normalizeHostPath(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  const pipe = WINDOWS_PIPE.exec(path);
  if (pipe) return `\\\\.\\pipe\\${pipe[1].toLowerCase()}`;
  if (!path.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

/** True when `path` is `base` or lies under it (both normalised). */
export function isPathWithin(path: string, base: string): boolean {
  return path === base || base === '/' || path.startsWith(`${base}/`);
}

/** Runtime sockets, and directories whose only purpose is to hold them: the path itself or anything under it. */
export const RUNTIME_SOCKET_PATHS = [
  '/var/run/docker.sock', '/run/docker.sock',
  '/var/run/dockershim.sock', '/run/dockershim.sock',
  '/var/run/cri-dockerd.sock', '/run/cri-dockerd.sock',
  '/var/run/containerd/containerd.sock', '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock', '/run/crio/crio.sock',
  '/var/run/docker', '/run/docker',
  '/var/run/containerd', '/run/containerd',
  '/var/run/crio', '/run/crio',
  '/var/run/k3s/containerd', '/run/k3s/containerd',
  '/var/snap/microk8s/common/run/containerd.sock',
];

/** The named pipes of Docker and containerd on Windows nodes. */
export const RUNTIME_PIPES = ['\\\\.\\pipe\\docker_engine', '\\\\.\\pipe\\containerd-containerd'];

/** Directories that contain the runtime sockets: exactly these (not everything under them). */
export const RUNTIME_SOCKET_PARENTS = ['/var/run', '/run'];

/** True when a (normalised) host path exposes a container runtime socket. */
export function isContainerRuntimeSocketPath(path: string): boolean {
  if (!path.startsWith('/')) return RUNTIME_PIPES.includes(path);
  return RUNTIME_SOCKET_PARENTS.includes(path) || RUNTIME_SOCKET_PATHS.some((p) => isPathWithin(path, p));
}

export interface HostPathExposure<T> {
  volume: string;
  /** The host path the container sees (the volume's path joined with the mount's subPath), normalised. */
  hostPath: string;
  /** The container mounting it; undefined when no container mounts the volume. */
  container?: ContainerRef;
  /** The volumeMount, or the volume's hostPath.path when no container mounts it. */
  pointer: string;
  match: T;
}

/**
 * hostPath volumes as each container sees them, classified by `classify`: at most one exposure per
 * container and volume (its first matching mount), and the volume itself when no container mounts it
 * (an ephemeral container can still mount it later). subPath narrows what the container sees;
 * subPathExpr cannot be expanded statically, so the volume's path is used for it.
 */
export function hostPathExposures<T>(t: PodTemplate, classify: (hostPath: string) => T | undefined): HostPathExposure<T>[] {
  const volumes = new Map<string, { path: string; index: number }>();
  asArray<unknown>(t.spec.volumes).forEach((v, index) => {
    if (!isRecord(v) || typeof v.name !== 'string' || !isRecord(v.hostPath) || volumes.has(v.name)) return;
    const path = normalizeHostPath(v.hostPath.path);
    if (path !== undefined) volumes.set(v.name, { path, index });
  });
  const out: HostPathExposure<T>[] = [];
  if (volumes.size === 0) return out;
  const mounted = new Set<string>();
  for (const c of podContainers(t)) {
    const reported = new Set<string>();
    asArray<unknown>(c.container.volumeMounts).forEach((m, j) => {
      if (!isRecord(m) || typeof m.name !== 'string') return;
      const volume = volumes.get(m.name);
      if (!volume) return;
      mounted.add(m.name);
      if (reported.has(m.name)) return;
      const subPath = typeof m.subPath === 'string' && m.subPath !== '' ? m.subPath : '';
      const hostPath = subPath ? normalizeHostPath(`${volume.path}/${subPath}`) ?? volume.path : volume.path;
      const match = classify(hostPath);
      if (match === undefined) return;
      reported.add(m.name);
      out.push({ volume: m.name, hostPath, container: c, pointer: `${c.pointer}/volumeMounts/${j}`, match });
    });
  }
  for (const [name, volume] of volumes) {
    if (mounted.has(name)) continue;
    const match = classify(volume.path);
    if (match !== undefined) out.push({ volume: name, hostPath: volume.path, pointer: `${t.specPointer}/volumes/${volume.index}/hostPath/path`, match });
  }
  return out;
}
