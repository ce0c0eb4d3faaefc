import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CelCompileError, CelEvaluationError, compileCel, CostTracker, fromCelValue, toCelValue } from './index.js';

const DEFAULT_OBJECT = { empty: [], re: '(?=a)' };

function run(expression: string, object: unknown = DEFAULT_OBJECT): unknown {
  return compileCel(expression).run({ object: toCelValue(object) }, new CostTracker());
}

/** [expression, expected JSON value (via fromCelValue)] */
type Ok = [string, unknown];
/** [expression, substring of the runtime error message] */
type Bad = [string, string];

function table(name: string, ok: Ok[], bad: Bad[] = []): void {
  describe(name, () => {
    for (const [expr, want] of ok) {
      it(`${expr} == ${JSON.stringify(want)}`, () => assert.deepEqual(fromCelValue(run(expr)), want));
    }
    for (const [expr, msg] of bad) {
      it(`${expr} fails (${msg})`, () => {
        assert.throws(() => run(expr), (err: Error) => err instanceof CelEvaluationError && err.message.includes(msg));
      });
    }
  });
}

table(
  'quantity',
  [
    ['quantity("1Gi") == quantity("1024Mi")', true],
    ['quantity("1.5") == quantity("1500m")', true],
    ['quantity("1e3") == quantity("1k")', true],
    ['quantity("1E3").asInteger()', 1000],
    ['quantity("2E").asApproximateFloat()', 2e18],
    ['quantity("100Mi").isGreaterThan(quantity("100M"))', true],
    ['quantity("100m").isLessThan(quantity("0.2"))', true],
    ['quantity("500m").compareTo(quantity("0.5"))', 0],
    ['quantity("1").compareTo(quantity("2"))', -1],
    ['quantity("-1").sign()', -1],
    ['quantity("0").sign()', 0],
    ['quantity("1.5").isInteger()', false],
    ['quantity("2k").isInteger()', true],
    ['quantity("100E").isInteger()', false],
    ['quantity("1.5").add(quantity("500m")) == quantity("2")', true],
    ['quantity("1").add(2).asInteger()', 3],
    ['quantity("1Ki").sub(24).asInteger()', 1000],
    ['quantity("1").sub(quantity("1m")) == quantity("999m")', true],
    ['quantity("0.1").asApproximateFloat()', 0.1],
    ['quantity("0.0000000001") == quantity("1n")', true],
    ['isQuantity("256Mi")', true],
    ['isQuantity("+1.5e-3")', true],
    ['isQuantity("1x")', false],
    ['isQuantity("Mi")', false],
    ['isQuantity("1 Mi")', false],
    ['isQuantity("1e")', false],
  ],
  [
    ['quantity("ten")', 'invalid quantity'],
    ['quantity("1.5").asInteger()', 'cannot convert value to integer'],
    ['quantity("10E").asInteger()', 'cannot convert value to integer'],
  ],
);

table(
  'ip and cidr',
  [
    ['ip("10.1.2.3").family()', 4],
    ['ip("2001:db8::1").family()', 6],
    ['isIP("10.1.2.3")', true],
    ['isIP("010.1.2.3")', false],
    ['isIP("1.2.3")', false],
    ['isIP("fe80::1%eth0")', false],
    ['isIP("::ffff:1.2.3.4")', false],
    ['isIP("::1")', true],
    ['ip.isCanonical("2001:db8::1")', true],
    ['ip.isCanonical("2001:DB8::1")', false],
    ['ip.isCanonical("2001:db8:0:0:0:0:0:1")', false],
    ['string(ip("2001:db8:0:0:1:0:0:1"))', '2001:db8::1:0:0:1'],
    ['string(ip("0:0:0:0:0:0:0:0"))', '::'],
    ['ip("0.0.0.0").isUnspecified()', true],
    ['ip("127.0.0.5").isLoopback()', true],
    ['ip("::1").isLoopback()', true],
    ['ip("224.0.0.251").isLinkLocalMulticast()', true],
    ['ip("ff02::fb").isLinkLocalMulticast()', true],
    ['ip("169.254.1.1").isLinkLocalUnicast()', true],
    ['ip("fe80::1").isLinkLocalUnicast()', true],
    ['ip("10.0.0.1").isGlobalUnicast()', true],
    ['ip("8.8.8.8").isGlobalUnicast()', true],
    ['ip("255.255.255.255").isGlobalUnicast()', false],
    ['ip("127.0.0.1").isGlobalUnicast()', false],
    ['ip("10.0.0.1") == ip("10.0.0.1")', true],
    ['cidr("10.0.0.0/8").containsIP("10.200.0.1")', true],
    ['cidr("10.0.0.0/8").containsIP(ip("11.0.0.1"))', false],
    ['cidr("10.0.0.0/8").containsIP("::1")', false],
    ['cidr("2001:db8::/32").containsIP("2001:db8:1::1")', true],
    ['cidr("10.0.0.0/8").containsCIDR("10.1.0.0/16")', true],
    ['cidr("10.1.0.0/16").containsCIDR(cidr("10.0.0.0/8"))', false],
    ['cidr("192.168.1.7/24").ip() == ip("192.168.1.7")', true],
    ['cidr("192.168.1.7/24").prefixLength()', 24],
    ['string(cidr("192.168.1.7/24").masked())', '192.168.1.0/24'],
    ['string(cidr("2001:db8::1/32").masked())', '2001:db8::/32'],
    ['cidr("10.0.0.0/8") == cidr("10.0.0.0/8")', true],
    ['isCIDR("10.0.0.0/33")', false],
    ['isCIDR("10.0.0.0")', false],
    ['isCIDR("::/0")', true],
  ],
  [
    ['ip("300.1.1.1")', 'could not be parsed'],
    ['ip("::ffff:10.0.0.1")', 'IPv4-mapped'],
    ['ip("fe80::1%eth0")', 'zone'],
    ['cidr("10.0.0.0/40")', 'bad prefix length'],
    ['cidr("10.0.0.0/8").containsIP("nope")', 'could not be parsed'],
    ['ip.isCanonical("x")', 'could not be parsed'],
  ],
);

table(
  'url',
  [
    ['url("https://example.com:8443/a/b?x=1&x=2&y=").getScheme()', 'https'],
    ['url("https://example.com:8443/a/b").getHost()', 'example.com:8443'],
    ['url("https://example.com:8443/a/b").getHostname()', 'example.com'],
    ['url("https://example.com:8443/a/b").getPort()', '8443'],
    ['url("https://example.com/a/b").getPort()', ''],
    ['url("https://[::1]:80/").getHost()', '[::1]:80'],
    ['url("https://[::1]:80/").getHostname()', '::1'],
    ['url("https://user@example.com/a%20b").getEscapedPath()', '/a%20b'],
    ['url("https://example.com/a?x=1&x=2&y=a+b").getQuery()', { x: ['1', '2'], y: ['a b'] }],
    ['url("/just/a/path").getScheme()', ''],
    ['url("/just/a/path").getEscapedPath()', '/just/a/path'],
    ['isURL("https://example.com")', true],
    ['isURL("example.com")', false],
    ['isURL("https://exa mple.com")', false],
    ['isURL("https://example.com/%zz")', false],
  ],
  [['url("not a url")', 'URL parse error']],
);

table(
  'semver',
  [
    ['semver("1.2.3").major()', 1],
    ['semver("1.2.3").minor()', 2],
    ['semver("1.2.3").patch()', 3],
    ['semver("1.2.3-alpha.1").isLessThan(semver("1.2.3"))', true],
    ['semver("1.2.3-alpha.2").isGreaterThan(semver("1.2.3-alpha.10"))', false],
    ['semver("1.10.0").compareTo(semver("1.9.9"))', 1],
    ['semver("1.0.0+build") == semver("1.0.0+other")', true],
    ['isSemver("1.2")', false],
    ['isSemver("01.2.3")', false],
    ['isSemver("1.2.3-rc.1+b5")', true],
  ],
  [['semver("v1")', 'No Major.Minor.Patch elements found']],
);

table(
  'regex',
  [
    ['"abc 123 def 456".find("[0-9]+")', '123'],
    ['"abc".find("[0-9]+")', ''],
    ['"abc 123 def 456".findAll("[0-9]+")', ['123', '456']],
    ['"a1b2c3".findAll("[0-9]", 2)', ['1', '2']],
    ['"a1b2c3".findAll("[0-9]", 0)', []],
    ['"a1b2c3".findAll("[0-9]", -1)', ['1', '2', '3']],
    ['"abc".findAll("b*")', ['', 'b', '']],
    ['"Hello".matches("(?i)^hello$")', true],
    ['"registry.example.com/app".matches("^registry\\\\.example\\\\.com/")', true],
    ['matches("abc", "^a")', true],
  ],
  [['"abc".matches(object.re)', 'invalid regular expression']],
);

table(
  'format library',
  [
    ['format.dns1123Label().validate("my-name").hasValue()', false],
    ['format.dns1123Label().validate("My_Name").hasValue()', true],
    [`format.dns1123Label().validate("${'a'.repeat(64)}").hasValue()`, true],
    ['format.dns1123Subdomain().validate("example.com").hasValue()', false],
    ['format.dns1035Label().validate("1abc").hasValue()', true],
    ['format.dns1123LabelPrefix().validate("web-").hasValue()', false],
    ['format.qualifiedName().validate("example.com/my-name").hasValue()', false],
    ['format.qualifiedName().validate("/x").hasValue()', true],
    ['format.labelValue().validate("").hasValue()', false],
    ['format.labelValue().validate("-bad").hasValue()', true],
    ['format.named("uuid").value().validate("123e4567-e89b-12d3-a456-426614174000").hasValue()', false],
    ['format.named("nope").hasValue()', false],
    ['format.date().validate("2024-02-30").hasValue()', true],
    ['format.datetime().validate("2024-02-03T10:00:00Z").hasValue()', false],
    ['format.byte().validate("aGVsbG8=").hasValue()', false],
    ['format.uri().validate("https://example.com/a?b=c").hasValue()', false],
    ['format.uri().validate("not a uri").hasValue()', true],
    ['format.dns1123Label().validate("x_y").value()[0].startsWith("a lowercase RFC 1123 label")', true],
  ],
  [],
);

table(
  'sets extension',
  [
    ['sets.contains([1, 2, 3], [3, 1])', true],
    ['sets.contains([1, 2], [4])', false],
    ['sets.contains(["a"], [])', true],
    ['sets.equivalent([1, 2, 1], [2, 1])', true],
    ['sets.equivalent([1, 2], [1])', false],
    ['sets.intersects([1, 2], [9, 2])', true],
    ['sets.intersects([], [1])', false],
  ],
  [],
);

describe('regex errors', () => {
  it('rejects lookaround in a literal at compile time with its position', () => {
    assert.throws(
      () => compileCel('"abc".matches(\n  "a(?=b)")'),
      (err: Error) => err instanceof CelCompileError && /invalid or unsupported Perl syntax: `\(\?=`/.test(err.message) && err.line === 2 && err.column === 3,
    );
  });
  it('rejects backreferences in find/findAll literals', () => {
    assert.throws(() => compileCel('"aa".find("(a)\\\\1")'), /invalid escape sequence: `\\1`/);
    assert.throws(() => compileCel('"aa".findAll("(a)\\\\1", 2)'), /invalid escape sequence: `\\1`/);
  });
  it('rejects lookaround from data at run time', () => {
    assert.throws(
      () => compileCel('"abc".matches(object.re)').run({ object: toCelValue({ re: '(?<!x)a' }) }, new CostTracker()),
      (err: Error) => err instanceof CelEvaluationError && /error parsing regexp: invalid named capture/.test(err.message),
    );
  });
  it('gives RE2 answers where JavaScript syntax would differ', () => {
    const m = (s: string, re: string) => compileCel('object.s.matches(object.re)').run({ object: toCelValue({ s, re }) }, new CostTracker());
    const cases: [string, string, boolean][] = [
      [':]', '^[[:alpha:]]$', false], // a POSIX class, not a class containing ':' and ']'
      ['a', '^[[:alpha:]]$', true],
      ['x', '^[[:xdigit:]]$', false],
      ['\u00e9', '^\\pL$', true], // single-letter Unicode class
      ['\u00e9', '^\\p{L}$', true],
      ['\u03a9', '^\\p{Greek}$', true], // RE2 script names
      ['a', '^\\PL$', false],
      ['\ud83d\ude00', '^.$', true], // one code point
      ['\u00a0', '^\\s$', false], // RE2 \\s is ASCII only
      ['\u00a0', '^\\S$', true],
      ['\u00a0', '^[\\s\\S]$', true],
      ['a.b', '^\\Qa.b\\E$', true], // quoted literal
      ['axb', '^\\Qa.b\\E$', false],
      ['a-b', '^a\\-b$', true], // RE2 lets any punctuation be escaped
      ['{a}', '^{a}$', true], // a brace that is no repetition is literal
      ['aa', '^a{2}$', true],
      ['X', '(?i)x', true],
    ];
    for (const [s, re, expected] of cases) assert.equal(m(JSON.parse(`"${s}"`), re.replace(/\\\\/g, '\\')), expected, `${s} ~ ${re}`);
  });
  it('supports all of RE2: flag groups, negated POSIX classes, ungreedy', () => {
    const f = (s: string, re: string) => compileCel('object.s.find(object.re)').run({ object: toCelValue({ s, re }) }, new CostTracker());
    assert.equal(f('aX', 'a(?i:x)'), 'aX');
    assert.equal(f('ab1', '[[:^alpha:]]'), '1');
    assert.equal(f('aaa', '(?U)a+'), 'a');
    assert.equal(f('aaa', 'a+'), 'aaa');
  });
  it('runs in time linear in the input, as Go\'s RE2 does (no catastrophic backtracking)', () => {
    // A backtracking engine takes about 2^n steps here: minutes for these 30 characters.
    const evil = `${'a'.repeat(30)}!`;
    const started = performance.now();
    const program = compileCel('object.s.matches(object.re) || size(object.s.findAll(object.re)) > 0 || object.s.find(object.re) != ""');
    for (const re of ['^(a+)+$', '^([a-z0-9]+-?)+$', '(a|aa)+$', '^(a*)*b$']) {
      assert.equal(program.run({ object: toCelValue({ s: evil, re }) }, new CostTracker()), false, re);
    }
    assert.ok(performance.now() - started < 2_000, `${(performance.now() - started).toFixed(0)} ms`);
  });
  it('allows a literal ( inside a class and escaped parens', () => {
    assert.equal(run('"(?=".matches("[(][?]=")'), true);
    assert.equal(run('"(?=x".matches("\\\\(\\\\?=")'), true);
  });
});

table(
  'strings extension',
  [
    ['"hello".charAt(1)', 'e'],
    ['"hello".charAt(5)', ''],
    ['"héllo".charAt(1)', 'é'],
    ['"hello".indexOf("l")', 2],
    ['"hello".lastIndexOf("l")', 3],
    ['"HeLLo".lowerAscii()', 'hello'],
    ['"HeLLo".upperAscii()', 'HELLO'],
    ['"ÀB".lowerAscii()', 'Àb'],
    ['"aaa".replace("a", "b")', 'bbb'],
    ['"aaa".replace("a", "b", 2)', 'bba'],
    ['"aaa".replace("a", "b", 0)', 'aaa'],
    ['"abc".replace("", "-")', '-a-b-c-'],
    ['"a,b,c".split(",")', ['a', 'b', 'c']],
    ['"a,b,c".split(",", 2)', ['a', 'b,c']],
    ['"hello".substring(1, 3)', 'el'],
    ['"  x  ".trim()', 'x'],
    ['["a", "b"].join("-")', 'a-b'],
    ['strings.quote("a\\nb\\"c\\\\")', '"a\\nb\\"c\\\\"'],
    ['"%s is %d years".format(["Ann", 42])', 'Ann is 42 years'],
    ['"%.2f|%f".format([3.14159, 1.0])', '3.14|1.000000'],
    ['"%e".format([1234.5678])', '1.234568\u202f\u00d7\u202f10\u2070\u00b3'],
    ['"%.1e".format([0.00012])', '1.2\u202f\u00d7\u202f10\u207b\u2070\u2074'],
    ['"%x %X %o %b".format([255, 255, 8, 5])', 'ff FF 10 101'],
    ['"%x".format(["hi"])', '6869'],
    ['"%s %s %s".format([[1, 2], true, null])', '[1, 2] true null'],
    ['"100%%".format([])', '100%'],
  ],
  [
    ['"hello".charAt(6)', 'index out of range'],
    ['"%d".format(["x"])', 'decimal clause can only be used on integers'],
    ['"%d %d".format([1])', 'out of range'],
    ['"%q".format([1])', 'unrecognized formatting clause'],
    ['"%f".format(["x"])', 'fixed-point clause'],
  ],
);

table(
  'lists',
  [
    ['[1, 2, 3].isSorted()', true],
    ['["b", "a"].isSorted()', false],
    ['[1, 2, 3].sum()', 6],
    ['[1.5, 2.5].sum()', 4],
    ['object.empty.sum()', 0],
    ['[3, 1, 2].min()', 1],
    ['["b", "c", "a"].max()', 'c'],
    ['[1, 2, 1].indexOf(1)', 0],
    ['[1, 2, 1].lastIndexOf(1)', 2],
    ['[1, 2, 1].indexOf(5)', -1],
    ['[1, 2, 3, 4].slice(1, 3)', [2, 3]],
    ['[[dyn(1)], [dyn(2), dyn([3])]].flatten()', [1, 2, [3]]],
    ['[[dyn(1)], [dyn(2), dyn([3])]].flatten(2)', [1, 2, 3]],
    ['[1, 2, 1, 3].distinct()', [1, 2, 3]],
    ['[1, 2, 3].reverse()', [3, 2, 1]],
    ['[3, 1, 2].sort()', [1, 2, 3]],
    ['lists.range(3)', [0, 1, 2]],
    ['[1, 2, 3].map(x, x * 2).filter(x, x > 2)', [4, 6]],
    ['[1, 2, 3].exists_one(x, x == 2)', true],
    ['cel.bind(xs, [1, 2], xs.size() == 2)', true],
  ],
  [
    ['object.empty.min()', 'min called on empty list'],
    ['object.empty.max()', 'max called on empty list'],
    ['[1, 2].slice(1, 5)', 'cannot slice'],
    ['[1, 2].slice(2, 1)', 'cannot slice'],
    ['[dyn([1]), dyn(2)].flatten(-1)', 'level must be non-negative'],
  ],
);

describe('lists from data', () => {
  it('evaluates the lists library on JSON lists', () => {
    assert.equal(run('object.xs.sum() == 6 && object.xs.min() == 1 && object.xs.isSorted()', { xs: [1, 2, 3] }), true);
    assert.equal(fromCelValue(run('object.empty.sum()', { empty: [] })), 0);
    assert.throws(() => run('object.empty.min()', { empty: [] }), /min called on empty list/);
  });
});

table(
  'optional types',
  [
    ['optional.of(1).hasValue()', true],
    ['optional.none().hasValue()', false],
    ['optional.ofNonZeroValue("").hasValue()', false],
    ['optional.ofNonZeroValue([]).hasValue()', false],
    ['optional.ofNonZeroValue(0).orValue(7)', 7],
    ['optional.ofNonZeroValue("x").value()', 'x'],
    ['optional.none().or(optional.of(2)).value()', 2],
    ['{"a": 1}.?b.orValue(3)', 3],
    ['{"a": 1}[?"a"].orValue(3)', 1],
  ],
  [['optional.none().value()', 'not present']],
);

// ───── cases from the upstream test tables (cel-go ext/strings_test.go, ext/formatting_test.go,
// cel/validator.go; k8s.io/apiserver/pkg/cel/library/semver_test.go), where we answered differently ─────

table(
  'upstream: cel-go strings extension',
  [
    ['"\\u0085\\u00a0\\u1680text".trim() == "text"', true], // Go unicode.IsSpace, not JavaScript's trim
    ['"\\u180etext\\u200b\\u200c\\u200d\\u2060\\ufeff".trim() == "\\u180etext\\u200b\\u200c\\u200d\\u2060\\ufeff"', true],
    ["'ta©o©αT'.lastIndexOf('©α', 4) == 4", true],
    ["'tacocat'.indexOf('', 3) == 3", true],
    ['strings.quote("\\x01") == "\\"\\x01\\""', true], // only the CEL escapes; other control characters stay
  ],
  [
    ["'tacocat'.lastIndexOf('a', -1)", 'index out of range: -1'],
    ["'tacocat'.indexOf('a', -1)", 'index out of range: -1'],
    ['"tacocat".substring(40)', 'index out of range: 40'],
    ['"tacocat".substring(1, 50)', 'index out of range: 50'],
    ['"tacocat".substring(4, 3)', 'invalid substring range. start: 4, end: 3'],
  ],
);

table(
  'upstream: cel-go format (strings extension version 2)',
  [
    ['"%s".format([[2.71]])', '[2.710000]'],
    ['"%s".format([0.000000002])', '2e-09'],
    ['"%s".format([1234567.0])', '1.234567e+06'],
    ['"%s".format([double("-Inf")])', '-Inf'],
    ['"%s".format([["abc", 3.14, null, [9, 8, 7, 6], timestamp("2023-02-03T23:31:20Z")]])', '["abc", 3.140000, null, [9, 8, 7, 6], timestamp("2023-02-03T23:31:20Z")]'],
    ['"%s".format([{"key1": b"xyz", "key5": null, "key2": duration("2h"), "key4": true, "key3": 2.71828}])', '{"key1":b"xyz", "key2":duration("7200s"), "key3":2.718280, "key4":true, "key5":null}'],
    ['"type is %s".format([type("test string")])', 'type is string'],
    ['"%f".format(["-Infinity"])', '-\u221e'],
    ['"%.6e".format([1052.032911275])', '1.052033\u202f\u00d7\u202f10\u2070\u00b3'],
  ],
  [
    ['"double is %f".format([1])', 'fixed-point clause can only be used on doubles, was given int'],
    ['"null: %x".format([null])', 'only integers, byte buffers, and strings can be formatted as hex, was given null_type'],
    ['"%a".format([1])', 'could not parse formatting clause: unrecognized formatting clause "a"'],
    ['"%d %d %d".format([0, 1])', 'index 2 out of range'],
    ['"filler %".format([])', 'unexpected end of string'],
  ],
);

table(
  'upstream: Kubernetes semver (SemverVersion(1), 1.33+)',
  [
    ['isSemver("v1.0.0", true)', true],
    ['isSemver("01.01.01", true)', true],
    ['isSemver("1.1", true)', true],
    ['isSemver(" 1.0.0", true)', false],
    ['semver("v01.01", true) == semver("1.1.0")', true],
    ['isSemver("99999999999999999999.0.0")', false], // beyond uint64
    ['isSemver("1.0.0-01")', false],
  ],
  [
    ['semver("v1.0")', 'No Major.Minor.Patch elements found'],
    ['semver("1.0-rc1", true)', 'short version cannot contain PreRelease/Build meta data'],
    ['semver("01.2.3")', 'Major number must not contain leading zeroes "01"'],
  ],
);

describe('upstream: homogeneous aggregate literals (cel-go ValidateHomogeneousAggregateLiterals, Kubernetes base env)', () => {
  const rejected: [string, string][] = [
    ['[1, "a"]', "expected type 'int' but found 'string'"],
    ['[1, 2.0]', "expected type 'int' but found 'double'"],
    ['["a", object.name]', "expected type 'string' but found 'dyn'"],
    ['{"a": 1, "b": "x"}', "expected type 'int' but found 'string'"],
    ['[[1], ["a"]]', 'expected type'],
    ['[1, 2].map(y, [y, "a"])', 'expected type'],
    ['"%s".format([size([1, "a"])])', 'expected type'], // the exemption covers format's own arguments only
  ];
  for (const [expr, msg] of rejected) {
    it(`${expr} is a compile error`, () => {
      assert.throws(() => compileCel(expr), (err: Error) => err instanceof CelCompileError && err.message.includes(msg));
    });
  }
  const accepted: Ok[] = [
    ['[dyn(1), dyn("a")].size()', 2],
    ['[[], [1]].size()', 2],
    ['"%s %d".format(["a", 1])', 'a 1'],
    ['"%s".format([{"a": [1, "b"]}])', '{"a":[1, "b"]}'],
  ];
  for (const [expr, want] of accepted) it(`${expr} == ${JSON.stringify(want)}`, () => assert.deepEqual(fromCelValue(run(expr)), want));
});

describe('upstream: strings extension version 2 has no reverse()', () => {
  it('"abc".reverse() is a compile error', () => assert.throws(() => compileCel('"abc".reverse()'), CelCompileError));
});
