import { namespaceAccounts } from '../../analyzers/namespace-accounts.js';
import { rbacAnalyzer } from '../../analyzers/rbac/rbac-analyzer.js';
import { identityOf } from '../../analyzers/rbac/subjects.js';
import { podServiceAccount, serviceAccountUsage, tokenMount } from '../../analyzers/service-account-usage.js';
import { namespaceKey } from '../../inventory/inventory.js';
import { asArray, isRecord, podTemplate, type PodTemplate } from '../../kinds/workloads.js';
import { defineCheck } from '../define-check.js';
import { describeGrant, describeNamespace, qualified } from './rbac-check-helpers.js';
import { basicPower, candidates, reach, type BasicPower, type Candidate } from './service-account-power.js';

/** True when a projected volume requests a service account token: the pod has one even without automounting. */
function hasProjectedToken(t: PodTemplate): boolean {
  return asArray<unknown>(t.spec.volumes).some(
    (v) => isRecord(v) && isRecord(v.projected) && asArray<unknown>(v.projected.sources).some((s) => isRecord(s) && isRecord(s.serviceAccountToken)),
  );
}

/** 'has full control of the cluster', 'can list every Secret', … with the grant that gives it. */
function describePower(p: BasicPower): { power: string; grant: string } {
  if (p.admin) return { power: 'has full control of the cluster', grant: describeGrant(p.admin) };
  if (p.escalate) return { power: `can ${p.escalate.what}`, grant: describeGrant(p.escalate.grant) };
  if (p.impersonate) return { power: `can impersonate ${p.impersonate.resource}`, grant: describeGrant(p.impersonate.grant) };
  if (p.readSecrets) return { power: `can ${p.readSecrets.verb} every Secret`, grant: describeGrant(p.readSecrets.grant) };
  return { power: 'has no notable power', grant: '' };
}

function describeScope(namespace: string | undefined): string {
  return namespace === undefined ? 'every namespace' : describeNamespace(namespace);
}

export const noPowerfulServiceAccount = defineCheck({
  meta: {
    id: 'no-powerful-service-account',
    category: 'rbac',
    severity: 'high',
    kinds: ['Workload'],
    stage: 'deploy',
    summary: 'Workloads must not run as a service account that can read every Secret, create pods, or reach cluster-admin.',
    rationale:
      'Every pod that mounts its service account token hands the account\'s permissions to whoever compromises the pod (one remote-code-execution bug, one malicious dependency). An account that reads every Secret exposes every credential of the cluster; one that can create pods or workloads can start a pod as any service account of the namespace, taking over that account\'s permissions; one that can bind or escalate roles, or impersonate users, groups or service accounts, can make itself cluster-admin. Chains count: creating pods in a namespace whose service account is more powerful reaches that power.',
    remediation:
      'Give the workload a dedicated ServiceAccount bound only to the verbs and resources it needs in its own namespace (no Secrets across namespaces, no pod or workload creation, no bind, escalate or impersonate), or set automountServiceAccountToken: false in the pod spec if it never calls the Kubernetes API.',
    references: [
      { cis: '5.1.2' },
      { cis: '5.1.4' },
      { cis: '5.1.8' },
      { url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks' },
    ],
    messages: {
      clusterAdmin: 'The pods run as ServiceAccount "{{account}}", which has full control of the cluster through {{grant}}.',
      readSecrets: 'The pods run as ServiceAccount "{{account}}", which can {{verb}} every Secret of every namespace through {{grant}}.',
      createPods:
        'The pods run as ServiceAccount "{{account}}", which can create {{resource}} in {{scope}} through {{grant}}: a compromised pod can start pods as any ServiceAccount there.',
      escalate: 'The pods run as ServiceAccount "{{account}}", which can {{what}} through {{grant}}: it can grant itself cluster-admin.',
      impersonate: 'The pods run as ServiceAccount "{{account}}", which can impersonate {{resource}} in every namespace through {{grant}}: it can act as cluster-admin.',
      pivot:
        'The pods run as ServiceAccount "{{account}}", which can {{action}} in {{scope}} through {{grant}} and so act as ServiceAccount "{{target}}", which {{targetPower}} through {{targetGrant}}.',
    },
  },
  check(obj, ctx) {
    const t = podTemplate(obj);
    if (!t) return;
    const nsKey = namespaceKey(obj);
    const sa = podServiceAccount(t);
    // Without a token the pod cannot act as the account.
    if (!tokenMount(t, nsKey, ctx.facts.get(serviceAccountUsage)).mounted && !hasProjectedToken(t)) return;
    const facts = ctx.facts.get(rbacAnalyzer);
    const identity = identityOf({ kind: 'ServiceAccount', namespace: nsKey, name: sa.name });
    const account = qualified(nsKey, sa.name);
    const path = sa.pointer;
    const p = basicPower(facts, identity);
    if (p.admin) {
      ctx.report({ messageId: 'clusterAdmin', data: { account, grant: describeGrant(p.admin) }, path });
      return;
    }
    if (p.readSecrets) ctx.report({ messageId: 'readSecrets', data: { account, verb: p.readSecrets.verb, grant: describeGrant(p.readSecrets.grant) }, path });
    if (p.escalate) ctx.report({ messageId: 'escalate', data: { account, what: p.escalate.what, grant: describeGrant(p.escalate.grant) }, path });
    if (p.impersonate) ctx.report({ messageId: 'impersonate', data: { account, resource: p.impersonate.resource, grant: describeGrant(p.impersonate.grant) }, path });

    const r = reach(facts, identity);
    const create = r.createPods[0];
    if (create) {
      ctx.report({
        messageId: 'createPods',
        data: { account, resource: create.action.slice('create '.length), scope: describeScope(create.namespace), grant: describeGrant(create.grant) },
        path,
      });
    }
    if (p.level === 2 || r.actAs.length === 0) return;
    const known = candidates(facts, ctx.facts.get(namespaceAccounts));
    let best: { target: Candidate; via: (typeof r.actAs)[number] } | undefined;
    for (const via of r.actAs) {
      const target = via.namespace === undefined ? known.best : known.byNamespace.get(via.namespace);
      if (!target || target.power.level <= p.level) continue;
      if (!best || target.power.level > best.target.power.level) best = { target, via };
    }
    if (!best) return;
    const { power, grant } = describePower(best.target.power);
    ctx.report({
      messageId: 'pivot',
      data: {
        account,
        action: best.via.action,
        scope: describeScope(best.via.namespace),
        grant: describeGrant(best.via.grant),
        target: qualified(best.target.namespace, best.target.name),
        targetPower: power,
        targetGrant: grant,
      },
      path,
    });
  },
});
