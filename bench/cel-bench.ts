/**
 * CEL policy benchmark: 10,000 generated Deployments (1-3 containers, varied labels, images, resources,
 * volumes and security contexts) x 20 realistic ValidatingAdmissionPolicy-style policies, evaluated with
 * src/policy/cel. Reports compile time, evaluation total (toCelValue once per object, shared by the 20
 * policies, is included), evaluations/s and peak RSS. Target: <= 1 s for the evaluation total. It reports
 * numbers and never asserts.
 *
 * Environment: BENCH_CEL_OBJECTS (default 10000), BENCH_CEL_RUNS (default 3), BENCH_CEL_SEED (default 1).
 */
import { performance } from 'node:perf_hooks';
import { compileCel, CostTracker, lazyVariables, toCelValue, type CelActivation, type CelProgram } from '../src/policy/cel/index.js';
import { prng } from '../src/testing/prng.js';
import { fmtInt, fmtMb, fmtMs, median, positiveInt, verdict } from './bench-support.js';

const TARGET_MS = 1000;
const OBJECTS = positiveInt(process.env.BENCH_CEL_OBJECTS, 10_000);
const RUNS = positiveInt(process.env.BENCH_CEL_RUNS, 3);
const SEED = positiveInt(process.env.BENCH_CEL_SEED, 1);

// ───────────────────────────── generation ─────────────────────────────

const random = prng(SEED);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];
const chance = (p: number): boolean => random() < p;

const REGISTRIES = ['registry.example.com/', 'ghcr.io/acme/', 'docker.io/library/', 'quay.io/team/', ''];
const APPS = ['web', 'api', 'worker', 'cache', 'db', 'frontend', 'billing', 'search'];
const TEAMS = ['payments', 'platform', 'growth', 'data'];
const CPU = ['100m', '250m', '500m', '1', '1.5', '2', '4'];
const MEMORY = ['64Mi', '128Mi', '256Mi', '512Mi', '1Gi', '2Gi', '8Gi', '1G'];

function container(i: number): Record<string, unknown> {
  const c: Record<string, unknown> = {
    name: `c${i}`,
    image: `${pick(REGISTRIES)}${pick(APPS)}:${chance(0.1) ? 'latest' : `1.${int(20)}.${int(10)}`}`,
    ports: chance(0.7) ? [{ containerPort: pick([80, 443, 8080, 9090, 22]), protocol: 'TCP' }] : undefined,
  };
  if (chance(0.85)) {
    c.resources = {
      requests: { cpu: pick(CPU), memory: pick(MEMORY) },
      ...(chance(0.8) ? { limits: { cpu: pick(CPU), memory: pick(MEMORY) } } : {}),
    };
  }
  if (chance(0.6)) {
    c.securityContext = {
      runAsNonRoot: chance(0.8),
      allowPrivilegeEscalation: chance(0.2),
      readOnlyRootFilesystem: chance(0.6),
      privileged: chance(0.05),
      capabilities: chance(0.5) ? { drop: ['ALL'], add: chance(0.1) ? ['NET_ADMIN'] : [] } : undefined,
    };
  }
  if (chance(0.3)) c.env = [{ name: 'ENDPOINT', value: pick(['https://api.example.com/v1', 'http://10.0.3.4:8080/x', 'not a url']) }];
  return c;
}

function deployment(i: number): Record<string, unknown> {
  const app = pick(APPS);
  const labels: Record<string, string> = { app };
  if (chance(0.8)) labels.team = pick(TEAMS);
  if (chance(0.5)) labels['app.kubernetes.io/version'] = `${1 + int(3)}.${int(10)}.${int(10)}`;
  const containers = Array.from({ length: 1 + int(3) }, (_, k) => container(k));
  const volumes = chance(0.3) ? [chance(0.3) ? { name: 'host', hostPath: { path: pick(['/var/log', '/etc', '/var/run/docker.sock']) } } : { name: 'data', emptyDir: {} }] : [];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `${app}-${i}`, namespace: pick(['default', 'prod', 'staging', 'team-a']), labels, annotations: chance(0.3) ? { 'example.com/owner': 'x' } : {} },
    spec: {
      replicas: int(5),
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels },
        spec: {
          ...(chance(0.5) ? { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } } : {}),
          hostNetwork: chance(0.05),
          containers,
          volumes,
          ...(chance(0.2) ? { podCIDR: pick(['10.0.0.0/16', '192.168.1.0/24', 'fd00::/64']) } : {}),
          ...(chance(0.3) ? { dnsConfig: { nameservers: [pick(['10.0.0.10', '8.8.8.8', '2001:4860:4860::8888'])] } } : {}),
        },
      },
    },
  };
}

// ───────────────────────────── policies ─────────────────────────────

interface Policy {
  name: string;
  variables?: { name: string; expression: string }[];
  validations: string[];
}

const POLICIES: Policy[] = [
  { name: 'registry-allow-list', variables: [{ name: 'containers', expression: 'object.spec.template.spec.containers' }], validations: ['variables.containers.all(c, c.image.startsWith("registry.example.com/") || c.image.startsWith("ghcr.io/acme/"))'] },
  { name: 'require-team-label', validations: ['has(object.metadata.labels) && "team" in object.metadata.labels'] },
  { name: 'min-replicas', validations: ['object.spec.replicas >= 2'] },
  { name: 'limits-set', validations: ['object.spec.template.spec.containers.all(c, has(c.resources) && has(c.resources.limits) && has(c.resources.limits.cpu) && has(c.resources.limits.memory))'] },
  { name: 'memory-limit-max', validations: ['object.spec.template.spec.containers.all(c, !has(c.resources) || !has(c.resources.limits) || !has(c.resources.limits.memory) || quantity(c.resources.limits.memory).compareTo(quantity("4Gi")) <= 0)'] },
  { name: 'cpu-request-le-limit', validations: ['object.spec.template.spec.containers.all(c, !has(c.resources) || !has(c.resources.limits) || !has(c.resources.requests) || !quantity(c.resources.requests.cpu).isGreaterThan(quantity(c.resources.limits.cpu)))'] },
  { name: 'no-host-path', validations: ['!has(object.spec.template.spec.volumes) || object.spec.template.spec.volumes.all(v, !has(v.hostPath))'] },
  { name: 'pod-security-context', validations: ['has(object.spec.template.spec.securityContext)'] },
  { name: 'run-as-non-root', variables: [{ name: 'podNonRoot', expression: 'object.spec.template.spec.?securityContext.?runAsNonRoot.orValue(false)' }], validations: ['object.spec.template.spec.containers.all(c, variables.podNonRoot || c.?securityContext.?runAsNonRoot.orValue(false))'] },
  { name: 'no-privileged', validations: ['object.spec.template.spec.containers.all(c, !c.?securityContext.?privileged.orValue(false))'] },
  { name: 'no-privilege-escalation', validations: ['object.spec.template.spec.containers.all(c, c.?securityContext.?allowPrivilegeEscalation.orValue(true) == false)'] },
  { name: 'drop-all', validations: ['object.spec.template.spec.containers.all(c, "ALL" in c.?securityContext.?capabilities.?drop.orValue([]))'] },
  { name: 'no-latest', validations: ['object.spec.template.spec.containers.all(c, !c.image.endsWith(":latest") && c.image.contains(":"))'] },
  { name: 'no-ssh-port', validations: ['!object.spec.template.spec.containers.exists(c, c.?ports.orValue([]).exists(p, p.containerPort == 22))'] },
  { name: 'no-host-network', validations: ['!object.spec.template.spec.?hostNetwork.orValue(false)'] },
  { name: 'pod-cidr-private', validations: ['!has(object.spec.template.spec.podCIDR) || cidr("10.0.0.0/8").containsCIDR(object.spec.template.spec.podCIDR) || cidr("192.168.0.0/16").containsCIDR(object.spec.template.spec.podCIDR)'] },
  { name: 'dns-private', validations: ['object.spec.template.spec.?dnsConfig.?nameservers.orValue([]).all(n, isIP(n) && !ip(n).isGlobalUnicast() || ip(n).family() == 4 && cidr("10.0.0.0/8").containsIP(n))'] },
  { name: 'endpoint-https', validations: ['object.spec.template.spec.containers.all(c, c.?env.orValue([]).all(e, !has(e.value) || !isURL(e.value) || url(e.value).getScheme() == "https"))'] },
  { name: 'version-label', variables: [{ name: 'v', expression: 'object.metadata.labels[?"app.kubernetes.io/version"].orValue("0.0.0")' }], validations: ['isSemver(variables.v) && semver(variables.v).isGreaterThan(semver("1.0.0"))', 'variables.v.matches("^[0-9]+\\\\.[0-9]+\\\\.[0-9]+$")'] },
  { name: 'name-format', validations: ['object.metadata.name.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") && size(object.metadata.name) <= 63', '"%s/%s".format([object.metadata.namespace, object.metadata.name]).size() > 0'] },
];

interface CompiledPolicy {
  variables: { name: string; program: CelProgram }[];
  validations: CelProgram[];
}

function compileAll(): CompiledPolicy[] {
  return POLICIES.map((p) => {
    const names = (p.variables ?? []).map((v) => v.name);
    return {
      variables: (p.variables ?? []).map((v) => ({ name: v.name, program: compileCel(v.expression, { declaredVariables: names }) })),
      validations: p.validations.map((e) => compileCel(e, { declaredVariables: names, resultType: 'bool' })),
    };
  });
}

function evaluateAll(objects: unknown[], policies: CompiledPolicy[]): { evaluations: number; denied: number; errors: number } {
  let evaluations = 0;
  let denied = 0;
  let errors = 0;
  for (const json of objects) {
    const object = toCelValue(json);
    for (const p of policies) {
      const cost = new CostTracker();
      const activation: CelActivation = { object };
      if (p.variables.length) activation.variables = lazyVariables(p.variables, activation, cost);
      evaluations++;
      for (const v of p.validations) {
        try {
          if (v.run(activation, cost) !== true) {
            denied++;
            break;
          }
        } catch {
          errors++;
          break;
        }
      }
    }
  }
  return { evaluations, denied, errors };
}

// ───────────────────────────── main ─────────────────────────────

const objects = Array.from({ length: OBJECTS }, (_, i) => deployment(i));
let peakRss = process.memoryUsage().rss;

let t = performance.now();
const policies = compileAll();
const compileMs = performance.now() - t;

const times: number[] = [];
let result = { evaluations: 0, denied: 0, errors: 0 };
for (let run = 0; run < RUNS; run++) {
  t = performance.now();
  result = evaluateAll(objects, policies);
  times.push(performance.now() - t);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const first = times[0];
const med = median(times);

console.log(`CEL policies: ${fmtInt(OBJECTS)} Deployments x ${POLICIES.length} policies (${POLICIES.reduce((n, p) => n + p.validations.length + (p.variables?.length ?? 0), 0)} expressions)`);
console.log(`  compile:     ${fmtMs(compileMs, 1)}`);
console.log(`  evaluation:  ${fmtMs(first)} first run, ${fmtMs(med)} median of ${RUNS} (toCelValue included)  target <= ${fmtMs(TARGET_MS)}  ${verdict(first <= TARGET_MS)}`);
console.log(`  throughput:  ${fmtInt(result.evaluations / (med / 1000))} policy evaluations/s`);
console.log(`  results:     ${fmtInt(result.denied)} denied, ${fmtInt(result.errors)} errors of ${fmtInt(result.evaluations)} policy evaluations`);
console.log(`  peak RSS:    ${fmtMb(Math.max(peakRss, process.memoryUsage().rss) / 1024 / 1024)}`);
