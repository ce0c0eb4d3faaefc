import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory } from '../../inventory/inventory.js';
import { runEngine } from '../../engine/run.js';
import { parseManifests } from '../../sources/manifest-parser.js';
import { CheckTester, runDockerfileCheck } from '../../testing/check-tester.js';
import { EMPTY_CONFIG } from '../config.js';
import { ConfigError } from '../config-error.js';
import { guessResource, policyCheck } from './policy-check.js';
import { parsePolicyText } from './policy-file.js';

const policyOf = (spec: string, name = 'custom-policy') =>
  parsePolicyText(`apiVersion: bulwark.dev/v1\nkind: BulwarkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec}`, 'policy.yaml')[0];

const deployment = (extra = '', labels = 'app: web', image = 'registry.example.com/web:1.0', namespace = 'shop') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${namespace}
  labels: {${labels}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: app
          image: ${image}
${extra}`;

describe('custom policies as checks', () => {
  const registry = policyCheck(
    policyOf(`  title: Images from our registry
  severity: high
  enforcement: deny
  match:
    kinds: [Workload]
  variables:
    - name: podSpec
      expression: "object.kind == 'Pod' ? object.spec : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec"
    - name: foreign
      expression: "(variables.podSpec.containers + variables.podSpec.?initContainers.orValue([])).filter(c, !c.image.startsWith('registry.example.com/'))"
  validations:
    - expression: size(variables.foreign) == 0
      messageExpression: "'foreign images: ' + variables.foreign.map(c, c.image).join(', ')"
      reason: Forbidden
`),
  );

  table('registry', registry, {
    valid: [
      { yaml: deployment() },
      { yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n' },
    ],
    invalid: [
      { yaml: deployment('', 'app: web', 'nginx:1.27'), findings: [{ messageId: 'violation', path: '', line: 1, message: /foreign images: nginx:1\.27/ }] },
      {
        yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [{name: i, image: busybox}]\n  containers: [{name: c, image: registry.example.com/c}]\n',
        findings: [{ messageId: 'violation', path: '', message: /foreign images: busybox$/ }],
      },
      {
        yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c, image: quay.io/x}]\n',
        findings: [{ messageId: 'violation', path: '', message: /quay\.io\/x/ }],
      },
    ],
  });

  const matching = policyCheck(
    policyOf(`  title: Replicas
  match:
    kinds: [Deployment]
    namespaces: [shop, prod-*]
    excludeNames: [canary-*]
    labelSelector: {matchLabels: {tier: web}}
  validations:
    - expression: object.spec.replicas <= 2
`),
  );
  table('match', matching, {
    valid: [
      { yaml: deployment('', 'tier: web', undefined, 'other') },
      { yaml: deployment('', 'tier: api') },
      { yaml: deployment('', 'tier: web').replace('name: web\n', 'name: canary-web\n') },
    ],
    invalid: [
      { yaml: deployment('', 'tier: web'), findings: [{ messageId: 'violation', path: '', message: /^failed expression: object.spec.replicas <= 2$/ }] },
      { yaml: deployment('', 'tier: web', undefined, 'prod-eu'), findings: [{ messageId: 'violation', path: '' }] },
    ],
  });

  const nsSelector = policyCheck(
    policyOf(`  title: No LoadBalancer in internal namespaces
  match:
    kinds: [Service]
    namespaceSelector: {matchLabels: {zone: internal}}
  validations:
    - expression: object.spec.?type.orValue('ClusterIP') != 'LoadBalancer'
      messageExpression: "'LoadBalancer in ' + namespaceObject.metadata.name"
`),
  );
  const service = (ns: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: ${ns}}\nspec: {type: LoadBalancer, ports: [{port: 80}]}\n`;
  const namespace = (name: string, zone: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: {zone: ${zone}}}\n---\n`;
  table('namespaceSelector', nsSelector, {
    valid: [{ yaml: namespace('a', 'public') + service('a') }, { yaml: service('unknown') }],
    invalid: [{ yaml: namespace('b', 'internal') + service('b'), findings: [{ messageId: 'violation', path: '', message: /LoadBalancer in b/ }] }],
  });

  const failing = (failurePolicy: string) =>
    policyCheck(policyOf(`  title: Reads a missing field\n  failurePolicy: ${failurePolicy}\n  match: {kinds: [Deployment]}\n  validations:\n    - expression: object.spec.paused == false\n`));
  CheckTester.run(failing('Fail'), {
    valid: [{ yaml: deployment().replace('  replicas: 3\n', '  replicas: 3\n  paused: false\n') }],
    invalid: [
      { yaml: deployment(), findings: [{ messageId: 'evaluationError', path: '', message: /no such key|paused/ }] },
      { yaml: deployment().replace('  replicas: 3\n', '  replicas: 3\n  paused: true\n'), findings: [{ messageId: 'violation', path: '' }] },
    ],
  });
  table('failurePolicy Ignore', failing('Ignore'), { valid: [{ yaml: deployment() }], invalid: [] });

  it('never reports when a matchCondition is false, and honours operations', () => {
    const check = policyCheck(
      policyOf(`  title: T\n  match: {kinds: [Deployment], operations: [UPDATE]}\n  validations: [{expression: "false"}]\n`),
    );
    assert.equal(findingsOf(check, deployment()).length, 0, 'a scan is a CREATE');
    const conditional = policyCheck(
      policyOf(`  title: T\n  match: {kinds: [Deployment]}\n  matchConditions: [{name: labelled, expression: "'tier' in object.metadata.labels"}]\n  validations: [{expression: "false"}]\n`),
    );
    assert.equal(findingsOf(conditional, deployment()).length, 0);
    assert.equal(findingsOf(conditional, deployment('', 'tier: x')).length, 1);
  });

  it('gives the admission request, oldObject and params to expressions', () => {
    const check = policyCheck(
      policyOf(`  title: T
  match: {kinds: [Deployment], operations: [CREATE, UPDATE]}
  params: {maxReplicas: 5}
  validations:
    - expression: "request.operation != 'UPDATE' || object.spec.replicas <= oldObject.spec.replicas + params.maxReplicas"
      messageExpression: "request.userInfo.username + ' scaled by more than ' + string(params.maxReplicas)"
`),
    );
    const parsed = parseManifests(deployment(), 'd.yaml');
    const obj = parsed.objects[0].object;
    const old = JSON.parse(JSON.stringify(obj));
    old.spec.replicas = 1;
    obj.spec = { ...(obj.spec as object), replicas: 9 };
    const inventory = new Inventory(parsed.objects, [], new Map());
    const run = (operation: string) =>
      runEngine(inventory, [check], {
        config: EMPTY_CONFIG,
        isolated: true,
        admission: { request: { operation, userInfo: { username: 'alice' }, namespace: 'shop' }, oldObject: old, namespaceObject: null },
      }).findings.map((f) => f.message);
    assert.deepEqual(run('CREATE'), []);
    assert.deepEqual(run('UPDATE'), ['alice scaled by more than 5']);
  });

  it('stops an expensive expression at the Kubernetes cost limit and reports it', () => {
    const check = policyCheck(
      policyOf(`  title: T\n  match: {kinds: [ConfigMap]}\n  validations:\n    - expression: "object.data.items.all(a, object.data.items.all(b, object.data.items.all(c, a + b + c != 'x')))"\n`),
    );
    const items = Array.from({ length: 200 }, (_, i) => `"v${i}"`).join(', ');
    const findings = findingsOf(check, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  items: [${items}]\n`);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /cost/);
  });

  it('carries the policy severity, enforcement and category into findings', () => {
    const [f] = findingsOf(registry, deployment('', 'app: web', 'nginx'));
    assert.equal(f.severity, 'high');
    assert.equal(f.enforcement, 'deny');
    assert.equal(f.category, 'policy');
    assert.equal(f.checkId, 'custom-policy');
  });

  it('rejects expressions that do not compile, naming file, line and column', () => {
    assert.throws(
      () => policyCheck(policyOf('  title: T\n  match: {kinds: [Pod]}\n  validations:\n    - expression: |\n        object.spec.containers.all(c,\n          c.image.startsWith("x") &&)\n')),
      (err: unknown) => err instanceof ConfigError && err.line === 11 && /policy "custom-policy" validations\[0\]: .*\(expression line 2, column \d+\)/.test(err.message),
    );
    assert.throws(() => policyCheck(policyOf('  title: T\n  match: {kinds: [Pod]}\n  validations: [{expression: "1 + 1"}]\n')), /bool/);
    assert.throws(() => policyCheck(policyOf('  title: T\n  match: {kinds: [Pod]}\n  validations: [{expression: "variables.nope"}]\n')), /nope/);
  });

  it('follows VAP ordering rules: matchConditions see no variables, a variable only earlier ones', () => {
    assert.throws(
      () => policyCheck(policyOf('  title: T\n  match: {kinds: [Pod]}\n  variables: [{name: b, expression: "false"}]\n  matchConditions: [{name: m, expression: "!variables.b"}]\n  validations: [{expression: "true"}]\n')),
      /matchConditions "m"/,
    );
    assert.throws(
      () => policyCheck(policyOf('  title: T\n  match: {kinds: [Pod]}\n  variables: [{name: a, expression: "variables.b"}, {name: b, expression: "false"}]\n  validations: [{expression: "variables.a"}]\n')),
      /variables "a"/,
    );
  });

  it('skips when any matchCondition is false even if an earlier one errors; errors only when none is false', () => {
    const conditions = (second: string) =>
      policyCheck(policyOf(`  title: T\n  match: {kinds: [Deployment]}\n  matchConditions:\n    - {name: broken, expression: "object.spec.nope == 'x'"}\n    - {name: second, expression: "${second}"}\n  validations: [{expression: "false"}]\n`));
    assert.deepEqual(findingsOf(conditions('false'), deployment()).map((f) => f.messageId), []);
    assert.deepEqual(findingsOf(conditions('true'), deployment()).map((f) => f.messageId), ['evaluationError']);
  });

  it('falls back to message when messageExpression is too long or empty', () => {
    for (const expr of ["lists.range(6000).map(i, 'a').join('')", "'  '"]) {
      const check = policyCheck(policyOf(`  title: T\n  match: {kinds: [Deployment]}\n  validations:\n    - expression: "false"\n      message: static\n      messageExpression: "${expr}"\n`));
      assert.deepEqual(findingsOf(check, deployment()).map((f) => f.message), ['static'], expr);
    }
  });

  it('matches a Namespace against namespaceSelector by its own labels', () => {
    const check = policyCheck(policyOf('  title: T\n  match: {kinds: [Namespace], namespaceSelector: {matchLabels: {env: prod}}}\n  validations: [{expression: "false"}]\n'));
    assert.equal(findingsOf(check, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {env: dev}}\n').length, 0);
    assert.equal(findingsOf(check, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: b, labels: {env: prod}}\n').length, 1);
  });

  it('treats cluster-scoped custom resources (by their CRD) as having no namespace', () => {
    const check = policyCheck(policyOf('  title: T\n  match: {kinds: [Widget], namespaces: [default]}\n  validations: [{expression: "false"}]\n'));
    const crd = (scope: string) =>
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec: {group: example.com, scope: ${scope}, names: {kind: Widget, plural: widgets}, versions: [{name: v1, served: true, storage: true}]}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n`;
    assert.equal(findingsOf(check, crd('Cluster')).length, 0);
    assert.equal(findingsOf(check, crd('Namespaced')).length, 1);
  });

  it('turns a spent policy budget into one error and drops earlier results, as Kubernetes does', () => {
    const expensive = Array.from({ length: 16 }, () => '    - expression: "lists.range(300000).all(x, x >= 0)"\n').join('');
    const check = policyCheck(policyOf(`  title: T\n  match: {kinds: [Deployment]}\n  validations:\n    - expression: "false"\n      message: cheap violation\n${expensive}`));
    const findings = findingsOf(check, deployment());
    assert.deepEqual(findings.map((f) => f.messageId), ['evaluationError']);
    assert.match(findings[0].message, /budget|cost/);
  });

  it('judges Dockerfiles at build time through their instructions', () => {
    const check = policyCheck(
      policyOf(`  title: Base images come from our registry
  stage: build
  match: {kinds: [Dockerfile]}
  validations:
    - expression: "object.spec.instructions.filter(i, i.keyword == 'FROM').all(i, i.arguments.split(' ').filter(w, !w.startsWith('--'))[0].startsWith('registry.example.com/'))"
      messageExpression: "'FROM outside registry.example.com: ' + object.spec.instructions.filter(i, i.keyword == 'FROM' && !i.arguments.contains('registry.example.com/')).map(i, i.arguments).join(', ')"
`),
    );
    const run = (dockerfile: string) => runDockerfileCheck(check, dockerfile).findings.map((f) => f.message);
    assert.deepEqual(run('FROM --platform=linux/amd64 registry.example.com/base/node:20 AS build\nRUN npm ci\nFROM registry.example.com/base/distroless:20\n'), []);
    assert.deepEqual(run('FROM node:20 AS build\nFROM registry.example.com/base/distroless:20\n'), ['FROM outside registry.example.com: node:20 AS build']);
  });

  it('guesses resources as Kubernetes does', () => {
    assert.deepEqual(['Deployment', 'NetworkPolicy', 'Ingress', 'Pod'].map(guessResource), ['deployments', 'networkpolicies', 'ingresses', 'pods']);
  });
});

interface Cases {
  valid: { yaml: string }[];
  invalid: { yaml: string; findings: { messageId: string; path: string; line?: number; message?: RegExp }[] }[];
}

/** Valid and invalid manifests for one policy (CheckTester would demand every message id of the policy). */
function table(name: string, check: ReturnType<typeof policyCheck>, cases: Cases): void {
  describe(name, () => {
    cases.valid.forEach((c, i) => it(`valid #${i + 1}`, () => assert.deepEqual(findingsOf(check, c.yaml).map((f) => f.message), [])));
    cases.invalid.forEach((c, i) =>
      it(`invalid #${i + 1}`, () => {
        const findings = findingsOf(check, c.yaml);
        assert.equal(findings.length, c.findings.length, findings.map((f) => f.message).join('\n'));
        c.findings.forEach((e, j) => {
          assert.equal(findings[j].messageId, e.messageId);
          assert.equal(findings[j].path, e.path);
          if (e.line !== undefined) assert.equal('line' in findings[j].location ? findings[j].location.line : 0, e.line);
          if (e.message) assert.match(findings[j].message, e.message);
        });
      }),
    );
  });
}

function findingsOf(check: ReturnType<typeof policyCheck>, yaml: string) {
  const parsed = parseManifests(yaml, 'case.yaml');
  return runEngine(new Inventory(parsed.objects, [], new Map([['case.yaml', yaml]])), [check], { config: EMPTY_CONFIG }).findings;
}
