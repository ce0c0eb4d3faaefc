import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CelCompileError, CelCostLimitError, CelEvaluationError, compileCel, CostTracker, fromCelValue, toCelValue } from './index.js';

const OBJECT = toCelValue({
  metadata: { labels: { app: 'web', tier: 'frontend' }, annotations: { 'example.com/owner': 'team-a' } },
  spec: { containers: [{ name: 'a', image: 'reg/a:1' }, { name: 'b', image: 'reg/b:2' }], xs: [1, 'a'] },
});

function run(expression: string, cost = new CostTracker()): unknown {
  return compileCel(expression).run({ object: OBJECT }, cost);
}

describe('two-variable comprehensions: results', () => {
  // Mostly cel-go's ext/comprehensions documentation and tests (semantics, not code).
  const cases: [string, unknown][] = [
    ['[1, 2, 3, 4].all(i, v, i < 5 && v > 0)', true],
    ['[1, 2, 3, 4].all(i, v, i < v)', true],
    ['[1, 2, 3, 4].all(i, v, i > v)', false],
    ['[1, 2, 3].all(i, j, i < j)', true],
    ["{'hello': 'world', 'taco': 'taco'}.all(k, v, k != v)", false],
    ["{'h': ['hello', 'hi'], 'j': ['joke', 'jog']}.all(k, vals, vals.all(v, v.startsWith(k)))", true],
    ['cel.bind(listA, [1, 2, 3, 4], cel.bind(listB, [1, 2, 3, 4, 5], listA.all(i, v, listB[?i].hasValue() && listB[i] == v)))', true],
    ['cel.bind(listA, [1, 2, 3, 4, 5, 6], cel.bind(listB, [1, 2, 3, 4, 5], listA.all(i, v, listB[?i].hasValue() && listB[i] == v)))', false],
    ["{'greeting': 'hello', 'farewell': 'goodbye'}.exists(k, v, k.startsWith('good') || v.endsWith('bye'))", true],
    ['[1, 2, 4, 8, 16].exists(i, v, v == 1024 && i == 10)', false],
    ["cel.bind(l, ['hello', 'world', 'hello!', 'worlds'], l.exists(i, v, v.startsWith('hello') && l[?(i+1)].optMap(next, next.endsWith('world')).orValue(false)))", true],
    ["cel.bind(l, ['hello', 'world', 'hello!', 'worlds'], l.existsOne(i, v, v.startsWith('hello') && l[?(i+1)].optMap(next, next.endsWith('world')).orValue(false)))", true],
    ["cel.bind(l, ['hello', 'goodbye', 'hello!', 'goodbye'], l.exists_one(i, v, v.startsWith('hello') && l[?(i+1)].optMap(next, next == 'goodbye').orValue(false)))", false],
    ['[1, 2, 1, 3, 1, 4].existsOne(i, v, i == 1 || v == 1)', false],
    ['[1, 1, 2, 2, 3, 3].existsOne(i, v, i == 2 && v == 2)', true],
    ["{'i': 0, 'j': 1, 'k': 2}.existsOne(i, v, i == 'l' || v == 1)", true],
    ["{'hello': 'world', 'hello!': 'worlds'}.exists_one(k, v, k.startsWith('hello') && v.endsWith('world'))", true],
    ["{'hello': 'world', 'hello!': 'wow, world'}.exists_one(k, v, k.startsWith('hello') && v.endsWith('world'))", false],
    // cel-go's standard macros also have the one-variable existsOne
    ['[1, 2, 3].existsOne(x, x == 2)', true],
    ["{'a': 1, 'b': 2}.existsOne(k, k != 'c')", false],
    ['[1, 2, 3].transformList(indexVar, valueVar, (indexVar * valueVar) + valueVar)', [1, 4, 9]],
    ['[1, 2, 3].transformList(indexVar, valueVar, indexVar % 2 == 0, (indexVar * valueVar) + valueVar)', [1, 9]],
    ["['Hello', 'world'].transformList(i, v, \"[%d]%s\".format([i, v.lowerAscii()]))", ['[0]hello', '[1]world']],
    ["['hello', 'world'].transformList(i, v, v.startsWith('greeting'), \"[%d]%s\".format([i, v]))", []],
    ["{'Hello': 'world'}.transformList(k, v, \"%s=%s\".format([k.lowerAscii(), v]))", ['hello=world']],
    ["dyn({'Hello': 'world'}).transformList(k, v, \"%s=%s\".format([k.lowerAscii(), v]))", ['hello=world']],
    ["{'greeting': 'hello', 'farewell': 'goodbye'}.transformList(k, _, k).sort()", ['farewell', 'greeting']],
    ["{'greeting': 'hello', 'farewell': 'goodbye'}.transformList(_, v, v).sort()", ['goodbye', 'hello']],
    ['[1, 2, 3].transformMap(indexVar, valueVar, (indexVar * valueVar) + valueVar) == {0: 1, 1: 4, 2: 9}', true],
    ['[1, 2, 3].transformMap(indexVar, valueVar, indexVar % 2 == 0, (indexVar * valueVar) + valueVar) == {0: 1, 2: 9}', true],
    ["['Hello', 'world'].transformMap(i, v, [v.lowerAscii()]) == {0: ['hello'], 1: ['world']}", true],
    ["['world', 'Hello'].transformMap(i, v, [v.lowerAscii()]).transformList(k, v, v).flatten().sort()", ['hello', 'world']],
    ["{'greeting': 'hello'}.transformMap(k, v, v + '!')", { greeting: 'hello!' }],
    ["{'hello': 'world', 'goodbye': 'cruel world'}.transformMap(k, v, v.startsWith('world'), \"%s, %s!\".format([k, v]))", { hello: 'hello, world!' }],
    ["{'greeting': 'hello'}.transformMapEntry(keyVar, valueVar, {valueVar: keyVar})", { hello: 'greeting' }],
    ['[1, 2, 3].transformMapEntry(indexVar, valueVar, {valueVar: indexVar}) == {1: 0, 2: 1, 3: 2}', true],
    // cel-go's cases use string reverse(), which Kubernetes' strings extension (version 2) lacks; upperAscii instead.
    ["{'hello': 'world', 'greetings': 'tacocat'}.transformMapEntry(k, v, {k.upperAscii(): v.upperAscii()})", { HELLO: 'WORLD', GREETINGS: 'TACOCAT' }],
    ["{'hello': 'world', 'greetings': 'tacocat'}.transformMapEntry(k, v, v.startsWith('t'), {k.upperAscii(): v.upperAscii()})", { GREETINGS: 'TACOCAT' }],
    ["{'hello': 'world', 'greetings': 'tacocat'}.transformMapEntry(k, v, {})", {}],
    [
      '"key1:value1 key2:value2 key3:value3".split(" ").transformMapEntry(i, v, cel.bind(entry, v.split(":"), entry.size() == 2 ? {entry[0]: entry[1]} : {}))',
      { key1: 'value1', key2: 'value2', key3: 'value3' },
    ],
    // over Kubernetes objects (JSON maps and lists)
    ["object.metadata.labels.all(k, v, k.matches('^[a-z]+$') && v != '')", true],
    ["object.metadata.annotations.exists(k, v, k.startsWith('example.com/') && v == 'team-a')", true],
    ['object.spec.containers.transformList(i, c, "%d:%s".format([i, c.name]))', ['0:a', '1:b']],
    ['object.spec.containers.transformMapEntry(i, c, {c.name: c.image})', { a: 'reg/a:1', b: 'reg/b:2' }],
    ["object.metadata.labels.transformMap(k, v, k == 'app', v.upperAscii())", { app: 'WEB' }],
    // keys keep their CEL type: list indexes and int map-literal keys are ints, not strings
    ['[7, 8].transformMap(i, v, v).transformList(k, v, type(k) == int)', [true, true]],
    ['[7, 8].transformMapEntry(i, v, {v: i}).transformList(k, v, k + 1)', [8, 9]],
    ["{1: 'a', 2: 'b'}.all(k, v, k > 0)", true],
    ['[7, 8].transformMap(i, v, v)[1]', 8],
    ['[7, 8].transformMap(i, v, v).size()', 2],
    ['1 in [7, 8].transformMap(i, v, v)', true],
    ['[[7].transformMap(i, v, v)].indexOf({0: 7})', 0],
    ['sets.equivalent([[7].transformMap(i, v, v)], [{0: 7}])', true],
    // a "__proto__" key stays data
    ['["x"].transformMapEntry(i, v, {"__proto__": v}).transformList(k, v, k + "=" + v)', ['__proto__=x']],
    // all/exists behave like && / ||: a deciding element wins over an error elsewhere
    ['[0, 1].all(i, v, 1 / v > 5)', false],
    ['[0, 1].exists(i, v, 1 / v == 1)', true],
    ['[].all(i, v, false)', true],
    ['{}.exists(k, v, true)', false],
  ];
  for (const [expr, want] of cases) {
    it(`${expr} -> ${JSON.stringify(want)}`, () => assert.deepEqual(fromCelValue(run(expr)), want));
  }
});

describe('two-variable comprehensions: errors', () => {
  const compileErrors: [string, RegExp, number, number][] = [
    ['[].all(i, i, i < i)', /duplicate variable name: i/, 1, 11],
    ['[].all(__result__, i, __result__ < i)', /iteration variable overwrites accumulator variable/, 1, 8],
    ['[].all(i.j, k, i.j < k)', /argument must be a simple name/, 1, 8],
    ['[].existsOne(j, i.k, j < i.k)', /argument must be a simple name/, 1, 17],
    ['{}.transformMapEntry(j, i.k, {j: i.k})', /argument must be a simple name/, 1, 25],
    ['1.all(j, k, j < k)', /cannot be range of a comprehension/, 1, 1],
    ["''.existsOne(j, k, j < k)", /cannot be range of a comprehension/, 1, 1],
    ['[1].all(i, v, v)', /all\(k, v, predicate\) predicate must return bool, got 'int'/, 1, 15],
    ["{}.transformMapEntry(j, k, 'bad filter', {k: j})", /filter predicate must return bool, got 'string'/, 1, 28],
    ['[1, 2].transformList(i, v, v % 2 == 0 ? [v] : v)', /Ternary branches must have the same type/, 1, 28],
    ["{'a': 'b'}.transformMapEntry(k, v, [])", /transform must return a map, got 'list/, 1, 36],
    ['[1].transformList(i, v, i + "x")', /no such overload/, 1, 25],
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
    ['[1, 1].transformMapEntry(i, v, {v: i})', 'insert failed: key 1 already exists'],
    ['[dyn(0), dyn(0u)].transformMapEntry(i, v, {v: i})', 'insert failed: key 0 already exists'],
    ['["a", "a"].transformMapEntry(i, v, v == "a" ? {v: i} : {})', 'insert failed: key a already exists'],
    ['[0, 1].all(i, v, 1 / v == 1)', 'division by zero'],
    ['[0, 1].existsOne(i, v, 1 / v == 1)', 'division by zero'],
    ['[0, 1].transformList(i, v, 1 / v)', 'division by zero'],
    ['object.spec.xs.all(i, v, v)', "predicate must return bool, got 'int'"],
    ['object.spec.xs.transformList(i, v, v, v)', "filter predicate must return bool, got 'int'"],
    ['object.spec.xs.transformMapEntry(i, v, v)', "transform must return a map, got 'int'"],
    ['dyn(1).transformList(i, v, v)', 'cannot be range of a comprehension'],
  ];
  for (const [expr, msg] of runtimeErrors) {
    it(`${expr} fails (${msg})`, () => {
      assert.throws(() => run(expr), (err: Error) => err instanceof CelEvaluationError && err.message.includes(msg));
    });
  }
});

describe('two-variable comprehensions: nesting guard and cost', () => {
  const tooDeep = [
    '[1].all(a, b, [1].all(c, d, [1].all(e, f, [1].transformList(g, h, h).size() > 0)))',
    '[1].transformMap(a, b, [1].exists(c, [1].existsOne(d, e, [1].transformMapEntry(f, g, {f: g}).size() > 0)))',
  ];
  for (const expr of tooDeep) {
    it(`rejects 4 levels: ${expr}`, () => assert.throws(() => compileCel(expr), (err: Error) => err instanceof CelCompileError && /nested comprehensions too deep/.test(err.message)));
  }
  it('accepts 3 levels mixing one- and two-variable forms', () => {
    assert.doesNotThrow(() => compileCel('[1].all(a, b, [1].exists(c, [1].transformList(g, h, h).size() > 0))'));
  });

  const big = toCelValue({ xs: Array.from({ length: 2000 }, (_, i) => i), m: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])) });
  const cost = (expr: string): number => {
    const t = new CostTracker();
    compileCel(expr).run({ object: big }, t);
    return t.used;
  };
  // The two-variable form costs what its one-variable counterpart costs (measured: within 1 of each other).
  const pairs: [string, string][] = [
    ['object.xs.all(x, x >= 0)', 'object.xs.all(i, x, x >= 0)'],
    ['object.xs.exists(x, x < 0)', 'object.xs.exists(i, x, x < 0)'],
    ['object.xs.exists_one(x, x == 0)', 'object.xs.existsOne(i, x, x == 0)'],
    ['object.xs.map(x, x + 1)', 'object.xs.transformList(i, x, x + 1)'],
    ['object.xs.map(x, x > 5, x + 1)', 'object.xs.transformList(i, x, x > 5, x + 1)'],
    ['object.xs.map(x, x + 1)', 'object.m.transformMap(k, x, x + 1)'],
  ];
  for (const [one, two] of pairs) {
    it(`${two} costs like ${one}`, () => {
      const a = cost(one);
      const b = cost(two);
      assert.ok(a > 2000 * 3 && Math.abs(a - b) <= 2, `${one}: ${a}, ${two}: ${b}`);
    });
  }

  it('a quadratic two-variable comprehension exceeds the per-call limit, and || / exists do not swallow it', () => {
    for (const expr of ['object.xs.all(i, x, object.xs.all(j, y, x + y >= 0))', 'object.xs.exists(i, x, object.xs.exists(j, y, x + y < 0)) || true']) {
      assert.throws(() => compileCel(expr).run({ object: big }, new CostTracker()), (err: Error) => err instanceof CelCostLimitError && err.kind === 'per-call', expr);
    }
  });
});
