import { CheckTester } from '../../testing/check-tester.js';
import { encryptionConfig, key } from '../../testing/control-plane.js';
import { noWeakEncryptionProvider } from './no-weak-encryption-provider.js';

const secrets = (...providers: unknown[]) => encryptionConfig([{ resources: ['secrets'], providers }]);

CheckTester.run(noWeakEncryptionProvider, {
  valid: [
    { name: 'aescbc 32-byte key with identity fallback', yaml: secrets({ aescbc: { keys: [{ name: 'k1', secret: key(32) }] } }, { identity: {} }) },
    { name: 'aesgcm 16-byte key (the docs allow 16, 24 or 32)', yaml: secrets({ aesgcm: { keys: [{ name: 'k1', secret: key(16) }] } }) },
    { name: 'kms v2 then secretbox', yaml: secrets({ kms: { apiVersion: 'v2', name: 'vault', endpoint: 'unix:///var/run/kms.sock' } }, { secretbox: { keys: [{ name: 's', secret: key(32) }] } }) },
    { name: 'identity-only opt-out entry is not a weakness of this check', yaml: encryptionConfig([{ resources: ['events'], providers: [{ identity: {} }] }]) },
    { name: 'legacy kind', yaml: `kind: EncryptionConfig\napiVersion: v1\nresources:\n- resources: [secrets]\n  providers:\n  - secretbox:\n      keys: [{name: k, secret: ${key(32)}}]\n` },
    { name: 'a custom resource reusing the kind name is ignored', yaml: `apiVersion: example.com/v1\nkind: EncryptionConfiguration\nmetadata: {name: x}\nresources: [{resources: [secrets], providers: [{kms: {}}]}]\n` },
  ],
  invalid: [
    {
      name: 'kms without apiVersion is v1',
      yaml: secrets({ kms: { name: 'old', endpoint: 'unix:///s' } }),
      findings: [{ messageId: 'kmsV1', path: '/resources/0/providers/0/kms', line: 7 }],
    },
    {
      name: 'explicit kms v1 in a fallback position',
      yaml: secrets({ aescbc: { keys: [{ name: 'k', secret: key(32) }] } }, { kms: { apiVersion: 'v1', name: 'old' } }),
      findings: [{ messageId: 'kmsV1', path: '/resources/0/providers/1/kms/apiVersion' }],
    },
    {
      name: 'short aescbc key and bad secretbox key',
      yaml: secrets({ aescbc: { keys: [{ name: 'k1', secret: key(32) }, { name: 'k2', secret: key(16) }] } }, { secretbox: { keys: [{ name: 's', secret: key(24) }] } }),
      findings: [
        { messageId: 'shortKey', path: '/resources/0/providers/0/aescbc/keys/1/secret', message: /"k2" of the aescbc provider is 16 bytes; the Kubernetes docs specify 32 bytes/ },
        { messageId: 'badKeyLength', path: '/resources/0/providers/1/secretbox/keys/0/secret', message: /decodes to 24 bytes; secretbox accepts 32 bytes/ },
      ],
    },
    {
      name: 'not base64, missing secret, empty keys, unknown provider',
      yaml: encryptionConfig([
        { resources: ['secrets'], providers: [{ aesgcm: { keys: [{ name: 'g', secret: 'hunter2!' }, { name: 'h' }] } }] },
        { resources: ['configmaps'], providers: [{ aescbc: { keys: [] } }, { 'aes-cbc': { keys: [] } }] },
      ]),
      findings: [
        { messageId: 'notBase64', path: '/resources/0/providers/0/aesgcm/keys/0/secret' },
        { messageId: 'missingSecret', path: '/resources/0/providers/0/aesgcm/keys/1' },
        { messageId: 'noKeys', path: '/resources/1/providers/0/aescbc/keys' },
        { messageId: 'unknownProvider', path: '/resources/1/providers/1' },
      ],
    },
  ],
});
