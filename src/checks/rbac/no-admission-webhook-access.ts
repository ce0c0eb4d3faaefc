import { riskyPermissionCheck } from './risky-permission.js';

export const noAdmissionWebhookAccess = riskyPermissionCheck(
  {
    id: 'no-admission-webhook-access',
    severity: 'high',
    summary: 'Subjects other than Kubernetes components must not be able to change admission webhooks or admission policies.',
    rationale:
      'Admission webhooks and ValidatingAdmissionPolicies enforce the cluster\'s security policy. Whoever can create, change or delete them can switch that enforcement off, and a mutating webhook of their own sees every object sent to the API server, Secrets included, and can rewrite any pod (add a container, mount the node filesystem) as it is created.',
    remediation:
      'Remove create, update, patch, delete and deletecollection on validatingwebhookconfigurations, mutatingwebhookconfigurations, validatingadmissionpolicies and validatingadmissionpolicybindings (and mutating admission policies) from the role; let only the cluster\'s deployment pipeline manage them.',
    references: [{ cis: '5.1.12' }, { url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}}, and so disable policy enforcement or intercept objects sent to the API server: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it by a ClusterRoleBinding will control admission.',
    },
  },
  {
    probes: [
      {
        verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
        group: 'admissionregistration.k8s.io',
        resources: [
          'validatingwebhookconfigurations',
          'mutatingwebhookconfigurations',
          'validatingadmissionpolicies',
          'validatingadmissionpolicybindings',
          'mutatingadmissionpolicies',
          'mutatingadmissionpolicybindings',
        ],
        clusterScoped: true,
      },
    ],
  },
);
