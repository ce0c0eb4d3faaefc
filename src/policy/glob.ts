/** Shell-style globs (`*`, `?`) matched against the whole string — never a prefix match. */
const cache = new Map<string, RegExp>();

export function globMatches(pattern: string, value: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`);
    cache.set(pattern, re);
  }
  return re.test(value);
}

export function anyGlobMatches(patterns: string[] | undefined, value: string): boolean {
  return patterns === undefined || patterns.some((p) => globMatches(p, value));
}
