/**
 * Kubernetes version detection (spec §5): every piece of evidence becomes a KubeVersion with a human `evidence`
 * string; `clusterVersion` picks the strongest. Image tags are read from the tag only, never from a digest.
 */
import { componentOfImage, isHyperkubeImage } from './component-specs.js';
import type { Component, KubeVersion } from './types.js';

const FULL = /v?(\d+)\.(\d+)\.(\d+)/;
const MINOR = /v?(\d+)\.(\d+)/;

/** Strength of a piece of evidence; lower wins. */
export type EvidenceRank = 'override' | 'apiserver-image' | 'control-plane-image' | 'node-probe' | 'kubeadm' | 'server' | 'kubelet';
const RANK_ORDER: EvidenceRank[] = ['override', 'apiserver-image', 'control-plane-image', 'node-probe', 'kubeadm', 'server', 'kubelet'];

export interface RankedVersion extends KubeVersion {
  rank: EvidenceRank;
}

function make(m: RegExpExecArray, raw: string, evidence: string, full: boolean): KubeVersion {
  const v: KubeVersion = { major: Number(m[1]), minor: Number(m[2]), raw, evidence };
  if (full) v.patch = Number(m[3]);
  return v;
}

/** 'v1.30.2' / '1.30.2-rke2r1' / 'v1.29.3-eks-ae9a62a' / '1.30' → version; undefined when no x.y is present. */
export function parseVersion(text: string, evidence: string): KubeVersion | undefined {
  const full = FULL.exec(text);
  if (full) return make(full, text, evidence, true);
  const minor = MINOR.exec(text);
  return minor ? make(minor, text, evidence, false) : undefined;
}

/** The tag of an image reference ('' when untagged); a digest is dropped first. */
export function imageTag(image: string): string {
  let ref = image.trim();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(colon + 1) : '';
}

/**
 * Version from the image tag of a container running `component` (never etcd's: its tag is etcd's own version).
 * Without a component, only images named after a Kubernetes component (or hyperkube) count.
 */
export function versionFromImage(image: string, component?: Component): KubeVersion | undefined {
  const c = component ?? componentOfImage(image);
  if (c === 'etcd' || (!c && !isHyperkubeImage(image))) return undefined;
  const tag = imageTag(image);
  const m = FULL.exec(tag);
  return m ? make(m, tag, `image ${image}`, true) : undefined;
}

/** kubeadm `kubernetesVersion`: 'v1.30.2' exact, 'stable-1.30' minor only, 'latest'/'stable' nothing. */
export function versionFromKubeadm(value: unknown, where: string): KubeVersion | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  const full = FULL.exec(v);
  if (full) return make(full, v, `kubernetesVersion ${v} in ${where}`, true);
  const label = /^(?:stable|latest|ci)-(\d+)\.(\d+)$/.exec(v);
  if (label) return { major: Number(label[1]), minor: Number(label[2]), raw: v, evidence: `kubernetesVersion ${v} in ${where}` };
  return undefined;
}

/** `kubelet --version` output: 'Kubernetes v1.30.2'. */
export function versionFromVersionOutput(output: string, binary: string): KubeVersion | undefined {
  const m = /Kubernetes\s+(v?\d+\.\d+\.\d+\S*)/.exec(output);
  if (!m) return undefined;
  const f = FULL.exec(m[1]);
  return f ? make(f, m[1], `${binary} --version: ${m[1]}`, true) : undefined;
}

/** A `--k8s-version` override ('1.30', 'v1.30.2'). */
export function versionFromOverride(text: string): KubeVersion | undefined {
  const t = text.trim();
  if (!/^v?\d+\.\d+(\.\d+)?$/.test(t)) return undefined;
  return parseVersion(t, `--k8s-version ${t}`);
}

/** Orders by major and minor only (patch ignored): `1.24.3` and `1.24` compare equal. */
export function compareMinor(a: { major: number; minor: number }, b: { major: number; minor: number }): number {
  return a.major - b.major || a.minor - b.minor;
}

/** Orders by major, minor, then patch (missing patch = 0). */
export function compareVersions(a: KubeVersion, b: KubeVersion): number {
  return compareMinor(a, b) || (a.patch ?? 0) - (b.patch ?? 0);
}

export function formatVersion(v: KubeVersion): string {
  return `${v.major}.${v.minor}${v.patch !== undefined ? `.${v.patch}` : ''}`;
}

/**
 * The cluster (control-plane) version: the strongest rank present; within the rank the highest version (saying
 * so when they disagree). Kubelet versions alone only give a lower bound: "≥ max kubelet version".
 */
export function clusterVersion(evidence: RankedVersion[]): KubeVersion | undefined {
  for (const rank of RANK_ORDER) {
    const same = evidence.filter((e) => e.rank === rank);
    if (same.length === 0) continue;
    const sorted = [...same].sort((a, b) => compareVersions(b, a));
    const top = sorted[0];
    const distinct = [...new Set(sorted.map((s) => formatVersion(s)))];
    const result: KubeVersion = { major: top.major, minor: top.minor, raw: top.raw, evidence: top.evidence };
    if (top.patch !== undefined) result.patch = top.patch;
    if (distinct.length > 1) result.evidence = `${top.evidence} (highest of ${distinct.join(', ')}; the sources disagree)`;
    if (rank === 'kubelet') result.evidence = `at least ${formatVersion(top)}: ${result.evidence} (kubelets may lag the control plane)`;
    return result;
  }
  return undefined;
}
