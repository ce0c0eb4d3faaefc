/**
 * A function of a string remembered per argument, for values that recur across objects and admission
 * requests (image references, env names, message templates). Bounded: at `limit` entries the memo starts
 * over, and arguments longer than `maxKeyLength` are computed without being kept, so input chosen by an
 * attacker cannot grow memory. Callers that hand out mutable values return copies.
 */
export function boundedMemo<V>(compute: (key: string) => V, limit = 4096, maxKeyLength = Infinity): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    if (key.length > maxKeyLength) return compute(key);
    if (memo.has(key)) return memo.get(key) as V;
    const value = compute(key);
    if (memo.size >= limit) memo.clear();
    memo.set(key, value);
    return value;
  };
}
