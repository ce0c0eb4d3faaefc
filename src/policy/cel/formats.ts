/**
 * Kubernetes' CEL format library (`format.dns1123Label().validate(s)`, Kubernetes 1.31+): the apimachinery
 * name validators. `validate` answers optional.none() when the string is valid, else the list of errors.
 */

export class NamedFormat {
  constructor(
    readonly name: string,
    readonly check: (s: string) => string[],
  ) {}
}

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_PART = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

const anchored = (re: string): RegExp => new RegExp(`^${re}$`);
const maxLength = (s: string, n: number): string[] => (s.length > n ? [`must be no more than ${n} characters`] : []);

function pattern(re: string, description: string, examples: string): (s: string) => string[] {
  const compiled = anchored(re);
  return (s) => (compiled.test(s) ? [] : [`${description} (e.g. ${examples}, regex used for validation is '${re}')`]);
}

const label1123 = pattern(DNS1123_LABEL, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", "'my-name',  or '123-abc'");
const subdomain1123 = pattern(DNS1123_SUBDOMAIN, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", "'example.com'");
const label1035 = pattern(DNS1035_LABEL, "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", "'my-name',  or 'abc-123'");
const qualifiedPart = pattern(QUALIFIED_NAME_PART, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", "'MyName',  or 'my.name',  or '123-abc'");

const dns1123Label = (s: string): string[] => [...maxLength(s, 63), ...label1123(s)];
const dns1123Subdomain = (s: string): string[] => [...maxLength(s, 253), ...subdomain1123(s)];
const dns1035Label = (s: string): string[] => [...maxLength(s, 63), ...label1035(s)];
/** generateName prefixes: a trailing '-' is allowed (apimachinery masks it before validating). */
const prefix = (check: (s: string) => string[]) => (s: string): string[] => check(s.endsWith('-') ? `${s.slice(0, -1)}a` : s);

function qualifiedName(s: string): string[] {
  const parts = s.split('/');
  if (parts.length > 2) return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (with an optional DNS subdomain prefix and '/')"];
  const [name, prefixPart] = parts.length === 2 ? [parts[1], parts[0]] : [parts[0], undefined];
  const errors: string[] = [];
  if (prefixPart !== undefined) {
    if (prefixPart === '') errors.push('prefix part must be non-empty');
    else errors.push(...dns1123Subdomain(prefixPart).map((e) => `prefix part ${e}`));
  }
  if (name === '') errors.push('name part must be non-empty');
  else errors.push(...maxLength(name, 63).map((e) => `name part ${e}`), ...qualifiedPart(name));
  return errors;
}

function labelValue(s: string): string[] {
  if (s === '') return [];
  return [...maxLength(s, 63), ...pattern(`(${QUALIFIED_NAME_PART})?`, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", "'MyValue',  or 'my_value',  or '12345'")(s)];
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function validDatetime(s: string): boolean {
  const m = DATETIME.exec(s);
  if (!m || !validDate(m[1])) return false;
  return Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 61;
}

/** An absolute URI or an absolute path, as Go's url.ParseRequestURI accepts. */
function validUri(s: string): boolean {
  if (s.startsWith('/')) return !/[\s]/.test(s);
  try {
    const u = new URL(s);
    return u.protocol !== '' && !/[\s]/.test(s);
  } catch {
    return false;
  }
}

export const FORMATS: ReadonlyMap<string, NamedFormat> = new Map(
  (
    [
      ['dns1123Label', dns1123Label],
      ['dns1123Subdomain', dns1123Subdomain],
      ['dns1035Label', dns1035Label],
      ['qualifiedName', qualifiedName],
      ['dns1123LabelPrefix', prefix(dns1123Label)],
      ['dns1123SubdomainPrefix', prefix(dns1123Subdomain)],
      ['dns1035LabelPrefix', prefix(dns1035Label)],
      ['labelValue', labelValue],
      ['uri', (s: string) => (validUri(s) ? [] : ['must be a valid URI'])],
      ['uuid', (s: string) => (UUID.test(s) ? [] : ['does not match the UUID format'])],
      ['byte', (s: string) => (BASE64.test(s) ? [] : ['must be base64 encoded'])],
      ['date', (s: string) => (validDate(s) ? [] : ['must be a date in the format YYYY-MM-DD'])],
      ['datetime', (s: string) => (validDatetime(s) ? [] : ['must be an RFC 3339 date-time'])],
    ] as const
  ).map(([name, check]) => [name, new NamedFormat(name, check)]),
);
