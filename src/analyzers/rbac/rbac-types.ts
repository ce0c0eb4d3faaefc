/**
 * The RBAC fact's contract: the data model every RBAC check and command reads. Semantics follow the
 * Kubernetes RBAC authorizer (k8s.io/kubernetes/plugin/pkg/auth/authorizer/rbac and
 * pkg/registry/rbac/validation) — see the doc comment of each member.
 */
import type { ParsedObject } from '../../sources/parsed-object.js';

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

/** A binding subject. `namespace` is set for ServiceAccounts only (defaulted as the authorizer does). */
export interface Subject {
  kind: SubjectKind;
  name: string;
  namespace?: string;
}

/** A policy rule with every list present (missing lists are empty). */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface RoleInfo {
  kind: 'Role' | 'ClusterRole';
  name: string;
  /** Set for Roles only. */
  namespace?: string;
  /** Effective rules: for an aggregated ClusterRole, the union the aggregation controller would write. */
  rules: PolicyRule[];
  /** The rules as written in the object (empty for aggregated roles that leave `rules` null). */
  ownRules: PolicyRule[];
  /** True when the role has an aggregationRule (its rules are computed). */
  aggregated: boolean;
  /** Names of the ClusterRoles whose rules were aggregated into this one (direct selection). */
  aggregatedFrom: string[];
  /** Labels of this role of the form rbac.authorization.k8s.io/aggregate-to-<target>: "true" → the targets. */
  aggregatesInto: string[];
  /** From the shipped Kubernetes 1.26 bootstrap policy, not from the input. */
  bootstrap: boolean;
  /** The input object, when the role comes from the input. */
  source?: ParsedObject;
}

export interface BindingInfo {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  /** Set for RoleBindings only. */
  namespace?: string;
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string };
  /** The referenced role, or undefined when neither the input nor the bootstrap policy defines it. */
  role: RoleInfo | undefined;
  /** Subjects as the authorizer reads them (ServiceAccount namespace defaulted to the binding's). */
  subjects: Subject[];
  bootstrap: boolean;
  source?: ParsedObject;
}

/** One rule granted to one subject through one binding. */
export interface Grant {
  subject: Subject;
  binding: BindingInfo;
  role: RoleInfo;
  rule: PolicyRule;
  /** Index of `rule` in `role.rules`. */
  ruleIndex: number;
  /** Where it applies: a namespace for RoleBindings, undefined (every namespace and cluster scope) for ClusterRoleBindings. */
  namespace?: string;
}

/** A resource request, as a SubjectAccessReview's resourceAttributes. */
export interface ResourceRequest {
  verb: string;
  /** API group, '' for the core group. */
  group: string;
  /** Plural resource, e.g. 'pods'. */
  resource: string;
  subresource?: string;
  /** Undefined: a cluster-scoped request, or a namespaced resource across all namespaces (only ClusterRoleBindings apply). */
  namespace?: string;
  name?: string;
}

/** A non-resource request, e.g. GET /healthz. */
export interface NonResourceRequest {
  verb: string;
  path: string;
}

export type AccessRequest = ResourceRequest | NonResourceRequest;

/** The identity a request is made as: a user name and the groups it belongs to. */
export interface Identity {
  user: string;
  groups: string[];
}

export interface RbacFacts {
  roles: RoleInfo[];
  bindings: BindingInfo[];
  /** A Role (namespace given) or ClusterRole (namespace undefined) by name, input first, then bootstrap. */
  role(kind: 'Role' | 'ClusterRole', namespace: string | undefined, name: string): RoleInfo | undefined;
  /** Every distinct subject named by a binding (input and bootstrap). */
  subjects(): Subject[];
  /**
   * Every grant that applies to the identity: bindings naming its user, its groups (a ServiceAccount
   * is also in system:serviceaccounts, system:serviceaccounts:<ns> and system:authenticated) or, for
   * ServiceAccounts, the account itself.
   */
  grantsFor(identity: Identity): Grant[];
  /** The grants that allow this identity this request (empty: denied). Same answer as a SubjectAccessReview. */
  allowedBy(identity: Identity, request: AccessRequest): Grant[];
  /** Subjects allowed to make the request, each with the grants that allow it, as kubectl-who-can lists them. */
  whoCan(request: AccessRequest): Grant[];
}
