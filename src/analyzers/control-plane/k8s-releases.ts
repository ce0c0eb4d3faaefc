/**
 * Upstream Kubernetes support windows: the end-of-life date of every minor release Bulwark knows, and the versions
 * the CIS Kubernetes Benchmark 1.12 covers. Data, with its sources; `AS_OF` is the day the table was last checked.
 *
 * Actual end-of-life dates (the date of the final patch release) come from kubernetes/website
 * data/releases/eol.yaml: https://github.com/kubernetes/website/blob/main/data/releases/eol.yaml
 * Planned dates of releases still in support come from the release pages (https://kubernetes.io/releases/,
 * https://kubernetes.io/releases/patch-releases/ and https://kubernetes.io/releases/1.NN/).
 * Benchmark range: kube-bench cfg/config.yaml `version_mapping` maps 1.32, 1.33 and 1.34 to cis-1.12
 * (https://github.com/aquasecurity/kube-bench/blob/main/cfg/config.yaml).
 */
import { compareMinor } from './version.js';

export const AS_OF = '2026-11-23';

export interface KubernetesRelease {
  /** '1.30'. */
  minor: string;
  /** ISO date: last day of upstream patch support (planned when `planned`). */
  endOfLife: string;
  planned: boolean;
  finalPatch?: string;
  source: string;
}

const EOL_YAML = 'https://github.com/kubernetes/website/blob/main/data/releases/eol.yaml';

export const KUBERNETES_RELEASES: readonly KubernetesRelease[] = [
  { minor: '1.19', endOfLife: '2021-10-28', planned: false, finalPatch: '1.19.16', source: EOL_YAML },
  { minor: '1.20', endOfLife: '2022-02-28', planned: false, finalPatch: '1.20.15', source: EOL_YAML },
  { minor: '1.21', endOfLife: '2022-06-28', planned: false, finalPatch: '1.21.14', source: EOL_YAML },
  { minor: '1.22', endOfLife: '2022-12-08', planned: false, finalPatch: '1.22.17', source: EOL_YAML },
  { minor: '1.23', endOfLife: '2023-02-28', planned: false, finalPatch: '1.23.17', source: EOL_YAML },
  { minor: '1.24', endOfLife: '2023-07-28', planned: false, finalPatch: '1.24.17', source: EOL_YAML },
  { minor: '1.25', endOfLife: '2023-10-28', planned: false, finalPatch: '1.25.16', source: EOL_YAML },
  { minor: '1.26', endOfLife: '2024-02-28', planned: false, finalPatch: '1.26.15', source: EOL_YAML },
  { minor: '1.27', endOfLife: '2024-07-16', planned: false, finalPatch: '1.27.16', source: EOL_YAML },
  { minor: '1.28', endOfLife: '2024-10-22', planned: false, finalPatch: '1.28.15', source: EOL_YAML },
  { minor: '1.29', endOfLife: '2025-02-28', planned: false, finalPatch: '1.29.14', source: EOL_YAML },
  { minor: '1.30', endOfLife: '2025-07-15', planned: false, finalPatch: '1.30.14', source: EOL_YAML },
  { minor: '1.31', endOfLife: '2025-11-11', planned: false, finalPatch: '1.31.14', source: EOL_YAML },
  // Planned end of life; 1.32.12 shipped 2026-02-10 (https://kubernetes.io/releases/patch-releases/).
  { minor: '1.32', endOfLife: '2026-02-28', planned: true, source: 'https://kubernetes.io/releases/patch-releases/' },
  { minor: '1.33', endOfLife: '2026-06-28', planned: true, source: 'https://kubernetes.io/releases/1.33/' },
  { minor: '1.34', endOfLife: '2026-10-27', planned: true, source: 'https://kubernetes.io/releases/1.34/' },
  { minor: '1.35', endOfLife: '2027-02-28', planned: true, source: 'https://kubernetes.io/releases/1.35/' },
  { minor: '1.36', endOfLife: '2027-06-28', planned: true, source: 'https://kubernetes.io/releases/1.36/' },
];

/** Kubernetes minors the CIS Kubernetes Benchmark 1.12 is written for (kube-bench version_mapping). */
export const CIS_1_12_RANGE = { from: '1.32', to: '1.34' } as const;

export type SupportStatus =
  | { state: 'supported'; release: KubernetesRelease }
  | { state: 'end-of-life'; release: KubernetesRelease }
  /** Older than the first row: out of support for years. */
  | { state: 'older-than-table'; oldest: string }
  /** Newer than the last row: Bulwark's table is older than the cluster, never flagged. */
  | { state: 'newer-than-table'; newest: string };

function parseMinor(minor: string): [number, number] {
  const [a, b] = minor.split('.').map(Number);
  return [a, b];
}

/** Compares (major, minor) pairs: negative, zero or positive. */
export function minorOf(text: string): { major: number; minor: number } {
  const [major, minor] = parseMinor(text);
  return { major, minor };
}

/** Upstream support of Kubernetes `version` on `today` (ISO date). */
export function supportStatus(version: { major: number; minor: number }, today: string): SupportStatus {
  const first = KUBERNETES_RELEASES[0];
  const last = KUBERNETES_RELEASES[KUBERNETES_RELEASES.length - 1];
  if (compareMinor(version, minorOf(first.minor)) < 0) return { state: 'older-than-table', oldest: first.minor };
  if (compareMinor(version, minorOf(last.minor)) > 0) return { state: 'newer-than-table', newest: last.minor };
  const release = KUBERNETES_RELEASES.find((r) => compareMinor(version, minorOf(r.minor)) === 0);
  if (!release) return { state: 'newer-than-table', newest: last.minor };
  return release.endOfLife < today ? { state: 'end-of-life', release } : { state: 'supported', release };
}

/** Whether the CIS 1.12 benchmark was written for this Kubernetes minor (outside: a note, never a FAIL). */
export function inCisBenchmarkRange(version: { major: number; minor: number }): boolean {
  return compareMinor(version, minorOf(CIS_1_12_RANGE.from)) >= 0 && compareMinor(version, minorOf(CIS_1_12_RANGE.to)) <= 0;
}
