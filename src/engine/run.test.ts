import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCheck, type Check, type CheckOptions } from '../checks/define-check.js';
import { noExpiredException } from '../checks/config/no-expired-exception.js';
import { noUnusedException } from '../checks/config/no-unused-exception.js';
import { requireSuppressionReason } from '../checks/config/require-suppression-reason.js';
import { noPrivilegedContainer } from '../checks/pss/no-privileged-container.js';
import { requireNetworkPolicy } from '../checks/network/require-network-policy.js';
import { noClusterAdminBinding } from '../checks/rbac/no-cluster-admin-binding.js';
import { noImproperAggregation } from '../checks/rbac/no-improper-aggregation.js';
import { noUnusedRole } from '../checks/rbac/no-unused-role.js';
import { Inventory } from '../inventory/inventory.js';
import { EMPTY_CONFIG, parseConfig, type BulwarkConfig } from '../policy/config.js';
import { parseDockerfile } from '../sources/dockerfile-source.js';
import { parseManifests } from '../sources/manifest-parser.js';
import { runEngine } from './run.js';

const CHECKS: Check[] = [noPrivilegedContainer, requireSuppressionReason, noUnusedException, noExpiredException];

function run(yaml: string, config: BulwarkConfig = EMPTY_CONFIG, checks = CHECKS, annotationSuppressions = true) {
  const parsed = parseManifests(yaml, 'm.yaml');
  return runEngine(new Inventory(parsed.objects, parsed.problems, new Map([['m.yaml', yaml]])), checks, {
    config,
    annotationSuppressions,
    now: new Date('2026-11-23T00:00:00Z'),
  });
}

const pod = (name: string, ns: string, annotations = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}${annotations}
spec:
  containers:
  - name: app
    securityContext: {privileged: true}
`;

describe('engine', () => {
  it('produces located findings with the stable schema', () => {
    const { findings } = run(pod('p', 'shop'));
    assert.deepEqual(findings, [
      {
        checkId: 'no-privileged-container',
        messageId: 'privileged',
        severity: 'critical',
        category: 'workload',
        message: 'The container "app" runs privileged.',
        resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'p' },
        path: '/spec/containers/0/securityContext/privileged',
        location: { file: 'm.yaml', line: 9, column: 23 },
        remediation: noPrivilegedContainer.meta.remediation,
        references: noPrivilegedContainer.meta.references,
        enforcement: 'deny',
      },
    ]);
  });

  it('suppresses by annotation with a reason, and reports an empty reason instead', () => {
    const withReason = run(pod('p', 'shop', '\n  annotations:\n    ignore.bulwark.dev/no-privileged-container: "GPU driver installer"'));
    assert.deepEqual(withReason.findings.map((f) => [f.checkId, f.suppressed]), [['no-privileged-container', { by: 'annotation', reason: 'GPU driver installer' }]]);
    const empty = run(pod('p', 'shop', '\n  annotations:\n    ignore.bulwark.dev/no-privileged-container: ""'));
    assert.deepEqual(empty.findings.map((f) => [f.checkId, f.messageId, f.suppressed]), [
      ['require-suppression-reason', 'emptyReason', undefined],
      ['no-privileged-container', 'privileged', undefined],
    ]);
    const typo = run(pod('p', 'shop', '\n  annotations:\n    ignore.bulwark.dev/no-privileged: "x"'));
    assert.ok(typo.findings.some((f) => f.messageId === 'unknownCheck'));
  });

  it('ignores annotation suppressions when told to (webhook mode)', () => {
    const { findings } = run(pod('p', 'shop', '\n  annotations:\n    ignore.bulwark.dev/no-privileged-container: "trust me"'), EMPTY_CONFIG, CHECKS, false);
    assert.equal(findings[0].suppressed, undefined);
  });

  it('applies config exceptions by check, namespace, kind and name globs; reports unused and expired ones', () => {
    const config = parseConfig(
      `exceptions:
  - checks: [no-privileged-*]
    namespaces: [kube-*]
    kinds: [Pod]
    names: [node-agent-?]
    reason: node agents need it
  - checks: [no-privileged-container]
    names: [typo]
    reason: never matches
  - checks: [no-privileged-container]
    namespaces: [shop]
    reason: was temporary
    expires: 2026-01-31
`,
      '.bulwark.yaml',
    );
    const { findings } = run(`${pod('node-agent-1', 'kube-system')}---\n${pod('node-agent-12', 'kube-system')}---\n${pod('web', 'shop')}`, config);
    const summary = findings.map((f) => [f.checkId, f.resource.name, f.suppressed?.reason ?? null, 'line' in f.location ? f.location.line : 0]);
    assert.deepEqual(summary, [
      ['no-unused-exception', '.bulwark.yaml', null, 7],
      ['no-expired-exception', '.bulwark.yaml', null, 10],
      ['no-privileged-container', 'node-agent-1', 'node agents need it', 9],
      ['no-privileged-container', 'node-agent-12', null, 19],
      ['no-privileged-container', 'web', null, 29],
    ]);
  });

  it('overrides severity and disables checks from config', () => {
    const high = run(pod('p', 's'), parseConfig('checks:\n  no-privileged-container: high\n', 'c.yaml'));
    assert.equal(high.findings[0].severity, 'high');
    assert.equal(high.checks.find((c) => c.id === 'no-privileged-container')?.severity, 'high');
    const off = run(pod('p', 's'), parseConfig('checks:\n  no-privileged-container: off\n', 'c.yaml'));
    assert.deepEqual(off.findings, []);
  });

  it('locates findings inside List items', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${pod('p', 's').trimEnd().split('\n').join('\n  ')}\n`;
    const { findings } = run(list);
    assert.equal(findings[0].path, '/items/0/spec/containers/0/securityContext/privileged');
    assert.deepEqual(findings[0].location, { file: 'm.yaml', line: 12, column: 25 });
  });

  it('turns a crashing check into a problem and keeps going', () => {
    const crashing = defineCheck({ meta: { ...noPrivilegedContainer.meta, id: 'crashes' }, check() { throw new Error('boom'); } });
    const result = run(pod('p', 's'), EMPTY_CONFIG, [crashing, noPrivilegedContainer]);
    assert.equal(result.findings.length, 1);
    assert.match(result.problems[0].message, /check crashes failed on Pod "p": boom/);
  });

  it('lets a report override references and remediation for its finding only', () => {
    const perFinding = defineCheck({
      meta: { ...noPrivilegedContainer.meta, id: 'per-finding', messages: { a: 'A', b: 'B' } },
      check(_obj, ctx) {
        ctx.report({ messageId: 'a', path: '/spec', references: [{ cis: '1.2.15' }], remediation: 'Set --profiling=false.' });
        ctx.report({ messageId: 'b', path: '/spec' });
      },
    });
    const { findings } = run(pod('p', 's'), EMPTY_CONFIG, [perFinding]);
    const byMessage = new Map(findings.map((f) => [f.messageId, f]));
    assert.deepEqual(byMessage.get('a')?.references, [{ cis: '1.2.15' }]);
    assert.equal(byMessage.get('a')?.remediation, 'Set --profiling=false.');
    assert.deepEqual(byMessage.get('b')?.references, noPrivilegedContainer.meta.references);
    assert.equal(byMessage.get('b')?.remediation, noPrivilegedContainer.meta.remediation);
  });

  it('places a report with an explicit line there, and applies inline suppressions covering that line', () => {
    const byLine = defineCheck({
      meta: { ...noPrivilegedContainer.meta, id: 'by-line', kinds: ['Pod'], messages: { a: 'A' } },
      check(_obj, ctx) {
        ctx.report({ messageId: 'a', path: '', line: 7, column: 3 });
        ctx.report({ messageId: 'a', path: '', line: 9 });
      },
    });
    const parsed = parseManifests(pod('p', 's'), 'Dockerfile');
    const source = { ...parsed.objects[0], span: undefined, lineSuppressions: [{ checkId: 'by-line', reason: 'vendor image', fromLine: 6, toLine: 7 }] };
    const { findings } = runEngine(new Inventory([source], []), [byLine], { config: EMPTY_CONFIG, now: new Date('2026-11-23T00:00:00Z') });
    assert.deepEqual(
      findings.map((f) => [f.location, f.suppressed ?? null]),
      [
        [{ file: 'Dockerfile', line: 7, column: 3 }, { by: 'inline', reason: 'vendor image' }],
        [{ file: 'Dockerfile', line: 9, column: 1 }, null],
      ],
    );
  });

  it('gives checks today from the engine clock unless the options pin a YYYY-MM-DD date', () => {
    const seen: unknown[] = [];
    const spy = defineCheck({ meta: { ...noPrivilegedContainer.meta, id: 'spy' }, check(_obj, ctx) { seen.push(ctx.options.today); } });
    run(pod('p', 's'), EMPTY_CONFIG, [spy]);
    run(pod('p', 's'), { ...EMPTY_CONFIG, options: { today: '2030-01-02' } }, [spy]);
    const yamlDate: Record<string, unknown> = { today: new Date('2030-01-02') }; // what js-yaml makes of an unquoted date
    run(pod('p', 's'), { ...EMPTY_CONFIG, options: yamlDate as CheckOptions }, [spy]);
    assert.deepEqual(seen, ['2026-11-23', '2030-01-02', '2026-11-23']);
    const parsed = parseManifests(pod('p', 's'), 'm.yaml');
    runEngine(new Inventory(parsed.objects, [], new Map()), [spy], { config: EMPTY_CONFIG });
    assert.equal(seen[3], new Date().toISOString().slice(0, 10));
  });

  it('does not treat a custom resource that reuses a core kind name as that kind', () => {
    const { findings } = run(pod('p', 's').replace('apiVersion: v1', 'apiVersion: example.com/v1'));
    assert.deepEqual(findings, []);
  });

  describe('Dockerfiles', () => {
    const onRun = defineCheck({
      meta: { ...noPrivilegedContainer.meta, id: 'on-run', category: 'dockerfile', kinds: ['Dockerfile'], messages: { a: 'A' } },
      check(obj, ctx) {
        const list = (obj.spec as { instructions: { keyword: string; line: number }[] }).instructions;
        list.forEach((ins, i) => ins.keyword === 'RUN' && ctx.report({ messageId: 'a', path: `/spec/instructions/${i}`, line: ins.line }));
      },
    });
    const text = 'FROM alpine\n# bulwark-ignore on-run\nRUN a\n# bulwark-ignore on-run vendored step\nRUN b \\\n  c\nRUN d\n';
    const scan = (file: string, configText = '', checks: Check[] = [onRun, requireSuppressionReason, noUnusedException]) => {
      const parsed = parseDockerfile(text, file);
      return runEngine(new Inventory(parsed.objects, [], new Map([[file, text]])), checks, { config: configText ? parseConfig(configText, 'repo/.bulwark.yaml') : EMPTY_CONFIG, now: new Date('2026-11-23T00:00:00Z') }).findings;
    };

    it('suppresses inline only with a reason; an unreasoned comment is itself a finding', () => {
      assert.deepEqual(scan('Dockerfile').map((f) => [f.checkId, f.messageId, 'line' in f.location ? f.location.line : 0, f.suppressed?.by ?? null]), [
        ['require-suppression-reason', 'emptyCommentReason', 2, null],
        ['on-run', 'a', 3, null],
        ['on-run', 'a', 5, 'inline'],
        ['on-run', 'a', 7, null],
      ]);
    });

    it('no check fires on a Dockerfile unless it asks for the kind', () => {
      assert.deepEqual(scan('Dockerfile', '', [noPrivilegedContainer]), []);
    });

    it('applies exceptions by path glob (as given, or relative to the config file), and reports unmatched ones', () => {
      const suppressed = (file: string, glob: string) => scan(file, `exceptions:\n  - paths: ["${glob}"]\n    checks: [on-run]\n    reason: r\n`).filter((f) => f.checkId === 'on-run' && f.suppressed?.by === 'config').length;
      // Three findings; the one with an inline suppression keeps it.
      assert.equal(suppressed('repo/svc/Dockerfile', 'svc/Dockerfile'), 2, 'relative to the config file');
      assert.equal(suppressed('repo/svc/Dockerfile', 'repo/**/Dockerfile'), 2);
      assert.equal(suppressed('repo/svc/Dockerfile', 'Dockerfile*'), 2, 'a bare name matches at any depth');
      assert.equal(suppressed('./repo/svc/Dockerfile', 'repo/svc/*'), 2);
      assert.equal(suppressed('repo/svc/Dockerfile', 'repo/*'), 0, '* stays within one directory');
      assert.equal(suppressed('repo/svc/Dockerfile', 'other/**'), 0);
      const unused = scan('repo/svc/Dockerfile', 'exceptions:\n  - paths: [other/**]\n    reason: r\n').filter((f) => f.checkId === 'no-unused-exception');
      assert.equal(unused.length, 1);
    });
  });

  describe('enforcement and objects judged alone (admission)', () => {
    it('resolves enforcement: config, then the check, then the built-in default', () => {
      assert.equal(run(pod('p', 'shop')).findings[0].enforcement, 'deny');
      assert.equal(run(pod('p', 'shop'), parseConfig('checks:\n  no-privileged-container: inform\n', 'c.yaml')).findings[0].enforcement, 'inform');
      const custom = defineCheck({ ...noPrivilegedContainer, meta: { ...noPrivilegedContainer.meta, id: 'custom-x', enforcement: 'fail-build' } });
      assert.equal(run(pod('p', 'shop'), EMPTY_CONFIG, [custom]).findings[0].enforcement, 'fail-build');
      const plain = defineCheck({ ...noPrivilegedContainer, meta: { ...noPrivilegedContainer.meta, id: 'another' } });
      assert.equal(run(pod('p', 'shop'), EMPTY_CONFIG, [plain]).findings[0].enforcement, 'fail-build');
    });

    const isolated = (yaml: string, checks: Check[]) => {
      const parsed = parseManifests(yaml, 'm.yaml');
      return runEngine(new Inventory(parsed.objects, [], new Map([['m.yaml', yaml]])), checks, { config: EMPTY_CONFIG, isolated: true }).findings.map((f) => f.checkId);
    };
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers: [{name: c, image: x:1, securityContext: {privileged: true}}]\n';

    it('skips checks that conclude from what the rest of the input lacks', () => {
      assert.deepEqual(run(deployment, EMPTY_CONFIG, [requireNetworkPolicy, noPrivilegedContainer]).findings.map((f) => f.checkId).sort(), ['no-privileged-container', 'require-network-policy']);
      assert.deepEqual(isolated(deployment, [requireNetworkPolicy, noPrivilegedContainer]), ['no-privileged-container']);
      const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: shop}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get]}]\n';
      assert.deepEqual(isolated(role, [noUnusedRole]), []);
    });

    it('keeps checks whose verdict on one object stands alone', () => {
      const binding = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: User, name: mallory, apiGroup: rbac.authorization.k8s.io}]\n';
      assert.deepEqual(isolated(binding, [noClusterAdminBinding]), ['no-cluster-admin-binding']);
    });

    it('a check that needs the whole input only for some objects keeps judging the others alone', () => {
      // An aggregated ClusterRole's rules come from other roles; a labelled one's written rules do not.
      const aggregated = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: agg}\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {team: a}}]\n';
      const peeker = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: peek, labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}}\nrules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]\n';
      assert.deepEqual(isolated(aggregated, [noImproperAggregation]), []);
      assert.deepEqual(isolated(peeker, [noImproperAggregation]), ['no-improper-aggregation']);
      // Redefining a bootstrap aggregated role without its aggregationRule: the API server reconciles it back.
      const view = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: view, labels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}}\nrules: [{apiGroups: ["*"], resources: ["*"], verbs: [get]}]\n';
      assert.deepEqual(isolated(view, [noImproperAggregation]), []);
    });
  });
});
