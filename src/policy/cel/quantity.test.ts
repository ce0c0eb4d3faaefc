import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CelEvaluationError, compileCel, CostTracker, fromCelValue } from './index.js';
import { Quantity } from './quantity.js';

function run(expression: string): unknown {
  return compileCel(expression).run({}, new CostTracker());
}

describe('quantity string form (Kubernetes resource.Quantity.String)', () => {
  // [input, canonical]: the "alternate" and emit columns of apimachinery's TestQuantityString and
  // TestQuantityParseEmit, plus the examples of the CEL docs.
  const cases: [string, string][] = [
    ['1000m', '1'],
    ['1.5Gi', '1536Mi'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['1024Mi', '1Gi'],
    ['307200Ki', '300Mi'],
    ['1025024Mi', '1001Gi'],
    ['1024Gi', '1Ti'],
    ['2048Ki', '2Mi'],
    ['5000m', '5'],
    ['1000M', '1G'],
    ['0.001T', '1G'],
    ['1000', '1k'],
    ['1000u', '1m'],
    ['1.08', '1080m'],
    ['1080000000n', '1080m'],
    ['1.01E', '1010P'],
    ['12E', '12E'],
    // decimal SI past E, and binary SI past Ei, fall back to an exponent
    ['1000E', '1e21'],
    ['5000E', '5e21'],
    ['1000000E', '1e24'],
    ['9Ei', '9223372036854775807'], // binary SI is capped at the int64 maximum when parsed
    // an exponent stays an exponent
    ['.001e12', '1e9'],
    ['0.001e0', '1e-3'],
    ['1000e-12', '1e-9'],
    ['1.2e3', '1200'],
    ['80e-3', '80e-3'],
    ['1e3', '1e3'],
    // binary SI below 1024 or fractional prints as decimal SI
    ['0.5Ki', '512'],
    ['1.1Ki', '1126400m'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['-.000000000001Ki', '-2n'],
    ['-1024Mi', '-1Gi'],
    ['-1000M', '-1G'],
    ['00', '0'],
    ['0Ki', '0'],
    ['0', '0'],
    // ParseQuantity keeps text that is already canonical on its int64 fast path, even with a sign, a
    // leading zero or an upper-case exponent
    ['1Ki', '1Ki'],
    ['1025Ki', '1025Ki'],
    ['100m', '100m'],
    ['+1k', '+1k'],
    ['01k', '01k'],
    ['1E3', '1E3'],
  ];
  for (const [input, want] of cases) {
    it(`quantity("${input}") -> "${want}"`, () => {
      assert.equal(fromCelValue(run(`quantity("${input}")`)), want);
      assert.equal(Quantity.parse(input)?.toString(), want);
    });
  }

  // [expression, string form]: arithmetic keeps the left operand's format (the right's when the left is
  // zero); add(int)/sub(int) convert the int as a DecimalExponent quantity, as the Kubernetes library does.
  const arithmetic: [string, string][] = [
    ['quantity("1").add(quantity("1Ki"))', '1025'],
    ['quantity("1Ki").add(quantity("1Ki"))', '2Ki'],
    ['quantity("0").add(quantity("1Ki"))', '1Ki'],
    ['quantity("2Gi").sub(quantity("1Gi"))', '1Gi'],
    ['quantity("1Gi").sub(quantity("1Gi"))', '0'],
    ['quantity("1Mi").add(quantity("1.5"))', '1048577500m'],
    ['quantity("0").add(5000)', '5e3'],
    ['quantity("1e3").add(1)', '1001'],
    ['quantity("+1k").add(0)', '1k'],
  ];
  for (const [expr, want] of arithmetic) {
    it(`${expr} -> "${want}"`, () => assert.equal(fromCelValue(run(expr)), want));
  }

  it('equality and ordering ignore the format', () => {
    assert.equal(run('quantity("1000m") == quantity("1") && quantity("1Ki") == quantity("1024") && quantity("1e3") == quantity("1k")'), true);
  });

  // Kubernetes has no string(quantity) overload, and cel-go's %s refuses quantities (and the other library
  // types): the same expressions fail here instead of printing something the cluster would reject.
  it('string(quantity) does not compile', () => assert.throws(() => compileCel('string(quantity("1"))'), /no matching overload/));
  const refused = ['quantity("1")', '[quantity("1")]', '{"a": quantity("1")}', 'ip("10.0.0.1")', 'cidr("10.0.0.0/8")', 'semver("1.2.3")', 'url("https://x")', 'optional.of(1)'];
  for (const arg of refused) {
    it(`"%s".format([${arg}]) fails`, () => {
      assert.throws(() => run(`"%s".format([${arg}])`), (err: Error) => err instanceof CelEvaluationError && /string clause can only be used on/.test(err.message));
    });
  }
  it('%s still formats the CEL types', () => assert.equal(run('"%s %s".format([[1, "a"], {"k": true}])'), '[1, "a"] {"k":true}'));
});
