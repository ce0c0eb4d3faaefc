import { defineCisSettingsCheck } from './cis-settings-check.js';

export const noApiserverTokenAuthFile = defineCisSettingsCheck({
  id: 'no-apiserver-token-auth-file',
  severity: 'high',
  cis: ['1.2.2'],
  kinds: ['Workload', 'ComponentProcess'],
  summary: 'The API server must not authenticate users with a static token file.',
  rationale:
    'Tokens in --token-auth-file are long-lived bearer credentials kept in plain text on the control-plane nodes; they cannot expire and cannot be revoked or rotated without restarting the API server, so a leaked token works until someone notices and edits the file on every control-plane node.',
  remediation:
    'Remove --token-auth-file from kube-apiserver and authenticate users with OIDC, a webhook or client certificates.',
  references: [{ url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file' }],
});
