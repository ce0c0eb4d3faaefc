/**
 * Which base images are full general-purpose distributions or language/toolchain images, and what to
 * use instead. A data table: add a family by adding a row.
 *
 * Images are matched by repository (Docker Hub official images also through mirrors that keep the
 * `library/` path, such as `public.ecr.aws/docker/library/python` or `mirror.gcr.io/library/python`)
 * and classified by tag: a row's `minimalTag` says which variants are minimal (`python:3.12-slim`,
 * `node:20-alpine`); every other tag of the row (`python:3.12`, `node:20-bookworm`, `node:lts`) is full.
 */
import type { ImageRef } from '../../analyzers/dockerfile/types.js';

export type BaseImageKind = 'distro' | 'language' | 'toolchain';

export interface BaseImageFamily {
  /** Display name. */
  name: string;
  kind: BaseImageKind;
  /**
   * Repositories: `registry/path` (`registry.access.redhat.com/ubi9/ubi`), or a bare Docker Hub path
   * (`python`, `rockylinux/rockylinux`) which also matches `…/library/python` on any registry for
   * official images.
   */
  repositories: string[];
  /** Tags that select a minimal variant of the same repository; absent: every tag is full. */
  minimalTag?: RegExp;
  /** What to use in the final stage instead. */
  alternatives: string;
}

const SLIM_OR_ALPINE = /(^|[-.])(slim|alpine)([-.\d]|$)/;

const FULL_BASE_IMAGES: BaseImageFamily[] = [
  // ── distributions ──
  { name: 'Ubuntu', kind: 'distro', repositories: ['ubuntu', 'public.ecr.aws/ubuntu/ubuntu'], alternatives: 'a Chiseled Ubuntu image, gcr.io/distroless/*, alpine or scratch' },
  { name: 'Debian', kind: 'distro', repositories: ['debian', 'public.ecr.aws/debian/debian'], minimalTag: /(^|-)slim($|-)/, alternatives: 'debian:<release>-slim, gcr.io/distroless/* (Debian based) or scratch' },
  { name: 'CentOS', kind: 'distro', repositories: ['centos', 'quay.io/centos/centos'], alternatives: 'registry.access.redhat.com/ubi9/ubi-minimal or ubi9/ubi-micro, gcr.io/distroless/* or scratch' },
  { name: 'Fedora', kind: 'distro', repositories: ['fedora', 'registry.fedoraproject.org/fedora'], alternatives: 'registry.fedoraproject.org/fedora-minimal, ubi-minimal, gcr.io/distroless/* or scratch' },
  { name: 'Rocky Linux', kind: 'distro', repositories: ['rockylinux', 'rockylinux/rockylinux', 'quay.io/rockylinux/rockylinux'], minimalTag: /(^|-)(minimal|micro)($|-)/, alternatives: 'rockylinux:<version>-minimal, ubi-minimal, gcr.io/distroless/* or scratch' },
  { name: 'AlmaLinux', kind: 'distro', repositories: ['almalinux', 'quay.io/almalinuxorg/almalinux', 'quay.io/almalinuxorg/9-base', 'quay.io/almalinuxorg/8-base'], minimalTag: /(^|-)(minimal|micro)($|-)/, alternatives: 'almalinux:<version>-minimal (or almalinux/9-micro), ubi-minimal, gcr.io/distroless/* or scratch' },
  { name: 'Amazon Linux', kind: 'distro', repositories: ['amazonlinux', 'public.ecr.aws/amazonlinux/amazonlinux'], minimalTag: /(^|-)minimal($|-)/, alternatives: 'amazonlinux:2023-minimal, gcr.io/distroless/* or scratch' },
  { name: 'openSUSE', kind: 'distro', repositories: ['opensuse/leap', 'opensuse/tumbleweed', 'registry.opensuse.org/opensuse/leap', 'registry.opensuse.org/opensuse/tumbleweed'], alternatives: 'registry.suse.com/bci/bci-micro or bci-minimal, gcr.io/distroless/* or scratch' },
  { name: 'SUSE BCI base', kind: 'distro', repositories: ['registry.suse.com/bci/bci-base'], alternatives: 'registry.suse.com/bci/bci-micro or bci-minimal' },
  { name: 'Arch Linux', kind: 'distro', repositories: ['archlinux', 'archlinux/archlinux'], alternatives: 'alpine, gcr.io/distroless/* or scratch' },
  { name: 'Oracle Linux', kind: 'distro', repositories: ['oraclelinux', 'container-registry.oracle.com/os/oraclelinux'], minimalTag: /(^|-)slim($|-)/, alternatives: 'oraclelinux:<version>-slim, gcr.io/distroless/* or scratch' },
  { name: 'Red Hat UBI (standard)', kind: 'distro', repositories: ['registry.access.redhat.com/ubi8/ubi', 'registry.access.redhat.com/ubi9/ubi', 'registry.access.redhat.com/ubi10/ubi', 'registry.access.redhat.com/ubi8', 'registry.access.redhat.com/ubi9', 'registry.redhat.io/ubi8/ubi', 'registry.redhat.io/ubi9/ubi', 'redhat/ubi8', 'redhat/ubi9'], alternatives: 'ubi9/ubi-minimal or ubi9/ubi-micro' },
  { name: 'buildpack-deps', kind: 'toolchain', repositories: ['buildpack-deps'], alternatives: 'a build stage on buildpack-deps and a final stage on gcr.io/distroless/*, debian:<release>-slim or scratch' },
  // ── language runtimes (the default tags are full Debian/Ubuntu images) ──
  { name: 'Node.js', kind: 'language', repositories: ['node'], minimalTag: SLIM_OR_ALPINE, alternatives: 'node:<version>-slim, node:<version>-alpine, gcr.io/distroless/nodejs<version>-debian12 or cgr.dev/chainguard/node' },
  { name: 'Python', kind: 'language', repositories: ['python'], minimalTag: SLIM_OR_ALPINE, alternatives: 'python:<version>-slim, python:<version>-alpine, gcr.io/distroless/python3-debian12 or cgr.dev/chainguard/python' },
  { name: 'OpenJDK', kind: 'language', repositories: ['openjdk'], minimalTag: SLIM_OR_ALPINE, alternatives: 'a JRE-only image (eclipse-temurin:<version>-jre-alpine), gcr.io/distroless/java<version>-debian12 or cgr.dev/chainguard/jre' },
  { name: 'Eclipse Temurin', kind: 'language', repositories: ['eclipse-temurin'], minimalTag: /(^|-)alpine($|[-.\d])/, alternatives: 'eclipse-temurin:<version>-jre-alpine, gcr.io/distroless/java<version>-debian12 or cgr.dev/chainguard/jre' },
  { name: 'Amazon Corretto', kind: 'language', repositories: ['amazoncorretto', 'public.ecr.aws/amazoncorretto/amazoncorretto'], minimalTag: /(^|-)alpine($|[-.\d])/, alternatives: 'amazoncorretto:<version>-alpine, gcr.io/distroless/java<version>-debian12 or cgr.dev/chainguard/jre' },
  { name: 'Ruby', kind: 'language', repositories: ['ruby'], minimalTag: SLIM_OR_ALPINE, alternatives: 'ruby:<version>-slim, ruby:<version>-alpine or cgr.dev/chainguard/ruby' },
  { name: 'PHP', kind: 'language', repositories: ['php'], minimalTag: /(^|-)alpine($|[-.\d])/, alternatives: 'php:<version>-fpm-alpine (or another -alpine variant) or cgr.dev/chainguard/php' },
  { name: 'Perl', kind: 'language', repositories: ['perl'], minimalTag: SLIM_OR_ALPINE, alternatives: 'perl:<version>-slim' },
  // ── compilers and build tools: a build stage's image, never a runtime ──
  { name: 'Go toolchain', kind: 'toolchain', repositories: ['golang'], alternatives: 'a build stage on golang and a final stage on scratch, gcr.io/distroless/static or gcr.io/distroless/base with the compiled binary copied in' },
  { name: 'Rust toolchain', kind: 'toolchain', repositories: ['rust'], alternatives: 'a build stage on rust and a final stage on gcr.io/distroless/cc, debian:<release>-slim or scratch' },
  { name: 'GCC', kind: 'toolchain', repositories: ['gcc'], alternatives: 'a build stage on gcc and a final stage on gcr.io/distroless/cc or scratch' },
  { name: 'Maven', kind: 'toolchain', repositories: ['maven'], alternatives: 'a build stage on maven and a final stage on eclipse-temurin:<version>-jre-alpine or gcr.io/distroless/java<version>-debian12' },
  { name: 'Gradle', kind: 'toolchain', repositories: ['gradle'], alternatives: 'a build stage on gradle and a final stage on eclipse-temurin:<version>-jre-alpine or gcr.io/distroless/java<version>-debian12' },
  { name: '.NET SDK', kind: 'toolchain', repositories: ['mcr.microsoft.com/dotnet/sdk'], alternatives: 'a build stage on the SDK and a final stage on mcr.microsoft.com/dotnet/runtime-deps, runtime or aspnet (-chiseled or -alpine variants)' },
];

/** The verdict on one image. */
export type BaseImageClass = { minimal: true } | { minimal: false; family: BaseImageFamily } | undefined;

interface Index {
  /** `registry/path` → family, for rows with a registry. */
  byFullName: Map<string, BaseImageFamily>;
  /** Docker Hub path → family. */
  byHubPath: Map<string, BaseImageFamily>;
}

let index: Index | undefined;

function buildIndex(): Index {
  const byFullName = new Map<string, BaseImageFamily>();
  const byHubPath = new Map<string, BaseImageFamily>();
  for (const family of FULL_BASE_IMAGES) {
    for (const repo of family.repositories) {
      const first = repo.split('/')[0];
      if (first.includes('.') || first.includes(':') || first === 'localhost') byFullName.set(repo, family);
      else byHubPath.set(repo, family);
    }
  }
  return { byFullName, byHubPath };
}

/**
 * Classifies a base image: minimal (`scratch`, distroless, Chainguard, alpine, busybox, UBI minimal and
 * micro, a row's minimal tags), full (a row of FULL_BASE_IMAGES), or undefined when unknown.
 */
export function classifyBaseImage(image: Pick<ImageRef, 'registry' | 'repository' | 'tag' | 'scratch'>): BaseImageClass {
  if (image.scratch) return { minimal: true };
  index ??= buildIndex();
  const registry = image.registry.toLowerCase();
  const repository = image.repository.toLowerCase().replace(/^library\//, '');
  if (registry === 'gcr.io' && repository.startsWith('distroless/')) return { minimal: true };
  if (registry === 'cgr.dev') return { minimal: true };
  if (/(^|\/)ubi\d*[-/]?(minimal|micro)$|(^|\/)ubi\d+-(minimal|micro)$/.test(repository)) return { minimal: true };
  if (/(^|\/)bci-(micro|minimal|busybox)$/.test(repository)) return { minimal: true };

  // Docker Hub official images, directly or through a mirror that keeps `library/`.
  const lib = repository.lastIndexOf('library/');
  const hubPath = registry === 'docker.io' ? repository : lib >= 0 ? repository.slice(lib + 'library/'.length) : undefined;
  if (hubPath === 'alpine' || hubPath === 'busybox') return { minimal: true };
  const family = index.byFullName.get(`${registry}/${repository}`) ?? (hubPath !== undefined ? index.byHubPath.get(hubPath) : undefined);
  if (!family) return undefined;
  if (family.minimalTag && image.tag !== undefined && family.minimalTag.test(image.tag.toLowerCase())) return { minimal: true };
  return { minimal: false, family };
}
