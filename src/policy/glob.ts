/**
 * Shell-style globs (`*`, `?`) matched against the whole string — never a prefix match. Matched directly,
 * not through a RegExp: `*-*-*-*-*-prod` as `^.*-.*-.*-.*-.*-prod$` took a minute to reject a 253-character
 * name of dashes, and at admission the name is the requester's. This takes at most pattern × value steps.
 */
export function globMatches(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  // The last `*` seen, and where in `value` its current span ends: on a mismatch it takes one more character.
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === value[v]))) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = v;
    } else if (star !== -1) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

export function anyGlobMatches(patterns: string[] | undefined, value: string): boolean {
  return patterns === undefined || patterns.some((p) => globMatches(p, value));
}

const pathCache = new Map<string, RegExp>();

/**
 * A path glob matched against a file path (separators normalised to `/`, a leading `./` ignored):
 * `**` matches across directories, `*` and `?` within one name; a pattern without a `/` matches a file
 * name at any depth (`Dockerfile*`), one ending in `/` everything below that directory.
 */
export function pathGlobMatches(pattern: string, path: string): boolean {
  let re = pathCache.get(pattern);
  if (!re) {
    let p = normalizePath(pattern);
    if (p.endsWith('/')) p += '**';
    if (!p.includes('/')) p = `**/${p}`;
    let body = '';
    for (let i = 0; i < p.length; i++) {
      const ch = p[i];
      if (ch === '*' && p[i + 1] === '*') {
        const slash = p[i + 2] === '/';
        body += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else if (ch === '*') body += '[^/]*';
      else if (ch === '?') body += '[^/]';
      else body += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    re = new RegExp(`^${body}$`);
    pathCache.set(pattern, re);
  }
  return re.test(normalizePath(path));
}

function normalizePath(path: string): string {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}
