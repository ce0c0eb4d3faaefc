/**
 * A ValueSource over one parsed component instance (spec §2.8): flags from its ParsedArgs (the flag parser already
 * applied `--f v`, boolean and repeated-flag rules), config paths from its paired config document, env from its
 * environment. Names that are not flags (`RotateKubeletServerCertificate`) are looked up in the command-line text
 * with kube-bench's substring rule. Precedence flag → config → env is evaluate-tests' job, as in kube-bench.
 */
import type { ComponentInstance, ConfigDoc } from '../analyzers/control-plane/types.js';
import { jsonPathPointer } from './semantics/jsonpath.js';
import { findFlagInText, findPathInData } from './semantics/text-source.js';
import type { Lookup, ValueSource } from './types.js';

export interface InstanceSourceOptions {
  /** The apiserver's AuthorizationConfiguration: its authorizer types stand in for an absent --authorization-mode. */
  authorizationConfig?: ConfigDoc;
  /** Exact kube-bench behaviour: ignore the deliberate differences that can be switched off (authorization config). */
  kubeBench?: boolean;
}

/** `-x=v` (Go flag package, etcd) and `--x` are the same flag. */
function normaliseFlag(name: string): string {
  return name.startsWith('--') ? name : `-${name}`;
}

function lastPointer(occurrences: { pointer: string }[]): string | undefined {
  return occurrences.length > 0 ? occurrences[occurrences.length - 1]?.pointer : undefined;
}

function authorizerTypes(doc: ConfigDoc): string[] {
  const list = doc.data['authorizers'];
  if (!Array.isArray(list)) return [];
  const types: string[] = [];
  for (const a of list) {
    if (typeof a === 'object' && a !== null && typeof (a as Record<string, unknown>)['type'] === 'string') {
      types.push((a as Record<string, string>)['type'] as string);
    }
  }
  return types;
}

export function instanceSource(instance: ComponentInstance, opts: InstanceSourceOptions = {}): ValueSource {
  const args = instance.args;
  return {
    flag(name: string, hasCompare: boolean): Lookup {
      if (name === '') return { found: false, value: '', via: 'flag', name };
      if (!name.startsWith('-')) {
        const r = findFlagInText(args.text, name, hasCompare);
        if (!r.found) return { found: false, value: '', via: 'flag', name };
        let pointer: string | undefined;
        for (const n of args.names()) {
          const fv = args.get(n);
          const occ = fv?.occurrences.filter((o) => o.raw.includes(name)) ?? [];
          if (occ.length > 0) pointer = lastPointer(occ);
        }
        return { ...r, via: 'flag', name, ...(pointer !== undefined ? { pointer } : {}) };
      }
      const flag = normaliseFlag(name);
      const fv = args.get(flag);
      if (fv) {
        const pointer = lastPointer(fv.occurrences);
        return { found: true, value: fv.value, via: 'flag', name, ...(pointer !== undefined ? { pointer } : {}) };
      }
      if (flag === '--authorization-mode' && opts.authorizationConfig && !opts.kubeBench) {
        const types = authorizerTypes(opts.authorizationConfig);
        if (types.length > 0) {
          return {
            found: true,
            value: types.join(','),
            via: 'config',
            name: '--authorization-config authorizers',
            pointer: `${opts.authorizationConfig.pointerPrefix}/authorizers`,
          };
        }
      }
      return { found: false, value: '', via: 'flag', name };
    },
    path(expr: string): Lookup {
      const config = instance.config;
      if (!config || expr === '') return { found: false, value: '', via: 'config', name: expr };
      const r = findPathInData(config.data, expr);
      if (r.error !== undefined) return { found: false, value: '', via: 'config', name: expr, error: r.error };
      const rel = jsonPathPointer(expr);
      return {
        found: r.found,
        value: r.value,
        via: 'config',
        name: expr,
        ...(rel !== undefined ? { pointer: `${config.pointerPrefix}${rel}` } : {}),
      };
    },
    env(name: string): Lookup {
      const e = instance.env.get(name);
      if (!e || e.value === '') return { found: false, value: '', via: 'env', name };
      return { found: true, value: e.value, via: 'env', name, pointer: e.pointer };
    },
  };
}
