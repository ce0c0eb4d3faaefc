/**
 * The RBAC fact answers access questions exactly as a real API server's SubjectAccessReview does.
 *
 * Each row gives the objects (YAML, on top of the Kubernetes 1.26 bootstrap policy the analyzer always
 * knows), an identity as an authenticator would present it (user name plus every group it is in, so the
 * answer never depends on groups being added implicitly), a request as a SubjectAccessReview's
 * resourceAttributes / nonResourceAttributes, the answer the API server gives and the rule of the
 * Kubernetes documentation (https://kubernetes.io/docs/reference/access-authn-authz/rbac/, "RBAC doc"
 * below) or of the RBAC authorizer (plugin/pkg/auth/authorizer/rbac, rbacv1 evaluation helpers) that
 * decides it.
 *
 * For every row three answers are compared with the expected one:
 *   - allowedBy(identity, request) is non-empty;
 *   - whoCan(request) lists a subject that names the identity (SubjectAccessReview semantics: the
 *     subjects who-can returns are exactly those a review would allow);
 *   - every grant returned applies where the request is made (a RoleBinding only in its namespace,
 *     nothing namespaced for a non-resource URL) and names the identity (allowedBy).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Facts } from '../src/analyzers/facts.js';
import { rbacAnalyzer } from '../src/analyzers/rbac/rbac-analyzer.js';
import type { AccessRequest, Grant, Identity, NonResourceRequest, RbacFacts, ResourceRequest, Subject } from '../src/analyzers/rbac/rbac-types.js';
import { Inventory } from '../src/inventory/inventory.js';
import { parseManifests } from '../src/sources/manifest-parser.js';

// ───────────────────────────── identities ─────────────────────────────

/** An authenticated user: the authenticator always adds system:authenticated. */
function user(name: string, ...groups: string[]): Identity {
  return { user: name, groups: [...groups, 'system:authenticated'] };
}

/** A ServiceAccount token: user system:serviceaccount:<ns>:<name> in the three service account groups. */
function sa(namespace: string, name: string): Identity {
  return {
    user: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

/** An anonymous request (--anonymous-auth=true): system:anonymous in system:unauthenticated. */
const ANONYMOUS: Identity = { user: 'system:anonymous', groups: ['system:unauthenticated'] };

// ───────────────────────────── requests ─────────────────────────────

/**
 * A resource request. `target` is `resource[.group][/subresource]` (`pods/exec`, `deployments.apps/scale`,
 * `crontabs.stable.example.com`); no namespace means a cluster-scoped request or one across all namespaces.
 */
function req(verb: string, target: string, namespace?: string, name?: string): ResourceRequest {
  const slash = target.indexOf('/');
  const resourceAndGroup = slash < 0 ? target : target.slice(0, slash);
  const subresource = slash < 0 ? undefined : target.slice(slash + 1);
  const dot = resourceAndGroup.indexOf('.');
  const request: ResourceRequest = {
    verb,
    resource: dot < 0 ? resourceAndGroup : resourceAndGroup.slice(0, dot),
    group: dot < 0 ? '' : resourceAndGroup.slice(dot + 1),
  };
  if (subresource !== undefined) request.subresource = subresource;
  if (namespace !== undefined) request.namespace = namespace;
  if (name !== undefined) request.name = name;
  return request;
}

/** A non-resource request: the verb is the lower-cased HTTP method (RBAC doc, "Request verbs"). */
function url(verb: string, path: string): NonResourceRequest {
  return { verb, path };
}

// ───────────────────────────── objects ─────────────────────────────

/** Only the bootstrap policy. */
const NONE = '';

/** RBAC doc, "Role example" and "RoleBinding examples" (read-pods, read-secrets, read-secrets-global). */
const DOC_EXAMPLES = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { namespace: default, name: pod-reader }
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "watch", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: read-pods, namespace: default }
subjects:
- { kind: User, name: jane, apiGroup: rbac.authorization.k8s.io }
roleRef: { kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: secret-reader }
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "watch", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: read-secrets, namespace: development }
subjects:
- { kind: User, name: dave, apiGroup: rbac.authorization.k8s.io }
roleRef: { kind: ClusterRole, name: secret-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: read-secrets-global }
subjects:
- { kind: Group, name: manager, apiGroup: rbac.authorization.k8s.io }
roleRef: { kind: ClusterRole, name: secret-reader, apiGroup: rbac.authorization.k8s.io }
`;

/** RBAC doc, "Referring to resources": subresources and resourceNames. Bound to alice in default. */
const RESOURCE_FORMS = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { namespace: default, name: pod-and-pod-logs-reader }
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { namespace: default, name: configmap-updater }
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  resourceNames: ["my-configmap"]
  verbs: ["update", "get", "list", "watch", "create", "deletecollection", "delete"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: alice-logs, namespace: default }
subjects: [{ kind: User, name: alice, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: pod-and-pod-logs-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: alice-configmap, namespace: default }
subjects: [{ kind: User, name: alice, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: configmap-updater, apiGroup: rbac.authorization.k8s.io }
`;

/** '*' in verbs, apiGroups, resources, '*\/subresource', and non-resource URL suffix globs. */
const WILDCARDS = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { namespace: wild, name: core-everything }
rules:
- apiGroups: [""]
  resources: ["*"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { namespace: wild, name: any-group-deployments }
rules:
- apiGroups: ["*"]
  resources: ["deployments"]
  verbs: ["list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { namespace: wild, name: scale-anything }
rules:
- apiGroups: ["apps"]
  resources: ["*/scale"]
  verbs: ["update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { namespace: wild, name: pods-star }
rules:
- apiGroups: [""]
  resources: ["pods/*"]
  verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { namespace: wild, name: all-verbs-on-roles }
rules:
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: wild-user, namespace: wild }
subjects: [{ kind: User, name: wanda, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: core-everything, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: wild-user-2, namespace: wild }
subjects: [{ kind: User, name: wanda, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: any-group-deployments, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: wild-user-3, namespace: wild }
subjects: [{ kind: User, name: wanda, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: scale-anything, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: wild-user-4, namespace: wild }
subjects: [{ kind: User, name: wanda, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: pods-star, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: wild-user-5, namespace: wild }
subjects: [{ kind: User, name: wanda, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: all-verbs-on-roles, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { namespace: literal, name: not-wildcards }
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  resourceNames: ["*"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["GET"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: literal-user, namespace: literal }
subjects: [{ kind: User, name: lila, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: not-wildcards, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: all-resources-no-urls }
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: star-user }
subjects: [{ kind: User, name: star, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: all-resources-no-urls, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: health-and-logs }
rules:
- nonResourceURLs: ["/healthz", "/healthz/*", "/logs/*"]
  verbs: ["get", "post"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: monitor-health }
subjects: [{ kind: User, name: monitor, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: health-and-logs, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: monitor-health-in-ns, namespace: wild }
subjects: [{ kind: User, name: nsmonitor, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: health-and-logs, apiGroup: rbac.authorization.k8s.io }
`;

/** Scoping: a ClusterRole for nodes bound in a namespace, a ClusterRoleBinding to a Role, a RoleBinding to another namespace's Role. */
const SCOPING = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: node-reader }
rules:
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: nodes-in-a-namespace, namespace: ops }
subjects: [{ kind: User, name: olga, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: node-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: nodes-everywhere }
subjects: [{ kind: User, name: nora, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: node-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { namespace: default, name: pod-reader }
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: cluster-binding-to-a-role }
subjects: [{ kind: User, name: carl, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: role-of-another-namespace, namespace: team-b }
subjects: [{ kind: User, name: bea, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: cluster-admin-in-acme, namespace: acme }
subjects: [{ kind: User, name: ada, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: Jane-is-not-jane, namespace: default }
subjects: [{ kind: User, name: Jane, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io }
`;

/** RBAC doc, "Referring to subjects": service accounts and the system groups. */
const SUBJECTS = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: configmap-reader }
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: default-sa, namespace: kube-system }
subjects: [{ kind: ServiceAccount, name: default, namespace: kube-system }]
roleRef: { kind: ClusterRole, name: configmap-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: all-sa-of-qa, namespace: shared }
subjects: [{ kind: Group, name: "system:serviceaccounts:qa", apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: configmap-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: all-sa, namespace: sa-only }
subjects: [{ kind: Group, name: "system:serviceaccounts", apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: configmap-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: all-authenticated, namespace: public-ish }
subjects: [{ kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: configmap-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: all-unauthenticated, namespace: anon }
subjects: [{ kind: Group, name: "system:unauthenticated", apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: configmap-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: sa-without-namespace, namespace: builds }
subjects: [{ kind: ServiceAccount, name: builder }]
roleRef: { kind: ClusterRole, name: configmap-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: cluster-sa-without-namespace }
subjects: [{ kind: ServiceAccount, name: deployer }]
roleRef: { kind: ClusterRole, name: configmap-reader, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: cluster-sa }
subjects: [{ kind: ServiceAccount, name: robot, namespace: ci }]
roleRef: { kind: ClusterRole, name: configmap-reader, apiGroup: rbac.authorization.k8s.io }
`;

/**
 * The default user-facing roles bound in namespace dev (RBAC doc, "User-facing roles"), plus the
 * aggregation examples of the RBAC doc ("Aggregated ClusterRoles").
 */
const USER_FACING = `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: viewer, namespace: dev }
subjects: [{ kind: User, name: vic, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: editor, namespace: dev }
subjects: [{ kind: User, name: eve, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: edit, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: administrator, namespace: dev }
subjects: [{ kind: User, name: adam, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: admin, apiGroup: rbac.authorization.k8s.io }
---
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: aggregate-cron-tabs-edit
  labels:
    rbac.authorization.k8s.io/aggregate-to-admin: "true"
    rbac.authorization.k8s.io/aggregate-to-edit: "true"
rules:
- apiGroups: ["stable.example.com"]
  resources: ["crontabs"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
---
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: aggregate-cron-tabs-view
  labels:
    rbac.authorization.k8s.io/aggregate-to-view: "true"
rules:
- apiGroups: ["stable.example.com"]
  resources: ["crontabs"]
  verbs: ["get", "list", "watch"]
---
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: aggregate-widgets-view-only
  labels:
    rbac.authorization.k8s.io/aggregate-to-view: "true"
rules:
- apiGroups: ["example.com"]
  resources: ["widgets"]
  verbs: ["get"]
---
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: monitoring
aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      rbac.example.com/aggregate-to-monitoring: "true"
rules: []
---
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: aggregated-with-own-rules
aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      rbac.example.com/aggregate-to-nothing: "true"
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: aggregated-with-own-rules }
subjects: [{ kind: User, name: otto, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: aggregated-with-own-rules, apiGroup: rbac.authorization.k8s.io }
---
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: monitoring-endpoints
  labels:
    rbac.example.com/aggregate-to-monitoring: "true"
rules:
- apiGroups: [""]
  resources: ["services", "endpoints", "pods"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: monitoring }
subjects: [{ kind: ServiceAccount, name: prometheus, namespace: monitoring }]
roleRef: { kind: ClusterRole, name: monitoring, apiGroup: rbac.authorization.k8s.io }
`;

// ───────────────────────────── the table ─────────────────────────────

interface Row {
  objects: string;
  identity: Identity;
  request: AccessRequest;
  allowed: boolean;
  /** The documented rule that decides the answer. */
  rule: string;
}

export const ROWS: Row[] = [
  // ── deny by default, cluster-admin ──
  { objects: NONE, identity: user('alice'), request: req('get', 'pods', 'default'), allowed: false,
    rule: 'RBAC doc: permissions are purely additive (there are no "deny" rules); nothing grants alice pods' },
  { objects: NONE, identity: user('root', 'system:masters'), request: req('delete', 'nodes', undefined, 'node-1'), allowed: true,
    rule: 'RBAC doc, user-facing roles: cluster-admin is bound to the system:masters group and allows any action on any resource' },
  { objects: NONE, identity: user('root', 'system:masters'), request: req('escalate', 'clusterroles.rbac.authorization.k8s.io'), allowed: true,
    rule: 'cluster-admin: verbs ["*"] include escalate' },
  { objects: NONE, identity: user('root', 'system:masters'), request: url('delete', '/metrics'), allowed: true,
    rule: 'cluster-admin has a nonResourceURLs ["*"] rule with verbs ["*"]' },
  { objects: NONE, identity: user('root', 'system:masters'), request: req('get', 'secrets', 'kube-system', 'any'), allowed: true,
    rule: 'cluster-admin through a ClusterRoleBinding: full control in all namespaces' },

  // ── discovery roles (RBAC doc, "Discovery roles") ──
  { objects: NONE, identity: user('alice'), request: url('get', '/api'), allowed: true,
    rule: 'system:discovery (bound to system:authenticated) allows get on /api' },
  { objects: NONE, identity: user('alice'), request: url('get', '/apis/apps/v1'), allowed: true,
    rule: 'system:discovery lists /apis/*; "*" in a nonResourceURL is a suffix glob match' },
  { objects: NONE, identity: user('alice'), request: url('get', '/openapi/v2'), allowed: true,
    rule: 'system:discovery lists /openapi/*' },
  { objects: NONE, identity: user('alice'), request: url('get', '/version'), allowed: true,
    rule: 'system:discovery and system:public-info-viewer allow get /version' },
  { objects: NONE, identity: user('alice'), request: url('post', '/api'), allowed: false,
    rule: 'the discovery roles grant only the get verb (a non-resource verb is the lower-cased HTTP method)' },
  { objects: NONE, identity: user('alice'), request: url('get', '/healthz/etcd'), allowed: false,
    rule: 'the discovery roles list /healthz exactly, not /healthz/*: no suffix match for subpaths' },
  { objects: NONE, identity: user('alice'), request: url('get', '/metrics'), allowed: false,
    rule: '/metrics is in no default role granted to system:authenticated' },
  { objects: NONE, identity: user('alice'), request: req('create', 'selfsubjectaccessreviews.authorization.k8s.io'), allowed: true,
    rule: 'system:basic-user (bound to system:authenticated): read-only access to basic information about themselves (create selfsubjectaccessreviews)' },
  { objects: NONE, identity: user('alice'), request: req('create', 'selfsubjectrulesreviews.authorization.k8s.io'), allowed: true,
    rule: 'system:basic-user allows create selfsubjectrulesreviews' },
  { objects: NONE, identity: user('alice'), request: req('create', 'subjectaccessreviews.authorization.k8s.io'), allowed: false,
    rule: 'system:basic-user covers only the self* reviews, not SubjectAccessReviews about others' },
  { objects: NONE, identity: ANONYMOUS, request: url('get', '/healthz'), allowed: true,
    rule: 'system:public-info-viewer is bound to system:authenticated and system:unauthenticated: /healthz' },
  { objects: NONE, identity: ANONYMOUS, request: url('get', '/livez'), allowed: true,
    rule: 'system:public-info-viewer: /livez' },
  { objects: NONE, identity: ANONYMOUS, request: url('get', '/readyz'), allowed: true,
    rule: 'system:public-info-viewer: /readyz' },
  { objects: NONE, identity: ANONYMOUS, request: url('get', '/version'), allowed: true,
    rule: 'system:public-info-viewer: /version' },
  { objects: NONE, identity: ANONYMOUS, request: url('get', '/api'), allowed: false,
    rule: 'system:discovery is bound to system:authenticated only (since 1.14, no longer to system:unauthenticated)' },
  { objects: NONE, identity: ANONYMOUS, request: req('create', 'selfsubjectaccessreviews.authorization.k8s.io'), allowed: false,
    rule: 'system:basic-user is bound to system:authenticated only (since 1.14)' },

  // ── RoleBinding vs ClusterRoleBinding scoping (RBAC doc, "RoleBinding and ClusterRoleBinding") ──
  { objects: DOC_EXAMPLES, identity: user('jane'), request: req('list', 'pods', 'default'), allowed: true,
    rule: 'read-pods: a RoleBinding grants the Role pod-reader to jane within default' },
  { objects: DOC_EXAMPLES, identity: user('jane'), request: req('list', 'pods', 'kube-system'), allowed: false,
    rule: 'a RoleBinding grants only within its namespace' },
  { objects: DOC_EXAMPLES, identity: user('jane'), request: req('list', 'pods'), allowed: false,
    rule: 'a request across all namespaces is authorized only by ClusterRoleBindings' },
  { objects: DOC_EXAMPLES, identity: user('jane'), request: req('delete', 'pods', 'default', 'web'), allowed: false,
    rule: 'pod-reader grants get/watch/list only' },
  { objects: DOC_EXAMPLES, identity: user('dave'), request: req('get', 'secrets', 'development', 'db'), allowed: true,
    rule: 'read-secrets: a RoleBinding to the ClusterRole secret-reader lets dave read secrets in development' },
  { objects: DOC_EXAMPLES, identity: user('dave'), request: req('get', 'secrets', 'production', 'db'), allowed: false,
    rule: '"dave will only be able to read secrets in the development namespace (the namespace of the RoleBinding)"' },
  { objects: DOC_EXAMPLES, identity: user('dave'), request: req('list', 'secrets'), allowed: false,
    rule: 'a RoleBinding to a ClusterRole does not grant across all namespaces' },
  { objects: DOC_EXAMPLES, identity: user('mia', 'manager'), request: req('get', 'secrets', 'production', 'db'), allowed: true,
    rule: 'read-secrets-global: a ClusterRoleBinding lets anyone in the group manager read secrets in any namespace' },
  { objects: DOC_EXAMPLES, identity: user('mia', 'manager'), request: req('list', 'secrets'), allowed: true,
    rule: 'a ClusterRoleBinding also grants across all namespaces (kubectl get secrets --all-namespaces)' },
  { objects: DOC_EXAMPLES, identity: user('mia'), request: req('get', 'secrets', 'production', 'db'), allowed: false,
    rule: 'the same user outside the group manager: the Group subject does not apply' },
  { objects: SCOPING, identity: user('olga'), request: req('list', 'nodes'), allowed: false,
    rule: 'nodes are cluster-scoped: "this must be in a ClusterRole bound with a ClusterRoleBinding to be effective"; a RoleBinding does not grant it' },
  { objects: SCOPING, identity: user('nora'), request: req('list', 'nodes'), allowed: true,
    rule: 'node-reader bound with a ClusterRoleBinding grants the cluster-scoped nodes' },
  { objects: SCOPING, identity: user('carl'), request: req('get', 'pods', 'default', 'web'), allowed: false,
    rule: 'a ClusterRoleBinding may only reference a ClusterRole (the API server rejects roleRef kind Role; the authorizer cannot resolve a Role without a namespace)' },
  { objects: SCOPING, identity: user('carl'), request: req('list', 'pods'), allowed: false,
    rule: 'a ClusterRoleBinding to a Role grants nothing, not even across namespaces' },
  { objects: SCOPING, identity: user('bea'), request: req('get', 'pods', 'team-b', 'web'), allowed: false,
    rule: 'a RoleBinding references a Role in its own namespace; pod-reader exists only in default' },
  { objects: SCOPING, identity: user('bea'), request: req('get', 'pods', 'default', 'web'), allowed: false,
    rule: 'a RoleBinding in team-b grants nothing in default' },
  { objects: SCOPING, identity: user('ada'), request: req('delete', 'deployments.apps', 'acme', 'web'), allowed: true,
    rule: 'cluster-admin in a RoleBinding: full control over every resource in the rolebinding\'s namespace' },
  { objects: SCOPING, identity: user('ada'), request: req('delete', 'namespaces', 'acme', 'acme'), allowed: true,
    rule: 'cluster-admin in a RoleBinding includes the namespace itself (a request on namespace acme carries namespace acme)' },
  { objects: SCOPING, identity: user('ada'), request: req('delete', 'namespaces', 'other', 'other'), allowed: false,
    rule: 'cluster-admin bound in acme grants nothing on other namespaces' },
  { objects: SCOPING, identity: user('ada'), request: url('get', '/metrics'), allowed: false,
    rule: 'non-resource URLs are authorized by ClusterRoleBindings only; cluster-admin through a RoleBinding does not grant them' },
  { objects: SCOPING, identity: user('jane'), request: req('get', 'pods', 'default', 'web'), allowed: false,
    rule: 'user names are case sensitive ("Name is case sensitive"): a subject Jane does not name jane' },
  { objects: SCOPING, identity: user('Jane'), request: req('get', 'pods', 'default', 'web'), allowed: true,
    rule: 'the subject Jane names the user Jane' },

  // ── subresources and resourceNames (RBAC doc, "Referring to resources") ──
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('get', 'pods/log', 'default', 'web'), allowed: true,
    rule: 'resources: ["pods", "pods/log"]: "pods" is the resource, "log" a subresource, written pods/log' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('get', 'pods', 'default', 'web'), allowed: true,
    rule: 'pods is listed' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('create', 'pods/exec', 'default', 'web'), allowed: false,
    rule: 'a subresource must be listed itself: pods and pods/log do not grant pods/exec' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('get', 'pods/exec', 'default', 'web'), allowed: false,
    rule: 'pods/exec is not listed, whatever the verb' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('get', 'configmaps', 'default', 'my-configmap'), allowed: true,
    rule: 'resourceNames: ["my-configmap"]: get of that instance' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('update', 'configmaps', 'default', 'my-configmap'), allowed: true,
    rule: 'resourceNames: update of that instance' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('delete', 'configmaps', 'default', 'my-configmap'), allowed: true,
    rule: 'resourceNames: delete of that instance' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('get', 'configmaps', 'default', 'other-configmap'), allowed: false,
    rule: 'resourceNames restricts the rule to the listed instances' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('list', 'configmaps', 'default'), allowed: false,
    rule: '"if resourceNames are set, the verb must not be list, watch, create, or deletecollection": the name is not in the URL, so the rule does not match' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('watch', 'configmaps', 'default'), allowed: false,
    rule: 'resourceNames: a collection watch has no name' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('create', 'configmaps', 'default'), allowed: false,
    rule: 'resourceNames: create requests carry no name at authorization time' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('deletecollection', 'configmaps', 'default'), allowed: false,
    rule: 'resourceNames: deletecollection has no name' },
  { objects: RESOURCE_FORMS, identity: user('alice'), request: req('get', 'configmaps', 'other-ns', 'my-configmap'), allowed: false,
    rule: 'the Role and RoleBinding are in default only' },

  // ── '*' forms (rbacv1 helpers VerbMatches, APIGroupMatches, ResourceMatches, NonResourceURLMatches) ──
  { objects: WILDCARDS, identity: user('wanda'), request: req('get', 'pods/exec', 'wild', 'web'), allowed: true,
    rule: 'resources ["*"] matches every resource of the listed groups, subresources included' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('get', 'secrets', 'wild', 'db'), allowed: true,
    rule: 'resources ["*"] in the core group includes secrets' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('get', 'deployments.apps', 'wild', 'web'), allowed: false,
    rule: 'resources ["*"] with apiGroups [""] is limited to the core group' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('list', 'deployments.apps', 'wild'), allowed: true,
    rule: 'apiGroups ["*"] matches every group (deployments in apps)' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('list', 'deployments.extensions', 'wild'), allowed: true,
    rule: 'apiGroups ["*"] matches every group (deployments in extensions)' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('update', 'deployments.apps/scale', 'wild', 'web'), allowed: true,
    rule: 'resources ["*/scale"] matches the scale subresource of every resource' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('update', 'statefulsets.apps/scale', 'wild', 'db'), allowed: true,
    rule: '"*/scale" matches statefulsets/scale too' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('update', 'deployments.apps', 'wild', 'web'), allowed: false,
    rule: '"*/scale" matches only the subresource, not the resource itself' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('create', 'pods/exec', 'wild', 'web'), allowed: false,
    rule: 'there is no "pods/*" wildcard: that rule resource matches only a subresource literally named "*"' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('escalate', 'roles.rbac.authorization.k8s.io', 'wild', 'r'), allowed: true,
    rule: 'verbs ["*"] include escalate' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('bind', 'roles.rbac.authorization.k8s.io', 'wild', 'r'), allowed: true,
    rule: 'verbs ["*"] include bind' },
  { objects: WILDCARDS, identity: user('wanda'), request: req('escalate', 'clusterroles.rbac.authorization.k8s.io'), allowed: false,
    rule: 'the rule names roles, not clusterroles, and is bound in one namespace' },
  { objects: WILDCARDS, identity: user('lila'), request: req('get', 'configmaps', 'literal', 'app-config'), allowed: false,
    rule: 'authorizer ResourceNameMatches: resourceNames are compared literally; "*" there is not a wildcard' },
  { objects: WILDCARDS, identity: user('lila'), request: req('get', 'configmaps', 'literal', '*'), allowed: true,
    rule: 'resourceNames ["*"] allows the object literally named "*"' },
  { objects: WILDCARDS, identity: user('lila'), request: req('get', 'secrets', 'literal', 'db'), allowed: false,
    rule: 'authorizer VerbMatches compares verbs exactly: a rule verb "GET" does not allow the request verb get' },
  { objects: WILDCARDS, identity: user('star'), request: req('impersonate', 'users'), allowed: true,
    rule: 'apiGroups/resources/verbs ["*"] through a ClusterRoleBinding: every resource request' },
  { objects: WILDCARDS, identity: user('star'), request: url('get', '/healthz/etcd'), allowed: false,
    rule: 'a rule without nonResourceURLs never matches a non-resource request, even with every "*" (cluster-admin has a separate nonResourceURLs rule)' },
  { objects: WILDCARDS, identity: user('monitor'), request: url('get', '/healthz'), allowed: true,
    rule: 'nonResourceURLs ["/healthz", "/healthz/*"] (RBAC doc rule example)' },
  { objects: WILDCARDS, identity: user('monitor'), request: url('post', '/healthz/etcd'), allowed: true,
    rule: '"*" in a nonResourceURL is a suffix glob match: /healthz/* covers /healthz/etcd; post is listed' },
  { objects: WILDCARDS, identity: user('monitor'), request: url('get', '/logs/kube-apiserver.log'), allowed: true,
    rule: '/logs/* covers every path under /logs/' },
  { objects: WILDCARDS, identity: user('monitor'), request: url('get', '/logs'), allowed: false,
    rule: '/logs/* is the prefix "/logs/": the path /logs itself does not start with it' },
  { objects: WILDCARDS, identity: user('monitor'), request: url('delete', '/healthz'), allowed: false,
    rule: 'only get and post are listed' },
  { objects: WILDCARDS, identity: user('nsmonitor'), request: url('get', '/logs/kube-apiserver.log'), allowed: false,
    rule: 'non-resource endpoints: "must be in a ClusterRole bound with a ClusterRoleBinding to be effective"; a RoleBinding does not grant them' },

  // ── subjects (RBAC doc, "Referring to subjects") ──
  { objects: SUBJECTS, identity: sa('kube-system', 'default'), request: req('get', 'configmaps', 'kube-system', 'c'), allowed: true,
    rule: 'subject kind ServiceAccount, name default, namespace kube-system' },
  { objects: SUBJECTS, identity: sa('dev', 'default'), request: req('get', 'configmaps', 'kube-system', 'c'), allowed: false,
    rule: 'a ServiceAccount subject names one account: default in dev is another account' },
  { objects: SUBJECTS, identity: user('system:serviceaccount:kube-system:default'), request: req('get', 'configmaps', 'kube-system', 'c'), allowed: true,
    rule: 'service accounts have usernames with the system:serviceaccount: prefix; the ServiceAccount subject matches that user name' },
  { objects: SUBJECTS, identity: sa('qa', 'tester'), request: req('get', 'configmaps', 'shared', 'c'), allowed: true,
    rule: 'group system:serviceaccounts:qa: all service accounts in the qa namespace' },
  { objects: SUBJECTS, identity: sa('prod', 'tester'), request: req('get', 'configmaps', 'shared', 'c'), allowed: false,
    rule: 'a service account of prod is not in system:serviceaccounts:qa' },
  { objects: SUBJECTS, identity: user('alice'), request: req('get', 'configmaps', 'shared', 'c'), allowed: false,
    rule: 'a user is not in system:serviceaccounts:qa' },
  { objects: SUBJECTS, identity: sa('anywhere', 'x'), request: req('get', 'configmaps', 'sa-only', 'c'), allowed: true,
    rule: 'group system:serviceaccounts: all service accounts everywhere' },
  { objects: SUBJECTS, identity: user('alice'), request: req('get', 'configmaps', 'sa-only', 'c'), allowed: false,
    rule: 'a user is not in system:serviceaccounts' },
  { objects: SUBJECTS, identity: user('alice'), request: req('get', 'configmaps', 'public-ish', 'c'), allowed: true,
    rule: 'group system:authenticated: all authenticated users' },
  { objects: SUBJECTS, identity: sa('anywhere', 'x'), request: req('get', 'configmaps', 'public-ish', 'c'), allowed: true,
    rule: 'service accounts are authenticated users too' },
  { objects: SUBJECTS, identity: ANONYMOUS, request: req('get', 'configmaps', 'public-ish', 'c'), allowed: false,
    rule: 'an anonymous request is not in system:authenticated' },
  { objects: SUBJECTS, identity: ANONYMOUS, request: req('get', 'configmaps', 'anon', 'c'), allowed: true,
    rule: 'group system:unauthenticated: all unauthenticated users' },
  { objects: SUBJECTS, identity: user('alice'), request: req('get', 'configmaps', 'anon', 'c'), allowed: false,
    rule: 'an authenticated user is not in system:unauthenticated' },
  { objects: SUBJECTS, identity: sa('builds', 'builder'), request: req('get', 'configmaps', 'builds', 'c'), allowed: true,
    rule: 'authorizer appliesTo: a ServiceAccount subject of a RoleBinding without a namespace takes the binding\'s namespace' },
  { objects: SUBJECTS, identity: sa('default', 'builder'), request: req('get', 'configmaps', 'builds', 'c'), allowed: false,
    rule: 'the defaulted namespace is the binding\'s (builds), not default' },
  { objects: SUBJECTS, identity: sa('default', 'deployer'), request: req('get', 'configmaps', 'default', 'c'), allowed: false,
    rule: 'authorizer appliesTo: a ClusterRoleBinding ServiceAccount subject without a namespace names nobody (the API server also rejects it)' },
  { objects: SUBJECTS, identity: sa('ci', 'robot'), request: req('get', 'configmaps', 'any-namespace', 'c'), allowed: true,
    rule: 'a ServiceAccount subject of a ClusterRoleBinding: every namespace' },
  { objects: SUBJECTS, identity: sa('ci', 'robot'), request: req('list', 'configmaps'), allowed: false,
    rule: 'configmap-reader grants get only' },

  // ── user-facing roles after aggregation (RBAC doc, "User-facing roles", "Aggregated ClusterRoles") ──
  { objects: USER_FACING, identity: user('vic'), request: req('list', 'pods', 'dev'), allowed: true,
    rule: 'view: read-only access to most objects in a namespace' },
  { objects: USER_FACING, identity: user('vic'), request: req('get', 'deployments.apps', 'dev', 'web'), allowed: true,
    rule: 'view: read deployments' },
  { objects: USER_FACING, identity: user('vic'), request: req('get', 'pods/log', 'dev', 'web'), allowed: true,
    rule: 'view (system:aggregate-to-view) includes pods/log' },
  { objects: USER_FACING, identity: user('vic'), request: req('get', 'secrets', 'dev', 'db'), allowed: false,
    rule: 'view: "It does not allow viewing secrets, since those are escalating"' },
  { objects: USER_FACING, identity: user('vic'), request: req('list', 'roles.rbac.authorization.k8s.io', 'dev'), allowed: false,
    rule: 'view: "It does not allow viewing roles or rolebindings"' },
  { objects: USER_FACING, identity: user('vic'), request: req('create', 'pods', 'dev'), allowed: false,
    rule: 'view is read-only' },
  { objects: USER_FACING, identity: user('vic'), request: req('get', 'pods/exec', 'dev', 'web'), allowed: false,
    rule: 'view does not include pods/exec (edit does)' },
  { objects: USER_FACING, identity: user('vic'), request: req('list', 'crontabs.stable.example.com', 'dev'), allowed: true,
    rule: 'aggregation: aggregate-cron-tabs-view carries aggregate-to-view, so its rules are added to view' },
  { objects: USER_FACING, identity: user('vic'), request: req('create', 'crontabs.stable.example.com', 'dev'), allowed: false,
    rule: 'aggregate-cron-tabs-edit aggregates into admin and edit only, not view' },
  { objects: USER_FACING, identity: user('vic'), request: req('list', 'pods', 'prod'), allowed: false,
    rule: 'view is bound by a RoleBinding in dev only' },
  { objects: USER_FACING, identity: user('eve'), request: req('create', 'pods/exec', 'dev', 'web'), allowed: true,
    rule: 'edit: read/write access to most objects in a namespace (system:aggregate-to-edit grants pods/exec)' },
  { objects: USER_FACING, identity: user('eve'), request: req('get', 'secrets', 'dev', 'db'), allowed: true,
    rule: 'edit includes reading secrets' },
  { objects: USER_FACING, identity: user('eve'), request: req('create', 'deployments.apps', 'dev'), allowed: true,
    rule: 'edit: create deployments' },
  { objects: USER_FACING, identity: user('eve'), request: req('list', 'pods', 'dev'), allowed: true,
    rule: 'edit aggregates view (view carries aggregate-to-edit)' },
  { objects: USER_FACING, identity: user('eve'), request: req('create', 'rolebindings.rbac.authorization.k8s.io', 'dev'), allowed: false,
    rule: 'edit: "It does not allow viewing or modifying roles or rolebindings"' },
  { objects: USER_FACING, identity: user('eve'), request: req('update', 'crontabs.stable.example.com', 'dev', 'c'), allowed: true,
    rule: 'aggregation: aggregate-cron-tabs-edit carries aggregate-to-edit' },
  { objects: USER_FACING, identity: user('eve'), request: req('get', 'widgets.example.com', 'dev', 'w'), allowed: true,
    rule: 'aggregation is transitive as the controller resolves it: widgets aggregate into view, view into edit' },
  { objects: USER_FACING, identity: user('adam'), request: req('create', 'rolebindings.rbac.authorization.k8s.io', 'dev'), allowed: true,
    rule: 'admin: "including the ability to create roles and rolebindings within the namespace"' },
  { objects: USER_FACING, identity: user('adam'), request: req('get', 'secrets', 'dev', 'db'), allowed: true,
    rule: 'admin aggregates edit (edit carries aggregate-to-admin), which reads secrets' },
  { objects: USER_FACING, identity: user('adam'), request: req('update', 'resourcequotas', 'dev', 'q'), allowed: false,
    rule: 'admin: "It does not allow write access to resource quota"' },
  { objects: USER_FACING, identity: user('adam'), request: req('delete', 'namespaces', 'dev', 'dev'), allowed: false,
    rule: 'admin: "It does not allow write access ... to the namespace itself"' },
  { objects: USER_FACING, identity: user('adam'), request: req('get', 'widgets.example.com', 'dev', 'w'), allowed: true,
    rule: 'aggregation view → edit → admin: a role labelled only aggregate-to-view reaches admin' },
  { objects: USER_FACING, identity: user('adam'), request: req('list', 'pods'), allowed: false,
    rule: 'admin bound in dev grants nothing across all namespaces' },
  { objects: USER_FACING, identity: sa('monitoring', 'prometheus'), request: req('list', 'endpoints', 'anywhere'), allowed: true,
    rule: 'aggregationRule.clusterRoleSelectors: monitoring gets the rules of monitoring-endpoints (RBAC doc example)' },
  { objects: USER_FACING, identity: sa('monitoring', 'prometheus'), request: req('list', 'endpoints'), allowed: true,
    rule: 'the aggregated ClusterRole bound by a ClusterRoleBinding applies across all namespaces' },
  { objects: USER_FACING, identity: user('otto'), request: req('get', 'secrets', 'any', 'db'), allowed: false,
    rule: 'an aggregated ClusterRole\'s rules are what the controller writes, the union of the selected roles (none here): "the control plane overwrites any values that you manually specify in the rules field of an aggregate ClusterRole"' },
  { objects: USER_FACING, identity: sa('monitoring', 'prometheus'), request: req('list', 'secrets', 'anywhere'), allowed: false,
    rule: 'monitoring holds only the aggregated rules (its own rules are empty)' },
];

// ───────────────────────────── the comparison ─────────────────────────────

const factsCache = new Map<string, RbacFacts>();

function factsFor(yamlText: string): RbacFacts {
  let facts = factsCache.get(yamlText);
  if (!facts) {
    const outcome = parseManifests(yamlText, 'rbac-authorizer-row.yaml');
    assert.deepEqual(outcome.problems.filter((p) => p.level === 'error'), [], 'row objects parse');
    facts = new Facts(new Inventory(outcome.objects)).get(rbacAnalyzer);
    factsCache.set(yamlText, facts);
  }
  return facts;
}

/** The authorizer's appliesTo: does this subject name the identity? (binding namespace for defaulting is already applied by the analyzer.) */
function names(subject: Subject, identity: Identity): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === identity.user;
    case 'Group':
      return identity.groups.includes(subject.name);
    case 'ServiceAccount':
      return subject.namespace !== undefined && identity.user === `system:serviceaccount:${subject.namespace}:${subject.name}`;
  }
}

function isResource(request: AccessRequest): request is ResourceRequest {
  return 'resource' in request;
}

/** A grant can answer the request only where it applies: a RoleBinding in the request's namespace, anything else cluster-wide. */
function appliesWhere(grant: Grant, request: AccessRequest): boolean {
  if (grant.namespace === undefined) return true;
  return isResource(request) && request.namespace === grant.namespace;
}

function describe(request: AccessRequest): string {
  if (!isResource(request)) return `${request.verb} ${request.path}`;
  const resource = `${request.resource}${request.group ? `.${request.group}` : ''}${request.subresource ? `/${request.subresource}` : ''}`;
  return `${request.verb} ${resource}${request.name ? ` ${request.name}` : ''} ${request.namespace ? `-n ${request.namespace}` : request.namespace === undefined ? '(cluster / all namespaces)' : ''}`.trim();
}

function grantText(g: Grant): string {
  const b = g.binding;
  return `${g.subject.kind} ${g.subject.namespace ? `${g.subject.namespace}/` : ''}${g.subject.name} via ${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name} → ${g.role.kind} ${g.role.name} rule ${g.ruleIndex}`;
}

for (const [i, row] of ROWS.entries()) {
  const who = row.identity.user || row.identity.groups.join(',');
  test(`SubjectAccessReview #${i + 1}: ${who} ${describe(row.request)} → ${row.allowed ? 'allowed' : 'denied'}`, () => {
    const facts = factsFor(row.objects);
    const context = `(${row.rule})`;

    const allowedBy = facts.allowedBy(row.identity, row.request);
    for (const g of allowedBy) {
      assert.ok(names(g.subject, row.identity), `allowedBy returned a grant whose subject does not name the identity: ${grantText(g)} ${context}`);
      assert.ok(appliesWhere(g, row.request), `allowedBy returned a grant that does not apply where the request is made: ${grantText(g)} ${context}`);
    }
    assert.equal(allowedBy.length > 0, row.allowed, `allowedBy: expected ${row.allowed ? 'allowed' : 'denied'} ${context}; grants: ${allowedBy.map(grantText).join('; ') || 'none'}`);

    const whoCan = facts.whoCan(row.request);
    for (const g of whoCan) {
      assert.ok(appliesWhere(g, row.request), `whoCan returned a grant that does not apply where the request is made: ${grantText(g)} ${context}`);
    }
    const naming = whoCan.filter((g) => names(g.subject, row.identity));
    assert.equal(naming.length > 0, row.allowed, `whoCan: expected ${row.allowed ? 'a' : 'no'} subject naming the identity ${context}; got: ${naming.map(grantText).join('; ') || 'none'}`);
  });
}

test('SubjectAccessReview table: every row documents its rule', () => {
  for (const row of ROWS) assert.ok(row.rule.length > 10, `row ${describe(row.request)} needs the rule that decides it`);
  assert.ok(ROWS.some((r) => r.allowed) && ROWS.some((r) => !r.allowed), 'the table has both answers');
});
