import { CheckTester } from '../../testing/check-tester.js';
import { encryptionConfig, key, psLine, staticPod } from '../../testing/control-plane.js';
import { requireSecretsEncryptionAtRest } from './require-secrets-encryption-at-rest.js';

const AESCBC = { aescbc: { keys: [{ name: 'k1', secret: key(32) }] } };

CheckTester.run(requireSecretsEncryptionAtRest, {
  valid: [
    staticPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc/enc.yaml']),
    { name: 'config in the inputs too', yaml: `${psLine(['kube-apiserver', '--encryption-provider-config', '/etc/kubernetes/enc.yaml'])}---\n${encryptionConfig([{ resources: ['secrets'], providers: [AESCBC, { identity: {} }] }])}` },
    { name: 'core wildcard', yaml: encryptionConfig([{ resources: ['*.'], providers: [{ kms: { apiVersion: 'v2', name: 'k', endpoint: 'unix:///k.sock' } }] }]) },
    { name: 'events opted out before the wildcard', yaml: encryptionConfig([{ resources: ['events'], providers: [{ identity: {} }] }, { resources: ['*.*'], providers: [AESCBC] }]) },
    { name: 'other components are not concerned', yaml: staticPod('kube-scheduler', ['--profiling=false']) },
  ],
  invalid: [
    {
      name: 'API server without encryption',
      yaml: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
      findings: [{ messageId: 'noEncryptionConfig', path: '/spec/containers/0/command', line: 16 }],
    },
    {
      name: 'process line without encryption',
      yaml: psLine(['/usr/bin/kube-apiserver', '--secure-port=6443']),
      findings: [{ messageId: 'noEncryptionConfig', path: '/spec/argv', line: 9 }],
    },
    {
      name: 'identity first',
      yaml: encryptionConfig([{ resources: ['configmaps', 'secrets'], providers: [{ identity: {} }, AESCBC] }]),
      findings: [{ messageId: 'identityFirst', path: '/resources/0/providers/0', line: 8, message: /resources\[0\], matched by "secrets"/ }],
    },
    {
      name: 'an earlier identity entry shadows the wildcard',
      yaml: encryptionConfig([{ resources: ['secrets'], providers: [{ identity: {} }] }, { resources: ['*.*'], providers: [AESCBC] }]),
      findings: [{ messageId: 'identityFirst', path: '/resources/0/providers/0' }],
    },
    {
      name: 'secrets not covered (group wildcard only)',
      yaml: encryptionConfig([{ resources: ['*.apps', 'configmaps'], providers: [AESCBC] }]),
      findings: [{ messageId: 'secretsNotCovered', path: '/resources', line: 3 }],
    },
  ],
});
