/**
 * kube-bench's lookups on raw command output (spec §2.5): flags as substrings of the audit text, JSONPath on the
 * config text (JSON, else YAML), `NAME=value` on the environment text. Used for the operator cases, for file checks
 * (synthesized stat output) and for names that are not flags (`RotateKubeletServerCertificate`).
 */
import yaml from 'js-yaml';
import type { Lookup, ValueSource } from '../types.js';
import { evaluateJsonPath, renderScalar } from './jsonpath.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** kube-bench trims trailing spaces and newlines from every command output before testing it. */
export function trimOutput(s: string): string {
  return s.replace(/[ \n]+$/, '');
}

/** kube-bench `flagTestItem.findValue`: substring match, value after `=` / `:` / a space, bare `--flag` → 'true'. */
export function findFlagInText(text: string, flag: string, hasCompare: boolean): { found: boolean; value: string } {
  if (text === '' || flag === '') return { found: false, value: '' };
  if (!text.includes(flag)) return { found: false, value: '' };
  const escaped = escapeRegExp(flag);
  const m = new RegExp(`(${escaped})(=|: *)*([^\\s]*) *`).exec(text);
  const direct = m?.[3] ?? '';
  if (direct !== '') return { found: true, value: direct };
  if (hasCompare) {
    const spaced = new RegExp(`${escaped}\\s+([^\\s-][^\\s]*)`).exec(text);
    if (spaced?.[1]) return { found: true, value: spaced[1] };
  }
  return { found: true, value: flag.startsWith('--') ? 'true' : flag };
}

/** kube-bench `envTestItem.findValue`: first `NAME=…` up to the end of its line. */
export function findEnvInText(text: string, name: string): { found: boolean; value: string } {
  if (text === '' || name === '') return { found: false, value: '' };
  const m = new RegExp(`${escapeRegExp(name)}=.*`).exec(text);
  const value = m ? m[0].slice(name.length + 1) : '';
  return { found: value !== '', value };
}

/** Parses config text the way kube-bench does: JSON first, then YAML. Empty text is null, not an error. */
function parseConfigText(text: string): { ok: true; data: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch {
    // not JSON: try YAML
  }
  try {
    return { ok: true, data: yaml.load(text, { schema: yaml.CORE_SCHEMA }) };
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { ok: false, error: `config is neither JSON nor YAML: ${message}` };
  }
}

/** kube-bench `pathTestItem.findValue` on already parsed data: found when the rendered value is not empty. */
export function findPathInData(data: unknown, expr: string): { found: boolean; value: string; error?: string } {
  const r = evaluateJsonPath(expr, data);
  if (!r.ok) return { found: false, value: '', error: `bad path expression ${expr}: ${r.error}` };
  return { found: r.text !== '', value: r.text };
}

export { renderScalar };

export interface TextOutputs {
  /** The audit command's output (process list line, stat output). */
  audit?: string;
  /** The audit_config command's output (config file text). */
  auditConfig?: string;
  /** The environment text (`NAME=value` lines). */
  auditEnv?: string;
}

/** A ValueSource over raw text outputs, with kube-bench's exact lookup semantics. */
export function textSource(out: TextOutputs): ValueSource {
  const audit = trimOutput(out.audit ?? '');
  const config = trimOutput(out.auditConfig ?? '');
  const env = trimOutput(out.auditEnv ?? '');
  let parsed: ReturnType<typeof parseConfigText> | undefined;
  return {
    flag(name: string, hasCompare: boolean): Lookup {
      return { ...findFlagInText(audit, name, hasCompare), via: 'flag', name };
    },
    path(expr: string): Lookup {
      parsed ??= parseConfigText(config);
      if (!parsed.ok) return { found: false, value: '', via: 'config', name: expr, error: parsed.error };
      const r = findPathInData(parsed.data, expr);
      return r.error !== undefined
        ? { found: false, value: '', via: 'config', name: expr, error: r.error }
        : { found: r.found, value: r.value, via: 'config', name: expr };
    },
    env(name: string): Lookup {
      return { ...findEnvInText(env, name), via: 'env', name };
    },
  };
}
