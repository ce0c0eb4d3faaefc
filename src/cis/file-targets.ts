/**
 * File checks (CIS 1.1.x, 4.1.x): which paths a FileTarget means on a node (kube-bench's candidate lists and the
 * component flags that override them) and the audit output kube-bench's `stat` would print for them, synthesized
 * from FileFacts (--node or --file-stats).
 */
import type { ControlPlaneFacts } from '../analyzers/control-plane/types.js';
import type { FileFact, FileProbe, FileTarget } from './types.js';

const APISERVER_MANIFESTS = [
  '/etc/kubernetes/manifests/kube-apiserver.yaml',
  '/etc/kubernetes/manifests/kube-apiserver.yml',
  '/etc/kubernetes/manifests/kube-apiserver.manifest',
  '/var/snap/kube-apiserver/current/args',
  '/var/snap/microk8s/current/args/kube-apiserver',
  '/etc/origin/master/master-config.yaml',
  '/etc/kubernetes/manifests/talos-kube-apiserver.yaml',
  '/var/lib/rancher/rke2/agent/pod-manifests/kube-apiserver.yaml',
];
const CONTROLLER_MANAGER_MANIFESTS = [
  '/etc/kubernetes/manifests/kube-controller-manager.yaml',
  '/etc/kubernetes/manifests/kube-controller-manager.yml',
  '/etc/kubernetes/manifests/kube-controller-manager.manifest',
  '/var/snap/kube-controller-manager/current/args',
  '/var/snap/microk8s/current/args/kube-controller-manager',
  '/etc/kubernetes/manifests/talos-kube-controller-manager.yaml',
  '/var/lib/rancher/rke2/agent/pod-manifests/kube-controller-manager.yaml',
];
const SCHEDULER_MANIFESTS = [
  '/etc/kubernetes/manifests/kube-scheduler.yaml',
  '/etc/kubernetes/manifests/kube-scheduler.yml',
  '/etc/kubernetes/manifests/kube-scheduler.manifest',
  '/var/snap/kube-scheduler/current/args',
  '/var/snap/microk8s/current/args/kube-scheduler',
  '/etc/origin/master/scheduler.json',
  '/etc/kubernetes/manifests/talos-kube-scheduler.yaml',
  '/var/lib/rancher/rke2/agent/pod-manifests/kube-scheduler.yaml',
];
const ETCD_MANIFESTS = [
  '/etc/kubernetes/manifests/etcd.yaml',
  '/etc/kubernetes/manifests/etcd.yml',
  '/etc/kubernetes/manifests/etcd.manifest',
  '/etc/etcd/etcd.conf',
  '/var/snap/etcd/common/etcd.conf.yml',
  '/var/snap/etcd/common/etcd.conf.yaml',
  '/var/snap/microk8s/current/args/etcd',
  '/usr/lib/systemd/system/etcd.service',
  '/var/lib/rancher/rke2/server/db/etcd/config',
  '/var/lib/rancher/k3s/server/db/etcd/config',
];
const ETCD_DATA_DIRS = ['/var/lib/etcd/default.etcd', '/var/lib/etcd/data.etcd', '/var/lib/rancher/k3s/server/db/etcd'];
const SCHEDULER_KUBECONFIGS = [
  '/etc/kubernetes/scheduler.conf',
  '/var/lib/kube-scheduler/kubeconfig',
  '/var/lib/kube-scheduler/config.yaml',
  '/var/lib/rancher/rke2/server/cred/scheduler.kubeconfig',
  '/system/secrets/kubernetes/kube-scheduler/kubeconfig',
];
const CONTROLLER_MANAGER_KUBECONFIGS = [
  '/etc/kubernetes/controller-manager.conf',
  '/var/lib/kube-controller-manager/kubeconfig',
  '/var/lib/rancher/rke2/server/cred/controller.kubeconfig',
  '/system/secrets/kubernetes/kube-controller-manager/kubeconfig',
];
const KUBELET_SERVICES = [
  '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf',
  '/etc/systemd/system/kubelet.service',
  '/lib/systemd/system/kubelet.service',
  '/etc/systemd/system/snap.kubelet.daemon.service',
  '/etc/systemd/system/snap.microk8s.daemon-kubelet.service',
  '/etc/systemd/system/atomic-openshift-node.service',
  '/etc/systemd/system/origin-node.service',
];
const KUBELET_KUBECONFIGS = [
  '/etc/kubernetes/kubelet.conf',
  '/etc/kubernetes/kubelet-kubeconfig.conf',
  '/var/lib/kubelet/kubeconfig',
  '/etc/kubernetes/kubelet-kubeconfig',
  '/etc/kubernetes/kubelet/kubeconfig',
  '/etc/kubernetes/ssl/kubecfg-kube-node.yaml',
  '/var/snap/microk8s/current/credentials/kubelet.config',
  '/etc/kubernetes/kubeconfig-kubelet',
  '/var/lib/rancher/rke2/agent/kubelet.kubeconfig',
  '/var/lib/rancher/k3s/agent/kubelet.kubeconfig',
];
const KUBELET_CA_FILES = [
  '/var/lib/rancher/rke2/agent/client-ca.crt',
  '/var/lib/rancher/rke2/server/tls/server-ca.crt',
  '/etc/kubernetes/pki/ca.crt',
  '/etc/kubernetes/certs/ca.crt',
  '/etc/kubernetes/cert/ca.pem',
  '/var/snap/microk8s/current/certs/ca.crt',
  '/var/lib/rancher/rke2/agent/server.crt',
  '/var/lib/rancher/k3s/agent/client-ca.crt',
];
const KUBELET_CONFIGS = [
  '/etc/kubernetes/kubelet-config.yaml',
  '/etc/kubernetes/kubelet/kubelet-config.json',
  '/var/lib/rancher/rke2/agent/etc/kubelet.conf.d',
  '/var/lib/kubelet/config.yaml',
  '/etc/kubernetes/azure.json',
  '/var/lib/kubelet/config.yml',
  '/etc/kubernetes/kubelet/config.json',
  '/etc/kubernetes/kubelet/config',
  '/home/kubernetes/kubelet-config.yaml',
  '/home/kubernetes/kubelet-config.yml',
  '/etc/default/kubeletconfig.json',
  '/etc/default/kubelet',
  '/var/lib/kubelet/kubeconfig',
  '/var/snap/kubelet/current/args',
  '/var/snap/microk8s/current/args/kubelet',
  ...KUBELET_SERVICES.slice(0, 5),
  '/etc/kubernetes/kubelet.yaml',
];
const PROXY_KUBECONFIGS = [
  '/etc/kubernetes/kubelet-kubeconfig',
  '/etc/kubernetes/kubelet-kubeconfig.conf',
  '/etc/kubernetes/kubelet/config',
  '/etc/kubernetes/ssl/kubecfg-kube-proxy.yaml',
  '/var/lib/kubelet/kubeconfig',
  '/var/snap/microk8s/current/credentials/proxy.config',
  '/var/lib/rancher/rke2/agent/kubeproxy.kubeconfig',
  '/var/lib/rancher/k3s/agent/kubeproxy.kubeconfig',
];
const PKI_DIR = '/etc/kubernetes/pki';
const ADMIN_KUBECONFIGS = ['/etc/kubernetes/admin.conf', '/etc/kubernetes/super-admin.conf'];
const DEFAULT_CNI_CONF_DIR = '/etc/cni/net.d';
const CNI_NETWORKS_DIR = '/var/lib/cni/networks';

function normalisePath(p: string): string {
  const s = p.replace(/\/+/g, '/');
  return s.length > 1 ? s.replace(/\/$/, '') : s;
}

export interface FileIndex {
  get(path: string): FileFact | undefined;
  /** Facts strictly below `dir`, sorted by path. */
  under(dir: string): FileFact[];
}

export function indexFiles(files: readonly FileFact[]): FileIndex {
  const byPath = new Map<string, FileFact>();
  for (const f of files) byPath.set(normalisePath(f.path), { ...f, path: normalisePath(f.path) });
  const sorted = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    get: (path) => byPath.get(normalisePath(path)),
    under: (dir) => {
      const prefix = `${normalisePath(dir)}/`;
      return sorted.filter((f) => f.exists && f.path.startsWith(prefix));
    },
  };
}

/** Values of a flag over every instance of a component, in instance order. */
function flagValues(facts: ControlPlaneFacts, component: Parameters<ControlPlaneFacts['of']>[0], flag: string): string[] {
  const out: string[] = [];
  for (const inst of facts.of(component)) {
    const v = inst.args.get(flag)?.value;
    if (v !== undefined && v !== '' && v !== 'true') out.push(v);
  }
  return out;
}

function configValues(facts: ControlPlaneFacts, component: 'kubelet' | 'kube-proxy', path: string[]): string[] {
  const out: string[] = [];
  for (const inst of facts.of(component)) {
    let v: unknown = inst.config?.data;
    for (const key of path) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
    if (typeof v === 'string' && v !== '') out.push(v);
  }
  return out;
}

const exists = (index: FileIndex, p: string): boolean => index.get(p)?.exists === true;

/** kube-bench's "first existing of the candidates, else the default" choice of one file. */
function firstExisting(index: FileIndex, candidates: string[], fallback: string): string {
  return candidates.find((p) => exists(index, p)) ?? fallback;
}

export interface FileSelection {
  /** Existing files whose stat lines make the audit output, in order. */
  files: FileFact[];
  /** Every path considered (for "not found at …"). */
  tried: string[];
}

/** The files kube-bench's audit command would stat for `target`. */
export function selectFiles(target: FileTarget, facts: ControlPlaneFacts, index: FileIndex): FileSelection {
  const single = (candidates: string[], fallback = candidates[0] ?? ''): FileSelection => {
    const tried = [...new Set([...candidates, fallback])];
    const chosen = firstExisting(index, tried, fallback);
    const fact = index.get(chosen);
    return { files: fact?.exists ? [fact] : [], tried };
  };
  switch (target) {
    case 'apiserver-manifest':
      return single(APISERVER_MANIFESTS);
    case 'controller-manager-manifest':
      return single(CONTROLLER_MANAGER_MANIFESTS);
    case 'scheduler-manifest':
      return single(SCHEDULER_MANIFESTS);
    case 'etcd-manifest': {
      const conf = firstExisting(index, ETCD_MANIFESTS, ETCD_MANIFESTS[0] ?? '');
      const fact = index.get(conf);
      const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
      const files = !fact?.exists
        ? []
        : fact.isDir
          ? [fact, ...index.under(conf)].filter((f) => base(f.path).includes('etcd'))
          : base(conf).includes('etcd')
            ? [fact]
            : [];
      return { files, tried: ETCD_MANIFESTS };
    }
    case 'cni-files': {
      const confDirs = flagValues(facts, 'kubelet', '--cni-conf-dir');
      const dirs = confDirs.length > 0 ? confDirs : [DEFAULT_CNI_CONF_DIR];
      const files = [...dirs.flatMap((d) => index.under(d)), ...index.under(CNI_NETWORKS_DIR).filter((f) => !f.isDir)];
      return { files, tried: [...dirs, CNI_NETWORKS_DIR] };
    }
    case 'etcd-data-dir': {
      const fromFlags = flagValues(facts, 'etcd', '--data-dir');
      const fromEnv = facts
        .of('etcd')
        .map((i) => i.env.get('ETCD_DATA_DIR')?.value ?? '')
        .filter((v) => v !== '');
      const fromInstances = [...fromFlags, ...fromEnv].filter((d) => exists(index, d));
      const chosen = fromInstances[fromInstances.length - 1] ?? firstExisting(index, ETCD_DATA_DIRS, ETCD_DATA_DIRS[0] ?? '');
      const fact = index.get(chosen);
      return { files: fact?.exists ? [fact] : [], tried: [...new Set([...fromFlags, ...fromEnv, ...ETCD_DATA_DIRS])] };
    }
    case 'admin-kubeconfigs':
      return { files: ADMIN_KUBECONFIGS.map((p) => index.get(p)).filter((f): f is FileFact => f?.exists === true), tried: ADMIN_KUBECONFIGS };
    case 'scheduler-kubeconfig':
      return single([...flagValues(facts, 'kube-scheduler', '--kubeconfig'), ...SCHEDULER_KUBECONFIGS], SCHEDULER_KUBECONFIGS[0]);
    case 'controller-manager-kubeconfig':
      return single(
        [...flagValues(facts, 'kube-controller-manager', '--kubeconfig'), ...CONTROLLER_MANAGER_KUBECONFIGS],
        CONTROLLER_MANAGER_KUBECONFIGS[0],
      );
    case 'pki-all': {
      const dir = index.get(PKI_DIR);
      return { files: [...(dir?.exists ? [dir] : []), ...index.under(PKI_DIR)], tried: [PKI_DIR] };
    }
    case 'pki-crt':
      return { files: index.under(PKI_DIR).filter((f) => f.path.endsWith('.crt')), tried: [`${PKI_DIR}/**/*.crt`] };
    case 'pki-key':
      return { files: index.under(PKI_DIR).filter((f) => f.path.endsWith('.key')), tried: [`${PKI_DIR}/**/*.key`] };
    case 'kubelet-service':
      return single(KUBELET_SERVICES);
    case 'proxy-kubeconfig':
      return single([...flagValues(facts, 'kube-proxy', '--kubeconfig'), ...PROXY_KUBECONFIGS], '/etc/kubernetes/proxy.conf');
    case 'kubelet-kubeconfig':
      return single([...flagValues(facts, 'kubelet', '--kubeconfig'), ...KUBELET_KUBECONFIGS], KUBELET_KUBECONFIGS[0]);
    case 'kubelet-client-ca':
      return single(
        [
          ...flagValues(facts, 'kubelet', '--client-ca-file'),
          ...configValues(facts, 'kubelet', ['authentication', 'x509', 'clientCAFile']),
          ...KUBELET_CA_FILES,
        ],
        '/etc/kubernetes/pki/ca.crt',
      );
    case 'kubelet-config':
      return single([...flagValues(facts, 'kubelet', '--config'), ...KUBELET_CONFIGS], '/var/lib/kubelet/config.yaml');
  }
}

/** `stat -c %a`: octal permission bits without leading zeros. */
export function octalMode(mode: number | undefined): string {
  return mode === undefined ? 'UNKNOWN' : (mode & 0o7777).toString(8);
}

/** One line of the audit output for one file, in the probe's format. */
export function renderFileLine(probe: FileProbe, f: FileFact): string {
  const owner = `${f.owner ?? 'UNKNOWN'}:${f.group ?? 'UNKNOWN'}`;
  switch (probe.render) {
    case 'permissions':
      return `permissions=${octalMode(f.mode)}`;
    case 'ownership':
      return owner;
    case 'permissions-named':
      return `permissions=${octalMode(f.mode)} ${f.path}`;
    case 'ownership-named':
      return `ownership=${owner} ${f.path}`;
  }
}

export interface FileProbeOutput extends FileSelection {
  /** The synthesized audit output, one line per file (or the probe's missing-file text). */
  lines: string[];
}

export function probeFiles(probe: FileProbe, facts: ControlPlaneFacts, index: FileIndex): FileProbeOutput {
  const sel = selectFiles(probe.target, facts, index);
  const lines = sel.files.map((f) => renderFileLine(probe, f));
  if (lines.length === 0 && probe.missing === 'File not found') lines.push('File not found');
  return { ...sel, lines };
}
