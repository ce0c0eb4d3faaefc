/**
 * Each NetworkPolicy as normalizePolicy reads it. What it says about a policy needs nothing but that policy,
 * so checks that judge a policy's own rules can ask for it when one object is judged alone (admission).
 */
import type { K8sObject } from '../../model/types.js';
import { defineAnalyzer } from '../facts.js';
import { normalizePolicy, type NormalizedPolicy } from './policies.js';

export interface PolicyModels {
  of(obj: K8sObject): NormalizedPolicy;
}

export const policyModels = defineAnalyzer<PolicyModels>(
  'network-policy-models',
  (inventory) => {
    const models = new Map<K8sObject, NormalizedPolicy>();
    for (const p of inventory.ofKind('NetworkPolicy')) models.set(p.object, normalizePolicy(p.object));
    return { of: (obj) => models.get(obj) ?? normalizePolicy(obj) };
  },
  { perObject: true },
);
