import type { InputProblem, K8sObject } from '../model/types.js';
import { effectiveKind, isWorkload } from '../kinds/kind-groups.js';
import type { ParsedObject } from '../sources/parsed-object.js';

/** Every object of one scan, indexed by kind and by kind/namespace/name; built once, read by everyone. */
export class Inventory {
  private readonly byKind = new Map<string, ParsedObject[]>();
  private readonly byKey = new Map<string, ParsedObject>();

  constructor(
    readonly objects: ParsedObject[],
    readonly problems: InputProblem[] = [],
    /** Texts of inputs that are not files on disk (stdin, rendered output), for locating findings. */
    readonly virtualFiles: Map<string, string> = new Map(),
  ) {
    for (const o of objects) {
      const kind = effectiveKind(o.object);
      if (!kind) continue;
      let list = this.byKind.get(kind);
      if (!list) this.byKind.set(kind, (list = []));
      list.push(o);
      this.byKey.set(objectKey(kind, o.object.metadata.namespace, o.object.metadata.name), o);
    }
  }

  ofKind(kind: string): ParsedObject[] {
    return this.byKind.get(kind) ?? [];
  }

  get(kind: string, namespace: string | undefined, name: string): ParsedObject | undefined {
    return this.byKey.get(objectKey(kind, namespace, name));
  }

  workloads(): ParsedObject[] {
    return this.objects.filter((o) => isWorkload(o.object));
  }
}

/** Objects without a namespace share the key '' (they land in whatever namespace kubectl targets). */
function objectKey(kind: string, namespace: unknown, name: unknown): string {
  return `${kind}\u0000${typeof namespace === 'string' ? namespace : ''}\u0000${typeof name === 'string' ? name : ''}`;
}

export function namespaceKey(obj: K8sObject): string {
  return typeof obj.metadata.namespace === 'string' ? obj.metadata.namespace : '';
}
