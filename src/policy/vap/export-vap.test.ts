import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import yaml from 'js-yaml';
import { BUILTIN_CHECKS } from '../../checks/index.js';
import type { K8sObject } from '../../model/types.js';
import { compileCel, CostTracker, lazyVariables, toCelValue } from '../cel/index.js';
import { EMPTY_CONFIG, type BulwarkConfig } from '../config.js';
import type { CustomPolicy } from '../custom/policy-types.js';
import { BUILTIN_CEL } from './builtin-cel.js';
import { exportVap, globToRegex, resourceRules } from './export-vap.js';

function policy(overrides: Partial<CustomPolicy> = {}): CustomPolicy {
  return {
    id: 'require-team-label',
    title: 'Workloads carry a team label',
    severity: 'medium',
    stage: 'deploy',
    enforcement: 'deny',
    failurePolicy: 'Fail',
    match: { kinds: ['Workload'], operations: ['CREATE', 'UPDATE'] },
    matchConditions: [],
    variables: [{ name: 'labels', expression: 'object.metadata.?labels.orValue({})', line: 12 }],
    validations: [
      { expression: "'team' in variables.labels", messageExpression: "'missing team label on ' + object.metadata.name", reason: 'Forbidden', line: 14 },
      { expression: 'true', message: 'static', reason: 'Invalid', line: 16 },
    ],
    file: 'policies/team.yaml',
    line: 3,
    ...overrides,
  };
}

const named = (objects: K8sObject[], kind: string, name: string): K8sObject => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(o, `${kind} ${name}`);
  return o;
};
const spec = (o: K8sObject): Record<string, any> => o.spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('exportVap', () => {
  it('writes a policy and a binding per custom policy, with labels, annotations and copied expressions', () => {
    const out = exportVap({ policies: [policy()], builtins: [], config: EMPTY_CONFIG, includeBuiltins: false });
    assert.deepEqual(out.skipped, []);
    assert.equal(out.objects.length, 2);
    const vap = named(out.objects, 'ValidatingAdmissionPolicy', 'bulwark-require-team-label');
    assert.equal(vap.apiVersion, 'admissionregistration.k8s.io/v1');
    assert.deepEqual(vap.metadata.labels, { 'app.kubernetes.io/managed-by': 'bulwark' });
    assert.deepEqual(vap.metadata.annotations, { 'bulwark.dev/severity': 'medium', 'bulwark.dev/source': 'policies/team.yaml:3' });
    assert.equal(spec(vap).failurePolicy, 'Fail');
    assert.deepEqual(spec(vap).variables, [{ name: 'labels', expression: 'object.metadata.?labels.orValue({})' }]);
    assert.deepEqual(spec(vap).validations, [
      { expression: "'team' in variables.labels", messageExpression: "'missing team label on ' + object.metadata.name", reason: 'Forbidden' },
      { expression: 'true', message: 'static', reason: 'Invalid' },
    ]);
    assert.equal(spec(vap).matchConditions, undefined);
    const binding = named(out.objects, 'ValidatingAdmissionPolicyBinding', 'bulwark-require-team-label');
    assert.deepEqual(binding.spec, { policyName: 'bulwark-require-team-label', validationActions: ['Deny'] });
  });

  it('expands kind groups into resource rules per API group and version', () => {
    const rules = resourceRules(['Workload', 'Service'], ['CREATE', 'UPDATE']);
    assert.deepEqual(rules, [
      { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'pods/ephemeralcontainers', 'replicationcontrollers', 'services'] },
      { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'] },
      { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['jobs', 'cronjobs'] },
      { apiGroups: ['apps.openshift.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deploymentconfigs'] },
    ]);
    assert.deepEqual(resourceRules(['ClusterRoleBinding', 'RoleBinding'], ['DELETE']), [
      { apiGroups: ['rbac.authorization.k8s.io'], apiVersions: ['v1'], operations: ['DELETE'], resources: ['clusterrolebindings', 'rolebindings'] },
    ]);
    assert.deepEqual(resourceRules(['*'], ['CREATE']), [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['CREATE'], resources: ['*'] }]);
  });

  it('turns selectors into object/namespace selectors and names into matchConditions before the policy\'s own', () => {
    const p = policy({
      match: {
        kinds: ['Deployment'],
        operations: ['CREATE'],
        namespaces: ['prod-*', 'default'],
        excludeNamespaces: ['kube-?'],
        names: ['api', 'web-*'],
        excludeNames: ['web-canary'],
        labelSelector: { matchLabels: { tier: 'backend' } },
        namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
      },
      matchConditions: [{ name: 'not-dry-run', expression: '!request.dryRun', line: 9 }],
    });
    const vap = named(exportVap({ policies: [p], builtins: [], config: EMPTY_CONFIG, includeBuiltins: false }).objects, 'ValidatingAdmissionPolicy', 'bulwark-require-team-label');
    const mc = spec(vap).matchConstraints;
    assert.deepEqual(mc.objectSelector, { matchLabels: { tier: 'backend' } });
    assert.deepEqual(mc.namespaceSelector, { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] });
    assert.deepEqual(mc.resourceRules, [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }]);
    const conditions = spec(vap).matchConditions as { name: string; expression: string }[];
    assert.deepEqual(conditions.map((c) => c.name), ['bulwark-namespaces', 'bulwark-exclude-namespaces', 'bulwark-names', 'bulwark-exclude-names', 'not-dry-run']);
    assert.equal(conditions[0].expression, `request.namespace != '' && (request.namespace in ["default"] || request.namespace.matches("^prod-.*$"))`);
    assert.equal(conditions[1].expression, `request.namespace == '' || !(request.namespace.matches("^kube-.$"))`);

    // The conditions mean what Bulwark's globs mean.
    const programs = conditions.slice(0, 4).map((c) => compileCel(c.expression, { resultType: 'bool' }));
    const applies = (namespace: string, name: string | null, operation = 'CREATE'): boolean => {
      const object = name === null ? null : toCelValue({ metadata: { name } });
      const oldObject = toCelValue({ metadata: { name: name ?? 'api' } });
      return programs.every((p) => p.run({ request: toCelValue({ namespace, operation, dryRun: false }), object, oldObject }, new CostTracker()) === true);
    };
    assert.equal(applies('prod-eu', 'api'), true);
    assert.equal(applies('default', 'web-1'), true);
    assert.equal(applies('production', 'api'), false, 'prod-* needs the hyphen');
    assert.equal(applies('kube-a', 'api'), false);
    assert.equal(applies('prod-eu', 'web-canary'), false);
    assert.equal(applies('prod-eu', 'apis'), false, 'exact names are not prefixes');
    assert.equal(applies('prod-eu', null, 'DELETE'), true, 'DELETE reads the old object\'s name');
    assert.equal(applies('', 'api'), false, 'a namespaces list never matches cluster-scoped objects, as in a scan');
    const exclude = compileCel(conditions[1].expression, { resultType: 'bool' });
    assert.equal(exclude.run({ request: toCelValue({ namespace: '' }) }, new CostTracker()), true, 'excludeNamespaces never excludes cluster-scoped objects');
  });

  it('escapes regex characters in globs', () => {
    assert.equal(globToRegex('a.b*'), '^a\\.b.*$');
    assert.equal(globToRegex('x+(y)?'), '^x\\+\\(y\\).$');
    assert.ok(new RegExp(globToRegex('team.*')).test('team.a'));
    assert.ok(!new RegExp(globToRegex('team.*')).test('teamXa'));
  });

  it('derives the binding\'s validation actions from the effective enforcement', () => {
    const config: BulwarkConfig = { ...EMPTY_CONFIG, checks: { b: { enforcement: 'deny' }, c: { enforcement: 'inform', severity: 'critical' } } };
    const out = exportVap({
      policies: [policy({ id: 'a', enforcement: 'fail-build' }), policy({ id: 'b', enforcement: 'inform' }), policy({ id: 'c', enforcement: 'deny' })],
      builtins: [],
      config,
      includeBuiltins: false,
    });
    const actions = (id: string): unknown => spec(named(out.objects, 'ValidatingAdmissionPolicyBinding', `bulwark-${id}`)).validationActions;
    assert.deepEqual(actions('a'), ['Warn', 'Audit']);
    assert.deepEqual(actions('b'), ['Deny']);
    assert.deepEqual(actions('c'), ['Warn', 'Audit']);
    assert.equal(named(out.objects, 'ValidatingAdmissionPolicy', 'bulwark-c').metadata.annotations?.['bulwark.dev/severity'], 'critical');
  });

  it('skips what a cluster cannot run, with a reason', () => {
    const out = exportVap({
      policies: [
        policy({ id: 'with-params', params: { max: 3 } }),
        policy({ id: 'build-stage', stage: 'build', match: { kinds: ['Dockerfile'], operations: ['CREATE'] } }),
        policy({ id: 'custom-kind', match: { kinds: ['Deployment', 'Widget'], operations: ['CREATE'] } }),
        policy({ id: 'off' }),
        policy({ id: 'fine' }),
      ],
      builtins: [],
      config: { ...EMPTY_CONFIG, checks: { off: { enabled: false } } },
      includeBuiltins: false,
    });
    assert.deepEqual(out.skipped, [
      { id: 'with-params', reason: 'uses params: inline parameters have no cluster counterpart without a parameter resource' },
      { id: 'build-stage', reason: "stage 'build': Dockerfiles are not admitted" },
      { id: 'custom-kind', reason: 'kind Widget: its API resource is unknown to Bulwark' },
      { id: 'off', reason: 'disabled in the config' },
    ]);
    assert.deepEqual(out.objects.map((o) => o.metadata.name), ['bulwark-fine', 'bulwark-fine']);
  });

  it('exports the built-ins that have a CEL rendition and gives a reason for every other', () => {
    const out = exportVap({ policies: [], builtins: BUILTIN_CHECKS, config: EMPTY_CONFIG, includeBuiltins: true });
    const exported = out.objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy').map((o) => o.metadata.name);
    assert.deepEqual(exported.sort(), Object.keys(BUILTIN_CEL).map((id) => `bulwark-${id}`).sort());
    assert.equal(out.skipped.length, BUILTIN_CHECKS.length - Object.keys(BUILTIN_CEL).length);
    const reason = (id: string): string | undefined => out.skipped.find((s) => s.id === id)?.reason;
    assert.match(reason('no-wildcard-rbac-rule') ?? '', /RBAC graph/);
    assert.match(reason('require-network-policy') ?? '', /inventory-wide/);
    assert.match(reason('no-curl-pipe-to-shell') ?? '', /Dockerfile/);
    assert.match(reason('require-apiserver-tls') ?? '', /control-plane/);
    assert.match(reason('no-inline-secret-data') ?? '', /not expressible in CEL/);
    // Without options.trustedRegistries the check reports nothing, so there is nothing to export.
    assert.match(reason('require-trusted-registry') ?? '', /trustedRegistries is not set/);
    for (const id of ['require-image-digest', 'no-sensitive-host-path-mount', 'no-writable-host-path-mount', 'no-exposed-service', 'require-namespace-pod-security-enforce', 'no-default-namespace']) {
      assert.equal(reason(id), undefined, `${id} is exported`);
    }
    // Every resource, but not what Kubernetes' own components write, nor Events.
    const defaultNs = named(out.objects, 'ValidatingAdmissionPolicy', 'bulwark-no-default-namespace');
    assert.deepEqual(spec(defaultNs).matchConstraints.resourceRules, [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['*'] }]);
    assert.deepEqual((spec(defaultNs).matchConditions as { name: string }[]).map((c) => c.name), ['bulwark-not-kubernetes-components', 'bulwark-not-events']);
    assert.deepEqual(spec(named(out.objects, 'ValidatingAdmissionPolicy', 'bulwark-require-namespace-pod-security-enforce')).matchConstraints.resourceRules, [
      { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['namespaces'] },
    ]);
    const binding = (id: string): unknown => spec(named(out.objects, 'ValidatingAdmissionPolicyBinding', `bulwark-${id}`)).validationActions;
    assert.deepEqual(binding('no-privileged-container'), ['Deny']);
    assert.deepEqual(binding('require-cpu-limits'), ['Warn', 'Audit']);
    const vap = named(out.objects, 'ValidatingAdmissionPolicy', 'bulwark-no-service-external-ips');
    assert.deepEqual(spec(vap).matchConstraints.resourceRules, [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['services'] }]);
    assert.equal(vap.metadata.annotations?.['bulwark.dev/source'], undefined);
  });

  it('exports require-trusted-registry from the configured trustedRegistries, judging images as the check does', () => {
    const config: BulwarkConfig = { ...EMPTY_CONFIG, options: { trustedRegistries: ['ghcr.io/acme', 'docker.io/library'] } };
    const out = exportVap({ policies: [], builtins: BUILTIN_CHECKS, config, includeBuiltins: true });
    assert.equal(out.skipped.find((s) => s.id === 'require-trusted-registry'), undefined);
    const vap = named(out.objects, 'ValidatingAdmissionPolicy', 'bulwark-require-trusted-registry');
    assert.equal(vap.metadata.annotations?.['bulwark.dev/severity'], 'high');
    const s = spec(vap);
    const declaredVariables = s.variables.map((v: { name: string }) => v.name);
    const variables = s.variables.map((v: { name: string; expression: string }) => ({ name: v.name, program: compileCel(v.expression, { declaredVariables }) }));
    const validation = compileCel(s.validations[0].expression, { declaredVariables, resultType: 'bool' });
    const admits = (image: string): boolean => {
      const cost = new CostTracker();
      const activation = { object: toCelValue({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image }] } }) };
      return validation.run({ ...activation, variables: lazyVariables(variables, activation, cost) }, cost) === true;
    };
    assert.equal(admits('ghcr.io/acme/api:1.2'), true);
    assert.equal(admits('GHCR.io/acme/api'), true, 'the registry host is case-insensitive');
    assert.equal(admits('ghcr.io/acme-evil/api'), false, 'a path prefix ends at a component boundary');
    assert.equal(admits('nginx:1.27'), true, 'official images are docker.io/library/…');
    assert.equal(admits('docker.io/library/nginx'), true);
    assert.equal(admits('bitnami/redis'), false);
    assert.equal(admits('ghcr.io.evil.com/acme/api'), false, 'the host is compared whole');
    // Trusting no registry: an option whose entries are all unusable exports a policy that admits no image.
    const none = exportVap({ policies: [], builtins: BUILTIN_CHECKS, config: { ...EMPTY_CONFIG, options: { trustedRegistries: [' '] } }, includeBuiltins: true });
    assert.match(spec(named(none.objects, 'ValidatingAdmissionPolicy', 'bulwark-require-trusted-registry')).validations[0].expression, /\.all\(s, false\)\)\)$/);
  });

  it('writes YAML that parses back to the objects, and every expression compiles', () => {
    const out = exportVap({
      policies: [policy({ match: { kinds: ['Pod'], operations: ['CREATE'], namespaces: ['a*'], names: ['x'] } })],
      builtins: BUILTIN_CHECKS,
      config: { ...EMPTY_CONFIG, options: { trustedRegistries: ['ghcr.io/acme/', 'docker.io', 'localhost:5000', 'myreg'] } },
      includeBuiltins: true,
    });
    assert.ok(out.objects.some((o) => o.metadata.name === 'bulwark-require-trusted-registry'));
    const docs = yaml.loadAll(out.yaml);
    assert.deepEqual(docs, JSON.parse(JSON.stringify(out.objects)));
    let compiled = 0;
    for (const o of docs as K8sObject[]) {
      if (o.kind !== 'ValidatingAdmissionPolicy') continue;
      const s = spec(o);
      const declaredVariables = (s.variables ?? []).map((v: { name: string }) => v.name);
      const compile = (expression: string, resultType: 'bool' | 'string' | 'any'): void => {
        assert.doesNotThrow(() => compileCel(expression, { declaredVariables, resultType }), `${o.metadata.name}: ${expression}`);
        compiled++;
      };
      for (const c of s.matchConditions ?? []) compile(c.expression, 'bool');
      for (const v of s.variables ?? []) compile(v.expression, 'any');
      for (const v of s.validations) {
        compile(v.expression, 'bool');
        if (v.messageExpression) compile(v.messageExpression, 'string');
      }
    }
    assert.ok(compiled > 100, `${compiled} expressions compiled`);
  });
});
