import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_CHECKS } from '../../checks/index.js';
import type { K8sObject } from '../../model/types.js';
import { EMPTY_CONFIG } from '../config.js';
import type { CustomPolicy } from '../custom/policy-types.js';
import { bindingProblems, minimumKubernetesVersion, policyProblems, referencedNames } from './api-rules.js';
import { exportVap, MIN_KUBERNETES_ANNOTATION } from './export-vap.js';

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
    validations: [{ expression: "'team' in variables.labels", messageExpression: "'missing team label on ' + object.metadata.name", reason: 'Forbidden', line: 14 }],
    file: 'policies/team.yaml',
    line: 3,
    ...overrides,
  };
}

const exportOne = (p: CustomPolicy): { exported: boolean; reason?: string } => {
  const out = exportVap({ policies: [p], builtins: [], config: EMPTY_CONFIG, includeBuiltins: false });
  return { exported: out.objects.length === 2, reason: out.skipped[0]?.reason };
};

const conditions = (n: number): CustomPolicy['matchConditions'] => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, expression: 'true', line: 1 }));
const validation = (v: Partial<CustomPolicy['validations'][number]>): CustomPolicy['validations'] => [{ expression: 'true', reason: 'Invalid', line: 1, ...v }];

describe('Kubernetes API validation of exported policies', () => {
  // Each input (but the first, which the parser refuses too) is accepted by the BulwarkPolicy parser; the API server refuses the exported object.
  const rejected: { name: string; overrides: Partial<CustomPolicy>; reason: RegExp }[] = [
    // The policy parser refuses it too; policies can also be built through the API.
    { name: 'reason Unauthorized (not a supported ValidatingAdmissionPolicy reason)', overrides: { validations: validation({ reason: 'Unauthorized' as CustomPolicy['validations'][number]['reason'] }) }, reason: /validations\[0\]\.reason: "Unauthorized" is not supported/ },
    { name: 'params without a paramKind, in a validation', overrides: { validations: validation({ expression: 'params == null' }) }, reason: /validations\[0\]\.expression: reads params/ },
    { name: 'params in a messageExpression', overrides: { validations: validation({ messageExpression: "'max ' + string(params.max)" }) }, reason: /validations\[0\]\.messageExpression: reads params/ },
    { name: 'params in a variable', overrides: { variables: [{ name: 'max', expression: 'params.max', line: 1 }] }, reason: /variables\[0\]\.expression: reads params/ },
    { name: 'params in a matchCondition', overrides: { matchConditions: [{ name: 'p', expression: 'params != null', line: 1 }] }, reason: /matchConditions\[0\]\.expression: reads params/ },
    { name: 'a variable named after a CEL reserved word', overrides: { variables: [{ name: 'namespace', expression: 'request.namespace', line: 1 }] }, reason: /variables\[0\]\.name "namespace": is not a valid CEL identifier/ },
    { name: 'a variable named "in"', overrides: { variables: [{ name: 'in', expression: '1', line: 1 }] }, reason: /variables\[0\]\.name "in"/ },
    { name: '64 matchConditions plus the match\'s namespaces', overrides: { match: { kinds: ['Pod'], operations: ['CREATE'], namespaces: ['prod'] }, matchConditions: conditions(64) }, reason: /matchConditions: must have at most 64 items \(has 65/ },
    {
      name: 'a matchCondition named like the one the match adds',
      overrides: { match: { kinds: ['Pod'], operations: ['CREATE'], excludeNames: ['x'] }, matchConditions: [{ name: 'bulwark-exclude-names', expression: 'true', line: 1 }] },
      reason: /matchConditions\[1\]\.name: duplicate "bulwark-exclude-names"/,
    },
    { name: 'a matchCondition name longer than 63 characters', overrides: { matchConditions: [{ name: 'x'.repeat(64), expression: 'true', line: 1 }] }, reason: /matchConditions\[0\]\.name "x{64}": name part must be no more than 63 characters/ },
    { name: 'a label value with a space', overrides: { match: { kinds: ['Pod'], operations: ['CREATE'], labelSelector: { matchLabels: { team: 'pay ments' } } } }, reason: /objectSelector\.matchLabels\["team"\]: value "pay ments"/ },
    { name: 'a label key with two slashes', overrides: { match: { kinds: ['Pod'], operations: ['CREATE'], labelSelector: { matchLabels: { 'a/b/c': 'x' } } } }, reason: /objectSelector\.matchLabels: key "a\/b\/c"/ },
    {
      name: 'an invalid In value in a namespaceSelector',
      overrides: { match: { kinds: ['Pod'], operations: ['CREATE'], namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['-dev'] }] } } },
      reason: /namespaceSelector\.matchExpressions\[0\]\.values: "-dev"/,
    },
    { name: 'an empty selector key', overrides: { match: { kinds: ['Pod'], operations: ['CREATE'], labelSelector: { matchExpressions: [{ key: '', operator: 'Exists' }] } } }, reason: /matchExpressions\[0\]\.key "": name part must be non-empty/ },
    { name: 'cel.bind, which the VAP environment lacks', overrides: { validations: validation({ expression: 'cel.bind(s, object.spec, s != null)' }) }, reason: /calls cel\.bind/ },
    { name: 'a policy name longer than a DNS subdomain', overrides: { id: 'a'.repeat(250) }, reason: /metadata\.name: must be no more than 253 characters/ },
  ];
  for (const c of rejected) {
    it(`does not export ${c.name}`, () => {
      const { exported, reason } = exportOne(policy(c.overrides));
      assert.equal(exported, false);
      assert.match(reason ?? '', /^the API server would reject it: /);
      assert.match(reason ?? '', c.reason);
    });
  }

  const accepted: { name: string; overrides: Partial<CustomPolicy> }[] = [
    { name: 'reasons Forbidden, Invalid and RequestEntityTooLarge', overrides: { validations: (['Forbidden', 'Invalid', 'RequestEntityTooLarge'] as const).map((reason) => ({ expression: 'true', reason, line: 1 })) } },
    { name: 'a field named params', overrides: { validations: validation({ expression: "object.?spec.?params.orValue('') == ''" }) } },
    { name: 'a comprehension variable named params', overrides: { validations: validation({ expression: "object.spec.containers.all(params, params.name != '')" }) } },
    { name: 'a two-variable comprehension binding params', overrides: { validations: validation({ expression: "object.metadata.labels.all(k, params, params != '')" }) } },
    { name: 'params inside a string', overrides: { validations: validation({ expression: "'params' != ''", message: 'uses params' }) } },
    { name: 'variables named like CEL keywords in other languages', overrides: { variables: [{ name: '_x1', expression: '1', line: 1 }, { name: 'object', expression: '2', line: 1 }] } },
    { name: 'exactly 64 matchConditions', overrides: { matchConditions: conditions(64) } },
    { name: 'a qualified matchCondition name with a prefix', overrides: { matchConditions: [{ name: 'example.com/exclude-leases', expression: 'true', line: 1 }] } },
    {
      name: 'valid selectors',
      overrides: {
        match: {
          kinds: ['Pod'],
          operations: ['CREATE', 'DELETE'],
          labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web', empty: '' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a', 'b.c_d-1'] }] },
          namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'Exists' }] },
        },
      },
    },
    { name: 'a policy name of 253 characters', overrides: { id: 'a'.repeat(245) } },
  ];
  for (const c of accepted) {
    it(`exports ${c.name}`, () => {
      const { exported, reason } = exportOne(policy(c.overrides));
      assert.equal(reason, undefined);
      assert.equal(exported, true);
    });
  }

  it('finds nothing wrong with the built-in renditions and the match conditions Bulwark writes', () => {
    const out = exportVap({
      policies: [policy({ match: { kinds: ['Workload', 'Service'], operations: ['CREATE', 'UPDATE', 'DELETE'], namespaces: ['a*', 'b'], excludeNamespaces: ['kube-*'], names: ['x?'], excludeNames: ['y'] } })],
      builtins: BUILTIN_CHECKS,
      config: { ...EMPTY_CONFIG, options: { trustedRegistries: ['ghcr.io/acme/', 'docker.io', 'localhost:5000'] } },
      includeBuiltins: true,
    });
    assert.ok(out.objects.length > 70);
    for (const o of out.objects) {
      assert.deepEqual(o.kind === 'ValidatingAdmissionPolicy' ? policyProblems(o) : bindingProblems(o), [], String(o.metadata.name));
    }
    assert.deepEqual(out.skipped.filter((s) => s.reason.startsWith('the API server')), []);
  });

  it('checks bindings: names, actions, Deny with Warn', () => {
    const binding = (spec: Record<string, unknown>, name = 'bulwark-x'): K8sObject => ({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name }, spec });
    const cases: [K8sObject, RegExp | undefined][] = [
      [binding({ policyName: 'bulwark-x', validationActions: ['Deny'] }), undefined],
      [binding({ policyName: 'bulwark-x', validationActions: ['Warn', 'Audit'] }), undefined],
      [binding({ policyName: 'bulwark-x', validationActions: ['Deny', 'Audit'] }), undefined],
      [binding({ policyName: 'bulwark-x', validationActions: ['Deny', 'Warn'] }), /both Deny and Warn/],
      [binding({ policyName: 'bulwark-x', validationActions: [] }), /at least one validation action/],
      [binding({ policyName: 'bulwark-x', validationActions: ['Audit', 'Audit'] }), /duplicate action/],
      [binding({ policyName: 'bulwark-x', validationActions: ['Block'] }), /"Block" is not supported/],
      [binding({ policyName: 'Bulwark_X', validationActions: ['Deny'] }), /spec\.policyName/],
      [binding({ policyName: 'bulwark-x', validationActions: ['Deny'] }, 'x'.repeat(254)), /metadata\.name: must be no more than 253/],
    ];
    for (const [b, want] of cases) {
      const problems = bindingProblems(b);
      if (want) assert.match(problems.join('\n'), want, JSON.stringify(b.spec));
      else assert.deepEqual(problems, [], JSON.stringify(b.spec));
    }
  });
});

describe('referencedNames', () => {
  const cases: [string, string[], string[]][] = [
    ['params.x == 1', ['params'], []],
    ['object.params == 1', ['object'], []],
    ['object.?params.orValue(1) == 1', ['object'], []],
    ["has(object.spec) && 'params' in object.metadata.labels", ['object'], []],
    ['object.spec.containers.all(params, params.name != "")', ['object'], []],
    ['object.spec.containers.map(c, c.name).filter(n, n == params.name)', ['object', 'params'], []],
    ['object.metadata.labels.all(k, v, v == variables.x)', ['object', 'variables'], []],
    ['[1].existsOne(x, x == y)', ['y'], []],
    ['m.transformMap(k, v, v != k, params)', ['m', 'params'], []],
    ['object.?spec.optMap(s, s.replicas).orValue(params)', ['object', 'params'], []],
    ['cel.bind(p, params, p.x)', ['params'], ['cel.bind']],
    ['cel.bind(params, object, params.x)', ['object'], ['cel.bind']],
    ['{params: 1}.size() == 1', ['params'], []],
  ];
  for (const [expression, identifiers, calls] of cases) {
    it(expression, () => {
      const names = referencedNames(expression);
      assert.ok(!('error' in names), JSON.stringify(names));
      assert.deepEqual([...names.identifiers].sort(), [...identifiers].sort());
      assert.deepEqual([...names.namespacedCalls].sort(), calls);
    });
  }

  it('reports a parse error', () => {
    assert.ok('error' in referencedNames('object.(('));
  });
});

describe('minimumKubernetesVersion', () => {
  const cases: [string[], string | undefined][] = [
    [["object.?spec.?replicas.orValue(1) > 0", "'a,b'.split(',').join('-') == 'a-b'", "sets.contains([1], [1])", "quantity('1Gi').isGreaterThan(quantity('1Mi'))"], undefined],
    [["'%s'.format(['x']) == 'x'", "strings.quote('a') != ''", "url('https://x').getHost() == 'x'", "[1, 2].isSorted()"], undefined],
    [["ip('10.0.0.1').family() == 4"], '1.31'],
    [["cidr('10.0.0.0/8').containsIP('10.1.1.1')", "ip.isCanonical('::1')"], '1.31'],
    [["!format.dns1123Label().validate(object.metadata.name).hasValue()"], '1.32'],
    [["object.metadata.labels.all(k, v, v != '')"], '1.33'],
    [["object.spec.containers.all(c, c.name != '')", "[1].exists(x, x == 1)"], undefined],
    [["[1, 2].transformList(i, v, v * 2).size() == 2"], '1.33'],
    [["isSemver('1.2.3') && semver('1.2.3').major() == 1"], '1.34'],
    [["[3, 1].sort()[0] == 1"], '1.35'],
    [["ip('::1').family() == 6", "object.metadata.labels.exists(k, v, v == '')", "[[1]].flatten().size() == 1"], '1.35'],
    [["object.("], undefined],
  ];
  for (const [expressions, want] of cases) {
    it(`${expressions.join(' ; ')} → ${want ?? 'base'}`, () => assert.equal(minimumKubernetesVersion(expressions), want));
  }

  it('annotates an exported policy that needs a newer API server', () => {
    const out = exportVap({
      policies: [policy({ validations: validation({ expression: "object.metadata.labels.all(k, v, v != '')", messageExpression: "string(ip('::1'))" }) }), policy({ id: 'plain' })],
      builtins: [],
      config: EMPTY_CONFIG,
      includeBuiltins: false,
    });
    const annotations = out.objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy').map((o) => o.metadata.annotations?.[MIN_KUBERNETES_ANNOTATION]);
    assert.deepEqual(annotations, ['1.33', undefined]);
  });
});
