import { resourceScopes } from '../../analyzers/resource-scope.js';
import { defineCheck } from '../define-check.js';

export const noDefaultNamespace = defineCheck({
  meta: {
    id: 'no-default-namespace',
    category: 'workload',
    severity: 'low',
    kinds: ['*'],
    stage: 'deploy',
    summary: 'Namespaced objects must be placed in a dedicated namespace, not in "default".',
    rationale:
      'The "default" namespace is where everything lands that nobody placed deliberately, so objects there share RBAC grants, NetworkPolicies, quotas and Pod Security labels with unrelated workloads, and a role granted in "default" for one application reaches all of them. A manifest without metadata.namespace goes wherever the kubectl context points, usually "default", and may land in a different namespace on every apply.',
    remediation: 'Set metadata.namespace to a namespace dedicated to the application (and create that Namespace with its own RBAC, NetworkPolicies and Pod Security labels).',
    references: [{ cis: '5.7.4' }, { url: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/' }],
    messages: {
      defaultNamespace: 'The {{kind}} is placed in the "default" namespace.',
      unsetNamespace:
        'The {{kind}} sets no metadata.namespace, so it lands in the namespace of the current kubectl context, usually "default".',
    },
  },
  check(obj, ctx) {
    // Cluster-scoped kinds have no namespace; custom resources count only when their CRD is in the
    // input and declares them Namespaced (many are cluster-scoped and would be false positives).
    if (ctx.facts.get(resourceScopes).scopeOf(obj) !== 'Namespaced') return;
    const ns = obj.metadata.namespace;
    if (ns === 'default') ctx.report({ messageId: 'defaultNamespace', data: { kind: obj.kind }, path: '/metadata/namespace' });
    else if (ns === undefined || ns === null || ns === '') {
      ctx.report({ messageId: 'unsetNamespace', data: { kind: obj.kind }, path: '/metadata/namespace' });
    }
  },
});
