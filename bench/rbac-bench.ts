/**
 * RBAC benchmark (`npm run bench`, after the scan benchmark): generates a large, realistic RBAC estate in
 * memory — by default 20,000 bindings and 5,000 roles over 500 namespaces — builds an Inventory directly from
 * the objects (no YAML), and measures, in this one process:
 *
 *   - analysis: the first `facts.get(rbacAnalyzer)` (bootstrap policy, roles, aggregation, bindings) plus the
 *     first query, which builds the lazy indexes; target ≤ 2 s;
 *   - who-can: 50 different whoCan() queries after indexing (namespaced, across all namespaces,
 *     cluster-scoped, named objects, non-resource URLs); target: median ≤ 50 ms;
 *   - explain: grantsFor() for users in several groups and service accounts (no target);
 *   - a full runEngine() with the registered RBAC checks (category 'rbac' in BUILTIN_CHECKS; no target).
 *
 * The analysis is repeated on fresh Inventory/Facts objects: the verdict uses the first (cold) run, the
 * one a CLI user pays; the median of all runs is shown beside it. It reports numbers and never asserts:
 * the exit code is 0 unless something crashes.
 *
 * Environment: BENCH_RBAC_BINDINGS (default 20000), BENCH_RBAC_ROLES (default 5000), BENCH_RBAC_NAMESPACES
 * (default 500), BENCH_RBAC_RUNS (analysis repetitions, default 3), BENCH_RBAC_SEED (default 1).
 */
import { performance } from 'node:perf_hooks';
import { Facts } from '../src/analyzers/facts.js';
import { rbacAnalyzer } from '../src/analyzers/rbac/rbac-analyzer.js';
import type { AccessRequest, Identity, RbacFacts, ResourceRequest } from '../src/analyzers/rbac/rbac-types.js';
import { BUILTIN_CHECKS } from '../src/checks/index.js';
import { runEngine } from '../src/engine/run.js';
import { Inventory } from '../src/inventory/inventory.js';
import type { K8sObject } from '../src/model/types.js';
import { EMPTY_CONFIG } from '../src/policy/config.js';
import type { ParsedObject } from '../src/sources/parsed-object.js';
import { prng } from '../src/testing/prng.js';
import { fmtInt, fmtMs, median, positiveInt, verdict } from './bench-support.js';

const TARGET_ANALYSIS_MS = 2000;
const TARGET_WHO_CAN_MS = 50;
const WHO_CAN_QUERIES = 50;

const BINDINGS = positiveInt(process.env.BENCH_RBAC_BINDINGS, 20_000);
const ROLES = positiveInt(process.env.BENCH_RBAC_ROLES, 5_000);
const NAMESPACES = positiveInt(process.env.BENCH_RBAC_NAMESPACES, 500);
const RUNS = positiveInt(process.env.BENCH_RBAC_RUNS, 3);
const SEED = positiveInt(process.env.BENCH_RBAC_SEED, 1);

const RBAC_API = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

// ───────────────────────────── generation ─────────────────────────────

const random = prng(SEED);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];
const chance = (p: number): boolean => random() < p;
function some<T>(items: readonly T[], min: number, max: number): T[] {
  const n = Math.min(items.length, min + int(max - min + 1));
  const pool = [...items];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(pool.splice(int(pool.length), 1)[0]);
  return out;
}

/** Resource families as applications and operators ask for them: [apiGroup, resources]. */
const RESOURCE_FAMILIES: [string, string[]][] = [
  ['', ['pods', 'pods/log', 'pods/status']],
  ['', ['pods/exec', 'pods/attach', 'pods/portforward']],
  ['', ['configmaps']],
  ['', ['secrets']],
  ['', ['services', 'endpoints']],
  ['', ['serviceaccounts']],
  ['', ['persistentvolumeclaims']],
  ['', ['events']],
  ['apps', ['deployments', 'deployments/scale', 'replicasets', 'statefulsets', 'daemonsets']],
  ['batch', ['jobs', 'cronjobs']],
  ['networking.k8s.io', ['ingresses', 'networkpolicies']],
  ['coordination.k8s.io', ['leases']],
  ['autoscaling', ['horizontalpodautoscalers']],
  ['policy', ['poddisruptionbudgets']],
  ['monitoring.coreos.com', ['servicemonitors', 'prometheusrules']],
  ['argoproj.io', ['applications', 'appprojects']],
  ['cert-manager.io', ['certificates', 'issuers']],
];

/** Cluster-scoped families, for ClusterRoles only. */
const CLUSTER_FAMILIES: [string, string[]][] = [
  ['', ['nodes', 'nodes/status']],
  ['', ['namespaces']],
  ['', ['persistentvolumes']],
  ['storage.k8s.io', ['storageclasses']],
  ['apiextensions.k8s.io', ['customresourcedefinitions']],
  ['rbac.authorization.k8s.io', ['clusterroles', 'clusterrolebindings']],
  ['admissionregistration.k8s.io', ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations']],
  ['certificates.k8s.io', ['certificatesigningrequests']],
];

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete'];
const ALL_VERBS = [...READ, ...WRITE, 'deletecollection'];

function rule(families: [string, string[]][]): Record<string, unknown> {
  const [group, resources] = pick(families);
  const r: Record<string, unknown> = { apiGroups: [group], resources: some(resources, 1, resources.length) };
  const roll = random();
  if (roll < 0.5) r.verbs = [...READ];
  else if (roll < 0.85) r.verbs = some(ALL_VERBS, 2, ALL_VERBS.length);
  else if (roll < 0.95) r.verbs = ['*'];
  else {
    r.verbs = ['get', 'update', 'patch'];
    r.resourceNames = [`obj-${int(50)}`, `obj-${int(50)}`];
  }
  if (chance(0.02)) r.resources = ['*'];
  return r;
}

function rules(families: [string, string[]][], min: number, max: number): Record<string, unknown>[] {
  const n = min + int(max - min + 1);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) out.push(rule(families));
  return out;
}

interface Estate {
  objects: ParsedObject[];
  namespaces: string[];
  /** Names of the generated ClusterRoles bindable by RoleBindings and ClusterRoleBindings. */
  clusterRoles: string[];
  rolesPerNamespace: Map<string, string[]>;
  users: string[];
  groups: string[];
  serviceAccountsPerNamespace: number;
  counts: Record<string, number>;
}

function generate(): Estate {
  const objects: K8sObject[] = [];
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `team-${String(i).padStart(3, '0')}`);
  const users = Array.from({ length: 2000 }, (_, i) => `user-${i}@example.com`);
  const groups = Array.from({ length: 200 }, (_, i) => `group-${i}`);
  const serviceAccountsPerNamespace = 10;

  for (const ns of namespaces) {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (let i = 0; i < serviceAccountsPerNamespace; i++) objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${i}`, namespace: ns } });
    // Two workloads per namespace, each running as one of the namespace's service accounts.
    for (let i = 0; i < 2; i++) {
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `app-${i}`, namespace: ns },
        spec: {
          selector: { matchLabels: { app: `app-${i}` } },
          template: {
            metadata: { labels: { app: `app-${i}` } },
            spec: { serviceAccountName: `sa-${int(serviceAccountsPerNamespace)}`, containers: [{ name: 'app', image: 'registry.example.com/app:1.0' }] },
          },
        },
      });
    }
  }

  // Roles: 70% namespaced Roles spread over the namespaces, 30% ClusterRoles, some aggregated.
  const clusterRoleCount = Math.round(ROLES * 0.3);
  const roleCount = ROLES - clusterRoleCount;
  const rolesPerNamespace = new Map<string, string[]>(namespaces.map((ns) => [ns, []]));
  for (let i = 0; i < roleCount; i++) {
    const ns = namespaces[i % namespaces.length];
    const name = `role-${i}`;
    rolesPerNamespace.get(ns)?.push(name);
    objects.push({ apiVersion: RBAC_API, kind: 'Role', metadata: { name, namespace: ns }, rules: rules(RESOURCE_FAMILIES, 1, 4) });
  }
  const clusterRoles: string[] = [];
  const customAggregates = Math.max(1, Math.round(clusterRoleCount * 0.02));
  for (let i = 0; i < clusterRoleCount; i++) {
    const name = `clusterrole-${i}`;
    const labels: Record<string, string> = { 'app.kubernetes.io/part-of': `product-${i % 40}` };
    if (i < customAggregates) {
      // An aggregated ClusterRole selecting the roles of one product.
      objects.push({
        apiVersion: RBAC_API,
        kind: 'ClusterRole',
        metadata: { name, labels },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-product': `product-${i % 40}` } }] },
        rules: [],
      });
      clusterRoles.push(name);
      continue;
    }
    const roll = random();
    // Operators extending the default roles for their custom resources.
    if (roll < 0.08) labels['rbac.authorization.k8s.io/aggregate-to-view'] = 'true';
    else if (roll < 0.14) {
      labels['rbac.authorization.k8s.io/aggregate-to-edit'] = 'true';
      labels['rbac.authorization.k8s.io/aggregate-to-admin'] = 'true';
    } else if (roll < 0.3) labels['rbac.example.com/aggregate-to-product'] = `product-${i % 40}`;
    const families = chance(0.3) ? [...RESOURCE_FAMILIES, ...CLUSTER_FAMILIES] : RESOURCE_FAMILIES;
    const r = rules(families, 1, 6);
    if (chance(0.05)) r.push({ nonResourceURLs: ['/metrics', '/healthz/*'], verbs: ['get'] });
    objects.push({ apiVersion: RBAC_API, kind: 'ClusterRole', metadata: { name, labels }, rules: r });
    clusterRoles.push(name);
  }

  // Bindings: 85% RoleBindings (to the namespace's Roles, the default roles or generated ClusterRoles),
  // 15% ClusterRoleBindings; one to three subjects each.
  const subjectsFor = (ns: string | undefined): Record<string, unknown>[] => {
    const n = 1 + int(3);
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < n; i++) {
      const roll = random();
      const saNs = ns && chance(0.8) ? ns : pick(namespaces);
      if (roll < 0.45) out.push({ kind: 'ServiceAccount', name: `sa-${int(serviceAccountsPerNamespace)}`, namespace: saNs });
      else if (roll < 0.8) out.push({ kind: 'User', apiGroup: RBAC_GROUP, name: pick(users) });
      else if (roll < 0.97) out.push({ kind: 'Group', apiGroup: RBAC_GROUP, name: pick(groups) });
      else out.push({ kind: 'Group', apiGroup: RBAC_GROUP, name: `system:serviceaccounts:${saNs}` });
    }
    return out;
  };
  const clusterBindingCount = Math.round(BINDINGS * 0.15);
  const roleBindingCount = BINDINGS - clusterBindingCount;
  for (let i = 0; i < roleBindingCount; i++) {
    const ns = namespaces[i % namespaces.length];
    const roll = random();
    const own = rolesPerNamespace.get(ns) ?? [];
    const roleRef =
      roll < 0.6 && own.length > 0
        ? { apiGroup: RBAC_GROUP, kind: 'Role', name: pick(own) }
        : roll < 0.85
          ? { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: pick(['view', 'view', 'edit', 'admin']) }
          : { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: pick(clusterRoles) };
    objects.push({ apiVersion: RBAC_API, kind: 'RoleBinding', metadata: { name: `rb-${i}`, namespace: ns }, roleRef, subjects: subjectsFor(ns) });
  }
  for (let i = 0; i < clusterBindingCount; i++) {
    const name = chance(0.01) ? 'cluster-admin' : chance(0.1) ? pick(['view', 'system:auth-delegator', 'system:node-proxier']) : pick(clusterRoles);
    objects.push({
      apiVersion: RBAC_API,
      kind: 'ClusterRoleBinding',
      metadata: { name: `crb-${i}` },
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name },
      subjects: subjectsFor(undefined),
    });
  }

  const counts: Record<string, number> = {};
  for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  return {
    objects: objects.map((object, docIndex) => ({ object, source: { file: 'bench', docIndex, startLine: 1 }, pointerPrefix: '' })),
    namespaces,
    clusterRoles,
    rolesPerNamespace,
    users,
    groups,
    serviceAccountsPerNamespace,
    counts,
  };
}

// ───────────────────────────── queries ─────────────────────────────

function whoCanQueries(estate: Estate): AccessRequest[] {
  const q: AccessRequest[] = [];
  const seen = new Set<string>();
  const add = (r: AccessRequest): void => {
    const key = JSON.stringify(r);
    if (!seen.has(key)) {
      seen.add(key);
      q.push(r);
    }
  };
  const namespaced: [string, string, string?][] = [
    ['', 'pods'],
    ['', 'pods', 'exec'],
    ['', 'pods', 'log'],
    ['', 'secrets'],
    ['', 'configmaps'],
    ['', 'serviceaccounts'],
    ['apps', 'deployments'],
    ['apps', 'deployments', 'scale'],
    ['batch', 'jobs'],
    ['networking.k8s.io', 'networkpolicies'],
    ['rbac.authorization.k8s.io', 'rolebindings'],
    ['monitoring.coreos.com', 'servicemonitors'],
  ];
  // 25 namespaced, in different namespaces.
  while (q.length < 25) {
    const [group, resource, subresource] = pick(namespaced);
    const r: ResourceRequest = { verb: pick(['get', 'list', 'create', 'delete', 'update']), group, resource, namespace: pick(estate.namespaces) };
    if (subresource) r.subresource = subresource;
    if (chance(0.3)) r.name = `obj-${int(50)}`;
    add(r);
  }
  // 8 across all namespaces (only ClusterRoleBindings apply).
  while (q.length < 33) {
    const [group, resource] = pick(namespaced);
    add({ verb: pick(['list', 'watch', 'get']), group, resource });
  }
  // 12 cluster-scoped.
  const cluster: [string, string, string][] = [
    ['', 'nodes', 'get'],
    ['', 'nodes', 'list'],
    ['', 'nodes', 'update'],
    ['', 'namespaces', 'delete'],
    ['', 'persistentvolumes', 'create'],
    ['apiextensions.k8s.io', 'customresourcedefinitions', 'create'],
    ['rbac.authorization.k8s.io', 'clusterroles', 'escalate'],
    ['rbac.authorization.k8s.io', 'clusterrolebindings', 'create'],
    ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations', 'patch'],
    ['certificates.k8s.io', 'certificatesigningrequests', 'list'],
    ['', 'users', 'impersonate'],
    ['storage.k8s.io', 'storageclasses', 'list'],
  ];
  for (const [group, resource, verb] of cluster) add({ verb, group, resource });
  // 5 non-resource URLs.
  for (const path of ['/metrics', '/healthz', '/healthz/etcd', '/api', '/version']) add({ verb: 'get', path });
  return q.slice(0, WHO_CAN_QUERIES);
}

function explainIdentities(estate: Estate): Identity[] {
  const out: Identity[] = [];
  for (let i = 0; i < 10; i++) out.push({ user: pick(estate.users), groups: [...some(estate.groups, 1, 4), 'system:authenticated'] });
  for (let i = 0; i < 10; i++) {
    const ns = pick(estate.namespaces);
    out.push({
      user: `system:serviceaccount:${ns}:sa-${int(estate.serviceAccountsPerNamespace)}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
    });
  }
  return out;
}

// ───────────────────────────── measurement ─────────────────────────────

interface AnalysisRun {
  inventoryMs: number;
  computeMs: number;
  indexMs: number;
  facts: RbacFacts;
}

function analyse(estate: Estate, warmup: AccessRequest): AnalysisRun {
  let t = performance.now();
  const inventory = new Inventory(estate.objects);
  const inventoryMs = performance.now() - t;
  t = performance.now();
  const facts = new Facts(inventory).get(rbacAnalyzer);
  const computeMs = performance.now() - t;
  t = performance.now();
  facts.whoCan(warmup);
  const indexMs = performance.now() - t;
  return { inventoryMs, computeMs, indexMs, facts };
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

function main(): void {
  console.log(`Bulwark RBAC benchmark — node ${process.version}, ${process.platform}/${process.arch}, seed ${SEED}`);
  let t = performance.now();
  const estate = generate();
  const genMs = performance.now() - t;
  const c = estate.counts;
  console.log(
    `generated in ${fmtMs(genMs)}: ${fmtInt(c.RoleBinding ?? 0)} RoleBindings + ${fmtInt(c.ClusterRoleBinding ?? 0)} ClusterRoleBindings, ` +
      `${fmtInt(c.Role ?? 0)} Roles + ${fmtInt(c.ClusterRole ?? 0)} ClusterRoles over ${fmtInt(estate.namespaces.length)} namespaces; ` +
      `also ${fmtInt(c.ServiceAccount ?? 0)} ServiceAccounts, ${fmtInt(c.Deployment ?? 0)} Deployments, ${fmtInt(c.Namespace ?? 0)} Namespaces ` +
      `(${fmtInt(estate.objects.length)} objects)`,
  );

  const queries = whoCanQueries(estate);
  const warmup: AccessRequest = { verb: 'get', group: '', resource: 'pods', namespace: estate.namespaces[0] };

  // Analysis: fresh Inventory and Facts each run; run 1 is cold (what a CLI invocation pays).
  const runs: Omit<AnalysisRun, 'facts'>[] = [];
  let facts: RbacFacts | undefined;
  for (let i = 0; i < RUNS; i++) {
    // Keep only the latest fact alive, so that peak RSS reflects one analysis.
    facts = undefined;
    const { facts: f, ...times } = analyse(estate, warmup);
    facts = f;
    runs.push(times);
  }
  if (!facts) throw new Error('no analysis ran');
  const cold = runs[0];
  const aggregated = facts.roles.filter((r) => r.aggregated && !r.bootstrap).length;
  const boundRoles = facts.bindings.filter((b) => b.role !== undefined).length;
  console.log(
    `\nRBAC fact: ${fmtInt(facts.roles.length)} roles (${fmtInt(facts.roles.filter((r) => r.bootstrap).length)} from the bootstrap policy, ` +
      `${fmtInt(aggregated)} input roles aggregated), ${fmtInt(facts.bindings.length)} bindings (${fmtInt(boundRoles)} resolve their role), ` +
      `${fmtInt(facts.subjects().length)} distinct subjects`,
  );
  console.log(`analysis, ${RUNS} run(s) on fresh objects:`);
  runs.forEach((r, i) =>
    console.log(
      `  run ${i + 1}${i === 0 ? ' (cold)' : ''}: facts.get ${fmtMs(r.computeMs)} + first query (indexes) ${fmtMs(r.indexMs)} = ${fmtMs(r.computeMs + r.indexMs)}` +
        `  (Inventory ${fmtMs(r.inventoryMs)})`,
    ),
  );

  // who-can after indexing: 50 different queries.
  const whoCan = queries.map((q) => ({ q, ...timed(() => facts.whoCan(q)) }));
  const whoCanMs = whoCan.map((w) => w.ms);
  const slowest = whoCan.reduce((a, b) => (b.ms > a.ms ? b : a));
  console.log(
    `\nwho-can: ${whoCan.length} different queries after indexing (${whoCan.filter((w) => 'resource' in w.q && w.q.namespace).length} namespaced, ` +
      `${whoCan.filter((w) => 'resource' in w.q && !w.q.namespace).length} cluster-scoped or all-namespaces, ${whoCan.filter((w) => 'path' in w.q).length} non-resource): ` +
      `median ${fmtMs(median(whoCanMs), 2)}, p95 ${fmtMs(percentile(whoCanMs, 0.95), 2)}, max ${fmtMs(Math.max(...whoCanMs), 2)} (${describe(slowest.q)}, ${fmtInt(slowest.value.length)} grants); ` +
      `grants per answer: median ${fmtInt(median(whoCan.map((w) => w.value.length)))}, max ${fmtInt(Math.max(...whoCan.map((w) => w.value.length)))}`,
  );

  // explain: the effective permissions of users in several groups and of service accounts.
  const explain = explainIdentities(estate).map((id) => timed(() => facts.grantsFor(id)));
  const explainMs = explain.map((e) => e.ms);
  console.log(
    `explain (grantsFor): ${explain.length} identities: median ${fmtMs(median(explainMs), 2)}, max ${fmtMs(Math.max(...explainMs), 2)}; ` +
      `grants per identity: median ${fmtInt(median(explain.map((e) => e.value.length)))}, max ${fmtInt(Math.max(...explain.map((e) => e.value.length)))}`,
  );

  // A full engine run with the RBAC checks that are registered.
  const rbacChecks = BUILTIN_CHECKS.filter((ch) => ch.meta.category === 'rbac');
  let engineLine: string;
  let engineMs: number | undefined;
  if (rbacChecks.length === 0) {
    engineLine = 'runEngine: skipped, no RBAC check is registered in BUILTIN_CHECKS yet';
  } else {
    const inventory = new Inventory(estate.objects);
    const run = timed(() => runEngine(inventory, rbacChecks, { config: EMPTY_CONFIG }));
    engineMs = run.ms;
    const byCheck: Record<string, number> = {};
    for (const f of run.value.findings) byCheck[f.checkId] = (byCheck[f.checkId] ?? 0) + 1;
    const errors = run.value.problems.filter((p) => p.level === 'error');
    engineLine =
      `runEngine with ${rbacChecks.length} RBAC checks (${rbacChecks.map((ch) => ch.meta.id).join(', ')}) on ${fmtInt(estate.objects.length)} objects: ` +
      `${fmtMs(run.ms)}, ${fmtInt(run.value.findings.length)} findings` +
      (Object.keys(byCheck).length ? ` (${Object.entries(byCheck).sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id} ${fmtInt(n)}`).join(', ')})` : '') +
      (errors.length ? `; ${errors.length} error(s), first: ${errors[0].message}` : '');
  }
  console.log(engineLine);
  console.log(`peak RSS of the whole benchmark process: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);

  const coldAnalysis = cold.computeMs + cold.indexMs;
  const medianAnalysis = median(runs.map((r) => r.computeMs + r.indexMs));
  const whoCanMedian = median(whoCanMs);
  console.log('');
  printTable(
    ['target', 'measured', 'verdict'],
    [
      [
        `analysis ≤ ${fmtMs(TARGET_ANALYSIS_MS)} (${fmtInt(BINDINGS)} bindings, ${fmtInt(ROLES)} roles)`,
        `${fmtMs(coldAnalysis)} cold (median of ${RUNS}: ${fmtMs(medianAnalysis)})`,
        verdict(coldAnalysis <= TARGET_ANALYSIS_MS),
      ],
      [`who-can ≤ ${TARGET_WHO_CAN_MS} ms after indexing (median of ${whoCan.length})`, `${fmtMs(whoCanMedian, 2)} (max ${fmtMs(Math.max(...whoCanMs), 2)})`, verdict(whoCanMedian <= TARGET_WHO_CAN_MS)],
      ['explain (grantsFor), no target', fmtMs(median(explainMs), 2), '-'],
      ['runEngine, RBAC checks, no target', engineMs === undefined ? 'skipped' : fmtMs(engineMs), '-'],
    ],
  );
  console.log('(in-process times; analysis = facts.get(rbacAnalyzer) + the first query, which builds the lazy indexes)');
}

// ───────────────────────────── helpers ─────────────────────────────

function describe(r: AccessRequest): string {
  if ('path' in r) return `${r.verb} ${r.path}`;
  const res = `${r.resource}${r.group ? `.${r.group}` : ''}${r.subresource ? `/${r.subresource}` : ''}`;
  return `${r.verb} ${res}${r.name ? ` ${r.name}` : ''}${r.namespace ? ` -n ${r.namespace}` : ''}`;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

main();
