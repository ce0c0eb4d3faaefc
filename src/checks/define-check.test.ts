import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMessage } from './define-check.js';

/** renderMessage as it was before templates were compiled: the reference the compiled one must match. */
function reference(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => (key in data ? String(data[key]) : `{{${key}}}`));
}

describe('renderMessage', () => {
  const cases: [string, string, Record<string, string | number> | undefined, string][] = [
    ['no placeholder', 'Plain text.', { a: 'x' }, 'Plain text.'],
    ['one placeholder', 'The {{container}} runs privileged.', { container: 'container "app"' }, 'The container "app" runs privileged.'],
    ['spaces inside braces', 'A {{ a }} and {{b  }}.', { a: 1, b: 'two' }, 'A 1 and two.'],
    ['at both ends', '{{a}}-{{b}}', { a: 'x', b: 'y' }, 'x-y'],
    ['repeated key', '{{a}}{{a}}{{a}}', { a: 'z' }, 'zzz'],
    ['missing key keeps the placeholder, without spaces', 'x {{ missing }} y', { a: 'x' }, 'x {{missing}} y'],
    ['no data', 'x {{a}}', undefined, 'x {{a}}'],
    ['replacement patterns in data stay literal', '[{{a}}]', { a: "$& $1 $$ $'" }, "[$& $1 $$ $']"],
    ['braces that are not placeholders', '{{}} {{a-b}} { {a} } {{{a}}}', { a: 'A' }, '{{}} {{a-b}} { {a} } {A}'],
    ['prototype keys are found by `in`, as before', '{{constructor}}', {}, String(Object)],
    ['numbers', '{{n}} items', { n: 0 }, '0 items'],
  ];
  for (const [name, template, data, expected] of cases) {
    it(name, () => {
      assert.equal(renderMessage(template, data), expected);
      assert.equal(renderMessage(template, data), reference(template, data));
    });
  }

  it('renders a template the same way every time, with different data', () => {
    const template = 'Env var "{{env}}" of the {{container}} holds a hard-coded {{kind}}.';
    const datas: Record<string, string>[] = [{ env: 'A', container: 'c', kind: 'k' }, { env: 'B' }, {}];
    for (const data of datas) {
      assert.equal(renderMessage(template, data), reference(template, data));
    }
  });

  it('stays correct beyond the bound of remembered templates', () => {
    for (let i = 0; i < 5000; i++) assert.equal(renderMessage(`t${i} {{a}}`, { a: i }), `t${i} ${i}`);
    assert.equal(renderMessage('t0 {{a}}', { a: 'again' }), 't0 again');
  });
});
