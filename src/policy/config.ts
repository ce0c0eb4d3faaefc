import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { isEnforcement, isSeverity, type Enforcement, type Severity } from '../model/types.js';
import type { CheckOptions } from '../checks/define-check.js';
import { PointerLocator } from '../sources/pointer-locator.js';
import type { CustomPolicy } from './custom/policy-types.js';
import { parsePolicyDocument, readPolicyPath, valueLineOf } from './custom/policy-file.js';
import { ConfigError } from './config-error.js';

export const CONFIG_FILE_NAMES = ['.bulwark.yaml', '.bulwark.yml'];

export interface CheckSetting {
  enabled?: boolean;
  severity?: Severity;
  enforcement?: Enforcement;
}

export interface ExceptionRule {
  checks?: string[];
  namespaces?: string[];
  kinds?: string[];
  names?: string[];
  /** Globs over the finding's file (`**` crosses directories, a pattern without `/` matches a file name at any depth). */
  paths?: string[];
  reason: string;
  /** ISO date (YYYY-MM-DD); the exception stops applying after this day. */
  expires?: string;
  line: number;
  index: number;
}

export interface BulwarkConfig {
  file?: string;
  checks: Record<string, CheckSetting>;
  options: CheckOptions;
  exceptions: ExceptionRule[];
  failOn?: Severity;
  /** Custom CEL policies: inline `policies:` plus the files of `policyPaths:` (see custom/policy-file.ts). */
  policies: CustomPolicy[];
  /** `policyPaths:` as written (files or directories, relative to the config file). */
  policyPaths?: string[];
}

export { ConfigError };

export const EMPTY_CONFIG: BulwarkConfig = { checks: {}, options: {}, exceptions: [], policies: [] };

/** The nearest `.bulwark.yaml` at or above `start` (a file or directory), as git finds .gitignore. */
export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  if (existsSync(dir) && !isDirectory(dir)) dir = dirname(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}

export function loadConfig(file: string): BulwarkConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, undefined, `cannot read config: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  const config = parseConfig(text, file);
  // Policy files: `policyPaths:` relative to the config file, else a `policies/` directory beside it.
  const dir = dirname(resolve(file));
  const paths = config.policyPaths ?? (existsSync(join(dir, 'policies')) && isDirectory(join(dir, 'policies')) ? ['policies'] : []);
  for (const p of paths) config.policies.push(...readPolicyPath(resolve(dir, p)));
  return config;
}

export function parseConfig(text: string, file: string): BulwarkConfig {
  let raw: unknown;
  try {
    raw = yaml.load(text, { filename: file });
  } catch (err) {
    if (err instanceof yaml.YAMLException) throw new ConfigError(file, (err.mark?.line ?? 0) + 1, `invalid YAML: ${err.reason}`);
    throw new ConfigError(file, undefined, 'invalid YAML');
  }
  if (raw === null || raw === undefined) return { ...EMPTY_CONFIG, file };
  const locator = new PointerLocator(text, 1);
  const fail = (pointer: string, message: string): never => {
    throw new ConfigError(file, locator.locate(pointer).line, message);
  };
  if (!isObject(raw)) return fail('', 'config must be a mapping');
  const known = new Set(['checks', 'options', 'exceptions', 'failOn', 'policies', 'policyPaths']);
  for (const key of Object.keys(raw)) if (!known.has(key)) fail(`/${key}`, `unknown key "${key}" (expected one of ${[...known].join(', ')})`);

  const config: BulwarkConfig = { file, checks: {}, options: {}, exceptions: [], policies: [] };
  if (raw.failOn !== undefined) {
    if (!isSeverity(raw.failOn)) fail('/failOn', `failOn must be a severity (info, low, medium, high, critical)`);
    config.failOn = raw.failOn as Severity;
  }
  if (raw.checks !== undefined) {
    if (!isObject(raw.checks)) fail('/checks', 'checks must map check ids to off, on, a severity, an enforcement, or {enabled, severity, enforcement}');
    for (const [id, setting] of Object.entries(raw.checks as Record<string, unknown>)) {
      config.checks[id] = parseCheckSetting(setting, () => fail(`/checks/${id}`, `check "${id}": expected off, on, a severity, an enforcement (inform, fail-build, deny), or {enabled, severity, enforcement}`));
    }
  }
  if (raw.options !== undefined) {
    if (!isObject(raw.options)) fail('/options', 'options must be a mapping');
    const options = raw.options as Record<string, unknown>;
    if (options.trustedRegistries !== undefined && !isStringList(options.trustedRegistries)) {
      fail('/options/trustedRegistries', 'trustedRegistries must be a list of registry names');
    }
    config.options = options as CheckOptions;
  }
  if (raw.policies !== undefined) {
    if (!Array.isArray(raw.policies)) fail('/policies', 'policies must be a list of BulwarkPolicy documents');
    (raw.policies as unknown[]).forEach((doc, i) => {
      config.policies.push(parsePolicyDocument(doc, file, valueLineOf(text, (pointer) => locator.locate(pointer).line), `/policies/${i}`));
    });
  }
  if (raw.policyPaths !== undefined) {
    if (!isStringList(raw.policyPaths)) fail('/policyPaths', 'policyPaths must be a list of files or directories');
    config.policyPaths = raw.policyPaths as string[];
  }
  if (raw.exceptions !== undefined) {
    if (!Array.isArray(raw.exceptions)) fail('/exceptions', 'exceptions must be a list');
    (raw.exceptions as unknown[]).forEach((e, index) => {
      const at = `/exceptions/${index}`;
      if (!isObject(e)) return fail(at, 'an exception must be a mapping');
      for (const key of Object.keys(e)) {
        if (!['checks', 'namespaces', 'kinds', 'names', 'paths', 'reason', 'expires'].includes(key)) fail(`${at}/${key}`, `unknown exception key "${key}"`);
      }
      for (const key of ['checks', 'namespaces', 'kinds', 'names', 'paths'] as const) {
        if (e[key] !== undefined && !isStringList(e[key])) fail(`${at}/${key}`, `${key} must be a list of names or globs`);
      }
      if (typeof e.reason !== 'string' || e.reason.trim() === '') fail(at, 'an exception needs a reason');
      let expires: string | undefined;
      if (e.expires !== undefined) {
        expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : String(e.expires);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(expires))) fail(`${at}/expires`, 'expires must be a date (YYYY-MM-DD)');
      }
      if (!e.checks && !e.namespaces && !e.kinds && !e.names && !e.paths) fail(at, 'an exception must name checks, namespaces, kinds, names or paths');
      config.exceptions.push({
        checks: e.checks as string[] | undefined,
        namespaces: e.namespaces as string[] | undefined,
        kinds: e.kinds as string[] | undefined,
        names: e.names as string[] | undefined,
        paths: e.paths as string[] | undefined,
        reason: String(e.reason).trim(),
        expires,
        line: locator.locate(at).line,
        index,
      });
    });
  }
  return config;
}

function parseCheckSetting(value: unknown, fail: () => never): CheckSetting {
  if (value === 'off' || value === false) return { enabled: false };
  if (value === 'on' || value === true) return { enabled: true };
  if (isSeverity(value)) return { enabled: true, severity: value };
  if (isEnforcement(value)) return { enabled: true, enforcement: value };
  if (!isObject(value)) return fail();
  const setting: CheckSetting = {};
  for (const key of Object.keys(value)) if (key !== 'enabled' && key !== 'severity' && key !== 'enforcement') fail();
  if (value.enabled !== undefined) {
    if (typeof value.enabled !== 'boolean') fail();
    setting.enabled = value.enabled as boolean;
  }
  if (value.severity !== undefined) {
    if (!isSeverity(value.severity)) fail();
    setting.severity = value.severity as Severity;
  }
  if (value.enforcement !== undefined) {
    if (!isEnforcement(value.enforcement)) fail();
    setting.enforcement = value.enforcement as Enforcement;
  }
  return setting;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
