import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { repoRoot } from './repo-root.js';

// The official OASIS SARIF 2.1.0 schema (JSON Schema draft-07), copied verbatim; see test/fixtures/sarif/README.md.
const schema = JSON.parse(readFileSync(join(repoRoot(), 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;

// ajv ships no format validators (ajv-formats is not a dependency); these are the three the schema uses.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const AjvClass = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as unknown as new (opts: object) => {
  addFormat(name: string, test: (value: string) => boolean): unknown;
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
};
const ajv = new AjvClass({ allErrors: true, strict: false });
ajv.addFormat('uri', (s) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URI_CHARS.test(s) && URL.canParse(s));
ajv.addFormat('uri-reference', (s) => URI_CHARS.test(s) && URL.canParse(s, 'http://base.invalid/dir/'));
ajv.addFormat('date-time', (s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

/** Fails with the schema errors unless the text is a valid SARIF 2.1.0 log. */
export function assertValidSarif(sarifText: string): void {
  assert.ok(validate(JSON.parse(sarifText)), JSON.stringify(validate.errors, null, 2));
}

/** Whether a parsed log is valid SARIF 2.1.0 (for tests that the validator rejects what the schema forbids). */
export function isValidSarif(log: unknown): boolean {
  return validate(log) === true;
}
