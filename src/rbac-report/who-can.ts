import type { AccessRequest, Grant, RbacFacts, Subject } from '../analyzers/rbac/rbac-types.js';
import { formatSubject, subjectKey } from '../analyzers/rbac/subjects.js';
import { describeRequest, isClusterScoped, isNonResourceRequest } from './access-request.js';
import { bindingJson, compareGrants, compareSubjects, grantChain, plural, roleJson, ruleJson, scopeText, subjectJson } from './format.js';
import { table } from '../reporters/plain-text.js';

/** One subject allowed to make the request, with every grant that allows it. */
export interface SubjectGrants {
  subject: Subject;
  grants: Grant[];
}

/** `facts.whoCan(request)` grouped by subject: input subjects first, then by kind and name. */
export function whoCanBySubject(facts: RbacFacts, request: AccessRequest): SubjectGrants[] {
  const bySubject = new Map<string, SubjectGrants>();
  for (const grant of facts.whoCan(request)) {
    const key = subjectKey(grant.subject);
    let entry = bySubject.get(key);
    if (!entry) bySubject.set(key, (entry = { subject: grant.subject, grants: [] }));
    entry.grants.push(grant);
  }
  const entries = [...bySubject.values()];
  for (const e of entries) e.grants.sort(compareGrants);
  return entries.sort((a, b) => Number(bootstrapOnly(a)) - Number(bootstrapOnly(b)) || compareSubjects(a.subject, b.subject));
}

function bootstrapOnly(entry: SubjectGrants): boolean {
  return entry.grants.every((g) => g.binding.bootstrap);
}

/** What the question covers, in words: which bindings can answer it. */
export function questionHeader(request: AccessRequest): string {
  const asked = `Who can ${describeRequest(request)}`;
  if (isNonResourceRequest(request)) return `${asked} (a non-resource URL: only ClusterRoleBindings grant it)`;
  if (request.namespace !== undefined) return `${asked} in namespace ${request.namespace} (RoleBindings in ${request.namespace} and every ClusterRoleBinding)`;
  if (isClusterScoped(request.group, request.resource)) return `${asked} (cluster-scoped: only ClusterRoleBindings apply)`;
  return `${asked} cluster-wide (only ClusterRoleBindings apply; add -n NAMESPACE to include that namespace's RoleBindings)`;
}

/** SUBJECT, SCOPE and the binding → role → rule chain; a subject with several grants gets one line per grant. */
export function renderWhoCanText(facts: RbacFacts, request: AccessRequest): string {
  const entries = whoCanBySubject(facts, request);
  const lines = [questionHeader(request)];
  if (entries.length === 0) {
    lines.push('No subject is allowed.');
    return `${lines.join('\n')}\n`;
  }
  const rows: string[][] = [];
  for (const { subject, grants } of entries) {
    grants.forEach((g, i) => rows.push([i === 0 ? formatSubject(subject) : '', scopeText(g.namespace), grantChain(g)]));
  }
  lines.push(...table(['SUBJECT', 'SCOPE', 'VIA (binding → role → rule)'], rows));
  const viaBootstrap = entries.filter(bootstrapOnly).length;
  const suffix = viaBootstrap > 0 ? ` (${viaBootstrap} only through Kubernetes' bootstrap bindings)` : '';
  lines.push(`${plural(entries.length, 'subject')}${suffix}`);
  return `${lines.join('\n')}\n`;
}

export function whoCanJson(facts: RbacFacts, request: AccessRequest): unknown {
  const clusterQuestion = isNonResourceRequest(request) || request.namespace === undefined;
  return {
    request,
    scope: clusterQuestion ? 'cluster' : 'namespace',
    subjects: whoCanBySubject(facts, request).map(({ subject, grants }) => ({
      subject: subjectJson(subject),
      key: subjectKey(subject),
      grants: grants.map((g) => ({
        namespace: g.namespace ?? null,
        binding: bindingJson(g.binding),
        role: roleJson(g.role),
        ruleIndex: g.ruleIndex,
        rule: ruleJson(g.rule),
      })),
    })),
  };
}

export function renderWhoCanJson(facts: RbacFacts, request: AccessRequest): string {
  return `${JSON.stringify(whoCanJson(facts, request), null, 2)}\n`;
}
