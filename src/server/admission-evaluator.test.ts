import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig, type BulwarkConfig } from '../policy/config.js';
import { defaultAdmissionPolicy, EXISTING_PREFIX, type AdmissionPolicy, type AdmissionPolicyOptions } from './admission-evaluator.js';
import { parseAdmissionReview } from './admission-review.js';
import { AUDIT_PREFIX, BREAK_GLASS_PREFIX } from './admission-response.js';

function policy(overrides: Partial<AdmissionPolicyOptions> = {}): AdmissionPolicy {
  return defaultAdmissionPolicy(overrides);
}

function pod(securityContext: Record<string, unknown>, annotations?: Record<string, string>, namespace?: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', ...(namespace ? { namespace } : {}), ...(annotations ? { annotations } : {}) },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', securityContext }] },
  };
}

/** A container that no deny-by-default check objects to. */
const HARDENED = { privileged: false, allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };

function request(object: unknown, extra: Record<string, unknown> = {}, apiVersion = 'admission.k8s.io/v1') {
  return parseAdmissionReview(
    JSON.stringify({
      apiVersion,
      kind: 'AdmissionReview',
      request: { uid: 'uid-1', kind: { group: '', version: 'v1', kind: 'Pod' }, operation: 'CREATE', namespace: 'shop', userInfo: { username: 'alice' }, object, ...extra },
    }),
  );
}

describe('AdmissionPolicy', () => {
  it('denies a privileged pod with 403 Forbidden listing every deny finding with its fix; the others become warnings', () => {
    const d = policy().decide(request(pod({ privileged: true })));
    assert.equal(d.verdict, 'denied');
    const r = d.review.response;
    assert.equal(r.uid, 'uid-1');
    assert.equal(r.allowed, false);
    assert.equal(r.status?.code, 403);
    assert.equal(r.status?.reason, 'Forbidden');
    assert.deepEqual(d.denying.sort(), ['no-privilege-escalation', 'no-privileged-container', 'require-run-as-non-root']);
    for (const id of d.denying) assert.match(r.status?.message ?? '', new RegExp(`${id}: [^;]+ Fix: `));
    assert.ok(r.warnings?.some((w) => w.startsWith('require-cpu-requests: ')));
    assert.ok(!r.warnings?.some((w) => w.startsWith('no-privileged-container')));
  });

  it('admits a hardened pod with warnings for the findings that do not deny', () => {
    const d = policy().decide(request(pod(HARDENED)));
    assert.equal(d.verdict, 'warned');
    assert.equal(d.review.response.allowed, true);
    assert.equal(d.review.response.status, undefined);
    assert.ok((d.review.response.warnings ?? []).length > 0);
  });

  it('admits an object without findings with no warnings (verdict allowed)', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { color: 'blue' } };
    const d = policy().decide(request(cm, { kind: { group: '', version: 'v1', kind: 'ConfigMap' } }));
    assert.equal(d.verdict, 'allowed');
    assert.deepEqual(d.review.response, { uid: 'uid-1', allowed: true });
  });

  it('answers v1beta1 in v1beta1', () => {
    const d = policy().decide(request(pod({ privileged: true }), {}, 'admission.k8s.io/v1beta1'));
    assert.equal(d.review.apiVersion, 'admission.k8s.io/v1beta1');
    assert.equal(d.review.kind, 'AdmissionReview');
  });

  it('audit mode admits and prefixes the would-deny findings', () => {
    const d = policy({ mode: 'audit' }).decide(request(pod({ privileged: true })));
    assert.equal(d.verdict, 'warned');
    assert.equal(d.review.response.allowed, true);
    const ws = d.review.response.warnings ?? [];
    assert.ok(ws.includes(`${AUDIT_PREFIX}no-privileged-container: The container "app" runs privileged.`), ws.join('\n'));
    assert.deepEqual(d.denying.sort(), ['no-privilege-escalation', 'no-privileged-container', 'require-run-as-non-root']);
  });

  it('--deny-on: deny findings below the threshold only warn', () => {
    // no-privileged-container is critical/high; require-run-as-non-root and no-privilege-escalation are lower.
    const d = policy({ denyOn: 'critical' }).decide(request(pod({ ...HARDENED, runAsNonRoot: false })));
    assert.equal(d.review.response.allowed, true);
    assert.ok(d.review.response.warnings?.some((w) => w.startsWith('require-run-as-non-root: ')));
  });

  it('config enforcement: a check set to inform does not deny; fail-build checks can be made to deny', () => {
    const informed = parseConfig('checks:\n  no-privileged-container: inform\n  no-privilege-escalation: inform\n  require-run-as-non-root: inform\n', 'c.yaml');
    assert.equal(policy({ config: informed }).decide(request(pod({ privileged: true }))).review.response.allowed, true);
    const strict = parseConfig('checks:\n  require-cpu-requests: {enforcement: deny, severity: high}\n', 'c.yaml');
    const d = policy({ config: strict }).decide(request(pod(HARDENED)));
    assert.equal(d.review.response.allowed, false);
    assert.match(d.review.response.status?.message ?? '', /^require-cpu-requests: /);
  });

  it('config exceptions apply (the cluster admin writes them), and unused exceptions are not findings', () => {
    const config: BulwarkConfig = parseConfig(
      'exceptions:\n  - checks: [no-privileged-container, no-privilege-escalation, require-run-as-non-root]\n    namespaces: [shop]\n    reason: CNI agent\n  - names: [nothing-matches]\n    reason: typo\n',
      'c.yaml',
    );
    const d = policy({ config }).decide(request(pod({ privileged: true })));
    assert.equal(d.review.response.allowed, true);
    assert.ok(!d.findings.some((f) => f.checkId === 'no-unused-exception'));
  });

  it('ignores ignore.bulwark.dev annotations unless allowed', () => {
    const annotations = {
      'ignore.bulwark.dev/no-privileged-container': 'ok',
      'ignore.bulwark.dev/no-privilege-escalation': 'ok',
      'ignore.bulwark.dev/require-run-as-non-root': 'ok',
    };
    assert.equal(policy().decide(request(pod({ privileged: true }, annotations))).review.response.allowed, false);
    assert.equal(policy({ allowAnnotationSuppressions: true }).decide(request(pod({ privileged: true }, annotations))).review.response.allowed, true);
  });

  it('suppression annotations are still checked against every check id (not only the ones for the kind)', () => {
    const d = policy().decide(request(pod(HARDENED, { 'ignore.bulwark.dev/no-exposed-service': 'a Service check', 'ignore.bulwark.dev/no-such-check': 'typo' })));
    const hygiene = d.findings.filter((f) => f.checkId === 'require-suppression-reason');
    assert.deepEqual(hygiene.map((f) => f.messageId), ['unknownCheck']);
    assert.match(hygiene[0].message, /no-such-check/);
  });

  it('excluded namespaces are admitted without evaluation', () => {
    const d = policy().decide(request(pod({ privileged: true }), { namespace: 'kube-system' }));
    assert.equal(d.verdict, 'excluded');
    assert.deepEqual(d.review.response, { uid: 'uid-1', allowed: true });
    assert.equal(policy({ excludeNamespaces: [] }).decide(request(pod({ privileged: true }), { namespace: 'kube-system' })).verdict, 'denied');
  });

  const admin = { userInfo: { username: 'root', groups: ['system:masters', 'system:authenticated'] } };

  it('break-glass with a reason admits, returns the findings as warnings and reports the reason, also to the audit log', () => {
    const d = policy().decide(request(pod({ privileged: true }, { 'bulwark.dev/break-glass': ' INC-4711 outage ' }), admin));
    assert.equal(d.verdict, 'break_glass');
    assert.equal(d.review.response.allowed, true);
    assert.equal(d.breakGlassReason, 'INC-4711 outage');
    assert.deepEqual(d.review.response.auditAnnotations, { 'break-glass-reason': 'INC-4711 outage', 'would-deny': 'no-privilege-escalation,no-privileged-container,require-run-as-non-root' });
    assert.ok(d.review.response.warnings?.includes(`${BREAK_GLASS_PREFIX}no-privileged-container: The container "app" runs privileged.`));
    assert.ok(d.findings.length > 0);
  });

  it('only the configured groups may break glass (default system:masters)', () => {
    const glass = pod({ privileged: true }, { 'bulwark.dev/break-glass': 'because' });
    const d = policy().decide(request(glass, { userInfo: { username: 'dev', groups: ['system:authenticated'] } }));
    assert.equal(d.verdict, 'denied');
    assert.ok(d.review.response.warnings?.some((w) => w === 'bulwark.dev/break-glass: ignored, only members of system:masters may break glass'));
    assert.equal(policy({ breakGlassGroups: ['sre'] }).decide(request(glass, { userInfo: { username: 'o', groups: ['sre'] } })).verdict, 'break_glass');
    assert.equal(policy({ breakGlassGroups: ['sre'] }).decide(request(glass, admin)).verdict, 'denied');
  });

  it('on UPDATE denies only what the change introduces; what the stored object already violated is a warning', () => {
    const old = pod({ privileged: true });
    const relabelled = { ...pod({ privileged: true }), metadata: { name: 'web', labels: { team: 'x' } } };
    const kept = policy().decide(request(relabelled, { operation: 'UPDATE', oldObject: old }));
    assert.equal(kept.verdict, 'warned');
    assert.ok(kept.review.response.warnings?.includes(`${EXISTING_PREFIX}no-privileged-container: The container "app" runs privileged.`));
    const worse = policy().decide(request(pod({ ...HARDENED, privileged: true }), { operation: 'UPDATE', oldObject: pod(HARDENED) }));
    assert.equal(worse.verdict, 'denied');
    assert.deepEqual([...worse.denying].sort(), ['no-privilege-escalation', 'no-privileged-container']);
    const terminating = { ...pod({ privileged: true }), metadata: { name: 'web', deletionTimestamp: '2026-11-23T10:00:00Z' } };
    assert.equal(policy().decide(request(terminating, { operation: 'UPDATE', oldObject: pod(HARDENED) })).review.response.allowed, true);
  });

  it('break-glass with an empty reason does nothing but warn', () => {
    const d = policy().decide(request(pod({ privileged: true }, { 'bulwark.dev/break-glass': '  ' }), admin));
    assert.equal(d.verdict, 'denied');
    assert.ok(d.review.response.warnings?.some((w) => w.startsWith('bulwark.dev/break-glass: ignored')));
  });

  it('a custom break-glass annotation key is honoured', () => {
    const d = policy({ breakGlassAnnotation: 'example.com/emergency' }).decide(request(pod({ privileged: true }, { 'example.com/emergency': 'on call' }), admin));
    assert.equal(d.verdict, 'break_glass');
  });

  it('DELETE and CONNECT are admitted without evaluation', () => {
    for (const operation of ['DELETE', 'CONNECT']) {
      const d = policy().decide(request(undefined, { operation, name: 'web', oldObject: pod({ privileged: true }) }));
      assert.equal(d.verdict, 'allowed');
      assert.deepEqual(d.review.response, { uid: 'uid-1', allowed: true });
    }
  });

  it('UPDATE judges the new object', () => {
    const d = policy().decide(request(pod(HARDENED), { operation: 'UPDATE', oldObject: pod({ privileged: true }) }));
    assert.equal(d.review.response.allowed, true);
    const bad = policy().decide(request(pod({ privileged: true }), { operation: 'UPDATE', oldObject: pod(HARDENED) }));
    assert.equal(bad.review.response.allowed, false);
  });

  it('judges the object in the request namespace (no-default-namespace does not fire for a namespaced request)', () => {
    const inShop = policy().decide(request(pod(HARDENED)));
    assert.ok(!inShop.findings.some((f) => f.checkId === 'no-default-namespace'));
    assert.ok(inShop.findings.every((f) => f.resource.namespace === 'shop'));
  });

  it('caps warnings at 20', () => {
    // Many containers, each missing resources: dozens of warnings.
    const containers = Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, image: 'nginx:1.27', securityContext: HARDENED }));
    const d = policy().decide(request({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'many' }, spec: { containers } }));
    const ws = d.review.response.warnings ?? [];
    assert.equal(ws.length, 20);
    assert.match(ws[19], /^… \d+ more$/);
  });

  it('leaves out config hygiene checks and counts the checks that may deny', () => {
    const p = policy();
    assert.ok(!p.checks.some((c) => c.meta.id === 'no-unused-exception' || c.meta.id === 'no-expired-exception'));
    assert.ok(p.denyCheckCount > 5 && p.denyCheckCount < p.checks.length);
  });
});
