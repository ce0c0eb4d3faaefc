/**
 * `--node [--host-root DIR]`: reads the local node the way kube-bench does — the command lines of running
 * control-plane processes (`/proc/PID/cmdline`, plus `/proc/PID/environ` for etcd), the config files they name,
 * the static pod manifests (for the version) and the permissions/ownership of every file the benchmark checks.
 * Everything is read below `hostRoot`, so a test builds a fake root and a pod mounts the host at /host.
 */
import { execFile } from 'node:child_process';
import { lstatSync, readFileSync, readdirSync, type Stats } from 'node:fs';
import { join, posix } from 'node:path';
import type { InputProblem } from '../../model/types.js';
import type { FileFact } from '../../cis/types.js';
import type { ComponentInstance, KubeVersion } from '../../analyzers/control-plane/types.js';
import { findComponentCommand } from '../../analyzers/control-plane/component-specs.js';
import { processInstance, workloadInstances } from '../../analyzers/control-plane/instances.js';
import { versionFromVersionOutput } from '../../analyzers/control-plane/version.js';
import { isRecord } from '../../kinds/workloads.js';
import { parseManifests } from '../manifest-parser.js';
import type { ParsedObject } from '../parsed-object.js';
import { componentProcessObject } from './process-list.js';

export interface NodeProbeOptions {
  /** The host's root as seen by this process; default '/'. */
  hostRoot?: string;
  /** Run `kubelet --version` for version evidence; default: only when hostRoot is '/'. */
  kubeletVersion?: boolean;
  /** Runs a binary (injected by tests); default execFile with a 5 s timeout. */
  runTool?: (binary: string, args: string[]) => Promise<string>;
}

export interface NodeProbe {
  /** Running component processes (no anchor: they are not objects of the scan). */
  instances: ComponentInstance[];
  /** Config documents read from the files the processes name (KubeletConfiguration, EncryptionConfiguration …). */
  objects: ParsedObject[];
  /** Stat data of the benchmark's file targets (missing files as `exists: false`). */
  files: FileFact[];
  problems: InputProblem[];
  versionEvidence: KubeVersion[];
  /** Texts of the config files read (keyed by their host path), for locating findings. */
  virtualFiles: Map<string, string>;
}

const MANIFEST_DIR = '/etc/kubernetes/manifests';
const KUBERNETES_FILES = ['admin.conf', 'super-admin.conf', 'scheduler.conf', 'controller-manager.conf', 'kubelet.conf', 'proxy.conf'].map((f) => `/etc/kubernetes/${f}`);
const KUBELET_SERVICE_FILES = [
  '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf',
  '/etc/systemd/system/kubelet.service',
  '/lib/systemd/system/kubelet.service',
  '/usr/lib/systemd/system/kubelet.service',
];
const DEFAULT_KUBELET_CONFIG = '/var/lib/kubelet/config.yaml';
const MAX_WALK_ENTRIES = 5000;

/** Files named by flags, per component: read as config documents. */
const CONFIG_FLAGS: Record<string, string[]> = {
  kubelet: ['--config'],
  'kube-proxy': ['--config'],
  'kube-apiserver': ['--encryption-provider-config', '--experimental-encryption-provider-config', '--audit-policy-file', '--authorization-config'],
};
/** Files named by flags whose stat the benchmark reads. */
const STAT_FLAGS: Record<string, string[]> = {
  kubelet: ['--config', '--kubeconfig', '--client-ca-file'],
  'kube-proxy': ['--kubeconfig', '--config'],
  'kube-scheduler': ['--kubeconfig'],
  'kube-controller-manager': ['--kubeconfig'],
  etcd: ['--data-dir'],
};

export async function probeNode(options: NodeProbeOptions = {}): Promise<NodeProbe> {
  const root = options.hostRoot ?? '/';
  const host = (p: string): string => join(root, p);
  const probe: NodeProbe = { instances: [], objects: [], files: [], problems: [], versionEvidence: [], virtualFiles: new Map() };

  // 1. Running processes.
  let pids: string[] = [];
  try {
    pids = readdirSync(host('/proc')).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(a) - Number(b));
  } catch (err) {
    probe.problems.push({ level: 'error', file: host('/proc'), message: `cannot list processes: ${code(err)}` });
  }
  const users = idNames(host('/etc/passwd'));
  const groups = idNames(host('/etc/group'));
  for (const pid of pids) {
    let raw: string;
    try {
      raw = readFileSync(host(`/proc/${pid}/cmdline`), 'utf8');
    } catch {
      continue; // exited, or not readable: not ours to report
    }
    const argv = raw.split('\0');
    while (argv.length > 0 && argv[argv.length - 1] === '') argv.pop();
    const found = findComponentCommand(argv);
    if (!found) continue;
    let env: Record<string, string> | undefined;
    if (found.component === 'etcd') {
      try {
        env = {};
        for (const kv of readFileSync(host(`/proc/${pid}/environ`), 'utf8').split('\0')) {
          const m = /^(ETCD_[A-Z0-9_]+)=(.*)$/s.exec(kv);
          if (m) env[m[1]] = m[2];
        }
      } catch (err) {
        probe.problems.push({ level: 'notice', file: `/proc/${pid}/environ`, message: `cannot read etcd's environment (${code(err)}); ETCD_* settings are not seen` });
      }
    }
    let user: string | undefined;
    try {
      const uid = lstatSync(host(`/proc/${pid}`)).uid;
      user = users.get(uid) ?? String(uid);
    } catch {
      user = undefined;
    }
    const object = componentProcessObject({
      component: found.component,
      binary: argv[found.binaryIndex],
      argv: argv.slice(found.binaryIndex),
      pid: Number(pid),
      ...(user !== undefined ? { user } : {}),
      ...(env ? { env } : {}),
    });
    const inst = processInstance({ object, source: { file: `/proc/${pid}/cmdline`, docIndex: 0, startLine: 1 }, pointerPrefix: '' });
    if (!inst) continue;
    delete inst.anchor;
    probe.instances.push(inst);
  }

  // 2. Config files the processes name (kubelet --config + --config-dir drop-ins, proxy --config, apiserver files).
  const read = new Set<string>();
  for (const inst of probe.instances) {
    for (const flag of CONFIG_FLAGS[inst.component] ?? []) {
      let path = inst.args.get(flag)?.value;
      if ((path === undefined || path === '') && inst.component === 'kubelet' && flag === '--config') path = DEFAULT_KUBELET_CONFIG;
      if (path === undefined || path === '' || path === 'true' || read.has(path)) continue;
      read.add(path);
      const text = readText(host(path));
      if (text === undefined) {
        probe.problems.push({ level: 'notice', file: path, message: `named by ${inst.component} ${flag} but not readable below ${root}; its settings are not seen` });
        continue;
      }
      const dropIns = inst.component === 'kubelet' && flag === '--config' ? inst.args.get('--config-dir')?.value : undefined;
      const parsed = parseManifests(text, path);
      if (dropIns) mergeDropIns(parsed.objects, host(dropIns), probe.problems);
      probe.objects.push(...parsed.objects);
      probe.problems.push(...parsed.problems);
      probe.virtualFiles.set(path, text);
    }
  }

  // 3. Static pod manifests: the control-plane images give the version.
  const kubelet = probe.instances.find((i) => i.component === 'kubelet');
  const staticPodPath = staticPodDir(kubelet, probe.objects);
  for (const file of listFiles(host(staticPodPath), 1)) {
    const rel = posix.join(staticPodPath, file.slice(host(staticPodPath).length).replace(/\\/g, '/'));
    const text = readText(file);
    if (text === undefined || !/\.(ya?ml|json)$/i.test(file)) continue;
    for (const o of parseManifests(text, rel).objects) {
      for (const inst of workloadInstances(o)) {
        if (inst.version && inst.component !== 'etcd') probe.versionEvidence.push({ ...inst.version, evidence: `${inst.version.evidence} in ${rel}` });
      }
    }
  }
  const runKubeletVersion = options.kubeletVersion ?? root === '/';
  if (kubelet && runKubeletVersion && kubelet.args.binary.startsWith('/')) {
    const run = options.runTool ?? runWithTimeout;
    try {
      const v = versionFromVersionOutput(await run(kubelet.args.binary, ['--version']), 'kubelet');
      if (v) probe.versionEvidence.push(v);
    } catch {
      // No version from the binary: the other evidence stands.
    }
  }

  // 4. Stat of every file the benchmark looks at.
  const paths = new Set<string>([...KUBERNETES_FILES, ...KUBELET_SERVICE_FILES, DEFAULT_KUBELET_CONFIG, '/etc/kubernetes/pki/ca.crt']);
  const trees = new Set<string>([staticPodPath, MANIFEST_DIR, '/etc/kubernetes/pki', '/var/lib/cni/networks']);
  let etcdDataDir = false;
  for (const inst of probe.instances) {
    for (const flag of STAT_FLAGS[inst.component] ?? []) {
      const v = inst.args.get(flag)?.value;
      if (v && v !== 'true') paths.add(v);
    }
    if (inst.component === 'etcd') {
      const dir = inst.args.get('--data-dir')?.value ?? inst.env.get('ETCD_DATA_DIR')?.value;
      if (dir) {
        paths.add(dir);
        etcdDataDir = true;
      }
    }
    if (inst.component === 'kubelet') trees.add(inst.args.get('--cni-conf-dir')?.value ?? '/etc/cni/net.d');
  }
  if (!etcdDataDir) paths.add('/var/lib/etcd');
  if (!probe.instances.some((i) => i.component === 'kubelet')) trees.add('/etc/cni/net.d');
  for (const o of probe.objects) {
    const data = o.object as Record<string, unknown>;
    if (o.object.kind === 'KubeletConfiguration') {
      const auth = isRecord(data.authentication) ? data.authentication : {};
      const x509 = isRecord(auth.x509) ? auth.x509 : {};
      if (typeof x509.clientCAFile === 'string' && x509.clientCAFile !== '') paths.add(x509.clientCAFile);
    }
    if (o.object.kind === 'KubeProxyConfiguration') {
      const cc = isRecord(data.clientConnection) ? data.clientConnection : {};
      if (typeof cc.kubeconfig === 'string' && cc.kubeconfig !== '') paths.add(cc.kubeconfig);
    }
  }
  for (const t of trees) {
    paths.add(t);
    for (const f of listFiles(host(t), 6, true)) paths.add(posix.join(t, f.slice(host(t).length).replace(/\\/g, '/')));
  }
  for (const p of [...paths].sort()) probe.files.push(statFact(host(p), p, users, groups));
  return probe;
}

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** uid/gid → name from an /etc/passwd or /etc/group file (absent file: no names). */
function idNames(file: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of (readText(file) ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && /^\d+$/.test(f[2]) && !names.has(Number(f[2]))) names.set(Number(f[2]), f[0]);
  }
  return names;
}

/** One FileFact; owner/group names as `stat %U:%G` prints them (UNKNOWN when the id has no name). */
function statFact(hostPath: string, path: string, users: Map<number, string>, groups: Map<number, string>): FileFact {
  let st: Stats;
  try {
    st = lstatSync(hostPath);
  } catch {
    return { path, exists: false };
  }
  return {
    path,
    exists: true,
    mode: st.mode & 0o7777,
    owner: users.get(st.uid) ?? 'UNKNOWN',
    group: groups.get(st.gid) ?? 'UNKNOWN',
    isDir: st.isDirectory(),
  };
}

/** Files (and, with `dirs`, directories) below `dir`, sorted, to `depth` levels; missing dir → nothing. */
function listFiles(dir: string, depth: number, dirs = false): string[] {
  const out: string[] = [];
  const walk = (d: string, level: number): void => {
    if (out.length >= MAX_WALK_ENTRIES) return;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (dirs) out.push(p);
        if (level < depth) walk(p, level + 1);
      } else {
        out.push(p);
      }
    }
  };
  walk(dir, 1);
  return out;
}

/** The static pod directory: kubelet --pod-manifest-path, else its config's staticPodPath, else kubeadm's. */
function staticPodDir(kubelet: ComponentInstance | undefined, objects: ParsedObject[]): string {
  const flag = kubelet?.args.get('--pod-manifest-path')?.value;
  if (flag && flag !== 'true') return flag;
  for (const o of objects) {
    const p = (o.object as Record<string, unknown>).staticPodPath;
    if (o.object.kind === 'KubeletConfiguration' && typeof p === 'string' && p !== '') return p;
  }
  return MANIFEST_DIR;
}

/** Kubelet `--config-dir`: `*.conf` drop-ins, sorted, merged over the main config (maps deep, the rest replaced). */
function mergeDropIns(objects: ParsedObject[], hostDir: string, problems: InputProblem[]): void {
  const config = objects.find((o) => o.object.kind === 'KubeletConfiguration');
  if (!config) return;
  for (const file of listFiles(hostDir, 1).filter((f) => f.endsWith('.conf'))) {
    const text = readText(file);
    if (text === undefined) continue;
    const parsed = parseManifests(text, file);
    problems.push(...parsed.problems);
    for (const o of parsed.objects) deepMerge(config.object as Record<string, unknown>, o.object as Record<string, unknown>);
  }
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(source)) {
    if (k === 'apiVersion' || k === 'kind') continue;
    const cur = target[k];
    if (isRecord(cur) && isRecord(v)) deepMerge(cur, v);
    else target[k] = v;
  }
}

function runWithTimeout(binary: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: 5000, encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}
