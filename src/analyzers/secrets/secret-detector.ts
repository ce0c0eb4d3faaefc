/**
 * Pure functions that decide whether a value, a (name, value) pair or a configuration text holds a
 * hard-coded secret. They never return the secret itself: a hit says what kind of secret it is and,
 * inside a text, which setting holds it.
 *
 * Two ways to recognise a secret:
 * - by pattern: formats that are secrets whatever they are called (PEM private keys, AWS access key
 *   ids, GitHub/GitLab/Slack/Stripe/... tokens, JWTs, URLs with a password);
 * - by name and value: the name says "credential" (PASSWORD, API_KEY, CLIENT_SECRET, ...) and the value
 *   looks like one. Names whose last words say the value is about the secret rather than the secret
 *   itself (TOKEN_PATH, SECRET_NAME, PASSWORD_FILE, ACCESS_KEY_ID, TOKEN_TTL) do not count, and
 *   references, paths, URLs, booleans, numbers and placeholders are never secrets.
 */
import { boundedMemo } from '../../model/bounded-memo.js';

export interface SecretHit {
  /** What was found, for messages: "password", "AWS access key id", "private key"... never the value. */
  kind: string;
  /** 'pattern': the value's format is a secret; 'name': a credential-named setting with a secret-like value. */
  by: 'pattern' | 'name';
}

export interface EmbeddedSecretHit extends SecretHit {
  /** The setting inside the text that holds the secret ("db.password"), when the line names one. */
  field?: string;
  /** 1-based line of the text. */
  line: number;
}

/** How a credential-named value is judged. */
export interface SecretName {
  /** What the name says the value is: "password", "token", "API key"... */
  kind: string;
  /**
   * 'chosen': people pick these (passwords, shared secrets), so any literal value counts, "changeme"
   * included. 'generated': tokens and keys are issued by machines, so the value must look random.
   */
  origin: 'chosen' | 'generated';
}

// ---------------------------------------------------------------------------------------------------
// Patterns: secrets whatever they are called.

interface SecretPattern {
  kind: string;
  /** Must be global: texts are searched for every occurrence. */
  regex: RegExp;
  /** Extra test on the match, for formats a regex cannot pin down. */
  accept?: (match: string) => boolean;
}

const SECRET_PATTERNS: SecretPattern[] = [
  // Any number of dashes: people (and Polaris's fixtures) shorten the armour lines.
  { kind: 'private key', regex: /-{3,}\s*BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?\s*-{3,}/g },
  // "-----BEGIN" base64-encoded, as in kubeconfig client-key-data.
  { kind: 'private key', regex: /LS0tLS1CRUdJT[A-Za-z0-9+/]{20,}/g, accept: (m) => /BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY/.test(decodeBase64(m.slice(0, 80)) ?? '') },
  { kind: 'AWS access key id', regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, accept: (m) => !m.endsWith('EXAMPLE') },
  { kind: 'GitHub token', regex: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g },
  { kind: 'GitHub token', regex: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g },
  { kind: 'GitLab token', regex: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'Slack token', regex: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'Slack webhook URL', regex: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]{16,}/g },
  { kind: 'Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: 'Stripe key', regex: /\b[sr]k_live_[0-9A-Za-z]{16,}\b/g },
  { kind: 'Hugging Face token', regex: /\bhf_[A-Za-z0-9]{34,}\b/g },
  { kind: 'OpenAI API key', regex: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g },
  { kind: 'OpenAI API key', regex: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}/g },
  { kind: 'Anthropic API key', regex: /\bsk-ant-[a-z0-9]+-[A-Za-z0-9_-]{40,}/g },
  { kind: 'npm token', regex: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'PyPI token', regex: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g },
  { kind: 'Docker Hub token', regex: /\bdckr_pat_[A-Za-z0-9_-]{27,}/g },
  { kind: 'SendGrid API key', regex: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  // Header and payload of a JWT are base64url JSON objects, so both start with "eyJ" ('{"').
  { kind: 'JSON Web Token', regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
  // htpasswd and shadow lines: crackable offline, and often the only thing guarding an ingress.
  { kind: 'password hash', regex: /^[^\s:#]+:(?:\$(?:apr1|2[abxy]?|1|5|6|y|argon2id?)\$[^\s:]{8,}|\{SHA\}[A-Za-z0-9+/=]{20,})/gm },
  {
    kind: 'URL with a password',
    regex: /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:@/?#'"]*:[^\s@/?#'"]+@[^\s/?#'"]/g,
    accept: (m) => isUrlPassword(m.slice(m.indexOf('://') + 3, m.lastIndexOf('@'))),
  },
];

/** Quick filter so large texts without any pattern's marker skip the regexes. */
const PATTERN_HINT = /PRIVATE KEY|LS0tLS1CRUdJT|A[KSBC][IC]A|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|hooks\.slack|AIza|k_live_|hf_|sk-|npm_|pypi-|dckr_pat_|SG\.|eyJ|:\/\/[^\s/]*:[^\s/]*@|:\$(?:apr1|2[abxy]?|1|5|6|y|argon2id?)\$|:\{SHA\}/;

/** The first pattern-recognised secret in the value. */
export function detectPattern(value: string): SecretHit | undefined {
  if (!PATTERN_HINT.test(value)) return undefined;
  for (const p of SECRET_PATTERNS) {
    p.regex.lastIndex = 0;
    for (let m = p.regex.exec(value); m; m = p.regex.exec(value)) {
      if (!p.accept || p.accept(m[0])) return { kind: p.kind, by: 'pattern' };
    }
  }
  return undefined;
}

function patternMatches(text: string): { kind: string; index: number }[] {
  if (!PATTERN_HINT.test(text)) return [];
  const out: { kind: string; index: number }[] = [];
  for (const p of SECRET_PATTERNS) {
    p.regex.lastIndex = 0;
    for (let m = p.regex.exec(text); m; m = p.regex.exec(text)) {
      if (!p.accept || p.accept(m[0])) out.push({ kind: p.kind, index: m.index });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** "user:password" of a URL: a password that is not a reference or a documentation placeholder. */
function isUrlPassword(userinfo: string): boolean {
  const password = userinfo.slice(userinfo.indexOf(':') + 1);
  if (password === '' || isReference(password) || isPlaceholder(password)) return false;
  // "user:password@host" and friends are how documentation spells "put yours here".
  return !/^(?:pass(?:word)?|passwd|pwd|secret|token|apikey|api_key|key)$/i.test(decodeUrl(password));
}

function decodeUrl(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------------------------------
// Names.

/** Splits SECRET_KEY_BASE, db.password, clientSecret, OCI-CLI-KEY into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Words after the credential word that make the name about the credential, not the credential. */
const NOT_THE_VALUE_AFTER = new Set([
  'path', 'paths', 'file', 'files', 'filename', 'filepath', 'dir', 'directory', 'folder', 'location', 'mount',
  'name', 'names', 'ref', 'refs', 'reference', 'id', 'ids', 'arn', 'version', 'keyring',
  'url', 'uri', 'endpoint', 'endpoints', 'host', 'hostname', 'addr', 'address', 'port', 'server', 'service', 'backend', 'store', 'manager', 'vault', 'provider', 'source', 'issuer', 'audience', 'scope', 'scopes', 'realm',
  'type', 'kind', 'mode', 'method', 'methods', 'strategy', 'format', 'encoding', 'algorithm', 'alg', 'cipher',
  'enabled', 'enable', 'disabled', 'disable', 'required', 'optional', 'allowed', 'only', 'flag', 'enforce', 'enforced',
  'ttl', 'timeout', 'expiry', 'expires', 'expire', 'expiration', 'lifetime', 'age', 'duration', 'interval', 'period', 'seconds', 'secs', 'minutes', 'hours', 'days', 'ms', 'refresh', 'rotation', 'renew',
  'length', 'len', 'size', 'count', 'limit', 'max', 'min', 'chars', 'complexity', 'policy', 'rules', 'strength',
  'header', 'headers', 'field', 'param', 'parameter', 'prop', 'property', 'env', 'var', 'variable', 'arg',
  'namespace', 'ns', 'selector', 'label', 'labels', 'annotation', 'template', 'prefix', 'suffix', 'pattern', 'regex', 'hint', 'prompt',
  'user', 'username', 'login', 'owner', 'account', 'email', 'command', 'cmd', 'script', 'helper', 'program', 'plugin',
  'claim', 'claims', 'exchange', 'introspection', 'lookup', 'usage', 'validation', 'validator', 'verification', 'verify', 'check', 'reset', 'generator',
  'cache', 'mapping', 'map', 'list', 'index', 'class', 'group', 'role', 'permission', 'permissions',
  'encryption', 'hashing', 'hasher', 'authentication', 'sock', 'socket', 'through', 'thru',
]);

/** Words before the credential word that make the name a switch or a limit (MYSQL_ALLOW_EMPTY_PASSWORD, MAX_TOKENS). */
const SWITCH_BEFORE = new Set([
  'allow', 'allowed', 'enable', 'enabled', 'disable', 'disabled', 'use', 'skip', 'require', 'required', 'no', 'is', 'has', 'should',
  'max', 'min', 'num', 'number', 'random', 'generate', 'show', 'hide', 'mask', 'validate', 'verify', 'reset', 'rotate', 'forbid', 'deny', 'ignore',
]);

/** A generic "key" is a credential only with nothing after it but words for its content (OCI_CLI_KEY_CONTENT). */
const KEY_CONTENT_AFTER = new Set(['content', 'contents', 'data', 'value', 'pem', 'material', 'b64', 'base64', 'string', 'str', 'raw', 'json', 'text']);

/** Keys that identify, sort or look up rather than authenticate. */
const NOT_A_SECRET_KEY_BEFORE = new Set([
  'public', 'pub', 'publishable', 'site', 'sort', 'partition', 'cache', 'label', 'annotation', 'primary', 'foreign', 'routing', 'shard', 'object', 'idempotency',
  'dedup', 'lookup', 'index', 'group', 'row', 'column', 'map', 'metric', 'tag', 'unique', 'composite', 'range', 'hotkey', 'shortcut', 'kafka',
  'message', 'record', 'field', 'config', 'setting', 'feature', 'flag', 'translation', 'i18n', 'node', 'topology', 'affinity', 'selector',
]);

interface WordMatch {
  kind: string;
  origin: 'chosen' | 'generated';
  /** Words the match spans (2 for "api key"). */
  span: number;
  /** A bare "key": needs the stricter KEY_CONTENT_AFTER rule. */
  generic?: boolean;
}

const PASSWORD_WORDS = new Set(['pword', 'passphrase', 'requirepass', 'masterauth']);
/** Abbreviations that mean "password" only at the end of a name: DB_PASS, REDIS_PW, but PASS_THROUGH, PW_BROWSER (Playwright). */
const PASSWORD_ABBREVIATIONS = new Set(['pass', 'pwd', 'pw']);
const COMPOUND_KEYS = new Set(['signingkey', 'encryptionkey', 'masterkey', 'licensekey', 'sessionkey']);

function credentialWordAt(words: string[], i: number): WordMatch | undefined {
  const w = words[i];
  const next = words[i + 1];
  const last = i === words.length - 1;
  if (w.includes('password') || w.includes('passwd') || PASSWORD_WORDS.has(w) || (last && PASSWORD_ABBREVIATIONS.has(w))) {
    return { kind: 'password', origin: 'chosen', span: 1 };
  }
  if (w.startsWith('secret') || w.endsWith('secret')) return { kind: 'secret', origin: 'chosen', span: 1 };
  if (w === 'apikey' || w === 'apikeys' || (w === 'api' && (next === 'key' || next === 'keys'))) return { kind: 'API key', origin: 'generated', span: w === 'api' ? 2 : 1 };
  if (w === 'accesskey' || (w === 'access' && next === 'key')) return { kind: 'access key', origin: 'generated', span: w === 'access' ? 2 : 1 };
  if (w === 'privatekey' || (w === 'private' && next === 'key')) return { kind: 'private key', origin: 'generated', span: w === 'private' ? 2 : 1 };
  if (w === 'token' || (w.endsWith('token') && w.length > 5) || w === 'bearer') return { kind: 'token', origin: 'generated', span: 1 };
  if (w === 'credential' || w === 'credentials' || w === 'creds' || w === 'cred') return { kind: 'credential', origin: 'generated', span: 1 };
  if (w === 'auth' || w === 'authorization' || w === 'basicauth') return { kind: 'credential', origin: 'generated', span: 1 };
  if (w === 'key' || COMPOUND_KEYS.has(w)) {
    if (i > 0 && NOT_A_SECRET_KEY_BEFORE.has(words[i - 1])) return undefined;
    return { kind: 'key', origin: 'generated', span: 1, generic: w === 'key' };
  }
  return undefined;
}

/**
 * What a setting's name says its value is, or undefined when the name is not a credential's:
 * DB_PASSWORD → password (chosen), HF_TOKEN → token (generated), TOKEN_PATH / SECRET_NAME → undefined.
 */
export function classifySecretName(name: string): SecretName | undefined {
  const cls = classifyNameMemo(name);
  // A fresh object each time, as before: a caller that changes it cannot change the memo.
  return cls === undefined ? undefined : { kind: cls.kind, origin: cls.origin };
}

/** The same env and setting names come back on every object and every admission request; only name-sized strings are kept. */
const classifyNameMemo = boundedMemo((name: string) => classifyName(name), 4096, 256);

function classifyName(name: string): SecretName | undefined {
  const words = nameWords(name);
  let best: WordMatch | undefined;
  for (let i = 0; i < words.length; ) {
    const match = credentialWordAt(words, i);
    if (!match) {
      i++;
      continue;
    }
    const after = words.slice(i + match.span);
    const counts =
      !words.slice(0, i).some((w) => SWITCH_BEFORE.has(w)) &&
      !after.some((w) => NOT_THE_VALUE_AFTER.has(w)) &&
      (!match.generic || after.every((w) => KEY_CONTENT_AFTER.has(w))) &&
      // DB_PASSWORD_KEY names the Secret key that holds the password; SECRET_KEY is a secret.
      !(match.kind === 'password' && after.includes('key'));
    // A password-like word anywhere wins (its values are judged the most inclusively); otherwise the
    // last credential word says best what the value is (GITLAB_AUTH_TOKEN is a token).
    if (counts && (!best || !(best.origin === 'chosen' && match.origin === 'generated'))) best = match;
    i += match.span;
  }
  return best && { kind: best.kind, origin: best.origin };
}

// ---------------------------------------------------------------------------------------------------
// Values.

/** A reference resolved elsewhere: $(VAR), ${VAR}, $VAR, {{ template }}, secret-manager URIs. */
export function isReference(value: string): boolean {
  const v = value.trim();
  return (
    /\$\{[^}]*\}|\$\([^)]*\)|\{\{.*?\}\}|\$\{\{/.test(v) ||
    /^\$[A-Za-z_][A-Za-z0-9_]*$|^\$\d$|^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v) ||
    /^(?:arn:aws[\w-]*:(?:secretsmanager|ssm|kms):|vault:|ref\+|sm:\/\/|gcpsm:\/\/|awssm:\/\/|azkv:\/\/|op:\/\/|@Microsoft\.KeyVault\(|!secret\s)/i.test(v)
  );
}

/** A value that stands for a secret to be filled in: <your-token>, xxxxx, ****, REPLACE_ME, YOUR_API_KEY. */
export function isPlaceholder(value: string, name?: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/<[A-Za-z0-9 _.:/-]*>/.test(v)) return true;
  if (/^(.)\1+$/.test(v) || /^[xX*•#._-]+$/.test(v) || /\*{3,}|•{3,}|x{5,}|X{5,}/.test(v)) return true;
  if (/^your\b|^your[-_ ]?(?:own|api|access|secret|token|key|pass|password|pwd|cred|auth)/i.test(v)) return true;
  // "changeme" and "changeit" are not placeholders: they are passwords that work, and get used.
  if (/^(?:replace|insert|fill|put|enter)[-_ ]?(?:me|this|it|here|with\b|in\b|your)/i.test(v)) return true;
  // "replace-default-auth": a marker a startup script substitutes (Argo CD's redis-ha does this).
  if (/^replace[-_]/i.test(v)) return true;
  if (/^(?:to[-_ ]?be[-_ ]?(?:replaced|filled|set|changed)|fixme|todo|tbd|placeholder|redacted|dummy|example|sample|not[-_ ]?set|notset|unset|undefined|null|nil|none|n\/a|na|empty)$/i.test(v)) return true;
  if (/[-_ ]here$/i.test(v)) return true;
  // SED_STYLE targets: an all-caps identifier with underscores is a name, not a password.
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return true;
  if (name !== undefined && normalise(v) === normalise(name)) return true;
  return false;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const TRIVIAL_WORDS = new Set([
  'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'enabled', 'disabled', 'enable', 'disable', 'none', 'null', 'nil', '~', '-',
  'undefined', 'default', 'auto', 'random', 'generate', 'generated', 'required', 'optional', 'any', 'all', 'unset',
]);

/** Words that name a Kubernetes object holding secrets: "db-secret", "hf-token", "app-creds". */
const OBJECT_NAME_PARTS = new Set(['secret', 'secrets', 'creds', 'credentials', 'credential', 'token', 'tokens', 'key', 'keys', 'tls', 'cert', 'certs', 'auth', 'password', 'passwords']);

/**
 * True when the value, whatever its name, cannot be a secret: booleans, small numbers, durations,
 * paths, file names, URLs and host:port without credentials, hostnames, e-mail addresses,
 * references and placeholders.
 */
export function isStructurallyNotSecret(value: string, name?: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (TRIVIAL_WORDS.has(v.toLowerCase())) return true;
  if (isReference(v) || isPlaceholder(v, name)) return true;
  if (/^[+-]?\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y|k|ki|mi|gi|ti|kb|mb|gb|%)?$/i.test(v) && !/^\d{4,}$/.test(v)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return true; // URLs; credentials in them are a pattern of their own
  if (/^[\w.-]+:\d{1,5}$/.test(v)) return true; // host:port
  if (/^[^\s@]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(v)) return true; // e-mail
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(v) && v.includes('.') && !/\d/.test(v.split('.').pop() ?? '')) return true; // hostname
  if (isPathLike(v)) return true;
  if (/^[\w.-]+\.(?:json|pem|key|crt|cer|cert|txt|ya?ml|p12|pfx|jks|keystore|env|conf|cfg|ini|properties|toml|xml|der|gpg|asc)$/i.test(v)) return true;
  return false;
}

/** "db-secret", "hf-token", "app-creds": the name of a Kubernetes object holding a secret, not one. */
export function looksLikeSecretObjectName(value: string): boolean {
  const v = value.trim();
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(v) && v.includes('-') && v.split('-').some((p) => OBJECT_NAME_PARTS.has(p));
}

/** /var/run/secrets/token, ./creds, ~/.aws, C:\keys, google/gemma-2b, secret/data/db: paths and path-like names. */
function isPathLike(v: string): boolean {
  if (/\s/.test(v)) return false;
  if (/^[A-Za-z]:\\/.test(v)) return true;
  if (!v.includes('/')) return false;
  if (/[+=]/.test(v)) return false; // base64
  const segments = v.replace(/^(?:~|\.{1,2})?\//, '').split('/').filter((s) => s !== '');
  return segments.every((s) => /^[\w.@:-]+$/.test(s) && !looksRandom(s));
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Minimum length of a machine-generated secret judged by entropy. */
export const MIN_RANDOM_LENGTH = 16;

/**
 * True for strings that look machine-generated (tokens, keys): long enough, one "word" of token
 * characters, several character classes and high Shannon entropy. Identifiers made of words
 * ("gemma-2b-sql-finetuned", "MyServiceAccountName") are not random.
 */
export function looksRandom(value: string): boolean {
  const v = value.trim();
  if (v.length < MIN_RANDOM_LENGTH || !/^[A-Za-z0-9+/=_\-.~]+$/.test(v)) return false;
  const hasLower = /[a-z]/.test(v);
  const hasUpper = /[A-Z]/.test(v);
  const hasDigit = /\d/.test(v);
  if (Number(hasLower) + Number(hasUpper) + Number(hasDigit) < 2) return false;
  const parts = v.split(/[-_.]/).filter((p) => p !== '');
  if (parts.length >= 2 && parts.every((p) => /^[A-Za-z]+$/.test(p) || /^\d+$/.test(p) || p.length <= 4)) return false;
  const entropy = shannonEntropy(v);
  if (/^[0-9a-f-]+$/i.test(v)) return entropy >= 3.0;
  if (!hasDigit) return v.length >= 24 && entropy >= 4.0;
  return entropy >= Math.min(3.5, Math.log2(v.length) - 0.7);
}

/** "Basic dXNlcjpwYXNz" / "Bearer abc..." header values, and base64 "user:password" (Docker's auth). */
function isAuthorizationValue(v: string): boolean {
  const m = /^(Bearer|Basic|Token|Bot|Digest)\s+(\S+)$/i.exec(v);
  if (m) return !isReference(m[2]) && !isPlaceholder(m[2]) && (looksRandom(m[2]) || isBase64UserPassword(m[2]));
  return isBase64UserPassword(v);
}

function isBase64UserPassword(v: string): boolean {
  if (v.length < 8 || !/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.length % 4 !== 0) return false;
  const decoded = decodeBase64(v);
  return decoded !== undefined && /^[^\s:]+:[^\s]+$/.test(decoded) && !isPlaceholder(decoded.slice(decoded.indexOf(':') + 1));
}

/** Decodes base64 to text, or undefined when the result is not printable text. */
export function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return undefined;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  return /^[^\u0000-\u0008\u000e-\u001f\ufffd]*$/.test(text) ? text : undefined;
}

/** nsswitch.conf's "passwd: files sss" names the user database's sources, not a password. */
const NSS_SOURCES = /^(?:files|compat|nis|nisplus|ldap|sss|systemd|db|dns|winbind|extrausers|cache|altfiles|mymachines|hesiod)(?:\s|\[|$)/;

/** True when a credential-named setting's value is a real secret. */
function valueIsSecret(cls: SecretName, value: string, name: string): boolean {
  const v = value.trim();
  if (isStructurallyNotSecret(v, name)) return false;
  // TOKEN_SECRET=hf-token names the Secret that holds the token; but a password setting holds the
  // password itself, so DB_PASSWORD=fake-password is one.
  if (cls.kind !== 'password' && looksLikeSecretObjectName(v)) return false;
  if (name === 'passwd' && NSS_SOURCES.test(v)) return false;
  if (isAuthorizationValue(v)) return true;
  // user:password, as in BASIC_AUTH=admin:s3cret (host:port was ruled out above).
  if (/^[^\s:/]+:[^\s:/]{4,}$/.test(v) && !isPlaceholder(v.slice(v.indexOf(':') + 1))) return true;
  if (cls.origin === 'generated') return looksRandom(v);
  // Chosen secrets: any literal word of 4+ characters; prose, commands and documents are not passwords.
  return v.length >= 4 && !/\s/.test(v) && !/^[{[]/.test(v);
}

/**
 * Whether a named value (an env var, a ConfigMap key) is a hard-coded secret: by pattern first, then
 * by name and value. The value is judged whole; use {@link detectSecretsInText} for settings inside it.
 */
export function detectSecret(name: string, value: string): SecretHit | undefined {
  const byPattern = detectPattern(value);
  if (byPattern) return byPattern;
  const cls = classifySecretName(name);
  if (cls && valueIsSecret(cls, value, name)) return { kind: cls.kind, by: 'name' };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Texts: configuration files, scripts, connection strings, command lines.

/** Lines worth parsing for settings: the name must contain a credential word. */
const CREDENTIAL_HINT = /pass|pw|secret|token|key|cred|auth|bearer/i;

/** `key: value`, `"key": "value"`, `key = value`, `export KEY=value`, `- key: value`. */
const LINE_SETTING = /^\s*(?:-\s+)?(?:export\s+)?["']?([A-Za-z_][\w.\-]*)["']?\s*(?::(?=\s|$)|:?=)\s*(.*)$/;
/** key=value pairs inside a line: libpq "password=x", ADO "Password=x;", "--token=x", "-Dx.password=x", "?api_key=x&". */
const INLINE_PAIR = /(?:^|[\s;&?,(])(?:-D(?=[a-z])|-{0,2})([A-Za-z_][\w.\-]*)=("[^"]*"|'[^']*'|[^\s;&,)"']+)/g;
/** "key": "value" pairs of one-line JSON (a .dockerconfigjson, a credentials blob). */
const JSON_PAIR = /"([A-Za-z_][\w.\-]*)"\s*:\s*("(?:[^"\\]|\\.)*"|[^,}\]\s]+)/g;
/** <password>value</password> */
const XML_ELEMENT = /<([A-Za-z_][\w.\-]*)>([^<]+)<\/\1>/g;
/** Redis directives without a separator. */
const DIRECTIVE = /^\s*(requirepass|masterauth)\s+(\S+)/;
/** `.npmrc` registry credentials: `//registry.npmjs.org/:_authToken=…`, `//host/path/:_auth=…`, `:_password=…`. */
const NPMRC_CREDENTIAL = /\/\/[^\s"'=]*:(_authToken|_auth|_password)\s*=\s*("[^"]*"|'[^']*'|[^\s"']+)/g;

/** The scalar at the start of a line's value: quoted string, or up to a trailing comment/comma. */
function scalarOf(raw: string): string {
  const s = raw.trim();
  const quote = s[0];
  if (quote === '"' || quote === "'") {
    const end = s.indexOf(quote, 1);
    return end > 0 ? s.slice(1, end) : s.slice(1);
  }
  return s.replace(/\s+(?:#|\/\/).*$/, '').replace(/[,;]$/, '').trim();
}

/** Settings (name, value) a line of configuration defines. */
export function settingsInLine(line: string): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  const add = (name: string, raw: string) => {
    const value = scalarOf(raw);
    const key = `${name}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push([name, value]);
  };
  const whole = LINE_SETTING.exec(line);
  if (whole) add(whole[1], whole[2]);
  const directive = DIRECTIVE.exec(line);
  if (directive) add(directive[1], directive[2]);
  INLINE_PAIR.lastIndex = 0;
  for (let m = INLINE_PAIR.exec(line); m; m = INLINE_PAIR.exec(line)) add(m[1], m[2]);
  JSON_PAIR.lastIndex = 0;
  for (let m = JSON_PAIR.exec(line); m; m = JSON_PAIR.exec(line)) add(m[1], m[2]);
  NPMRC_CREDENTIAL.lastIndex = 0;
  for (let m = NPMRC_CREDENTIAL.exec(line); m; m = NPMRC_CREDENTIAL.exec(line)) add(m[1], m[2]);
  XML_ELEMENT.lastIndex = 0;
  for (let m = XML_ELEMENT.exec(line); m; m = XML_ELEMENT.exec(line)) add(m[1], m[2]);
  return out;
}

/**
 * Secrets inside a text (a config file, a script, a connection string): every pattern occurrence, and
 * every credential-named setting whose value is a secret. One hit per (line, setting).
 */
export function detectSecretsInText(text: string): EmbeddedSecretHit[] {
  // Most values (log levels, URLs, hosts) have neither a pattern's marker nor a credential word on any
  // line: both tests below are per text or per line, so failing both on the whole text means no hit.
  if (!CREDENTIAL_HINT.test(text) && !PATTERN_HINT.test(text)) return [];
  const hits: EmbeddedSecretHit[] = [];
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    lineStarts.push(offset);
    offset += l.length + 1;
  }
  const seen = new Set<string>();
  const push = (hit: EmbeddedSecretHit) => {
    const key = `${hit.line}\u0000${hit.field ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    hits.push(hit);
  };
  for (const m of patternMatches(text)) {
    const line = lineOf(lineStarts, m.index);
    const setting = LINE_SETTING.exec(lines[line - 1]);
    push({ kind: m.kind, by: 'pattern', line, ...(setting ? { field: setting[1] } : {}) });
  }
  lines.forEach((l, i) => {
    if (!CREDENTIAL_HINT.test(l)) return;
    for (const [name, value] of settingsInLine(l)) {
      const cls = classifySecretName(name);
      if (cls && valueIsSecret(cls, value, name)) push({ kind: cls.kind, by: 'name', field: name, line: i + 1 });
    }
  });
  return hits.sort((a, b) => a.line - b.line);
}

function lineOf(lineStarts: number[], index: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** True for text that is only public material: certificates, public keys, SSH public keys. */
export function isPublicKeyMaterial(value: string): boolean {
  const v = value.trim();
  if (/^(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-\S+|sk-(?:ssh|ecdsa)-\S+) AAAA[A-Za-z0-9+/=]+(?:\s.*)?$/.test(v)) return true;
  const stripped = v.replace(/-----BEGIN (CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|TRUSTED CERTIFICATE)-----[\s\S]*?-----END \1-----/g, '').trim();
  return stripped === '' && v !== '';
}
