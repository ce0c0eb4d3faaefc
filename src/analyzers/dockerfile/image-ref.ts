import type { ImageRef } from './types.js';

/** Build arguments visible to FROM: name → default (`undefined` when declared without one). */
type BuildArgs = ReadonlyMap<string, string | undefined>;

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}` and `${VAR+alt}` as
 * Docker does for FROM. A variable without a known value (no default, not declared) makes the result
 * unresolved: it depends on `--build-arg`.
 */
export function substituteArgs(text: string, args: BuildArgs, escape = '\\'): { value: string; unresolved: boolean } {
  let value = '';
  let unresolved = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === escape && text[i + 1] === '$') {
      value += '$';
      i += 2;
      continue;
    }
    if (ch !== '$') {
      value += ch;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) {
        value += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      i = close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
      if (!m) {
        unresolved = true;
        continue;
      }
      const [, name, op, word = ''] = m;
      const current = args.get(name);
      const isSet = current !== undefined;
      const nonEmpty = isSet && current !== '';
      if (op === ':-' || op === '-') {
        const useCurrent = op === ':-' ? nonEmpty : isSet;
        const inner = substituteArgs(useCurrent ? (current as string) : word, args, escape);
        value += inner.value;
        unresolved ||= inner.unresolved;
      } else if (op === ':+' || op === '+') {
        if (!isSet) {
          // Declared without a default (or undeclared): set or not depends on --build-arg.
          unresolved = true;
          continue;
        }
        const use = op === ':+' ? nonEmpty : isSet;
        if (use) {
          const inner = substituteArgs(word, args, escape);
          value += inner.value;
          unresolved ||= inner.unresolved;
        }
      } else if (isSet) value += current;
      else unresolved = true;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) {
      value += '$';
      i++;
      continue;
    }
    i += 1 + m[0].length;
    const current = args.get(m[0]);
    if (current !== undefined) value += current;
    else unresolved = true;
  }
  return { value, unresolved };
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** Parses an image reference the way the Docker reference grammar does (registry, repository, tag, digest). */
export function parseImageRef(raw: string, resolved: string, unresolved: boolean): ImageRef {
  const ref: ImageRef = { raw, resolved, unresolved, registry: 'docker.io', explicitRegistry: false, repository: resolved, scratch: false };
  let rest = resolved;
  const at = rest.indexOf('@');
  if (at >= 0) {
    ref.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      ref.explicitRegistry = true;
      ref.registry = DOCKER_HUB_ALIASES.has(first.toLowerCase()) ? 'docker.io' : first;
      rest = rest.slice(slash + 1);
    }
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    ref.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (ref.registry === 'docker.io' && rest.startsWith('library/') && rest.indexOf('/', 8) < 0) rest = rest.slice(8);
  ref.repository = rest;
  ref.scratch = !unresolved && resolved === 'scratch';
  return ref;
}
