/**
 * Container image references, parsed the way the container runtime (docker/containerd reference
 * normalisation) reads them: `[registry/]repository[:tag][@digest]`.
 */
import { boundedMemo } from '../model/bounded-memo.js';

export const DEFAULT_REGISTRY = 'docker.io';

/** Docker Hub's legacy name; the runtime rewrites it to docker.io. */
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';

export interface ImageReference {
  /** The reference as written (surrounding whitespace removed). */
  raw: string;
  /** Registry host (and port), lower-cased; docker.io when the reference names none. */
  registry: string;
  /** True when the reference itself names the registry (even if it is docker.io). */
  explicitRegistry: boolean;
  /** Repository path inside the registry; official Docker Hub images get their implicit `library/`. */
  repository: string;
  /** Tag, when written; the runtime pulls `latest` when there is neither tag nor digest. */
  tag?: string;
  /** Digest as written after '@' (e.g. `sha256:…`), when present. */
  digest?: string;
}

/**
 * The first path component is a registry only if it contains '.' or ':', is 'localhost', or has an
 * upper-case letter (repository paths are lower-case, so only a host can). Otherwise the image is on
 * Docker Hub: `nginx` is `docker.io/library/nginx`, `bitnami/redis` is `docker.io/bitnami/redis`.
 */
function isRegistryComponent(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component !== component.toLowerCase();
}

/** Parses an image reference; undefined for a missing, non-string or blank image. Never throws. */
export function parseImageReference(image: unknown): ImageReference | undefined {
  if (typeof image !== 'string') return undefined;
  const ref = readImageMemo(image);
  // A copy, so a caller that changes its reference cannot change what the next caller gets.
  return ref === undefined ? undefined : { ...ref };
}

/** Several checks parse each container's image, and the same images recur across objects and requests; only reference-sized strings are kept. */
const readImageMemo = boundedMemo((image: string) => readImageReference(image), 4096, 512);

function readImageReference(image: string): ImageReference | undefined {
  const raw = image.trim();
  if (raw === '') return undefined;

  let name = raw;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1) || undefined;
    name = name.slice(0, at);
  }

  // The tag follows the last ':' that comes after the last '/' (a ':' before it is a registry port).
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1) || undefined;
    name = name.slice(0, colon);
  }

  let registry = DEFAULT_REGISTRY;
  let explicitRegistry = false;
  let repository = name;
  const slash = name.indexOf('/');
  if (slash >= 0 && isRegistryComponent(name.slice(0, slash))) {
    registry = name.slice(0, slash).toLowerCase();
    repository = name.slice(slash + 1);
    explicitRegistry = true;
  }
  if (registry === LEGACY_DEFAULT_REGISTRY) registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && repository !== '' && !repository.includes('/')) repository = `library/${repository}`;

  const ref: ImageReference = { raw, registry, explicitRegistry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** Hex lengths of the digest algorithms OCI registers for content addressing. */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha512: 128 };

/** True when the reference is pinned by a well-formed content digest (`sha256:<64 hex>`, or sha512). */
export function hasPinnedDigest(ref: ImageReference): boolean {
  if (ref.digest === undefined) return false;
  const colon = ref.digest.indexOf(':');
  if (colon < 0) return false;
  const length = DIGEST_HEX_LENGTH[ref.digest.slice(0, colon)];
  return length !== undefined && ref.digest.length - colon - 1 === length && isLowerHex(ref.digest, colon + 1);
}

/** /^[a-f0-9]+$/ on text.slice(from), for a non-empty rest, without the slice (every container's image asks). */
function isLowerHex(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (!((ch >= 0x30 && ch <= 0x39) || (ch >= 0x61 && ch <= 0x66))) return false;
  }
  return true;
}

/** The tag the runtime pulls: the written tag, or `latest` when there is neither tag nor digest. */
export function effectiveTag(ref: ImageReference): string | undefined {
  return ref.tag ?? (ref.digest === undefined ? 'latest' : undefined);
}

/** A trusted-registry entry: a host (`registry.example.com`, `localhost:5000`) or a host/path prefix (`ghcr.io/acme/`). */
export interface RegistryPattern {
  /** The entry as configured. */
  raw: string;
  host: string;
  /** Repository prefix ending in '/', or '' for the whole registry. */
  pathPrefix: string;
}

/**
 * Parses a trusted-registry entry; undefined when it cannot name a registry. A scheme is ignored,
 * `index.docker.io` means docker.io, and a path prefix always ends at a path-component boundary
 * (`ghcr.io/acme` is read as `ghcr.io/acme/`, so it does not trust `ghcr.io/acme-evil/…`).
 */
export function parseRegistryPattern(entry: unknown): RegistryPattern | undefined {
  if (typeof entry !== 'string') return undefined;
  const text = entry.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').toLowerCase();
  if (text === '') return undefined;
  const slash = text.indexOf('/');
  let host = slash < 0 ? text : text.slice(0, slash);
  let pathPrefix = slash < 0 ? '' : text.slice(slash + 1).replace(/^\/+/, '');
  if (host === '') return undefined;
  if (host === LEGACY_DEFAULT_REGISTRY) host = DEFAULT_REGISTRY;
  if (pathPrefix !== '' && !pathPrefix.endsWith('/')) pathPrefix += '/';
  return { raw: entry, host, pathPrefix };
}

/** Exact host equality (never a string prefix of the host), then a component-wise repository prefix. */
export function registryPatternMatches(pattern: RegistryPattern, ref: ImageReference): boolean {
  if (ref.registry !== pattern.host) return false;
  return pattern.pathPrefix === '' || ref.repository.toLowerCase().startsWith(pattern.pathPrefix);
}

/** Parsed once per configured list (the options object is shared by every object of a scan). */
const patternCache = new WeakMap<readonly unknown[], RegistryPattern[]>();

/**
 * The trusted-registry patterns of `options.trustedRegistries`, read the same way by every check that
 * uses them: undefined when the option is unset or an empty list (the check is off); otherwise the
 * usable entries (a non-empty list whose entries are all unusable trusts nothing).
 */
export function trustedPatterns(options: { readonly trustedRegistries?: unknown }): RegistryPattern[] | undefined {
  const option = options.trustedRegistries;
  if (!Array.isArray(option) || option.length === 0) return undefined;
  let patterns = patternCache.get(option);
  if (!patterns) {
    patterns = option.map(parseRegistryPattern).filter((p): p is RegistryPattern => p !== undefined);
    patternCache.set(option, patterns);
  }
  return patterns;
}
