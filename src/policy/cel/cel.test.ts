import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CEL_VARIABLES,
  CelCompileError,
  CelCostLimitError,
  CelEvaluationError,
  compileCel,
  CostTracker,
  fromCelValue,
  lazyVariables,
  PER_CALL_LIMIT,
  RUNTIME_COST_BUDGET,
  toCelValue,
  type CelActivation,
} from './index.js';

const deployment = toCelValue({
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          { name: 'a', image: 'registry.example.com/a:1', resources: { limits: { cpu: '500m', memory: '1Gi' } } },
          { name: 'b', image: 'docker.io/b:latest' },
        ],
      },
    },
  },
});

describe('compileCel / run', () => {
  const cases: [string, unknown][] = [
    ['object.spec.replicas >= 2', true],
    ['object.spec.template.spec.containers.all(c, c.image.startsWith("registry.example.com/"))', false],
    ['object.spec.template.spec.containers.exists(c, has(c.resources) && quantity(c.resources.limits.memory).isGreaterThan(quantity("512Mi")))', true],
    ['has(object.spec.template.spec.securityContext)', false],
    ['object.spec.template.spec.?securityContext.?runAsNonRoot.orValue(false)', false],
    ['oldObject == null && params == null && request == null && namespaceObject == null', true],
    ['object.metadata.name + "-" + string(object.spec.replicas)', 'web-3'],
  ];
  for (const [expr, want] of cases) {
    it(expr, () => assert.deepEqual(fromCelValue(compileCel(expr).run({ object: deployment }, new CostTracker())), want));
  }

  it('exposes the VAP variable names and limits', () => {
    assert.deepEqual([...CEL_VARIABLES], ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables', 'authorizer']);
    assert.equal(PER_CALL_LIMIT, 1_000_000);
    assert.equal(RUNTIME_COST_BUDGET, 10_000_000);
  });

  it('keeps the expression text', () => assert.equal(compileCel('1 == 1').expression, '1 == 1'));

  it('raises "no such key" for a missing field, as Kubernetes does', () => {
    assert.throws(
      () => compileCel('object.spec.missing == 1').run({ object: deployment }, new CostTracker()),
      (err: Error) => err instanceof CelEvaluationError && !(err instanceof CelCostLimitError) && /No such key: missing/.test(err.message),
    );
  });

  it('raises a CelEvaluationError for a runtime overload mismatch', () => {
    assert.throws(() => compileCel('object.metadata.name + 1').run({ object: deployment }, new CostTracker()), CelEvaluationError);
  });
});

describe('compile errors', () => {
  const cases: [string, RegExp, number, number, Parameters<typeof compileCel>[1]?][] = [
    ['object.spec.replicas >', /Unexpected token/, 1, 23],
    ['object.a &&\n  object.b &&\n  )', /Unexpected token/, 3, 3],
    ['1 + "a"', /no such overload/, 1, 1],
    ['true &&\n  [1, 2].map(x, x + "s").size() > 0', /no such overload/, 2, 17],
    ['authorizer.group("apps").resource("deployments").check("create").allowed()', /authorizer is only available in a cluster/, 1, 1],
    ['object.a ||\n  authorizer.serviceAccount("ns", "sa").check("get").allowed()', /authorizer is only available/, 2, 3],
    ['variables.missing == 1', /variables\.missing is not a declared variable/, 1, 1, { declaredVariables: ['present'] }],
    ['variables.present == 1 &&\n   variables.other', /variables\.other/, 2, 4, { declaredVariables: ['present'] }],
    ['object.spec.replicas + 1', /must evaluate to bool/, 1, 1, { resultType: 'bool' }],
    ['\n  "x"', /must evaluate to bool/, 2, 3, { resultType: 'bool' }],
    ['42', /must evaluate to string/, 1, 1, { resultType: 'string' }],
    [
      '[1].all(a,\n [1].all(b, [1].all(c, [1].all(d, d > 0))))',
      /nested comprehensions too deep/,
      2,
      24,
    ],
  ];
  for (const [expr, re, line, column, opts] of cases) {
    it(`${JSON.stringify(expr)} -> ${line}:${column}`, () => {
      assert.throws(
        () => compileCel(expr, opts),
        (err: Error) => {
          assert.ok(err instanceof CelCompileError, String(err));
          assert.match(err.message, re);
          assert.equal(err.message, err.detail);
          assert.ok(!err.message.includes('\n'), 'one line, no source highlighting');
          assert.deepEqual([err.line, err.column], [line, column]);
          return true;
        },
      );
    });
  }

  const valid: [string, Parameters<typeof compileCel>[1]][] = [
    ['object.spec.replicas >= 2', { resultType: 'bool' }],
    ['object.metadata.name', { resultType: 'string' }],
    ['"x" + object.metadata.name', { resultType: 'string' }],
    ['variables.present', { declaredVariables: ['present'], resultType: 'bool' }],
    ['[1].all(a, [1].all(b, [1].all(c, c > 0)))', { resultType: 'bool' }],
  ];
  for (const [expr, opts] of valid) it(`accepts ${expr}`, () => assert.doesNotThrow(() => compileCel(expr, opts)));
});

describe('cost', () => {
  const big = toCelValue({ xs: Array.from({ length: 2000 }, (_, i) => i) });

  it('a quadratic comprehension over 2,000 elements exceeds the per-call limit', () => {
    const p = compileCel('object.xs.all(x, object.xs.all(y, x + y >= 0))');
    assert.throws(
      () => p.run({ object: big }, new CostTracker()),
      (err: Error) => err instanceof CelCostLimitError && err.kind === 'per-call' && err.limit === PER_CALL_LIMIT && /exceeded its cost limit of 1000000/.test(err.message),
    );
  });

  it('a cost error is not swallowed by || or exists()', () => {
    for (const expr of ['object.xs.exists(x, object.xs.exists(y, x + y < 0)) || true', 'true && object.xs.exists(x, object.xs.all(y, y >= 0) && false)']) {
      assert.throws(() => compileCel(expr).run({ object: big }, new CostTracker()), CelCostLimitError, expr);
    }
  });

  it('a normal container check stays far below the limit', () => {
    const cost = new CostTracker();
    const ok = compileCel('object.spec.template.spec.containers.all(c, c.image.contains(":"))').run({ object: deployment }, cost);
    assert.equal(ok, true);
    assert.ok(cost.used > 0 && cost.used < 100, String(cost.used));
  });

  it('a linear pass over 2,000 elements is within the limit', () => {
    assert.equal(compileCel('object.xs.all(x, x >= 0)').run({ object: big }, new CostTracker()), true);
  });

  it('charges string traversals', () => {
    const text = toCelValue({ s: 'a'.repeat(100_000) });
    const cheap = new CostTracker();
    compileCel('object.s.size() > 0').run({ object: text }, cheap);
    const scan = new CostTracker();
    compileCel('object.s.contains("b")').run({ object: text }, scan);
    assert.ok(scan.used >= cheap.used + 9_000, `${scan.used} vs ${cheap.used}`);
  });

  it('the tracker budget spans calls and raises kind "budget"', () => {
    const cost = new CostTracker(PER_CALL_LIMIT, 25_000);
    const p = compileCel('object.xs.all(x, x >= 0)');
    p.run({ object: big }, cost);
    p.run({ object: big }, cost);
    const used = cost.used;
    assert.ok(used > 10_000 && used < 25_000, String(used));
    assert.throws(() => p.run({ object: big }, cost), (err: Error) => err instanceof CelCostLimitError && err.kind === 'budget' && err.limit === 25_000);
    assert.throws(() => p.run({ object: big }, cost), (err: Error) => err instanceof CelCostLimitError && err.kind === 'budget');
  });

  it('a custom per-call limit applies', () => {
    assert.throws(
      () => compileCel('object.xs.all(x, x >= 0)').run({ object: big }, new CostTracker(1_000)),
      (err: Error) => err instanceof CelCostLimitError && err.kind === 'per-call' && err.limit === 1_000,
    );
  });
});

describe('lazyVariables', () => {
  it('computes each variable at most once, on first use, and allows earlier variables', () => {
    const names = ['replicas', 'doubled', 'broken'];
    let runs = 0;
    const counting = (expr: string) => {
      const p = compileCel(expr, { declaredVariables: names });
      return { expression: p.expression, run: (a: CelActivation, c: CostTracker) => (runs++, p.run(a, c)) };
    };
    const defs = [
      { name: 'replicas', program: counting('object.spec.replicas') },
      { name: 'doubled', program: counting('variables.replicas * 2') },
      { name: 'broken', program: counting('object.spec.nope') },
    ];
    const cost = new CostTracker();
    const activation: CelActivation = { object: deployment };
    activation.variables = lazyVariables(defs, activation, cost);
    assert.equal(runs, 0);
    const check = compileCel('variables.doubled == 6 && variables.replicas == 3 && variables.doubled > 0', { declaredVariables: names, resultType: 'bool' });
    assert.equal(check.run(activation, cost), true);
    assert.equal(runs, 2);
    assert.equal(check.run(activation, cost), true);
    assert.equal(runs, 2);
    const broken = compileCel('variables.broken == 1', { declaredVariables: names });
    assert.throws(() => broken.run(activation, cost), /No such key: nope/);
    assert.throws(() => broken.run(activation, cost), /No such key: nope/);
    assert.equal(runs, 3);
    assert.equal(compileCel('has(variables.replicas)', { declaredVariables: names }).run(activation, cost), true);
  });

  it('a variable used only in an untaken branch is never computed', () => {
    let runs = 0;
    const p = compileCel('object.spec.replicas');
    const defs = [{ name: 'v', program: { expression: p.expression, run: (a: CelActivation, c: CostTracker) => (runs++, p.run(a, c)) } }];
    const activation: CelActivation = { object: deployment };
    activation.variables = lazyVariables(defs, activation, new CostTracker());
    assert.equal(compileCel('true || variables.v > 0', { declaredVariables: ['v'] }).run(activation, new CostTracker()), true);
    assert.equal(runs, 0);
  });
});

describe('conversion', () => {
  it('JSON numbers: integral -> int (BigInt), others -> double', () => {
    assert.deepEqual(toCelValue({ a: 1, b: 1.5, c: [2, -0, 3e20], d: null, e: 'x', f: true }), { a: 1n, b: 1.5, c: [2n, 0n, 300000000000000000000n], d: null, e: 'x', f: true });
  });

  it('does not mutate its input', () => {
    const input = { a: [1, { b: 2 }] };
    const copy = structuredClone(input);
    toCelValue(input);
    assert.deepEqual(input, copy);
  });

  const roundTrips: unknown[] = [
    { a: 1, b: [1, 2.5, 'x', true, null], c: { d: {} } },
    [],
    'text',
    42,
    { __proto__: 1, normal: 2 },
  ];
  for (const v of roundTrips) {
    it(`round trips ${JSON.stringify(v)}`, () => {
      const parsed = JSON.parse(JSON.stringify(v));
      assert.deepEqual(fromCelValue(toCelValue(parsed)), parsed);
    });
  }

  it('converts CEL results back to JSON', () => {
    const out = compileCel('{"m": dyn({"k": [1, 2]}), "o": dyn(optional.of(3)), "n": dyn(optional.none()), "t": dyn(timestamp("2024-01-02T03:04:05Z")), "d": dyn(duration("90s")), "q": dyn(quantity("1500m"))}').run({}, new CostTracker());
    assert.deepEqual(fromCelValue(out), { m: { k: [1, 2] }, o: 3, n: null, t: '2024-01-02T03:04:05Z', d: '90s', q: '1500m' });
    assert.deepEqual(fromCelValue(new Map<unknown, unknown>([['a', 1n]])), { a: 1 });
  });

  it('keeps a "__proto__" key as data, never as a prototype', () => {
    const obj = toCelValue(JSON.parse('{"__proto__": "x"}')) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(obj), Object.prototype);
    assert.ok(Object.hasOwn(obj, '__proto__'));
  });
});
