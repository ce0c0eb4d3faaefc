import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { generateWebhookTls, webhookDnsNames, writeTlsFiles } from './tls-files.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('generateWebhookTls', () => {
  const tls = generateWebhookTls({ serviceName: 'bulwark-webhook', namespace: 'bulwark-system', days: 30 });
  const ca = new X509Certificate(tls.caCertPem);
  const cert = new X509Certificate(tls.certPem);

  it('CA is a CA; the serving certificate is not', () => {
    assert.equal(ca.ca, true);
    assert.equal(cert.ca, false);
  });

  it('the serving certificate is issued and signed by the CA', () => {
    assert.ok(cert.checkIssued(ca));
    assert.ok(cert.verify(ca.publicKey));
    assert.ok(ca.verify(ca.publicKey), 'the CA is self-signed');
    const other = new X509Certificate(generateWebhookTls({ serviceName: 'bulwark-webhook', namespace: 'bulwark-system' }).caCertPem);
    assert.equal(cert.checkIssued(other), false);
    assert.equal(cert.verify(other.publicKey), false);
  });

  it('SANs cover every name of the Service', () => {
    assert.deepEqual(webhookDnsNames('bulwark-webhook', 'bulwark-system'), [
      'bulwark-webhook',
      'bulwark-webhook.bulwark-system',
      'bulwark-webhook.bulwark-system.svc',
      'bulwark-webhook.bulwark-system.svc.cluster.local',
    ]);
    assert.equal(cert.subjectAltName, webhookDnsNames('bulwark-webhook', 'bulwark-system').map((d) => `DNS:${d}`).join(', '));
    assert.equal(cert.checkHost('bulwark-webhook.bulwark-system.svc'), 'bulwark-webhook.bulwark-system.svc');
    assert.equal(cert.checkHost('other.bulwark-system.svc'), undefined);
  });

  it('the serving certificate is for server authentication', () => {
    assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
  });

  it('the private key matches the serving certificate and is not the CA key', () => {
    const key = createPrivateKey(tls.keyPem);
    assert.ok(cert.checkPrivateKey(key));
    assert.equal(ca.checkPrivateKey(key), false);
    assert.equal(key.asymmetricKeyType, 'ec');
  });

  it('validity is `days` long and starts now', () => {
    const from = Date.parse(cert.validFrom);
    const to = Date.parse(cert.validTo);
    assert.ok(Math.abs(from - Date.now()) < 10 * 60_000);
    assert.ok(Math.abs(to - from - 30 * 86_400_000) < 2 * 86_400_000, `${cert.validFrom} .. ${cert.validTo}`);
  });

  it('caBundle is the base64 of the CA PEM', () => {
    assert.equal(Buffer.from(tls.caBundle, 'base64').toString('utf8'), tls.caCertPem);
  });

  it('serial numbers differ between runs', () => {
    const again = generateWebhookTls({ serviceName: 'bulwark-webhook', namespace: 'bulwark-system' });
    assert.notEqual(new X509Certificate(again.certPem).serialNumber, cert.serialNumber);
  });

  it('rejects names that are not DNS labels and bad validity', () => {
    assert.throws(() => generateWebhookTls({ serviceName: 'x\nDNS:evil.example', namespace: 'ns' }), /invalid service name/);
    assert.throws(() => generateWebhookTls({ serviceName: 'svc', namespace: 'Bad NS' }), /invalid namespace/);
    assert.throws(() => generateWebhookTls({ serviceName: 'svc', namespace: 'ns', days: 0 }), /days/);
  });

  it('a missing openssl is one clear error', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      assert.throws(() => generateWebhookTls({ serviceName: 'svc', namespace: 'ns' }), /^Error: openssl was not found on the PATH/);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('writeTlsFiles', () => {
  const tls = generateWebhookTls({ serviceName: 'svc', namespace: 'ns' });

  it('writes ca.crt, tls.crt and a 0600 tls.key, creating the directory', () => {
    const base = mkdtempSync(join(tmpdir(), 'bulwark-tls-test-'));
    dirs.push(base);
    const dir = join(base, 'nested', 'tls');
    const paths = writeTlsFiles(dir, tls);
    assert.deepEqual(paths, [join(dir, 'ca.crt'), join(dir, 'tls.crt'), join(dir, 'tls.key')]);
    assert.equal(readFileSync(paths[0], 'utf8'), tls.caCertPem);
    assert.equal(readFileSync(paths[1], 'utf8'), tls.certPem);
    assert.equal(readFileSync(paths[2], 'utf8'), tls.keyPem);
    if (process.platform !== 'win32') assert.equal(statSync(paths[2]).mode & 0o777, 0o600);
  });

  it('narrows an existing, readable tls.key to 0600 when overwriting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-tls-test-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'tls.key'), 'old', { mode: 0o644 });
    const [, , key] = writeTlsFiles(dir, tls);
    assert.equal(readFileSync(key, 'utf8'), tls.keyPem);
    if (process.platform !== 'win32') assert.equal(statSync(key).mode & 0o777, 0o600);
  });
});
