/**
 * The closest thing to registering the webhook with a live kube-apiserver available here: the objects a
 * real kube-apiserver v1.26 served (../shared/fixtures/kube-apiserver-1.26/api-recordings, after the
 * oracle corpus was applied to it; defaulting done, as the API server sends objects to webhooks), for every
 * resource the generated ValidatingWebhookConfiguration sends, go to the real HTTPS server as
 * AdmissionReview CREATEs. Each must get a well-formed answer for its uid, and the same findings as
 * `bulwark scan` gives the same object, except for the checks listed in WHOLE_INPUT below.
 */
import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { scan } from '../../src/scan.js';
import { defaultAdmissionPolicy } from '../../src/server/admission-evaluator.js';
import { createRequestOf, RECORDINGS, recordedAdmissionObjects, recordingsAvailable } from '../../src/testing/recorded-admission.js';
import { admissionReview, call, startServer, type StartedServer } from './webhook-test-support.js';

/**
 * Checks whose answer at admission differs from the scan's by design. The scan sees every object at once;
 * admission sees one object (and its Namespace), so these are left out of the comparison.
 */
const WHOLE_INPUT: Record<string, string> = {
  'require-network-policy': 'needs the NetworkPolicies of the namespace',
  'require-namespace-default-deny-ingress': 'needs the NetworkPolicies of the namespace',
  'require-namespace-default-deny-egress': 'needs the NetworkPolicies of the namespace',
  'no-default-service-account': 'needs the ServiceAccount (automountServiceAccountToken)',
  'no-powerful-service-account': 'needs the RBAC bindings of the ServiceAccount',
  'no-dangling-service': 'needs the workloads the selector should match',
  'no-binding-to-missing-subject': 'needs the ServiceAccounts the binding names',
  'no-unsupported-kubernetes-version': 'needs the control-plane objects that state the version',
  'no-unused-role': 'needs the bindings that refer to the role',
  // A binding's grant is known only with its role: the scan reports access on the binding, admission on the
  // Role or ClusterRole as it is written (and a binding to a custom role as powerful as cluster-admin).
  'no-cluster-admin-binding': 'a custom role equal to cluster-admin is known only with the role',
  ...Object.fromEntries(
    ['admission-webhook', 'crd', 'csr-approval', 'impersonation', 'network-policy', 'node-proxy', 'persistent-volume', 'pod-create', 'pod-exec', 'rbac-escalation', 'secrets', 'status-patch', 'token-request'].map(
      (a) => [`no-${a}-access`, 'reported on the binding by the scan, on the role at admission'],
    ),
  ),
};

const refKey = (kind: string, namespace: string | undefined, name: string | undefined): string => `${kind} ${namespace ?? ''}/${name ?? ''}`;

describe('objects recorded from a real kube-apiserver, through the webhook', { skip: !recordingsAvailable() && `recordings not found at ${RECORDINGS}` }, () => {
  let started: StartedServer;
  before(async () => {
    // Nothing excluded, so kube-system's objects are judged too.
    started = await startServer({ excludeNamespaces: [] });
  });
  after(async () => {
    await started.server.drain(0);
  });

  it('answers every object the webhook configuration sends, and finds what the scan finds', async () => {
    const sent = await recordedAdmissionObjects();
    const kinds = new Set(sent.map((s) => s.object.kind));
    assert.ok(sent.length >= 300 && kinds.size >= 12, `objects: ${sent.length}, kinds: ${[...kinds].join(', ')}`);

    const admissionChecks = new Set(defaultAdmissionPolicy().checks.map((c) => c.meta.id));
    const expected = new Map<string, Set<string>>();
    for (const f of (await scan([RECORDINGS])).findings) {
      if (!admissionChecks.has(f.checkId) || f.checkId in WHOLE_INPUT) continue;
      const key = refKey(f.resource.kind, f.resource.namespace, f.resource.name);
      expected.set(key, (expected.get(key) ?? new Set()).add(f.checkId));
    }

    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const answers = await Promise.all(
      sent.map(async (recorded, i) => {
        const uid = `recorded-${i}`;
        const body = admissionReview(recorded.object, createRequestOf(recorded, uid));
        return { object: recorded.object, uid, res: await call(started.port, started.ca, { body, agent }) };
      }),
    );
    agent.destroy();

    const checksByUid = new Map<string, string[]>();
    for (const e of started.logs) if (e.msg === 'admission' && typeof e.uid === 'string') checksByUid.set(e.uid, e.checks as string[]);
    const mismatches: string[] = [];
    let denied = 0;
    let withFindings = 0;
    for (const { object, uid, res } of answers) {
      const key = refKey(object.kind, object.metadata.namespace, object.metadata.name);
      assert.equal(res.status, 200, `${key}: HTTP ${res.status} ${res.body}`);
      const review = JSON.parse(res.body) as { response: { uid: string; allowed: boolean } };
      assert.equal(review.response.uid, uid, key);
      if (!review.response.allowed) denied++;
      const got = new Set((checksByUid.get(uid) ?? []).filter((id) => !(id in WHOLE_INPUT)));
      const want = expected.get(key) ?? new Set<string>();
      if (got.size > 0) withFindings++;
      for (const id of want) if (!got.has(id)) mismatches.push(`${key}: the scan reports ${id}, the webhook does not`);
      for (const id of got) if (!want.has(id)) mismatches.push(`${key}: the webhook reports ${id}, the scan does not`);
    }
    assert.deepEqual(mismatches, []);
    assert.ok(withFindings > 50 && denied > 10, `${withFindings} objects with findings, ${denied} denied: the comparison must not be empty`);
    console.log(`recorded objects: ${answers.length} of ${kinds.size} kinds answered over HTTPS; ${withFindings} with findings, ${denied} denied; all agree with the scan`);
  });
});
