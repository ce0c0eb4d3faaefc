/** Kubernetes resource quantities (`500m`, `1Gi`, `0`, `1e3`) and the resources of containers and pods. */
import { isRecord } from './workloads.js';

/** sign, mantissa, then a binary-SI, decimal-SI or exponent suffix (k8s.io/apimachinery resource.Quantity). */
const QUANTITY = /^[+-]?(\d+(?:\.\d*)?|\.\d+)(?:Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** True for a well-formed quantity: a finite number, or a string in Kubernetes' quantity syntax. */
export function isQuantity(q: unknown): boolean {
  if (typeof q === 'number') return Number.isFinite(q);
  return typeof q === 'string' && QUANTITY.test(q.trim());
}

/** True when the quantity is zero whatever its unit ("0", "0m", "0.0Gi", 0, "0e3"). Malformed values are not zero. */
export function isZeroQuantity(q: unknown): boolean {
  if (typeof q === 'number') return q === 0;
  if (typeof q !== 'string') return false;
  const s = q.trim();
  if (!QUANTITY.test(s)) return false;
  // The mantissa (QUANTITY's group 1) is the run of digits and '.' after the sign: no suffix starts with
  // either. Read in place rather than through exec's match array (every container's resources ask).
  for (let i = s[0] === '+' || s[0] === '-' ? 1 : 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '0' || ch === '.') continue;
    if (ch >= '1' && ch <= '9') return false;
    break;
  }
  return true;
}

export type ResourceSection = 'requests' | 'limits';

export interface ResourceValue {
  /** `set` (non-zero), `zero`, or `missing` (absent, null or empty). */
  state: 'set' | 'zero' | 'missing';
  value?: string;
  /** Where the value is set, when it is. */
  pointer?: string;
  /** True when a request is unset and Kubernetes defaults it to the limit. */
  defaultedFromLimit?: boolean;
}

function rawValue(owner: unknown, section: ResourceSection, resource: string): unknown {
  if (!isRecord(owner) || !isRecord(owner.resources)) return undefined;
  const values = owner.resources[section];
  return isRecord(values) ? values[resource] : undefined;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The value Kubernetes uses for `resources.<section>.<resource>` of a container or a pod spec
 * (pod-level resources): a request left unset while the limit is set defaults to the limit, as the
 * API server's defaulting does.
 */
export function effectiveResource(owner: unknown, ownerPointer: string, section: ResourceSection, resource: string): ResourceValue {
  let value = rawValue(owner, section, resource);
  let from: ResourceSection = section;
  if (!isSet(value) && section === 'requests') {
    value = rawValue(owner, 'limits', resource);
    from = 'limits';
  }
  if (!isSet(value)) return { state: 'missing' };
  const result: ResourceValue = {
    state: isZeroQuantity(value) ? 'zero' : 'set',
    value: String(value),
    pointer: `${ownerPointer}/resources/${from}/${resource}`,
  };
  if (from !== section) result.defaultedFromLimit = true;
  return result;
}
