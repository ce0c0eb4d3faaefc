/**
 * A decision worker for the pool's tests, speaking decision-worker's protocol with scripted behaviour by
 * body text: "hang" never answers (after naming the object), an AdmissionReview whose uid is "spin" never
 * answers without naming it (as the real worker does with small bodies), "crash" (or such a review whose
 * uid is "crash") exits the thread, "ns:<name>" asks the
 * pool for a Namespace and answers with its labels; anything else is answered at once. A cancelled job is
 * answered anyway (400 "cancelled <id>"), so tests can see the pool ignores answers to expired jobs. With `failStart`
 * in its settings, it reports that it cannot build its policy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../decision-pool.js';

const port = parentPort;
if (!port) throw new Error('runs as a worker thread');
const send = (m: FromWorker): void => port.postMessage(m);
const ref = { uid: 'u', operation: 'CREATE', kind: 'Pod', namespace: 'ns', name: 'scripted', user: 'tester', dryRun: false };

if ((workerData as { settings: { failStart?: boolean } }).settings.failStart) {
  send({ t: 'failed', error: 'custom policy p.yaml:3: bad expression' });
} else {
  port.on('message', (m: ToWorker) => {
    if (m.t === 'cancel') return send({ t: 'done', id: m.id, judgement: { status: 400, error: `cancelled ${m.id}` } });
    if (m.t === 'ns') {
      const payload = m.error ? `error:${m.error}` : JSON.stringify(m.object?.metadata.labels ?? null);
      return send({ t: 'done', id: m.id, judgement: { status: 200, payload, verdict: 'allowed', ref, checks: [], denying: [] } });
    }
    const text = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength).toString('utf8');
    if (text === 'hang') {
      send({ t: 'ref', id: m.id, ref: { ...ref, name: 'enormous' } });
      for (;;) {
        /* a decision that never ends */
      }
    }
    if (text.includes('"uid":"spin"')) {
      for (;;) {
        /* a slow policy on a small object: the worker says nothing */
      }
    }
    if (text === 'crash' || text.includes('"uid":"crash"')) process.exit(3);
    if (text.startsWith('ns:')) return send({ t: 'ns', id: m.id, namespace: text.slice(3) });
    send({ t: 'done', id: m.id, judgement: { status: 200, payload: `echo:${text}:${m.body.byteLength}`, verdict: 'allowed', ref, checks: [], denying: [] } });
  });
  send({ t: 'ready' });
}
