/**
 * A decision worker (worker thread): builds the AdmissionPolicy from the settings it is given, then judges
 * the bodies the pool sends, one at a time. Namespaces are asked of the pool, whose cache all workers share.
 * Messages are the pool's protocol (decision-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { K8sObject } from '../model/types.js';
import { decideParsed, namespaceToLookUp, parseBody, refOf } from './admission-judge.js';
import { buildAdmissionPolicy } from './admission-settings.js';
import type { FromWorker, ToWorker, WorkerData } from './decision-pool.js';

const port = parentPort;
if (!port) throw new Error('decision-worker runs as a worker thread');
const data = workerData as WorkerData;
const send = (message: FromWorker): void => port.postMessage(message);

const pendingNamespaces = new Map<number, (object: K8sObject | null, error?: string) => void>();

try {
  const policy = buildAdmissionPolicy(data.settings);
  port.on('message', (message: ToWorker) => {
    if (message.t === 'cancel') {
      pendingNamespaces.delete(message.id);
      return;
    }
    if (message.t === 'ns') {
      pendingNamespaces.get(message.id)?.(message.object, message.error);
      pendingNamespaces.delete(message.id);
      return;
    }
    const { id, body } = message;
    const info = parseBody(body);
    if ('status' in info) return send({ t: 'done', id, judgement: info });
    // Bodies this large are the ones that can take long: name the object now, so a deadline log can.
    if (body.byteLength >= data.announceBytes) send({ t: 'ref', id, ref: refOf(info) });
    const namespace = data.namespaces ? namespaceToLookUp(info) : undefined;
    if (namespace === undefined) return send({ t: 'done', id, judgement: decideParsed(policy, info) });
    pendingNamespaces.set(id, (object, error) => {
      if (error !== undefined) return send({ t: 'done', id, judgement: { status: 500, error, ref: refOf(info) } });
      info.namespaceObject = object;
      send({ t: 'done', id, judgement: decideParsed(policy, info) });
    });
    send({ t: 'ns', id, namespace });
  });
  send({ t: 'ready' });
} catch (err) {
  send({ t: 'failed', error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
}
