/**
 * A generated, deterministic cluster for the NetworkPolicy benchmark (bench/netpol-bench.ts): namespaces of
 * teams and environments, workloads of application stacks that reuse label sets, and NetworkPolicies in the
 * shapes real clusters use (default deny, same namespace, ingress controller, DNS egress, tier to tier with
 * matchExpressions, monitoring, named ports and endPort ranges, ipBlocks with except in IPv4 and IPv6,
 * Egress-only policies).
 *
 * Same options and seed, same objects: the generator uses its own seeded PRNG and nothing else.
 */
import yaml from 'js-yaml';
import type { K8sObject } from '../src/model/types.js';
import { prng } from '../src/testing/prng.js';

export interface NetpolBenchOptions {
  /** Workload objects (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod), exactly. */
  workloads: number;
  /** Namespaces, exactly (three of them are the cluster's own: kube-system, ingress-nginx, monitoring). */
  namespaces: number;
  /** NetworkPolicies, exactly (spread over the application namespaces). */
  policies: number;
  seed: number;
}

export interface NetpolEstate {
  options: NetpolBenchOptions;
  objects: K8sObject[];
  /** Objects per kind. */
  counts: Record<string, number>;
  namespaces: string[];
  /** How many policies of each shape (policy name prefix). */
  policyShapes: Record<string, number>;
}

/** The benchmark's scale: one namespace per 25 workloads, one policy per 5 workloads (5,000 → 200 and 1,000). */
export function netpolBenchOptions(workloads: number, seed = 1): NetpolBenchOptions {
  return { workloads, namespaces: Math.max(4, Math.round(workloads / 25)), policies: Math.round(workloads / 5), seed };
}

type Tier = 'frontend' | 'backend' | 'data' | 'batch';

/** Applications: name, tier, and the named container ports each version exposes. */
interface App {
  name: string;
  tier: Tier;
}

const APPS: App[] = [
  { name: 'web', tier: 'frontend' },
  { name: 'storefront', tier: 'frontend' },
  { name: 'admin-ui', tier: 'frontend' },
  { name: 'gateway', tier: 'frontend' },
  { name: 'api', tier: 'backend' },
  { name: 'auth', tier: 'backend' },
  { name: 'orders', tier: 'backend' },
  { name: 'payments', tier: 'backend' },
  { name: 'catalog', tier: 'backend' },
  { name: 'search', tier: 'backend' },
  { name: 'notifier', tier: 'backend' },
  { name: 'inventory', tier: 'backend' },
  { name: 'postgres', tier: 'data' },
  { name: 'redis', tier: 'data' },
  { name: 'rabbitmq', tier: 'data' },
  { name: 'mysql', tier: 'data' },
  { name: 'worker', tier: 'batch' },
  { name: 'scheduler', tier: 'batch' },
  { name: 'reporting', tier: 'batch' },
  { name: 'migrate', tier: 'batch' },
];

const DATA_PORTS: Record<string, number> = { postgres: 5432, redis: 6379, rabbitmq: 5672, mysql: 3306 };

const ENVS = ['prod', 'staging', 'dev'];
const NS_TIERS = ['frontend', 'backend', 'data', 'shared'];
const TEAM_WORDS = ['alpha', 'bravo', 'cobalt', 'delta', 'ember', 'falcon', 'granite', 'harbor', 'indigo', 'juniper', 'kestrel', 'lumen', 'maple', 'nimbus', 'onyx', 'pioneer', 'quartz', 'raven', 'sierra', 'tundra'];

/** Partner and corporate ranges that egress policies reuse (documentation ranges and private space). */
const PARTNER_CIDRS: { cidr: string; except?: string[] }[] = [
  { cidr: '203.0.113.0/24' },
  { cidr: '198.51.100.0/24', except: ['198.51.100.128/25'] },
  { cidr: '192.0.2.0/24' },
  { cidr: '100.64.0.0/10', except: ['100.64.0.0/16'] },
  { cidr: '10.200.0.0/16' },
  { cidr: '2001:db8:100::/48' },
  { cidr: '2001:db8:200::/48', except: ['2001:db8:200:ff::/64'] },
];
const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const LB_HEALTH_CHECKS = ['130.211.0.0/22', '35.191.0.0/16'];

export function generateNetpolEstate(options: NetpolBenchOptions): NetpolEstate {
  const random = prng(options.seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number): boolean => random() < p;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const pool = [...items];
    const n = Math.min(pool.length, min + int(max - min + 1));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(int(pool.length), 1)[0]);
    return out;
  };

  const objects: K8sObject[] = [];
  const teamCount = Math.max(2, Math.round(options.namespaces / 10));
  const teams = Array.from({ length: teamCount }, (_, i) => (i < TEAM_WORDS.length ? TEAM_WORDS[i] : `${TEAM_WORDS[i % TEAM_WORDS.length]}-${Math.floor(i / TEAM_WORDS.length)}`));

  // ── namespaces ──
  interface Ns {
    name: string;
    team: string;
    env: string;
    stack: App[];
    /** Relative size: how many workloads it gets. */
    weight: number;
  }
  const system: { name: string; labels: Record<string, string> }[] = [
    { name: 'kube-system', labels: {} },
    { name: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx', purpose: 'ingress', team: 'platform' } },
    { name: 'monitoring', labels: { purpose: 'monitoring', team: 'platform', env: 'prod' } },
  ];
  for (const s of system) objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: s.name, labels: s.labels } });
  const appNamespaces: Ns[] = [];
  for (let i = 0; appNamespaces.length < options.namespaces - system.length; i++) {
    const team = teams[i % teams.length];
    const env = ENVS[Math.floor(i / teams.length) % ENVS.length];
    const name = `${team}-${env}-${Math.floor(i / (teams.length * ENVS.length))}`;
    const labels: Record<string, string> = { team, env, tier: pick(NS_TIERS) };
    if (chance(0.3)) labels['istio-injection'] = 'enabled';
    if (chance(0.5)) labels['monitoring'] = 'enabled';
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    // A stack: a frontend or two, a few backends, a data store or two, some batch.
    const byTier = (tier: Tier): App[] => APPS.filter((a) => a.tier === tier);
    const stack = [...some(byTier('frontend'), 1, 2), ...some(byTier('backend'), 2, 5), ...some(byTier('data'), 1, 2), ...some(byTier('batch'), 1, 3)];
    appNamespaces.push({ name, team, env, stack, weight: 0.4 + random() * 1.6 });
  }
  const namespaces = [...system.map((s) => s.name), ...appNamespaces.map((n) => n.name)];

  // ── workloads ──
  const workloadCount = { value: 0 };
  const counters = new Map<string, number>();
  const uniqueName = (ns: string, base: string): string => {
    const key = `${ns}/${base}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n === 1 ? base : `${base}-${n}`;
  };
  const addWorkload = (o: K8sObject): void => {
    if (workloadCount.value >= options.workloads) return;
    objects.push(o);
    workloadCount.value++;
  };
  const container = (name: string, image: string, ports: { name: string; containerPort: number; protocol?: string }[]): Record<string, unknown> => ({
    name,
    image,
    ...(ports.length ? { ports } : {}),
    resources: { requests: { cpu: '100m', memory: '128Mi' } },
  });
  const template = (labels: Record<string, string>, containers: Record<string, unknown>[]): Record<string, unknown> => ({
    metadata: { labels },
    spec: { containers },
  });

  // The cluster's own workloads.
  addWorkload({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: template({ 'k8s-app': 'kube-dns' }, [
        container('coredns', 'registry.k8s.io/coredns/coredns:v1.11.1', [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          { name: 'metrics', containerPort: 9153 },
        ]),
      ]),
    },
  });
  addWorkload({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system' },
    spec: { template: template({ 'k8s-app': 'kube-proxy' }, [container('kube-proxy', 'registry.k8s.io/kube-proxy:v1.30.0', [])]) },
  });
  addWorkload({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
    spec: {
      template: template({ 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }, [
        container('controller', 'registry.k8s.io/ingress-nginx/controller:v1.10.0', [
          { name: 'http', containerPort: 80 },
          { name: 'https', containerPort: 443 },
          { name: 'metrics', containerPort: 10254 },
        ]),
      ]),
    },
  });
  addWorkload({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'prometheus', namespace: 'monitoring' },
    spec: { template: template({ app: 'prometheus', 'app.kubernetes.io/name': 'prometheus' }, [container('prometheus', 'quay.io/prometheus/prometheus:v2.51.0', [{ name: 'web', containerPort: 9090 }])]) },
  });
  addWorkload({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-exporter', namespace: 'monitoring' },
    spec: { template: template({ app: 'node-exporter' }, [container('node-exporter', 'quay.io/prometheus/node-exporter:v1.7.0', [{ name: 'metrics', containerPort: 9100 }])]) },
  });

  // Application workloads: namespaces drawn by weight; apps from the namespace's stack; several workloads
  // per label set (blue/green copies, replicas split by zone), versions v1/v2 and a few canaries.
  const totalWeight = appNamespaces.reduce((s, n) => s + n.weight, 0);
  const drawNamespace = (): Ns => {
    let r = random() * totalWeight;
    for (const n of appNamespaces) if ((r -= n.weight) < 0) return n;
    return appNamespaces[appNamespaces.length - 1];
  };
  while (workloadCount.value < options.workloads) {
    const ns = drawNamespace();
    const app = pick(ns.stack);
    const roll = random();
    const version = roll < 0.6 ? 'v1' : roll < 0.93 ? 'v2' : 'canary';
    const labels: Record<string, string> = {
      app: app.name,
      'app.kubernetes.io/name': app.name,
      'app.kubernetes.io/part-of': `${ns.team}-shop`,
      tier: app.tier,
      team: ns.team,
      version,
    };
    const ports: { name: string; containerPort: number; protocol?: string }[] = [];
    if (app.tier === 'frontend') ports.push({ name: 'http', containerPort: version === 'v2' ? 3000 : 8080 });
    if (app.tier === 'backend') ports.push({ name: 'http', containerPort: 8080 }, { name: 'grpc', containerPort: version === 'v1' ? 9090 : 50051 });
    if (app.tier === 'data') ports.push({ name: 'db', containerPort: DATA_PORTS[app.name] ?? 5432 });
    if (app.tier !== 'batch' || chance(0.3)) ports.push({ name: 'metrics', containerPort: 9100 + (app.tier === 'data' ? 87 : 0) });
    if (app.name === 'notifier') ports.push({ name: 'smtp', containerPort: 25 }, { name: 'stats', containerPort: 8125, protocol: 'UDP' });
    const image = `registry.example.com/${ns.team}/${app.name}:${version === 'canary' ? '2.1.0-rc1' : version === 'v2' ? '2.0.3' : '1.4.7'}`;
    const containers = [container(app.name, image, ports)];
    if (labels['version'] !== 'v1' && chance(0.2)) containers.push(container('envoy', 'envoyproxy/envoy:v1.29.0', [{ name: 'envoy-admin', containerPort: 9901 }]));
    const name = uniqueName(ns.name, version === 'v1' ? app.name : `${app.name}-${version}`);
    const metadata = { name, namespace: ns.name, labels: { app: app.name } };

    if (app.tier === 'batch') {
      if (chance(0.5)) {
        addWorkload({
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata,
          spec: { schedule: `${int(60)} * * * *`, jobTemplate: { spec: { template: { ...template(labels, containers), spec: { containers, restartPolicy: 'OnFailure' } } } } },
        });
      } else {
        addWorkload({ apiVersion: 'batch/v1', kind: 'Job', metadata, spec: { template: { ...template(labels, containers), spec: { containers, restartPolicy: 'Never' } } } });
      }
    } else if (app.tier === 'data') {
      addWorkload({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec: { serviceName: app.name, selector: { matchLabels: labels }, template: template(labels, containers) } });
    } else if (chance(0.04)) {
      // Bare pods: a debug pod, or two pods of one ReplicaSet (one endpoint, named by its owner).
      if (chance(0.5) || workloadCount.value + 2 > options.workloads) {
        addWorkload({ apiVersion: 'v1', kind: 'Pod', metadata: { ...metadata, name: uniqueName(ns.name, `${app.name}-debug`), labels }, spec: { containers } });
      } else {
        const owner = `${name}-7d9f8b6c5`;
        for (const [i, zone] of ['a', 'b'].entries()) {
          addWorkload({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              name: `${owner}-${i === 0 ? 'x2k4p' : 'q8m3n'}`,
              namespace: ns.name,
              // The second pod carries a zone label: one endpoint with two pod classes.
              labels: i === 0 ? labels : { ...labels, zone },
              ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, controller: true, uid: `uid-${owner}` }],
            },
            spec: { containers },
          });
        }
      }
    } else if (chance(0.03)) {
      addWorkload({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec: { selector: { matchLabels: labels }, template: template(labels, containers) } });
    } else {
      addWorkload({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: { replicas: 1 + int(3), selector: { matchLabels: labels }, template: template(labels, containers) } });
    }
  }

  // ── policies ──
  const policyShapes: Record<string, number> = {};
  const policiesOf = new Map<string, Set<string>>();
  const addPolicy = (ns: Ns, shape: string, spec: Record<string, unknown>): void => {
    let used = policiesOf.get(ns.name);
    if (!used) policiesOf.set(ns.name, (used = new Set()));
    let name = shape;
    for (let k = 2; used.has(name); k++) name = `${shape}-${k}`;
    used.add(name);
    policyShapes[shape] = (policyShapes[shape] ?? 0) + 1;
    objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns.name }, spec });
  };
  const nsName = (name: string): Record<string, unknown> => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
  const dnsEgress = (): Record<string, unknown> => ({
    to: [{ namespaceSelector: nsName('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ],
  });
  const appOf = (ns: Ns, tier: Tier): string => {
    const apps = ns.stack.filter((a) => a.tier === tier);
    return (apps.length ? pick(apps) : pick(ns.stack)).name;
  };

  type Shape = (ns: Ns) => [string, Record<string, unknown>];
  const SHAPES: Shape[] = [
    () => ['allow-same-namespace', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }],
    () => [
      'allow-from-ingress-controller',
      {
        podSelector: { matchLabels: { tier: 'frontend' } },
        ingress: [{ from: [{ namespaceSelector: nsName('ingress-nginx'), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }], ports: [{ port: 'http' }] }],
      },
    ],
    // DNS_SHAPE
    () => ['allow-dns-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [dnsEgress()] }],
    () => [
      'backend-from-frontend',
      {
        podSelector: { matchLabels: { tier: 'backend' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'backend'] }, { key: 'version', operator: 'NotIn', values: ['canary'] }] } }],
            ports: [{ port: 'http' }, { port: 'grpc' }],
          },
        ],
      },
    ],
    () => [
      'data-from-backend',
      {
        podSelector: { matchLabels: { tier: 'data' } },
        ingress: [
          {
            from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'batch'] }] } }],
            ports: [{ port: 'db' }, { port: 5432 }, { port: 6379 }],
          },
        ],
      },
    ],
    () => [
      'allow-monitoring',
      {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
        ingress: [
          {
            from: [{ namespaceSelector: { matchExpressions: [{ key: 'purpose', operator: 'In', values: ['monitoring'] }] } }],
            ports: [{ port: 'metrics' }, { port: 9100, endPort: 9110 }, { port: 9187 }],
          },
        ],
      },
    ],
    () => [
      'egress-internet-https',
      {
        podSelector: { matchLabels: { tier: 'backend' } },
        policyTypes: ['Egress'],
        egress: [
          { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_V4 } }, ...(chance(0.3) ? [{ ipBlock: { cidr: '::/0', except: ['fc00::/7'] } }] : [])], ports: [{ port: 443 }] },
          { to: [{ podSelector: {} }] },
          dnsEgress(),
        ],
      },
    ],
    (ns) => {
      const partners = some(PARTNER_CIDRS, 1, 2);
      return [
        'egress-partner',
        {
          podSelector: { matchLabels: { app: appOf(ns, 'backend') } },
          policyTypes: ['Egress'],
          egress: [
            { to: partners.map((p) => ({ ipBlock: p.except ? { cidr: p.cidr, except: p.except } : { cidr: p.cidr } })), ports: [{ port: 8443, endPort: 8450 }, { port: 443 }] },
            { to: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] } }] },
            dnsEgress(),
          ],
        },
      ];
    },
    (ns) => [
      'allow-cross-team',
      {
        podSelector: { matchLabels: { tier: 'backend' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchExpressions: [
                    { key: 'team', operator: 'In', values: [ns.team, pick(teams), pick(teams)].filter((t, i, a) => a.indexOf(t) === i) },
                    { key: 'env', operator: 'NotIn', values: ['dev'] },
                  ],
                },
                podSelector: { matchLabels: { tier: 'frontend' } },
              },
            ],
            ports: [{ port: 'http' }],
          },
        ],
      },
    ],
    () => [
      'frontend-egress',
      {
        podSelector: { matchLabels: { tier: 'frontend' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { tier: 'backend' } } }], ports: [{ port: 'http' }, { port: 'grpc' }] }, dnsEgress()],
      },
    ],
    () => [
      'allow-lb-health-checks',
      {
        podSelector: { matchLabels: { tier: 'frontend' } },
        ingress: [{ from: LB_HEALTH_CHECKS.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ port: 'http' }] }],
      },
    ],
    (ns) => [
      'public-gateway',
      {
        podSelector: { matchLabels: { app: appOf(ns, 'frontend') } },
        ingress: [{ ports: [{ port: 443 }, { port: 8080, endPort: 8090 }] }],
      },
    ],
    (ns) => [
      'allow-from-env',
      {
        podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'data'] }] },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: ns.env }, matchExpressions: [{ key: 'monitoring', operator: 'Exists' }] }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['data'] }] } }] }],
      },
    ],
    () => [
      'batch-egress',
      {
        podSelector: { matchLabels: { tier: 'batch' } },
        policyTypes: ['Egress'],
        egress: [
          { to: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['data', 'backend'] }] } }], ports: [{ port: 'db' }, { port: 'http' }] },
          { to: [{ ipBlock: { cidr: '10.200.0.0/16', except: ['10.200.10.0/24'] } }], ports: [{ port: 9000, endPort: 9100 }] },
          dnsEgress(),
        ],
      },
    ],
  ];

  // Exactly `policies` policies, round robin over the application namespaces: first a default deny (most
  // namespaces; some deny egress too; a few have none), then shapes drawn without repetition.
  const DNS_SHAPE = 2;
  const draws = new Map<string, { order: number[]; next: number }>();
  for (let i = 0; i < options.policies; i++) {
    const ns = appNamespaces[i % appNamespaces.length];
    let state = draws.get(ns.name);
    if (!state) {
      draws.set(ns.name, (state = { order: some(SHAPES.map((_, k) => k), SHAPES.length, SHAPES.length), next: 0 }));
      const roll = random();
      if (roll < 0.7) {
        addPolicy(ns, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
        continue;
      }
      if (roll < 0.9) {
        addPolicy(ns, 'default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
        // Namespaces that deny egress by default allow DNS next.
        state.order.splice(state.order.indexOf(DNS_SHAPE), 1);
        state.order.unshift(DNS_SHAPE);
        continue;
      }
      // No default deny: the namespace is open to whatever its other policies do not select.
    }
    const [shape, spec] = SHAPES[state.order[state.next++ % state.order.length]](ns);
    addPolicy(ns, shape, spec);
  }

  const counts: Record<string, number> = {};
  for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  return { options, objects, counts, namespaces, policyShapes };
}

/** The estate as one multi-document YAML stream, as `kubectl get -o yaml` would hand it over (one object per document). */
export function estateYaml(estate: NetpolEstate): string {
  return estate.objects.map((o) => yaml.dump(o, { lineWidth: -1, noRefs: true })).join('---\n');
}
