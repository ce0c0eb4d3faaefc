/**
 * Flags and admission plugins that Kubernetes removed (or turned into no-ops), so that Bulwark reports them as
 * removed instead of demanding them as older benchmarks did ("--insecure-port=0", "PodSecurityPolicy is set").
 * CIS 1.12 requires none of them. Each row names its sources.
 */
import { renderMessage } from '../../checks/define-check.js';
import type { ComponentInstance, KubeVersion } from './types.js';
import { minorOf } from './k8s-releases.js';
import { compareMinor, formatVersion } from './version.js';

export interface RemovedSetting {
  component: ComponentInstance['component'];
  kind: 'flag' | 'plugin';
  /** '--insecure-port' for flags, 'PodSecurityPolicy' for admission plugins. */
  name: string;
  deprecatedIn?: string;
  /** Unset: deprecated, still accepted. */
  removedIn?: string;
  /** Accepted but without effect from this minor on (kube-scheduler's insecure serving flags). */
  noEffectSince?: string;
  /** What to do instead; a sentence ending with a period. */
  advice: string;
  sources: string[];
}

const CHANGELOG_124 = 'https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-1.24.md';

export const REMOVED_SETTINGS: readonly RemovedSetting[] = [
  ...['--insecure-port', '--port'].map((name): RemovedSetting => ({
    component: 'kube-apiserver', kind: 'flag', name, deprecatedIn: '1.20', removedIn: '1.24',
    advice: 'Remove it; the API server serves only on --secure-port.',
    sources: ['https://github.com/kubernetes/kubernetes/pull/95856', CHANGELOG_124],
  })),
  ...['--insecure-bind-address', '--address'].map((name): RemovedSetting => ({
    component: 'kube-apiserver', kind: 'flag', name, deprecatedIn: '1.20', removedIn: '1.24',
    advice: 'Remove it; use --bind-address for the secure port.',
    sources: ['https://github.com/kubernetes/kubernetes/pull/95856', CHANGELOG_124],
  })),
  {
    component: 'kube-apiserver', kind: 'flag', name: '--basic-auth-file', deprecatedIn: '1.16', removedIn: '1.19',
    advice: 'Remove it; authenticate users with OIDC, a webhook or client certificates (not --token-auth-file, CIS 1.2.2).',
    sources: ['https://github.com/kubernetes/kubernetes/pull/89069'],
  },
  {
    component: 'kube-apiserver', kind: 'flag', name: '--insecure-allow-any-token', removedIn: '1.8',
    advice: 'Remove it; use impersonation to debug as another user.',
    sources: ['https://github.com/kubernetes/kubernetes/pull/49045'],
  },
  {
    component: 'kube-apiserver', kind: 'flag', name: '--repair-malformed-updates', removedIn: '1.14',
    advice: 'Remove it; it has no replacement.',
    sources: ['https://github.com/kubernetes/kubernetes/pull/73663', 'https://github.com/Azure/aks-engine/issues/490'],
  },
  {
    component: 'kube-apiserver', kind: 'flag', name: '--kubelet-https', deprecatedIn: '1.19', removedIn: '1.22',
    advice: 'Remove it; the API server always reaches kubelets over HTTPS.',
    sources: ['https://github.com/kubernetes/kubernetes/pull/91630', 'https://github.com/kubernetes/kubernetes/pull/101178'],
  },
  {
    component: 'kube-apiserver', kind: 'flag', name: '--experimental-encryption-provider-config', deprecatedIn: '1.13', removedIn: '1.24',
    advice: 'Rename it to --encryption-provider-config.',
    sources: ['https://github.com/kubernetes/kubernetes/pull/108423'],
  },
  {
    component: 'kube-apiserver', kind: 'flag', name: '--admission-control', deprecatedIn: '1.10',
    advice: 'Move the plugins to --enable-admission-plugins (and --disable-admission-plugins); CIS 1.2.x reads only those.',
    sources: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/', 'https://github.com/kubernetes/kubernetes/pull/64165'],
  },
  {
    component: 'kube-apiserver', kind: 'plugin', name: 'PodSecurityPolicy', deprecatedIn: '1.21', removedIn: '1.25',
    advice: 'Remove it from the plugin list; enforce Pod Security Standards with the PodSecurity admission plugin and namespace labels.',
    sources: ['https://kubernetes.io/docs/concepts/security/pod-security-policy/'],
  },
  {
    component: 'kube-apiserver', kind: 'plugin', name: 'SecurityContextDeny', deprecatedIn: '1.27', removedIn: '1.30',
    advice: 'Remove it from the plugin list; use the PodSecurity admission plugin.',
    sources: ['https://github.com/kubernetes/kubernetes/issues/111516', 'https://github.com/kubernetes/kubernetes/pull/122612', 'https://github.com/kubernetes/website/pull/45136'],
  },
  ...['DenyEscalatingExec', 'DenyExecOnPrivileged'].map((name): RemovedSetting => ({
    component: 'kube-apiserver', kind: 'plugin', name, deprecatedIn: '1.14', removedIn: '1.21',
    advice: 'Remove it from the plugin list; use the PodSecurity admission plugin and restrict pods/exec with RBAC.',
    sources: ['https://github.com/kubernetes/kubernetes/pull/72737', 'https://github.com/kubernetes/kubernetes/pull/98669'],
  })),
  ...['--address', '--port'].map((name): RemovedSetting => ({
    component: 'kube-controller-manager', kind: 'flag', name, removedIn: '1.24',
    advice: 'Remove it; use --bind-address and --secure-port.',
    sources: ['https://github.com/kubernetes/kubeadm/issues/2207', CHANGELOG_124],
  })),
  ...['--address', '--port'].map((name): RemovedSetting => ({
    component: 'kube-scheduler', kind: 'flag', name, noEffectSince: '1.23',
    advice: 'Remove it; use --bind-address and --secure-port.',
    sources: ['https://github.com/kubernetes/kubernetes/pull/96345', 'https://github.com/kubernetes/kubernetes/pull/105034'],
  })),
  {
    component: 'kubelet', kind: 'flag', name: '--cadvisor-port', deprecatedIn: '1.10', removedIn: '1.12',
    advice: 'Remove it; scrape the kubelet /metrics/cadvisor endpoint or run cAdvisor as a DaemonSet.',
    sources: ['https://github.com/kubernetes/kubernetes/pull/65707'],
  },
  {
    component: 'kubelet', kind: 'flag', name: '--allow-privileged', removedIn: '1.15',
    advice: 'Remove it; restrict privileged pods with the PodSecurity admission plugin.',
    sources: ['https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-1.15.md'],
  },
];

/** Flags whose comma-separated value lists admission plugins. */
export const ADMISSION_PLUGIN_FLAGS = ['--enable-admission-plugins', '--admission-control', '--disable-admission-plugins'] as const;

export type RemovedStatus = 'removed' | 'deprecated' | 'removedUnknownVersion' | 'noEffect';

export interface RemovedHit {
  setting: RemovedSetting;
  status: RemovedStatus;
  /** '--insecure-port' or 'PodSecurityPolicy in --enable-admission-plugins'. */
  display: string;
  /** JSON pointer of the argv token (the flag, or the plugin list that names it). */
  pointer?: string;
  /** Version compared with, when known. */
  version?: KubeVersion;
}

/** Removed / deprecated / no-op settings an instance uses; `version` is the instance's own, else the cluster's. */
export function findRemovedSettings(instance: ComponentInstance, version: KubeVersion | undefined): RemovedHit[] {
  const hits: RemovedHit[] = [];
  for (const setting of REMOVED_SETTINGS) {
    if (setting.component !== instance.component) continue;
    if (setting.kind === 'flag') {
      const flag = instance.args.get(setting.name);
      if (flag) hits.push({ setting, status: statusOf(setting, version), display: setting.name, pointer: flag.occurrences[0]?.pointer, version });
      continue;
    }
    for (const listFlag of ADMISSION_PLUGIN_FLAGS) {
      const flag = instance.args.get(listFlag);
      if (!flag || !flag.value.split(',').map((p) => p.trim()).includes(setting.name)) continue;
      // The occurrence whose token names the plugin (list flags may repeat), else the first.
      const occurrence = flag.occurrences.find((o) => o.raw.split(/[=,\s]/).includes(setting.name)) ?? flag.occurrences[0];
      hits.push({ setting, status: statusOf(setting, version), display: `${setting.name} in ${listFlag}`, pointer: occurrence?.pointer, version });
    }
  }
  return hits;
}

function statusOf(setting: RemovedSetting, version: KubeVersion | undefined): RemovedStatus {
  if (setting.noEffectSince) return version && compareMinor(version, minorOf(setting.noEffectSince)) < 0 ? 'deprecated' : 'noEffect';
  if (!setting.removedIn) return 'deprecated';
  if (!version) return 'removedUnknownVersion';
  return compareMinor(version, minorOf(setting.removedIn)) >= 0 ? 'removed' : 'deprecated';
}

/** How a hit is worded, per status: the messages of no-removed-control-plane-flags, also the CIS report's version notes. */
export const REMOVED_HIT_MESSAGES: Record<RemovedStatus, string> = {
  removed: '{{component}} uses {{setting}}, removed in Kubernetes {{removedIn}} (this cluster runs {{version}}): the component does not start with it. {{advice}}',
  deprecated: '{{component}} uses {{setting}}, deprecated{{since}}{{removal}}. {{advice}}',
  removedUnknownVersion: '{{component}} uses {{setting}}, removed in Kubernetes {{removedIn}}; the cluster version is unknown, and from {{removedIn}} on the component does not start with it. {{advice}}',
  noEffect: '{{component}} uses {{setting}}, which has had no effect since Kubernetes {{since}}. {{advice}}',
};

/**
 * A hit in words: the message id (its status), the data of REMOVED_HIT_MESSAGES' placeholders and the rendered
 * text. `version` defaults to the one the hit was found with (the instance's own, else the cluster's).
 */
export function describeRemovedHit(hit: RemovedHit, version: KubeVersion | undefined = hit.version): { messageId: RemovedStatus; data: Record<string, string>; text: string } {
  const s = hit.setting;
  const since = s.noEffectSince ?? s.deprecatedIn;
  const data = {
    component: s.component,
    setting: hit.display,
    removedIn: s.removedIn ?? '',
    version: version ? formatVersion(version) : 'unknown',
    since: hit.status === 'noEffect' ? (s.noEffectSince ?? '') : since ? ` since Kubernetes ${since}` : '',
    removal: s.removedIn
      ? ` and removed in Kubernetes ${s.removedIn}${version ? ` (this cluster runs ${formatVersion(version)})` : ''}: remove it before upgrading`
      : s.noEffectSince
        ? ` and without effect from Kubernetes ${s.noEffectSince}`
        : ' and still accepted',
    advice: s.advice,
  };
  return { messageId: hit.status, data, text: renderMessage(REMOVED_HIT_MESSAGES[hit.status], data) };
}
