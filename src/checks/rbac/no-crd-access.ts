import { riskyPermissionCheck } from './risky-permission.js';

export const noCrdAccess = riskyPermissionCheck(
  {
    id: 'no-crd-access',
    severity: 'medium',
    summary: 'Subjects other than Kubernetes components must not be able to change CustomResourceDefinitions.',
    rationale:
      'CustomResourceDefinitions are cluster-wide API definitions. Whoever can change or delete one can delete every custom resource of that type in every namespace (security policies, certificates, operator configurations), loosen its validation schema, or point its conversion webhook at a service they control, which then receives every object of that type.',
    remediation:
      'Remove create, update, patch, delete and deletecollection on customresourcedefinitions from the role; install CRDs through the cluster\'s deployment pipeline.',
    references: [{ url: 'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/' }],
    messages: {
      clusterWide: '{{subjects}} can {{access}}, and so redefine or delete custom APIs for the whole cluster: ClusterRoleBinding "{{binding}}" grants {{role}} ({{rules}}).',
      unbound: '{{role}} grants {{access}} ({{rules}}); no binding in the input refers to it, but every subject bound to it by a ClusterRoleBinding will be able to change custom APIs.',
    },
  },
  {
    probes: [
      {
        verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
        group: 'apiextensions.k8s.io',
        resources: ['customresourcedefinitions'],
        clusterScoped: true,
      },
    ],
  },
);
