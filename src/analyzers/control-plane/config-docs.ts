/**
 * Control-plane configuration documents in the inventory: KubeletConfiguration, KubeProxyConfiguration,
 * EncryptionConfiguration, audit Policy, kubeadm ClusterConfiguration, AuthorizationConfiguration — as files of
 * their own or embedded in kubeadm's ConfigMaps — and the rule pairing a document with the process using it.
 */
import yaml from 'js-yaml';
import type { InputProblem } from '../../model/types.js';
import { apiGroupOf } from '../../kinds/kind-groups.js';
import { isRecord } from '../../kinds/workloads.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { ParsedObject } from '../../sources/parsed-object.js';
import { escapePointerSegment } from '../../sources/pointer-locator.js';
import { baseName } from './component-specs.js';
import type { ConfigDoc, ConfigKind } from './types.js';

/** kind → API groups it is recognised in. */
const DOC_GROUPS: Record<ConfigKind, string[]> = {
  KubeletConfiguration: ['kubelet.config.k8s.io'],
  KubeProxyConfiguration: ['kubeproxy.config.k8s.io'],
  EncryptionConfiguration: ['apiserver.config.k8s.io', 'apiserver.k8s.io'],
  Policy: ['audit.k8s.io'],
  ClusterConfiguration: ['kubeadm.k8s.io'],
  AuthorizationConfiguration: ['apiserver.config.k8s.io'],
};

/** ConfigMaps kubeadm writes into kube-system with an embedded document. */
const EMBEDDED: { name: RegExp; key: string; kind: ConfigKind }[] = [
  { name: /^kubelet-config(-\d+\.\d+)?$/, key: 'kubelet', kind: 'KubeletConfiguration' },
  { name: /^kube-proxy$/, key: 'config.conf', kind: 'KubeProxyConfiguration' },
  { name: /^kubeadm-config$/, key: 'ClusterConfiguration', kind: 'ClusterConfiguration' },
];

export function fileOf(o: ParsedObject): string {
  return 'file' in o.source ? o.source.file : '';
}

/** The config kind of a standalone object, if it is one we read. */
function configKindOf(apiVersion: string, kind: string): ConfigKind | undefined {
  if (kind === 'EncryptionConfig' && apiVersion === 'v1') return 'EncryptionConfiguration';
  if (!Object.prototype.hasOwnProperty.call(DOC_GROUPS, kind)) return undefined;
  const k = kind as ConfigKind;
  return DOC_GROUPS[k].includes(apiGroupOf(apiVersion)) ? k : undefined;
}

/** Every config document of the inventory, in inventory order; unparsable embedded YAML becomes a problem. */
export function collectConfigDocs(inv: Inventory, problems: InputProblem[]): ConfigDoc[] {
  const docs: ConfigDoc[] = [];
  for (const o of inv.objects) {
    const obj = o.object;
    const kind = configKindOf(obj.apiVersion, obj.kind);
    if (kind) {
      docs.push({ kind, data: obj as Record<string, unknown>, anchor: o, pointerPrefix: '', file: fileOf(o) });
      continue;
    }
    if (obj.kind !== 'ConfigMap' || apiGroupOf(obj.apiVersion) !== '' || obj.metadata.namespace !== 'kube-system') continue;
    const name = typeof obj.metadata.name === 'string' ? obj.metadata.name : '';
    const data = isRecord(obj.data) ? obj.data : {};
    for (const e of EMBEDDED) {
      if (!e.name.test(name) || typeof data[e.key] !== 'string') continue;
      let parsed: unknown;
      try {
        parsed = yaml.load(data[e.key] as string, { json: true });
      } catch (err) {
        const reason = err instanceof yaml.YAMLException ? err.reason : String(err);
        problems.push({ level: 'error', file: fileOf(o), line: 'startLine' in o.source ? o.source.startLine : undefined, message: `ConfigMap kube-system/${name} key "${e.key}" is not valid YAML (${reason}); ignored` });
        continue;
      }
      if (!isRecord(parsed)) continue;
      docs.push({ kind: e.kind, data: parsed, anchor: o, pointerPrefix: `/data/${escapePointerSegment(e.key)}`, file: fileOf(o) });
    }
  }
  return docs;
}

/**
 * The document a process uses: the one whose file path equals `path`, else whose basename equals the path's
 * basename, else the only candidate (also when the process names no file at all).
 */
export function pairDoc(candidates: ConfigDoc[], path: string | undefined): ConfigDoc | undefined {
  if (candidates.length === 0) return undefined;
  if (path !== undefined && path !== '') {
    const exact = candidates.filter((d) => d.file === path || normalise(d.file) === normalise(path));
    if (exact.length > 0) return exact[0];
    const base = baseName(path);
    const byBase = candidates.filter((d) => d.file !== '' && baseName(d.file) === base);
    if (byBase.length === 1) return byBase[0];
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

function normalise(p: string): string {
  return p.replace(/^\.\//, '').replace(/\/+/g, '/');
}
