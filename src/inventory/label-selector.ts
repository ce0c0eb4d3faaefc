/** Kubernetes LabelSelector semantics (metav1.LabelSelector), shared by every analyzer and check. */

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

export type Labels = Record<string, string>;

/**
 * True when the selector selects the labels. An empty selector ({}) selects everything; callers
 * decide what a missing (null/undefined) selector means, because Kubernetes differs per field.
 * An unknown operator selects nothing, as the API server would reject it.
 */
export function selectorMatches(selector: LabelSelector, labels: Labels | undefined): boolean {
  const l = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (l[key] !== String(value)) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, req.key);
    const values = (req.values ?? []).map(String);
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(l[req.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[req.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A Service's or ReplicationController's plain map selector. */
export function mapSelectorMatches(selector: Record<string, string>, labels: Labels | undefined): boolean {
  return selectorMatches({ matchLabels: selector }, labels);
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    parts.push(r.operator === 'Exists' ? r.key : r.operator === 'DoesNotExist' ? `!${r.key}` : `${r.key} ${r.operator.toLowerCase()} (${(r.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '(everything)';
}

/** A label as one string, for posting lists keyed by key and value. */
export function labelPairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** A label set as one string, equal for equal sets whatever the key order (for memo keys). */
export function labelsKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => labelPairKey(k, labels[k]))
    .join('\u0001');
}

/** A canonical text for a selector, for memo keys. */
export function selectorKey(selector: LabelSelector): string {
  const labels = Object.entries(selector.matchLabels ?? {})
    .map(([k, v]) => labelPairKey(k, String(v)))
    .sort()
    .join('\u0001');
  const expressions = (selector.matchExpressions ?? []).map((r) => [r.key, r.operator, ...(r.values ?? []).map(String)].join('\u0000')).join('\u0001');
  return `${labels}\u0002${expressions}`;
}
