/**
 * The objects a real kube-apiserver v1.26 served (../shared/fixtures/kube-apiserver-1.26/api-recordings,
 * recorded after the oracle corpus was applied to it, so defaulting is done as for objects sent to
 * webhooks), limited to the resources the generated ValidatingWebhookConfiguration sends to the webhook.
 * For the webhook's tests and benchmark.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { K8sObject } from '../model/types.js';
import { WEBHOOK_RULES } from '../server/webhook-manifests.js';
import { readInputs } from '../sources/read-inputs.js';
import { oraclesDir } from './repo-root.js';

export const RECORDINGS = join(oraclesDir(), '..', 'fixtures', 'kube-apiserver-1.26', 'api-recordings');

export interface RecordedRequest {
  object: K8sObject;
  group: string;
  version: string;
  resource: string;
}

export function recordingsAvailable(): boolean {
  return existsSync(RECORDINGS);
}

/** Every recorded object the webhook configuration would send, with the resource it was served as. */
export async function recordedAdmissionObjects(): Promise<RecordedRequest[]> {
  const sent: RecordedRequest[] = [];
  for (const { object, source } of (await readInputs([RECORDINGS])).objects) {
    const r = 'file' in source ? resourceOf(source.file) : undefined;
    if (r && WEBHOOK_RULES.some((rule) => rule.group === r.group && rule.version === r.version && rule.resources.includes(r.resource))) sent.push({ object, ...r });
  }
  return sent;
}

/** The `request` fields of a CREATE of this object, as the API server fills them. */
export function createRequestOf({ object, group, version, resource }: RecordedRequest, uid: string): Record<string, unknown> {
  return {
    uid,
    kind: { group, version, kind: object.kind },
    resource: { group, version, resource },
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  };
}

/** `apis/apps/v1/deployments.json` → the group, version and resource the API server would send. */
function resourceOf(file: string): { group: string; version: string; resource: string } | undefined {
  const parts = relative(RECORDINGS, file).split(sep);
  const resource = parts.at(-1)?.replace(/\.json$/, '') ?? '';
  if (parts[0] === 'api' && parts.length === 3) return { group: '', version: parts[1], resource };
  if (parts[0] === 'apis' && parts.length === 4) return { group: parts[1], version: parts[2], resource };
  return undefined;
}
