import { CheckTester } from '../../testing/check-tester.js';
import { auditPolicy } from '../../testing/control-plane.js';
import { noSecretValuesInAuditLog } from './no-secret-values-in-audit-log.js';

const METADATA_SENSITIVE = { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps'] }, { group: 'authentication.k8s.io', resources: ['tokenreviews'] }] };

CheckTester.run(noSecretValuesInAuditLog, {
  valid: [
    { name: 'Metadata for sensitive resources before a RequestResponse catch-all', yaml: auditPolicy([METADATA_SENSITIVE, { level: 'RequestResponse' }]) },
    { name: 'Metadata everywhere', yaml: auditPolicy([{ level: 'Metadata' }]) },
    { name: 'bodies logged only for other resources', yaml: auditPolicy([{ level: 'RequestResponse', resources: [{ group: '', resources: ['pods'] }] }, { level: 'Metadata' }]) },
    { name: 'secrets excluded with None, configmaps and tokenreviews at Metadata', yaml: auditPolicy([{ level: 'None', resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata', resources: [{ group: '', resources: ['configmaps'] }, { group: 'authentication.k8s.io' }] }, { level: 'Request', resources: [{ group: 'apps' }] }]) },
    { name: 'Kyverno Policy is not an audit policy', yaml: 'apiVersion: kyverno.io/v1\nkind: Policy\nmetadata: {name: p, namespace: a}\nspec: {rules: [{level: RequestResponse}]}\n' },
  ],
  invalid: [
    {
      name: 'catch-all RequestResponse logs everything',
      yaml: auditPolicy([{ level: 'None', nonResourceURLs: ['/healthz*'] }, { level: 'RequestResponse' }]),
      findings: [{ messageId: 'bodiesLogged', path: '/rules/1/level', line: 7, message: /rules\[1\] \(level RequestResponse\) is the first rule matching secrets, configmaps, tokenreviews \(bearer tokens\) requests, e\.g\. any user: get secrets in default/ }],
    },
    {
      name: 'Metadata rule placed after the Request rule that shadows it',
      yaml: auditPolicy([{ level: 'Request', resources: [{ group: '', resources: ['*'] }] }, METADATA_SENSITIVE]),
      findings: [{ messageId: 'bodiesLogged', path: '/rules/0/level', message: /secrets, configmaps requests/ }],
    },
    {
      name: 'one user, one namespace',
      yaml: auditPolicy([
        { level: 'RequestResponse', users: ['ci-bot'], namespaces: ['prod'], resources: [{ group: '', resources: ['secrets'] }] },
        { level: 'Request', verbs: ['create'], resources: [{ group: 'authentication.k8s.io', resources: ['tokenreviews'] }] },
        METADATA_SENSITIVE,
      ]),
      findings: [
        { messageId: 'bodiesLogged', path: '/rules/0/level', message: /user ci-bot: get secrets in prod/ },
        { messageId: 'bodiesLogged', path: '/rules/1/level', message: /tokenreviews \(bearer tokens\) requests, e\.g\. any user: create authentication\.k8s\.io\/tokenreviews/ },
      ],
    },
  ],
});
