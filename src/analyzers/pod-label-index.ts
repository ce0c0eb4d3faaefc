import { labelPairKey, labelsKey, selectorKey, selectorMatches, type LabelSelector, type Labels } from '../inventory/label-selector.js';
import type { K8sObject } from '../model/types.js';

/**
 * The distinct pod label sets of each namespace, with postings per label pair, answering "does some pod
 * label set of the namespace satisfy this selector?" with a memo per namespace and selector. Shared by the
 * workload index (namespaces as `namespaceKey`, '' for unset) and the network coverage (namespaces as the
 * network analyzer places objects, unset → "default"): `namespaceOf` says which.
 */
export class PodLabelIndex {
  private readonly namespaces = new Map<string, LabelSets>();

  constructor(readonly namespaceOf: (obj: K8sObject) => string) {}

  /** Registers one pod label set of `obj`'s namespace. */
  add(obj: K8sObject, labels: Labels): void {
    this.addTo(this.namespaceOf(obj), labels);
  }

  addTo(namespace: string, labels: Labels): void {
    let sets = this.namespaces.get(namespace);
    if (!sets) this.namespaces.set(namespace, (sets = new LabelSets()));
    sets.add(labels);
  }

  /** True when at least one label set was registered for the namespace. */
  has(namespace: string): boolean {
    return this.namespaces.has(namespace);
  }

  /** True when some label set of the namespace satisfies the selector (an empty selector: any label set). */
  anyMatches(namespace: string, selector: LabelSelector): boolean {
    return this.namespaces.get(namespace)?.anyMatches(selector) ?? false;
  }
}

/** The distinct label sets of one namespace. */
class LabelSets {
  private readonly sets: Labels[] = [];
  private readonly seen = new Set<string>();
  /** "key\0value" → indexes into sets. */
  private readonly postings = new Map<string, number[]>();
  private readonly memo = new Map<string, boolean>();

  add(labels: Labels): void {
    const key = labelsKey(labels);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const i = this.sets.length;
    this.sets.push(labels);
    for (const [k, v] of Object.entries(labels)) {
      const pair = labelPairKey(k, v);
      let list = this.postings.get(pair);
      if (!list) this.postings.set(pair, (list = []));
      list.push(i);
    }
  }

  anyMatches(selector: LabelSelector): boolean {
    const key = selectorKey(selector);
    let result = this.memo.get(key);
    if (result === undefined) {
      result = this.evaluate(selector);
      this.memo.set(key, result);
    }
    return result;
  }

  private evaluate(s: LabelSelector): boolean {
    // Candidates: the label sets holding the rarest required pair (matchLabels), or the rarest In term's
    // values (disjoint postings: a label has one value). Lists are not copied.
    let candidates: number[][] | undefined;
    let size = Infinity;
    const consider = (lists: number[][]): void => {
      let n = 0;
      for (const l of lists) n += l.length;
      if (n < size) [candidates, size] = [lists, n];
    };
    for (const [k, v] of Object.entries(s.matchLabels ?? {})) consider([this.postings.get(labelPairKey(k, String(v))) ?? []]);
    for (const r of s.matchExpressions ?? []) {
      if (r.operator !== 'In') continue;
      const values = new Set((r.values ?? []).map(String));
      consider([...values].map((v) => this.postings.get(labelPairKey(r.key, v)) ?? []));
    }
    if (candidates) return candidates.some((list) => list.some((i) => selectorMatches(s, this.sets[i])));
    return this.sets.some((labels) => selectorMatches(s, labels));
  }
}
