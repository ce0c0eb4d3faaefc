/**
 * EncryptionConfiguration semantics (apiserver.config.k8s.io/v1, and the legacy `kind: EncryptionConfig`,
 * `apiVersion: v1`), as kube-apiserver applies them:
 * - `resources[]` entries are processed in order and the earliest entry that matches a resource wins;
 * - an entry matches by `resource` (core group; `resource.` too), `resource.group`, `*.group`, `*.` (the core
 *   group) or `*.*` (wildcards need Kubernetes 1.27+);
 * - new writes use the FIRST provider of the matching entry (the others only decrypt), so `identity` first means
 *   plaintext, and a resource no entry matches is stored in plaintext;
 * - keys are base64; the API server accepts AES keys (aescbc, aesgcm) of 16, 24 or 32 bytes and secretbox keys of
 *   exactly 32 bytes. The docs size aescbc keys at 32 bytes (`head -c 32 /dev/urandom | base64`) and allow 16, 24 or
 *   32 for aesgcm, so a 16/24-byte aescbc key is short, not invalid;
 * - `kms` defaults to `apiVersion: v1`, deprecated in 1.28 and disabled by default from 1.29 (KMSv1 feature gate).
 *
 * Sources:
 * https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/ (providers table, wildcards, order)
 * https://kubernetes.io/docs/reference/config-api/apiserver-encryption.v1/
 * https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apiserver/pkg/apis/config/validation/validation.go
 * https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/ (KMS v1 deprecation)
 */
import { isRecord } from '../../kinds/workloads.js';
import { escapePointerSegment } from '../../sources/pointer-locator.js';

export const PROVIDER_TYPES = ['identity', 'aescbc', 'aesgcm', 'secretbox', 'kms'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

/** Strength as the Kubernetes docs' providers table rates it ('kms-v1' is deprecated). */
export type ProviderStrength = 'none' | 'weak' | 'rotate' | 'strong' | 'strongest' | 'deprecated';

export interface EncryptionKey {
  name: string;
  /** Pointer of the key entry (`/resources/0/providers/0/aescbc/keys/0`). */
  pointer: string;
  /** Decoded length in bytes; undefined when the secret is missing or not base64. */
  bytes?: number;
  /** The secret is present and valid standard base64. */
  base64: boolean;
  missing: boolean;
}

export interface EncryptionProvider {
  /** 'identity' | 'aescbc' | 'aesgcm' | 'secretbox' | 'kms', or the unknown key(s) written, joined with '+'. */
  type: string;
  known: boolean;
  /** Pointer of the providers[] element. */
  pointer: string;
  index: number;
  keys: EncryptionKey[];
  /** kms only: 'v1' when unset (the API default). */
  kmsApiVersion?: string;
  kmsName?: string;
  strength: ProviderStrength;
}

export interface EncryptionEntry {
  index: number;
  pointer: string;
  resources: { value: string; pointer: string }[];
  providers: EncryptionProvider[];
}

export interface ResourceEncryption {
  /** 'secrets' or 'resource.group'. */
  resource: string;
  /** The entry that decides (earliest match); undefined = no entry covers it (stored in plaintext). */
  entry?: EncryptionEntry;
  /** The resources[] value that matched, and its pointer. */
  matchedBy?: { value: string; pointer: string };
  /** The provider new writes use: the entry's first provider. */
  writer?: EncryptionProvider;
  /** Written encrypted: covered and the writer is not identity (nor unknown). */
  encrypted: boolean;
}

export type EncryptionWeaknessId = 'kmsV1' | 'unknownProvider' | 'badKeyLength' | 'shortKey' | 'notBase64' | 'noKeys' | 'missingSecret';

export interface EncryptionWeakness {
  id: EncryptionWeaknessId;
  pointer: string;
  provider: string;
  /** Human detail: key name, decoded length, accepted lengths, … */
  key?: string;
  bytes?: number;
  expected?: string;
}

export interface EncryptionAnalysis {
  entries: EncryptionEntry[];
  /** Structural problems (not a list, empty resources, …), each with the pointer concerned. */
  problems: { pointer: string; message: string }[];
  /** How writes of `resource` (core: 'secrets'; other groups: 'deployments.apps') are stored. */
  forResource(resource: string, group?: string): ResourceEncryption;
  /** forResource('secrets'). */
  secrets: ResourceEncryption;
  /** Every provider or key below the bar (all entries, all providers: fallback keys still decrypt). */
  weaknesses: EncryptionWeakness[];
}

/** Key lengths (bytes) the API server accepts, and the length the docs recommend. */
export const KEY_SIZES: Record<'aescbc' | 'aesgcm' | 'secretbox', { accepted: number[]; recommended: number[] }> = {
  aescbc: { accepted: [16, 24, 32], recommended: [32] },
  aesgcm: { accepted: [16, 24, 32], recommended: [16, 24, 32] },
  secretbox: { accepted: [32], recommended: [32] },
};

const STRENGTH: Record<ProviderType, ProviderStrength> = {
  identity: 'none',
  aescbc: 'weak',
  aesgcm: 'rotate',
  secretbox: 'strong',
  kms: 'strongest',
};

export function isEncryptionConfig(obj: { apiVersion?: unknown; kind?: unknown }): boolean {
  return (
    (obj.kind === 'EncryptionConfiguration' && typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('apiserver.config.k8s.io/')) ||
    (obj.kind === 'EncryptionConfig' && obj.apiVersion === 'v1')
  );
}

/** Decoded byte length of standard, padded base64 (Go's base64.StdEncoding, which skips CR/LF); undefined if invalid. */
export function base64Length(text: string): number | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return undefined;
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return (s.length / 4) * 3 - padding;
}

const encryptionMemo = new WeakMap<object, Map<string, EncryptionAnalysis>>();

/** analyzeEncryption, memoised per document object and pointer prefix (checks and CIS hints read the same docs). */
export function encryptionOf(data: unknown, pointerPrefix = ''): EncryptionAnalysis {
  if (typeof data !== 'object' || data === null) return analyzeEncryption(data, pointerPrefix);
  let byPrefix = encryptionMemo.get(data);
  if (!byPrefix) encryptionMemo.set(data, (byPrefix = new Map()));
  let analysis = byPrefix.get(pointerPrefix);
  if (!analysis) byPrefix.set(pointerPrefix, (analysis = analyzeEncryption(data, pointerPrefix)));
  return analysis;
}

export function analyzeEncryption(data: unknown, pointerPrefix = ''): EncryptionAnalysis {
  const problems: { pointer: string; message: string }[] = [];
  const entries: EncryptionEntry[] = [];
  const weaknesses: EncryptionWeakness[] = [];
  const root = isRecord(data) ? data : {};
  const list = root.resources;
  if (!Array.isArray(list)) {
    problems.push({ pointer: `${pointerPrefix}/resources`, message: list === undefined ? 'resources is missing' : 'resources must be a list' });
  } else {
    list.forEach((raw, index) => {
      const pointer = `${pointerPrefix}/resources/${index}`;
      const entry: EncryptionEntry = { index, pointer, resources: [], providers: [] };
      if (!isRecord(raw)) {
        problems.push({ pointer, message: 'entry must be a mapping' });
        entries.push(entry);
        return;
      }
      if (Array.isArray(raw.resources)) {
        raw.resources.forEach((r, i) => {
          if (typeof r === 'string') entry.resources.push({ value: r, pointer: `${pointer}/resources/${i}` });
        });
      }
      if (entry.resources.length === 0) problems.push({ pointer: `${pointer}/resources`, message: 'entry lists no resources' });
      if (Array.isArray(raw.providers)) {
        raw.providers.forEach((p, i) => entry.providers.push(readProvider(p, `${pointer}/providers/${i}`, i, weaknesses)));
      }
      if (entry.providers.length === 0) problems.push({ pointer: `${pointer}/providers`, message: 'entry lists no providers' });
      entries.push(entry);
    });
  }

  const forResource = (resource: string, group = ''): ResourceEncryption => {
    const name = group === '' ? resource : `${resource}.${group}`;
    for (const entry of entries) {
      const hit = entry.resources.find((r) => resourceMatches(r.value, resource, group));
      if (!hit) continue;
      const writer = entry.providers[0];
      return { resource: name, entry, matchedBy: hit, writer, encrypted: writer !== undefined && writer.known && writer.type !== 'identity' };
    }
    return { resource: name, encrypted: false };
  };
  return { entries, problems, forResource, secrets: forResource('secrets'), weaknesses };
}

/** Whether an EncryptionConfiguration `resources[]` value covers resource `resource` of API group `group`. */
export function resourceMatches(value: string, resource: string, group: string): boolean {
  if (value === '*.*') return true;
  if (value === `*.${group}`) return true;
  if (group === '') return value === resource || value === `${resource}.`;
  return value === `${resource}.${group}`;
}

function readProvider(raw: unknown, pointer: string, index: number, weaknesses: EncryptionWeakness[]): EncryptionProvider {
  const keysOf = isRecord(raw) ? Object.keys(raw) : [];
  const known = keysOf.filter((k): k is ProviderType => (PROVIDER_TYPES as readonly string[]).includes(k));
  if (known.length !== 1 || keysOf.length !== 1) {
    const type = keysOf.length === 0 ? '(none)' : keysOf.join('+');
    weaknesses.push({ id: 'unknownProvider', pointer, provider: type });
    return { type, known: false, pointer, index, keys: [], strength: 'none' };
  }
  const type = known[0];
  const body = (raw as Record<string, unknown>)[type];
  const at = `${pointer}/${escapePointerSegment(type)}`;
  const provider: EncryptionProvider = { type, known: true, pointer, index, keys: [], strength: STRENGTH[type] };
  if (type === 'kms') {
    const cfg = isRecord(body) ? body : {};
    provider.kmsApiVersion = typeof cfg.apiVersion === 'string' && cfg.apiVersion !== '' ? cfg.apiVersion : 'v1';
    if (typeof cfg.name === 'string') provider.kmsName = cfg.name;
    if (provider.kmsApiVersion !== 'v2') {
      provider.strength = 'deprecated';
      weaknesses.push({ id: 'kmsV1', pointer: typeof cfg.apiVersion === 'string' ? `${at}/apiVersion` : at, provider: `kms ${provider.kmsApiVersion}` });
    }
    return provider;
  }
  if (type === 'identity') return provider;
  const sizes = KEY_SIZES[type];
  const keys = isRecord(body) ? body.keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0) {
    weaknesses.push({ id: 'noKeys', pointer: isRecord(body) && 'keys' in body ? `${at}/keys` : at, provider: type });
    return provider;
  }
  keys.forEach((k, i) => {
    const kp = `${at}/keys/${i}`;
    const name = isRecord(k) && typeof k.name === 'string' ? k.name : `#${i + 1}`;
    const secret = isRecord(k) ? k.secret : undefined;
    if (typeof secret !== 'string' || secret === '') {
      provider.keys.push({ name, pointer: kp, base64: false, missing: true });
      weaknesses.push({ id: 'missingSecret', pointer: kp, provider: type, key: name });
      return;
    }
    const bytes = base64Length(secret);
    provider.keys.push({ name, pointer: kp, bytes, base64: bytes !== undefined, missing: false });
    const sp = `${kp}/secret`;
    const expected = describeSizes(sizes.recommended);
    if (bytes === undefined) weaknesses.push({ id: 'notBase64', pointer: sp, provider: type, key: name });
    else if (!sizes.accepted.includes(bytes)) weaknesses.push({ id: 'badKeyLength', pointer: sp, provider: type, key: name, bytes, expected: describeSizes(sizes.accepted) });
    else if (!sizes.recommended.includes(bytes)) weaknesses.push({ id: 'shortKey', pointer: sp, provider: type, key: name, bytes, expected });
  });
  return provider;
}

function describeSizes(sizes: number[]): string {
  return sizes.length === 1 ? `${sizes[0]} bytes` : `${sizes.slice(0, -1).join(', ')} or ${sizes[sizes.length - 1]} bytes`;
}
