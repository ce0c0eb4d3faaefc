/**
 * A function of an object remembered on the object itself, under a symbol of its own that is not
 * enumerable (invisible to JSON, spreads, Object.keys, deepStrictEqual and structured clones). Objects that
 * cannot take it (frozen, sealed) get the value computed each time.
 *
 * Not a WeakMap. V8's young-generation collector keeps the values of WeakMap entries alive and copies them
 * while their keys are young, so a module-level WeakMap keyed by every admission request's object made each
 * request's derived data survive to the old generation: in a loop of webhook decisions, scavenges took 5 ms
 * instead of 0.3 ms and promoted about 5 KB per request, which then needed full collections (Node 20).
 */
export function objectMemo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const slot = Symbol('memo');
  return (key) => {
    const holder = key as { [slot]?: V };
    if (Object.prototype.hasOwnProperty.call(holder, slot)) return holder[slot] as V;
    const value = compute(key);
    if (Object.isExtensible(holder)) Object.defineProperty(holder, slot, { value });
    return value;
  };
}
