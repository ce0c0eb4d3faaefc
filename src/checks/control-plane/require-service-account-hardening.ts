import { defineCisSettingsCheck } from './cis-settings-check.js';

export const requireServiceAccountHardening = defineCisSettingsCheck({
  id: 'require-service-account-hardening',
  severity: 'medium',
  cis: ['1.2.21', '1.2.22', '1.2.30', '1.3.3', '1.3.4', '1.3.5'],
  kinds: ['Workload', 'ComponentProcess'],
  summary: 'Service account tokens must be signed with dedicated keys, checked against etcd, not silently extended, and controllers must use their own service accounts.',
  rationale:
    'With --service-account-lookup=false a token keeps working after its service account is deleted; without dedicated signing keys the API server falls back to its TLS key; --service-account-extend-token-expiration stretches short-lived tokens to a year; without --use-service-account-credentials every controller acts with the controller manager\'s broad identity, and without --root-ca-file pods cannot verify the API server they talk to.',
  remediation:
    'Set --service-account-key-file, --service-account-lookup=true (or leave it unset) and --service-account-extend-token-expiration=false on kube-apiserver, and --use-service-account-credentials=true, --service-account-private-key-file and --root-ca-file on kube-controller-manager.',
  references: [{ url: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/' }],
});
