/**
 * Likely-pass / likely-fail hints for manual controls whose answer Bulwark can estimate from parsed configuration:
 * the EncryptionConfiguration (1.2.27, 1.2.28), the audit Policy (3.2.1, 3.2.2), etcd's CA (2.7) and bootstrap
 * token authentication (3.1.3). A hint never changes a status: manual controls stay MANUAL.
 */
import { auditPolicyOf } from '../analyzers/control-plane/audit-policy.js';
import { encryptionOf } from '../analyzers/control-plane/encryption.js';
import type { ComponentInstance, ControlPlaneFacts } from '../analyzers/control-plane/types.js';
import type { CisControl, CisHint } from './types.js';

export interface Hint {
  hint: CisHint;
  reason?: string;
}

const RANK: Record<CisHint, number> = { 'likely-pass': 0, unknown: 1, 'likely-fail': 2 };

/** The worst hint over several instances (likely-fail > unknown > likely-pass). */
export function worstHint(hints: Hint[]): Hint | undefined {
  let worst: Hint | undefined;
  for (const h of hints) if (!worst || RANK[h.hint] > RANK[worst.hint]) worst = h;
  return worst;
}

function encryptionHint(control: CisControl, inst: ComponentInstance, facts: ControlPlaneFacts): Hint {
  if (!inst.args.has('--encryption-provider-config')) {
    return { hint: 'likely-fail', reason: 'no --encryption-provider-config: secrets are stored in plaintext in etcd' };
  }
  const doc = facts.pairedDoc(inst, 'EncryptionConfiguration');
  if (!doc) {
    return control.id === '1.2.27'
      ? { hint: 'likely-pass', reason: 'encryption is configured; the EncryptionConfiguration itself is not in the inputs' }
      : { hint: 'unknown', reason: 'the EncryptionConfiguration named by --encryption-provider-config is not in the inputs' };
  }
  const analysis = encryptionOf(doc.data, doc.pointerPrefix);
  const secrets = analysis.secrets;
  if (!secrets.encrypted) {
    const why = secrets.entry ? `its first provider for secrets is ${secrets.writer?.type ?? 'missing'}` : 'no entry covers secrets';
    return { hint: 'likely-fail', reason: `EncryptionConfiguration ${doc.file}: ${why}, so secrets are written unencrypted` };
  }
  if (control.id === '1.2.28') {
    const writer = secrets.writer;
    if (writer && writer.strength === 'deprecated') {
      return { hint: 'likely-fail', reason: `secrets are written with ${writer.type}${writer.kmsApiVersion ? ` ${writer.kmsApiVersion}` : ''}, which is deprecated` };
    }
    const weak = analysis.weaknesses[0];
    if (weak) return { hint: 'likely-fail', reason: `${weak.provider}: ${weak.id}${weak.key ? ` (${weak.key})` : ''}` };
    if (writer && writer.strength === 'weak') {
      return { hint: 'likely-pass', reason: `secrets are written with ${writer.type} (accepted by CIS; the Kubernetes docs prefer kms v2)` };
    }
  }
  const writer = secrets.writer;
  const name = writer ? `${writer.type}${writer.kmsApiVersion ? ` ${writer.kmsApiVersion}` : ''}` : 'an encrypting provider';
  return { hint: 'likely-pass', reason: `secrets are written with ${name}` };
}

function auditHint(control: CisControl, inst: ComponentInstance, facts: ControlPlaneFacts): Hint {
  if (!inst.args.has('--audit-policy-file')) return { hint: 'likely-fail', reason: 'no --audit-policy-file: no audit events are recorded' };
  const doc = facts.pairedDoc(inst, 'Policy');
  if (!doc) {
    return control.id === '3.2.1'
      ? { hint: 'likely-pass', reason: 'an audit policy file is configured; the Policy itself is not in the inputs' }
      : { hint: 'unknown', reason: 'the audit Policy named by --audit-policy-file is not in the inputs' };
  }
  const analysis = auditPolicyOf(doc.data, doc.pointerPrefix);
  if (!analysis.logsAnything) return { hint: 'likely-fail', reason: `audit Policy ${doc.file} logs nothing (every request resolves to None)` };
  if (control.id === '3.2.1') return { hint: 'likely-pass', reason: `audit Policy ${doc.file} records events` };
  for (const [group, resource] of [['', 'secrets'], ['', 'configmaps'], ['authentication.k8s.io', 'tokenreviews']] as const) {
    const bodies = analysis.bodyLogging(group, resource);
    if (bodies.length > 0) return { hint: 'likely-fail', reason: `audit Policy ${doc.file} logs request or response bodies of ${resource}` };
  }
  for (const sub of ['exec', 'portforward'] as const) {
    const probes = analysis.probeGeneric('', 'pods', sub);
    if (probes.every((p) => p.decision.level === 'None')) {
      return { hint: 'likely-fail', reason: `audit Policy ${doc.file} does not record pods/${sub}` };
    }
  }
  return { hint: 'likely-pass', reason: `audit Policy ${doc.file} keeps secrets at Metadata and records exec and port-forward` };
}

function etcdCaHint(inst: ComponentInstance, facts: ControlPlaneFacts): Hint | undefined {
  const etcdCa = inst.args.get('--trusted-ca-file')?.value ?? inst.env.get('ETCD_TRUSTED_CA_FILE')?.value;
  if (!etcdCa) return undefined;
  const clusterCas = facts.of('kube-apiserver').map((a) => a.args.get('--client-ca-file')?.value).filter((v): v is string => !!v);
  if (clusterCas.includes(etcdCa)) {
    return { hint: 'likely-fail', reason: `etcd trusts ${etcdCa}, the same CA the API server uses for clients` };
  }
  return { hint: 'likely-pass', reason: `etcd has its own CA file (${etcdCa})${clusterCas.length > 0 ? ', distinct from the cluster CA' : ''}` };
}

function bootstrapHint(inst: ComponentInstance): Hint {
  const v = inst.args.get('--enable-bootstrap-token-auth')?.value;
  if (v === undefined || v.toLowerCase() === 'false') return { hint: 'likely-pass', reason: 'bootstrap token authentication is off' };
  return { hint: 'unknown', reason: 'bootstrap token authentication is on (--enable-bootstrap-token-auth): check that no person uses a bootstrap token' };
}

/** A control-specific hint for one instance, or undefined when the tests alone decide the hint. */
export function specialHint(control: CisControl, inst: ComponentInstance, facts: ControlPlaneFacts): Hint | undefined {
  switch (control.hint) {
    case 'encryption-providers':
      return encryptionHint(control, inst, facts);
    case 'audit-policy':
      return auditHint(control, inst, facts);
    case 'etcd-ca':
      return etcdCaHint(inst, facts);
    case 'bootstrap-token':
      return bootstrapHint(inst);
    default:
      return undefined;
  }
}
