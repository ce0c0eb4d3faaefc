/**
 * The control-plane fact: component instances (static pods, workloads, process lists, --node) with parsed
 * flags and provenance, the config documents paired with them, Nodes, and the cluster version. No check logic:
 * CIS verdicts come from src/cis (memoised in `cis()`), Bulwark checks read this fact.
 */
import type { InputProblem, K8sObject } from '../../model/types.js';
import type { Inventory } from '../../inventory/inventory.js';
import { isRecord } from '../../kinds/workloads.js';
import type { CisReport } from '../../cis/types.js';
import { runBenchmark } from '../../cis/run-benchmark.js';
import { defineAnalyzer } from '../facts.js';
import { collectConfigDocs, pairDoc } from './config-docs.js';
import { parseArgs } from './flag-parser.js';
import { collectInstances } from './instances.js';
import type { Component, ComponentInstance, ConfigDoc, ConfigKind, ControlPlaneExtra, ControlPlaneFacts } from './types.js';
import { clusterVersion, parseVersion, versionFromKubeadm, versionFromOverride, type RankedVersion } from './version.js';


const CONFIG_OF: Partial<Record<Component, { kind: ConfigKind; flag: string }>> = {
  kubelet: { kind: 'KubeletConfiguration', flag: '--config' },
  'kube-proxy': { kind: 'KubeProxyConfiguration', flag: '--config' },
};

const APISERVER_DOC_FLAGS: Record<'EncryptionConfiguration' | 'Policy' | 'AuthorizationConfiguration', string[]> = {
  EncryptionConfiguration: ['--encryption-provider-config', '--experimental-encryption-provider-config'],
  Policy: ['--audit-policy-file'],
  AuthorizationConfiguration: ['--authorization-config'],
};

export function buildControlPlaneFacts(inv: Inventory, extra: ControlPlaneExtra = {}): ControlPlaneFacts {
  const problems: InputProblem[] = [];
  const allDocs = collectConfigDocs(inv, problems);
  const docsByKind = new Map<ConfigKind, ConfigDoc[]>();
  for (const d of allDocs) {
    let list = docsByKind.get(d.kind);
    if (!list) docsByKind.set(d.kind, (list = []));
    list.push(d);
  }
  const docs = (kind: ConfigKind): ConfigDoc[] => docsByKind.get(kind) ?? [];

  const instances: ComponentInstance[] = [...collectInstances(inv), ...(extra.instances ?? [])];

  // kubelet / kube-proxy: pair each process with its config file; unpaired files become config-only instances.
  const paired = new Set<ConfigDoc>();
  for (const inst of instances) {
    const spec = CONFIG_OF[inst.component];
    if (!spec || inst.config) continue;
    const doc = pairDoc(docs(spec.kind), inst.args.get(spec.flag)?.value);
    if (doc) {
      inst.config = doc;
      paired.add(doc);
    }
  }
  for (const inst of instances) if (inst.config) paired.add(inst.config);
  for (const [component, spec] of Object.entries(CONFIG_OF) as [Component, { kind: ConfigKind; flag: string }][]) {
    for (const doc of docs(spec.kind)) {
      if (paired.has(doc)) continue;
      instances.push(configOnlyInstance(component, doc));
    }
  }

  const byAnchor = new Map<K8sObject, ComponentInstance[]>();
  const byConfigAnchor = new Map<K8sObject, ComponentInstance[]>();
  const byComponent = new Map<Component, ComponentInstance[]>();
  for (const inst of instances) {
    if (inst.anchor) {
      let list = byAnchor.get(inst.anchor.object);
      if (!list) byAnchor.set(inst.anchor.object, (list = []));
      list.push(inst);
    }
    if (inst.config) {
      let list = byConfigAnchor.get(inst.config.anchor.object);
      if (!list) byConfigAnchor.set(inst.config.anchor.object, (list = []));
      list.push(inst);
    }
    let list = byComponent.get(inst.component);
    if (!list) byComponent.set(inst.component, (list = []));
    list.push(inst);
  }

  const nodes = inv.ofKind('Node');
  const ranked = versionEvidence(instances, docs('ClusterConfiguration'), nodes.map((n) => n.object), extra, problems);
  const version = clusterVersion(ranked);

  let report: CisReport | undefined;
  const facts: ControlPlaneFacts = {
    instances,
    of: (c) => byComponent.get(c) ?? [],
    forAnchor: (obj) => byAnchor.get(obj) ?? [],
    forConfigAnchor: (obj) => byConfigAnchor.get(obj) ?? [],
    docs,
    pairedDoc(apiserver, kind) {
      for (const flag of APISERVER_DOC_FLAGS[kind]) {
        const value = apiserver.args.get(flag)?.value;
        if (value !== undefined && value !== '' && value !== 'true') return pairDoc(docs(kind), value);
      }
      return undefined;
    },
    nodes,
    versionEvidence: ranked.map(({ rank: _rank, ...v }) => v),
    cis() {
      report ??= runBenchmark(facts, {});
      return report;
    },
    problems,
  };
  if (version) facts.version = version;
  return facts;
}

/** A KubeletConfiguration / KubeProxyConfiguration no process claims: evaluated on its own (flags unknown). */
function configOnlyInstance(component: Component, doc: ConfigDoc): ComponentInstance {
  const o = doc.anchor;
  const line = 'startLine' in o.source ? o.source.startLine : undefined;
  const where = doc.file !== '' ? `${doc.file}${line !== undefined ? `:${line}` : ''}` : `${o.object.kind} ${o.object.metadata.name ?? ''}`;
  const inst: ComponentInstance = {
    component,
    label: `${component} (config ${where})`,
    args: parseArgs([], [], component, { binary: component, argsStart: 0 }),
    env: new Map(),
    anchor: o,
    argvPointer: doc.pointerPrefix,
    config: doc,
  };
  if (doc.file !== '') inst.location = line !== undefined ? { file: doc.file, line } : { file: doc.file };
  return inst;
}

const IMAGE_RANK: Partial<Record<Component, RankedVersion['rank']>> = {
  'kube-apiserver': 'apiserver-image',
  'kube-controller-manager': 'control-plane-image',
  'kube-scheduler': 'control-plane-image',
  'kube-proxy': 'control-plane-image',
};

/** Every piece of version evidence, strongest first (spec §5). */
function versionEvidence(
  instances: ComponentInstance[],
  clusterConfigs: ConfigDoc[],
  nodes: K8sObject[],
  extra: ControlPlaneExtra,
  problems: InputProblem[],
): RankedVersion[] {
  const out: RankedVersion[] = [];
  if (extra.versionOverride !== undefined) {
    const v = versionFromOverride(extra.versionOverride);
    if (v) out.push({ ...v, rank: 'override' });
    else problems.push({ level: 'error', file: '--k8s-version', message: `"${extra.versionOverride}" is not a Kubernetes version (expected e.g. 1.30 or v1.30.2); ignored` });
  }
  const seen = new Set<string>();
  for (const rank of ['apiserver-image', 'control-plane-image'] as const) {
    for (const inst of instances) {
      if (IMAGE_RANK[inst.component] !== rank || !inst.version) continue;
      const key = `${rank}\u0000${inst.version.evidence}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...inst.version, rank });
    }
  }
  for (const v of extra.versionEvidence ?? []) out.push({ ...v, rank: 'node-probe' });
  for (const doc of clusterConfigs) {
    const where = doc.pointerPrefix !== '' ? `ConfigMap kube-system/${String(doc.anchor.object.metadata.name ?? '')}` : doc.file || 'ClusterConfiguration';
    const v = versionFromKubeadm(doc.data.kubernetesVersion, where);
    if (v) out.push({ ...v, rank: 'kubeadm' });
  }
  if (extra.serverVersion !== undefined) {
    const v = parseVersion(extra.serverVersion, `API server /version gitVersion ${extra.serverVersion}`);
    if (v) out.push({ ...v, rank: 'server' });
  }
  for (const n of nodes) {
    const kv = nodeInfo(n).kubeletVersion;
    if (typeof kv !== 'string') continue;
    const v = parseVersion(kv, `Node ${n.metadata.name ?? ''} kubeletVersion ${kv}`);
    if (v) out.push({ ...v, rank: 'kubelet' });
  }
  return out;
}

/** A Node's status.nodeInfo ({} when missing or not a map). */
export function nodeInfo(node: K8sObject): Record<string, unknown> {
  const status = isRecord(node.status) ? node.status : undefined;
  return status && isRecord(status.nodeInfo) ? status.nodeInfo : {};
}

/** The `control-plane` fact for `bulwark scan` (no --node, no override). */
export const controlPlaneAnalyzer = defineAnalyzer<ControlPlaneFacts>('control-plane', (inv) => buildControlPlaneFacts(inv));
