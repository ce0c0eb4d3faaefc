/**
 * A private CA and a serving certificate for the admission webhook, for clusters without cert-manager.
 * Node cannot issue X.509 certificates, so the `openssl` CLI signs them (run without a shell, in a private
 * temporary directory that is removed afterwards). The CA's private key is discarded: nothing else can ever
 * be signed with it, and rotating means generating a new CA, certificate and caBundle together.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GeneratedTls {
  caCertPem: string;
  certPem: string;
  keyPem: string;
  /** base64 of caCertPem: the ValidatingWebhookConfiguration's clientConfig.caBundle. */
  caBundle: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The names the API server may use to reach the Service (it uses `<svc>.<ns>.svc`). */
export function webhookDnsNames(serviceName: string, namespace: string): string[] {
  return [serviceName, `${serviceName}.${namespace}`, `${serviceName}.${namespace}.svc`, `${serviceName}.${namespace}.svc.cluster.local`];
}

/** Runs openssl with the given arguments; a missing binary or a failure becomes a one-line Error. */
function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') {
      throw new Error('openssl was not found on the PATH: install OpenSSL to generate webhook certificates, or use cert-manager (--tls cert-manager)');
    }
    const detail = (e.stderr?.toString('utf8') ?? e.message).split('\n').map((l) => l.trim()).find((l) => l !== '') ?? 'unknown error';
    throw new Error(`openssl ${args[0]} failed: ${detail}`);
  }
}

function newKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** A positive serial number of 127 random bits (RFC 5280 allows up to 20 octets). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  bytes[0] |= 0x01;
  return `0x${bytes.toString('hex')}`;
}

/**
 * A CA (EC P-256, CA:TRUE, pathlen 0) and a serving certificate signed by it for the webhook Service
 * (SANs: svc, svc.ns, svc.ns.svc, svc.ns.svc.cluster.local; extendedKeyUsage serverAuth), valid `days` (default 365).
 */
export function generateWebhookTls(opts: { serviceName: string; namespace: string; days?: number }): GeneratedTls {
  const { serviceName, namespace } = opts;
  const days = opts.days ?? 365;
  if (!DNS_LABEL.test(serviceName) || serviceName.length > 63) throw new Error(`invalid service name "${serviceName}"`);
  if (!DNS_LABEL.test(namespace) || namespace.length > 63) throw new Error(`invalid namespace "${namespace}"`);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error(`days must be an integer from 1 to 3650, not ${days}`);

  const dnsNames = webhookDnsNames(serviceName, namespace);
  const config = [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    `CN = ${serviceName}.${namespace}.svc`,
    '[ca_ext]',
    'basicConstraints = critical, CA:TRUE, pathlen:0',
    'keyUsage = critical, keyCertSign, cRLSign',
    'subjectKeyIdentifier = hash',
    '[server_ext]',
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature',
    'extendedKeyUsage = serverAuth',
    `subjectAltName = ${dnsNames.map((d) => `DNS:${d}`).join(', ')}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid, issuer',
    '',
  ].join('\n');

  const dir = mkdtempSync(join(tmpdir(), 'bulwark-tls-'));
  try {
    const write = (name: string, text: string) => writeFileSync(join(dir, name), text, { mode: 0o600 });
    write('openssl.cnf', config);
    write('ca.key', newKeyPem());
    const keyPem = newKeyPem();
    write('tls.key', keyPem);
    openssl(
      ['req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', String(days), '-config', 'openssl.cnf',
        '-subj', `/CN=${serviceName}.${namespace} webhook CA`, '-extensions', 'ca_ext', '-set_serial', serial(), '-out', 'ca.crt'],
      dir,
    );
    openssl(['req', '-new', '-key', 'tls.key', '-sha256', '-config', 'openssl.cnf', '-out', 'tls.csr'], dir);
    openssl(
      ['x509', '-req', '-in', 'tls.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', serial(), '-days', String(days), '-sha256',
        '-extfile', 'openssl.cnf', '-extensions', 'server_ext', '-out', 'tls.crt'],
      dir,
    );
    const caCertPem = readFileSync(join(dir, 'ca.crt'), 'utf8');
    const certPem = readFileSync(join(dir, 'tls.crt'), 'utf8');
    return { caCertPem, certPem, keyPem, caBundle: Buffer.from(caCertPem, 'utf8').toString('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes ca.crt, tls.crt (0644) and tls.key (0600) into `dir` (created if missing) and returns their paths.
 * An existing tls.key is narrowed to 0600 before the new key is written into it.
 */
export function writeTlsFiles(dir: string, tls: GeneratedTls): string[] {
  mkdirSync(dir, { recursive: true });
  const ca = join(dir, 'ca.crt');
  const cert = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  writeFileSync(ca, tls.caCertPem, { mode: 0o644 });
  writeFileSync(cert, tls.certPem, { mode: 0o644 });
  if (existsSync(key)) chmodSync(key, 0o600);
  writeFileSync(key, tls.keyPem, { mode: 0o600 });
  chmodSync(key, 0o600);
  return [ca, cert, key];
}
