import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Optional } from '@marcbachmann/cel-js';
import { CelCompileError, CelCostLimitError, CelEvaluationError, compileCel, CostTracker, fromCelValue, toCelValue } from './index.js';

const OBJECT = toCelValue({
  metadata: { name: 'web', labels: { app: 'web', tier: 'frontend' } },
  spec: {
    containers: [{ name: 'a', image: 'reg/a:1' }, { name: 'b', image: 'reg/b:2' }],
    template: { spec: { hostNetwork: true } },
    empty: [],
  },
});

/** Optionals as { some: value } / 'none', so that tests tell optional.of(null) and nested optionals apart. */
function show(v: unknown): unknown {
  if (v instanceof Optional) return v.hasValue() ? { some: show(v.value()) } : 'none';
  return fromCelValue(v);
}

function run(expression: string, object: unknown = OBJECT, cost = new CostTracker()): unknown {
  return compileCel(expression).run({ object }, cost);
}

describe('optMap / optFlatMap: results', () => {
  const cases: [string, unknown][] = [
    // cel-spec conformance (tests/simple/testdata/optionals.textproto)
    ['optional.none().optMap(y, y + 1).hasValue()', false],
    ['optional.of(42).optMap(y, y + 1).value()', 43],
    ['{}.?key.optFlatMap(k, k.?subkey).hasValue()', false],
    ["{'key': {}}.?key.optFlatMap(k, k.?subkey).hasValue()", false],
    ["{'key': {'subkey': 'subvalue'}}.?key.optFlatMap(k, k.?subkey).value()", 'subvalue'],
    ["{'key': {'subkey': ''}}.?key.optFlatMap(k, k.?subkey).value()", ''],
    ["{'key': {'subkey': ''}}.?key.optFlatMap(k, optional.ofNonZeroValue(k.subkey)).hasValue()", false],
    // cel-go's constant-folding tests and library documentation
    ['optional.of(optional.of(1)).optMap(x, x.orValue(0))', { some: 1 }],
    ['optional.none().optMap(x, x + 1)', 'none'],
    ['optional.of(1).optFlatMap(x, optional.of(x + 1))', { some: 2 }],
    ['optional.of(1).optFlatMap(x, optional.none())', 'none'],
    ['object.spec.?containers.optMap(e, e.size()).orValue(0)', 2],
    ['object.spec.?containers.optFlatMap(e, e[?0]).optMap(c, c.name)', { some: 'a' }],
    ['object.spec.?empty.optFlatMap(e, e[?0]).hasValue()', false],
    // the value may be null; an optMap result that is itself optional stays nested
    ['optional.of(null).optMap(x, x == null)', { some: true }],
    ['optional.of(1).optMap(x, optional.of(x))', { some: { some: 1 } }],
    ['optional.of(1).optMap(x, optional.of(2).optMap(y, x + y))', { some: { some: 3 } }],
    ['optional.ofNonZeroValue(0).optMap(v, v + 1).orValue(-1)', -1],
    // chains, types flowing through, shadowing, comprehensions around and inside
    ['optional.of(1).optMap(x, x + 1).optMap(x, x * 2).value()', 4],
    ["optional.of('abc').optMap(s, s.size()).value() + 1", 4],
    ['optional.none().optMap(y, y + 1).orValue(5) + 1', 6],
    ['cel.bind(x, 10, optional.of(1).optMap(x, x + 1).value() + x)', 12],
    ['optional.of(3).optMap(optional, optional * 2).value()', 6],
    ['[1, 2].map(i, optional.of(i).optMap(x, x + i).value())', [2, 4]],
    ['optional.of([1, 2, 3]).optMap(l, l.filter(x, x > 1))', { some: [2, 3] }],
    ['optional.of({"a": 1}).optFlatMap(m, m.?b)', 'none'],
    // a dyn expression that is not an optional comes back as it is (cel-go's expansion is a plain ternary)
    ['optional.of(dyn(1)).optFlatMap(x, x)', 1],
    ['optional.of(1).optFlatMap(x, dyn(optional.of(x)))', { some: 1 }],
    // receivers and expressions typed only at run time (dyn, or `A` from value() on a dyn)
    ['dyn(optional.of(1)).optMap(x, x + 1)', { some: 2 }],
    ['dyn(optional.of(optional.of(2))).value().optFlatMap(x, optional.of(x * 2))', { some: 4 }],
    ['optional.of(dyn(optional.of(1))).optFlatMap(x, x).value()', 1],
    // Kubernetes objects
    ['object.?metadata.?labels.optMap(l, l.size()).orValue(0)', 2],
    ['object.?metadata.?annotations.optMap(a, a.size()).orValue(0)', 0],
    ["object.spec.containers[?1].optMap(c, c.image).orValue('')", 'reg/b:2'],
    ["object.spec.containers[?2].optMap(c, c.image).orValue('')", ''],
    ['object.?spec.?template.?spec.optFlatMap(s, s.?hostNetwork).orValue(false)', true],
    ['object.?spec.?template.?metadata.optFlatMap(m, m.?labels).hasValue()', false],
    // cel-go's two-variable comprehension examples written with optMap
    ["cel.bind(l, ['a', 'b'], l.all(i, v, l[?(i + 1)].optMap(n, n > v).orValue(true)))", true],
  ];
  for (const [expr, want] of cases) {
    it(`${expr} -> ${JSON.stringify(want)}`, () => assert.deepEqual(show(run(expr)), want));
  }

  it('gives typed results: optMap is optional<T>, optFlatMap its expression type', () => {
    const types: [string, 'bool' | 'string'][] = [
      ['optional.of(1).optMap(x, x > 0).orValue(false)', 'bool'],
      ["optional.of(1).optFlatMap(x, optional.of('a')).orValue('')", 'string'],
    ];
    for (const [expr, resultType] of types) assert.doesNotThrow(() => compileCel(expr, { resultType }), expr);
    assert.throws(() => compileCel("optional.of(1).optMap(x, x > 0).orValue(false)", { resultType: 'string' }), CelCompileError);
  });
});

describe('optMap / optFlatMap: errors', () => {
  const compileErrors: [string, RegExp, number, number][] = [
    ['optional.of(1).optMap(x.y, x)', /optMap\(var, expr\) variable must be a simple identifier/, 1, 23],
    ['optional.of(1).optFlatMap(1, optional.of(2))', /optFlatMap\(var, expr\) variable must be a simple identifier/, 1, 27],
    ['1.optMap(x, x)', /optMap\(var, expr\) receiver must be optional, got 'int'/, 1, 1],
    ["[1].optFlatMap(x, optional.of(x))", /optFlatMap\(var, expr\) receiver must be optional, got 'list<int>'/, 1, 1],
    ['optional.of(1).optFlatMap(x, x + 1)', /optFlatMap\(var, expr\) expression must return optional, got 'int'/, 1, 30],
    ["optional.of('a').optMap(s, s + 1)", /no such overload/, 1, 28],
    ["optional.of('a').optMap(s, s.size()).value() + 'a'", /no such overload: int \+ string/, 1, 1],
    // the bound name exists only inside the expression
    ['optional.of(1).optMap(x, x).value() + x', /Unknown variable: x/, 1, 39],
  ];
  for (const [expr, re, line, column] of compileErrors) {
    it(`${JSON.stringify(expr)} does not compile (${re.source}) at ${line}:${column}`, () => {
      assert.throws(
        () => compileCel(expr),
        (err: Error) => err instanceof CelCompileError && re.test(err.message) && err.line === line && err.column === column,
      );
    });
  }

  const runtimeErrors: [string, string][] = [
    ['dyn(1).optMap(x, x)', "optMap(var, expr) receiver must be optional, got 'int'"],
    ['object.metadata.optFlatMap(m, m.?name)', "optFlatMap(var, expr) receiver must be optional, got 'map<dyn, dyn>'"],
    // errors in the receiver or in the expression propagate
    ['object.missing.optMap(x, x)', 'No such key: missing'],
    ['optional.of(0).optMap(x, 1 / x)', 'division by zero'],
    ['object.?metadata.optFlatMap(m, m.?missing.value().optMap(x, x))', 'Optional value is not present'],
  ];
  for (const [expr, msg] of runtimeErrors) {
    it(`${expr} fails (${msg})`, () => {
      assert.throws(() => run(expr), (err: Error) => err instanceof CelEvaluationError && err.message.includes(msg));
    });
  }

  it('an error inside is absorbed by || like any other', () => {
    assert.equal(run('optional.of(0).optMap(x, 1 / x).hasValue() || true'), true);
    assert.equal(run('object.missing.optMap(x, x).hasValue() || true'), true);
  });
});

describe('optMap / optFlatMap: laziness, cost and nesting', () => {
  const cost = (expr: string, object: unknown = OBJECT): number => {
    const t = new CostTracker();
    run(expr, object, t);
    return t.used;
  };

  it('does not evaluate the expression when the receiver is empty', () => {
    for (const expr of ['optional.none().optMap(x, 1 / 0)', 'object.?missing.optFlatMap(x, x.nope.value())', 'object.spec.empty[?0].optMap(x, [][0])']) {
      assert.equal(show(run(expr)), 'none', expr);
    }
    // ... and an empty receiver costs the same whatever the expression
    assert.equal(cost('object.?missing.optMap(x, object.spec.containers.all(c, c.name != ""))'), cost('object.?missing.optMap(x, 1)'));
  });

  // cel-go's expansion, written out by hand (cel.bind standing in for the fold over an empty list).
  const expansion = (kind: 'optMap' | 'optFlatMap', receiver: string, name: string, body: string): string => {
    const bound = `cel.bind(${name}, ${receiver}.value(), ${body})`;
    return `${receiver}.hasValue() ? ${kind === 'optMap' ? `optional.of(${bound})` : bound} : optional.none()`;
  };
  const forms: ['optMap' | 'optFlatMap', string, string, string][] = [
    ['optMap', 'optional.of(1)', 'x', 'x + 1'],
    ['optMap', 'optional.none()', 'x', 'x + 1'],
    ['optMap', 'object.?metadata.?labels', 'l', 'l.all(k, k != "")'],
    ['optMap', 'object.?metadata.?annotations', 'l', 'l.all(k, k != "")'],
    ['optMap', 'object.spec.containers.filter(c, c.name == "b")[?0]', 'c', 'c.image'],
    ['optFlatMap', 'object.?spec.?template.?spec', 's', 's.?hostNetwork'],
    ['optFlatMap', 'object.?spec.?missing', 's', 's.?hostNetwork'],
    ['optFlatMap', 'object.spec.containers[?0]', 'c', 'optional.of(c.name + "!")'],
  ];
  for (const [kind, receiver, name, body] of forms) {
    const macro = `${receiver}.${kind}(${name}, ${body})`;
    it(`${macro} costs what its expansion costs`, () => {
      assert.equal(cost(macro), cost(expansion(kind, receiver, name, body)));
    });
  }
  it('evaluates the receiver twice when it has a value, as the expansion does (chains double)', () => {
    const receiverCost = (r: string): number => cost(`${r}.hasValue()`) - 1; // minus the hasValue() call
    const [cheap, dear] = ['optional.of(0)', 'object.spec.containers.filter(c, c.name == "b")[?0]'];
    assert.ok(receiverCost(dear) > receiverCost(cheap) + 10);
    assert.equal(cost(`${dear}.optMap(c, 1)`) - cost(`${cheap}.optMap(c, 1)`), 2 * (receiverCost(dear) - receiverCost(cheap)));
    assert.equal(cost(`${dear}.optFlatMap(c, optional.of(1))`) - cost(`${cheap}.optFlatMap(c, optional.of(1))`), 2 * (receiverCost(dear) - receiverCost(cheap)));
  });

  const big = toCelValue({ xs: Array.from({ length: 2000 }, (_, i) => i) });
  it('a quadratic expression inside exceeds the per-call limit, and || does not swallow it', () => {
    for (const expr of ['optional.of(object.xs).optMap(l, l.all(a, l.all(b, a + b >= 0)))', 'optional.of(object.xs).optFlatMap(l, optional.of(l.exists(a, l.exists(b, a + b < 0)))).value() || true']) {
      assert.throws(() => run(expr, big), (err: Error) => err instanceof CelCostLimitError && err.kind === 'per-call', expr);
    }
  });

  it('does not count as a comprehension level for the nesting guard (an empty-range fold never loops)', () => {
    assert.doesNotThrow(() => compileCel('[1].all(a, [1].all(b, [1].all(c, optional.of(c).optMap(x, optional.of(x).optFlatMap(y, optional.of(y > 0)).value()).value())))'));
    assert.throws(
      () => compileCel('[1].all(a, [1].all(b, optional.of(b).optMap(x, [1].all(c, [1].all(d, true))).value()))'),
      (err: Error) => err instanceof CelCompileError && /nested comprehensions too deep/.test(err.message),
    );
  });
});
