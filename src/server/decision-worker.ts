/**
 * A decision worker (worker thread): builds the AdmissionPolicy from the settings it is given, then judges
 * the bodies the pool sends, one at a time. Namespaces are asked of the pool, whose cache all workers share.
 * Messages are the pool's protocol (decision-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { K8sObject } from '../model/types.js';
import { judgeBody, refOf } from './admission-judge.js';
import { buildAdmissionPolicy } from './admission-settings.js';
import type { FromWorker, ToWorker, WorkerData } from './decision-pool.js';

const port = parentPort;
if (!port) throw new Error('decision-worker runs as a worker thread');
const data = workerData as WorkerData;
const send = (message: FromWorker): void => port.postMessage(message);

/** Jobs waiting for the pool's Namespace lookup. A cancelled one is forgotten: its promise never settles. */
const pendingNamespaces = new Map<number, { resolve: (object: K8sObject | null) => void; reject: (err: Error) => void }>();

try {
  const policy = buildAdmissionPolicy(data.settings);
  port.on('message', (message: ToWorker) => {
    if (message.t === 'cancel') {
      pendingNamespaces.delete(message.id);
      return;
    }
    if (message.t === 'ns') {
      const pending = pendingNamespaces.get(message.id);
      pendingNamespaces.delete(message.id);
      if (message.error !== undefined) pending?.reject(new Error(message.error));
      else pending?.resolve(message.object);
      return;
    }
    const { id, body } = message;
    const askPool = (namespace: string): Promise<K8sObject | null> =>
      new Promise((resolve, reject) => {
        pendingNamespaces.set(id, { resolve, reject });
        send({ t: 'ns', id, namespace });
      });
    // Bodies this large are the ones that can take long: name the object as soon as it is parsed, so a deadline log can.
    const announce = body.byteLength >= data.announceBytes ? (info: Parameters<typeof refOf>[0]) => send({ t: 'ref', id, ref: refOf(info) }) : undefined;
    void judgeBody(policy, body, data.namespaces ? askPool : undefined, announce).then((judgement) => send({ t: 'done', id, judgement }));
  });
  send({ t: 'ready' });
} catch (err) {
  send({ t: 'failed', error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
}
